/* test_identity.c - normal forms of LinkedIn slugs, e-mail addresses, names and companies. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "engine/identity.h"

/* Parameters hold their strings inline: the worker is a re-executed binary. */
typedef struct known {
	char in[128];
	bool ok;
	char out[128];
} known;

ParameterizedTestParameters(identity, slug)
{
	static known cases[] = {
	        {"https://www.linkedin.com/in/Zo%C3%AB-Brandt/?trk=x", true, "zo\xc3\xab-brandt"},
	        {"www.linkedin.com/in/zo\xc3\xab-brandt", true, "zo\xc3\xab-brandt"},
	        {"https://www.linkedin.com/in/ZO%C3%8B-BRANDT", true, "zo\xc3\xab-brandt"},
	        /* decomposed e + U+0308 composes to the same slug */
	        {"https://www.linkedin.com/in/zoe%CC%88-brandt", true, "zo\xc3\xab-brandt"},
	        {"http://linkedin.com/in/JaneDoe", true, "janedoe"},
	        {"HTTPS://WWW.LINKEDIN.COM/IN/Abc-123?x=1#top", true, "abc-123"},
	        {"  https://de.linkedin.com/in/max-muster/  ", true, "max-muster"},
	        {"linkedin.com/in/x/", true, "x"},
	        {"//www.linkedin.com/in/y", true, "y"},
	        {"https://www.linkedin.com/in/jane-doe/details/experience/", true, "jane-doe"},
	        {"https://www.linkedin.com:443/in/port", true, "port"},
	        {"https://www.linkedin.com/in/a%2", true, "a%2"},
	        {"https://www.linkedin.com/pub/john-doe/5/b3a/401", true, "john-doe-401b3a5"},
	        {"http://uk.linkedin.com/pub/Jane-Roe/1a/2b/3c", true, "jane-roe-03c02b1a"},
	        {"https://www.linkedin.com/pub/jane-roe", true, "jane-roe"},
	        {"https://www.linkedin.com/company/stripe", false, ""},
	        {"https://www.linkedin.com/in/", false, ""},
	        {"https://notlinkedin.com/in/x", false, ""},
	        {"https://www.linkedin.com.evil.example/in/x", false, ""},
	        {"https://www.linkedin.com/in/%FF%FE", false, ""},
	        {"https://www.linkedin.com/in/john%20doe", false, ""},
	        {"https://www.linkedin.com/profile/view?id=123", false, ""},
	        {"jane doe", false, ""},
	        {"", false, ""},
	};
	return cr_make_param_array(known, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known *k, identity, slug)
{
	char out[WP_KEY_LEN] = "junk";
	cr_assert(eq(int, wp_identity_slug(k->in, out), k->ok), "%s", k->in);
	cr_assert(eq(str, out, k->out), "%s", k->in);
}

ParameterizedTestParameters(identity, name_key)
{
	static known cases[] = {
	        {"Zo\xc3\xab Brandt", true, "zoe brandt"},
	        {"ZOE  BRANDT", true, "zoe brandt"},
	        {"  Zoe\tBrandt ", true, "zoe brandt"},
	        {"Jean-Luc Picard", true, "jean luc picard"},
	        {"O'Brien", true, "obrien"},
	        {"Dr. J. Smith, PhD", true, "dr j smith phd"},
	        {"\xef\xbc\xaa\xef\xbd\x81\xef\xbd\x8e\xef\xbd\x85", true, "jane"}, /* fullwidth */
	        {"M\xc3\xbcller", true, "muller"},
	        {"Stra\xc3\x9f"
	         "e",
	         true, "strasse"},
	        {"\xc5\x81ukasz", true, "\xc5\x82ukasz"}, /* Ł has no decomposition: folded only */
	        {"Jane Doe \xf0\x9f\x9a\x80", true, "jane doe"},
	        {"Fran\xc3\xa7ois\xe2\x80\x94Xavier", true, "francois xavier"}, /* em dash */
	        {"\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", true,
	         "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d"},
	        {"", true, ""},
	        {"...", true, ""},
	        {"\xff"
	         "abc",
	         false, ""},
	};
	return cr_make_param_array(known, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known *k, identity, name_key)
{
	char out[WP_KEY_LEN] = "junk";
	cr_assert(eq(int, wp_identity_name_key(k->in, out), k->ok), "%s", k->in);
	cr_assert(eq(str, out, k->out), "%s", k->in);
}

ParameterizedTestParameters(identity, company_key)
{
	static known cases[] = {
	        {"Stripe, Inc.", true, "stripe"},
	        {"stripe", true, "stripe"},
	        {"Acme GmbH & Co. KG", true, "acme"},
	        {"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.", true, "societe generale"},
	        {"Globex Ltd", true, "globex"},
	        {"Initech LLC", true, "initech"},
	        {"Hooli plc", true, "hooli"},
	        {"AG", true, "ag"},
	        {"Co Co", true, "co"},
	        {"The Walt Disney Company", true, "the walt disney company"},
	        {"", true, ""},
	};
	return cr_make_param_array(known, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known *k, identity, company_key)
{
	char out[WP_KEY_LEN] = "junk";
	cr_assert(eq(int, wp_identity_company_key(k->in, out), k->ok), "%s", k->in);
	cr_assert(eq(str, out, k->out), "%s", k->in);
}

ParameterizedTestParameters(identity, email)
{
	static known cases[] = {
	        {" Jane.Doe@Example.COM ", true, "jane.doe@example.com"},
	        {"mailto:a@b.co", true, "a@b.co"},
	        {"first+tag@sub.example.org", true, "first+tag@sub.example.org"},
	        {"not an email", false, ""},
	        {"a@b", false, ""},
	        {"a@@b.com", false, ""},
	        {"@b.com", false, ""},
	        {"a@.com", false, ""},
	        {"a@b.com.", false, ""},
	        {"a b@c.com", false, ""},
	        {"a@b.com, c@d.com", false, ""},
	        {"", false, ""},
	};
	return cr_make_param_array(known, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known *k, identity, email)
{
	char out[WP_KEY_LEN] = "junk";
	cr_assert(eq(int, wp_identity_email(k->in, out), k->ok), "%s", k->in);
	cr_assert(eq(str, out, k->out), "%s", k->in);
}

Test(identity, never_merge_marks_deleted_private_and_empty_names)
{
	cr_assert(wp_identity_never_merge("LinkedIn Member"));
	cr_assert(wp_identity_never_merge("  linkedin  MEMBER "));
	cr_assert(wp_identity_never_merge(""));
	cr_assert(wp_identity_never_merge(" - "));
	cr_assert(wp_identity_never_merge("private"));
	cr_assert(wp_identity_never_merge("Private Private"));
	cr_assert(wp_identity_never_merge("\xff"));
	cr_assert(not(wp_identity_never_merge("Jane Doe")));
	cr_assert(not(wp_identity_never_merge("LinkedIn Member Services")));
}

Test(identity, ascii_and_unicode_paths_agree)
{
	/* The same ASCII text with one accented letter appended goes through utf8proc: the ASCII
	 * part of the key must be identical. */
	const char *ascii = "  Mary-Jane   O'Neil, Jr. (MBA) #1_x";
	char a[WP_KEY_LEN], u[WP_KEY_LEN], with[256];
	snprintf(with, sizeof(with), "%s\xc3\xa9", ascii);
	cr_assert(wp_identity_name_key(ascii, a));
	cr_assert(wp_identity_name_key(with, u));
	cr_assert(eq(str, a, "mary jane oneil jr mba 1x"));
	cr_assert(eq(str, u, "mary jane oneil jr mba 1xe"));
}

Test(identity, long_names_are_truncated_not_overflowed)
{
	char name[4000], out[WP_KEY_LEN];
	for (size_t i = 0; i + 2 < sizeof(name); i += 2)
		memcpy(name + i, "\xc3\xa9", 2); /* é, decomposes to two code points */
	name[sizeof(name) - 2] = '\0';
	cr_assert(wp_identity_name_key(name, out));
	cr_assert(eq(sz, strlen(out), WP_KEY_LEN - 1));
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	cr_assert(wp_identity_name_key(name, out));
	cr_assert(eq(sz, strlen(out), WP_KEY_LEN - 1));
}
