/* identity.c - normal forms of slugs, e-mail addresses, names and companies (see identity.h).
 *
 * Names and companies go through utf8proc: decomposition with compatibility mappings, case
 * folding, removal of marks (accents) and default-ignorable characters, then canonical
 * composition (NFKC_Casefold without marks), after which punctuation and symbols are dropped,
 * dashes and white space become single spaces. Pure-ASCII input, by far the most common, takes a
 * fast path that gives the same key without calling utf8proc. Slugs are percent-decoded and case
 * folded (NFC, marks kept: "zoë-brandt" stays distinct from "zoe-brandt", as it is on LinkedIn).
 * Every function is O(length of its input) and allocates only for names longer than 1,024
 * decomposed code points.
 */
#include "engine/identity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define DECOMP_STACK 1024

static bool is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

static unsigned char ascii_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Appends one space to out (of *n bytes used) unless it is empty or already ends with one. */
static void put_space(char *out, size_t *n)
{
	if (*n > 0 && out[*n - 1] != ' ' && *n < WP_KEY_LEN - 1)
		out[(*n)++] = ' ';
}

static void trim_trailing_space(char *out, size_t *n)
{
	while (*n > 0 && out[*n - 1] == ' ')
		(*n)--;
	out[*n] = '\0';
}

/* The ASCII name key: letters and digits lower-cased, dashes and white space as single spaces,
 * everything else dropped. Matches the utf8proc path for ASCII input. */
static void ascii_key(const char *s, size_t len, char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    (ch >= 'A' && ch <= 'Z')) {
			if (n < WP_KEY_LEN - 1)
				out[n++] = (char)ascii_lower(ch);
		} else if (ch == '-' || is_space(ch)) {
			put_space(out, &n);
		}
	}
	trim_trailing_space(out, &n);
}

/* The Unicode name key (see the file comment). False for invalid UTF-8 or no memory. */
static bool unicode_key(const char *s, size_t len, char *out)
{
	utf8proc_int32_t stack[DECOMP_STACK];
	utf8proc_int32_t *cp = stack;
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
	                               UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
	                               UTF8PROC_STRIPCC;
	bool ok = false;
	utf8proc_ssize_t count = utf8proc_decompose((const utf8proc_uint8_t *)s,
	                                            (utf8proc_ssize_t)len, cp, DECOMP_STACK, opts);
	if (count > DECOMP_STACK) {
		cp = malloc((size_t)count * sizeof(*cp));
		if (cp == NULL)
			goto done;
		count = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp,
		                           count, opts);
	}
	if (count < 0)
		goto done;
	count = utf8proc_normalize_utf32(cp, count, opts);
	if (count < 0)
		goto done;
	size_t n = 0;
	for (utf8proc_ssize_t i = 0; i < count; i++) {
		utf8proc_int32_t c = cp[i];
		utf8proc_category_t cat = utf8proc_category(c);
		switch (cat) {
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL:
		case UTF8PROC_CATEGORY_NO: {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t k = utf8proc_encode_char(c, enc);
			if (n + (size_t)k < WP_KEY_LEN) {
				memcpy(out + n, enc, (size_t)k);
				n += (size_t)k;
			}
			break;
		}
		case UTF8PROC_CATEGORY_PD:
		case UTF8PROC_CATEGORY_ZS:
		case UTF8PROC_CATEGORY_ZL:
		case UTF8PROC_CATEGORY_ZP:
			put_space(out, &n);
			break;
		default:
			break; /* punctuation, symbols, controls, marks: dropped */
		}
	}
	trim_trailing_space(out, &n);
	ok = true;
done:
	if (cp != stack)
		free(cp);
	if (!ok)
		out[0] = '\0';
	return ok;
}

bool wp_identity_name_key(const char *name, char *out)
{
	out[0] = '\0';
	if (name == NULL)
		return true;
	size_t len = strlen(name);
	if (all_ascii(name, len)) {
		ascii_key(name, len, out);
		return true;
	}
	return unicode_key(name, len, out);
}

/* Legal-form words dropped from the end of a company key (after punctuation is dropped, so
 * "S.A." is "sa" and "GmbH & Co. KG" is "gmbh co kg"). */
static const char *const legal_suffixes[] = {
        "inc", "incorporated", "corp", "corporation", "co",     "ltd", "limited", "llc", "llp",
        "lp",  "plc",          "gmbh", "ag",          "kg",     "ug",  "sa",      "sas", "sarl",
        "srl", "spa",          "bv",   "nv",          "pty",    "pvt", "oy",      "ab",  "as",
        "aps", "kk",           "sl",   "sro",         "sp zoo", "zoo", "ltda",    "pte", "se",
};

bool wp_identity_company_key(const char *company, char *out)
{
	if (!wp_identity_name_key(company, out))
		return false;
	size_t n = strlen(out);
	for (;;) {
		/* The last word, if there is an earlier one to keep. */
		char *sp = NULL;
		for (size_t i = n; i > 0; i--)
			if (out[i - 1] == ' ') {
				sp = out + i - 1;
				break;
			}
		if (sp == NULL)
			break;
		const char *word = sp + 1;
		bool legal = false;
		for (size_t i = 0; i < sizeof(legal_suffixes) / sizeof(legal_suffixes[0]); i++)
			if (strcmp(word, legal_suffixes[i]) == 0)
				legal = true;
		if (!legal)
			break;
		n = (size_t)(sp - out);
		out[n] = '\0';
	}
	return true;
}

bool wp_identity_email(const char *s, char *out)
{
	out[0] = '\0';
	if (s == NULL)
		return false;
	while (is_space((unsigned char)*s))
		s++;
	if (strncasecmp(s, "mailto:", 7) == 0)
		s += 7;
	size_t len = strlen(s);
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len >= WP_KEY_LEN)
		return false;
	size_t at = len, ats = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '@') {
			at = i;
			ats++;
		} else if (is_space(ch) || ch < 0x20 || ch == ',' || ch == ';' || ch == '<' ||
		           ch == '>' || ch == '"') {
			return false;
		}
	}
	if (ats != 1 || at == 0 || at + 1 >= len)
		return false;
	const char *domain = s + at + 1;
	size_t dlen = len - at - 1;
	const char *dot = memchr(domain, '.', dlen);
	if (dot == NULL || domain[0] == '.' || domain[dlen - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)ascii_lower((unsigned char)s[i]);
	out[len] = '\0';
	return true;
}

bool wp_identity_never_merge(const char *full_name)
{
	char key[WP_KEY_LEN];
	/* Fast path: an ASCII letter or digit that none of the marker names holds survives any
	 * normalisation, so the name cannot be one of them. */
	for (const char *p = full_name; p != NULL && *p; p++) {
		unsigned char ch = ascii_lower((unsigned char)*p);
		if (((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) &&
		    strchr("linkedmbrpvat", ch) == NULL)
			return false;
	}
	if (!wp_identity_name_key(full_name, key))
		return true;
	return key[0] == '\0' || strcmp(key, "linkedin member") == 0 ||
	       strcmp(key, "private") == 0 || strcmp(key, "private private") == 0;
}

static int hex_value(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Length of the path segment at s (up to '/', '?', '#', white space or the end). */
static size_t segment_len(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '/' && s[n] != '?' && s[n] != '#' && !is_space((unsigned char)s[n]))
		n++;
	return n;
}

/* Percent-decodes s[0..len) onto out (of *n used bytes); false if it does not fit. A '%' not
 * followed by two hex digits is kept as it is. */
static bool decode_append(const char *s, size_t len, char *out, size_t *n)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '%' && i + 2 < len) {
			int hi = hex_value((unsigned char)s[i + 1]);
			int lo = hex_value((unsigned char)s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				ch = (unsigned char)(hi * 16 + lo);
				i += 2;
			}
		}
		if (*n + 1 >= WP_KEY_LEN)
			return false;
		out[(*n)++] = (char)ch;
	}
	out[*n] = '\0';
	return true;
}

/* Case-folds the decoded slug in place: ASCII directly, anything else through utf8proc (NFC,
 * case folded). False if it is not valid UTF-8, holds a control character or space, or does not
 * fit. */
static bool fold_slug(char *slug)
{
	size_t len = strlen(slug);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)slug[i];
		if (ch <= 0x20 || ch == 0x7f || ch == '/')
			return false;
	}
	if (all_ascii(slug, len)) {
		for (size_t i = 0; i < len; i++)
			slug[i] = (char)ascii_lower((unsigned char)slug[i]);
		return true;
	}
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t k =
	        utf8proc_map((const utf8proc_uint8_t *)slug, (utf8proc_ssize_t)len, &folded,
	                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	bool ok = k > 0 && (size_t)k < WP_KEY_LEN;
	if (ok)
		memcpy(slug, folded, (size_t)k + 1);
	free(folded);
	return ok;
}

bool wp_identity_slug(const char *url, char *out)
{
	out[0] = '\0';
	if (url == NULL)
		return false;
	const char *s = url;
	while (is_space((unsigned char)*s))
		s++;
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		s += 7;
	else if (strncmp(s, "//", 2) == 0)
		s += 2;
	/* The host: linkedin.com or any subdomain of it (www., de., mobile.). */
	size_t host = 0;
	while (s[host] && s[host] != '/' && s[host] != '?' && s[host] != '#')
		host++;
	size_t hlen = host;
	const char *colon = memchr(s, ':', host);
	if (colon != NULL)
		hlen = (size_t)(colon - s); /* a port */
	static const char domain[] = "linkedin.com";
	const size_t dlen = sizeof(domain) - 1;
	if (hlen < dlen || strncasecmp(s + hlen - dlen, domain, dlen) != 0 ||
	    (hlen > dlen && s[hlen - dlen - 1] != '.'))
		return false;
	const char *path = s + host;
	size_t n = 0;
	if (strncasecmp(path, "/in/", 4) == 0) {
		const char *seg = path + 4;
		size_t len = segment_len(seg);
		if (len == 0 || !decode_append(seg, len, out, &n))
			goto bad;
	} else if (strncasecmp(path, "/pub/", 5) == 0) {
		/* Legacy public URLs: /pub/<name>/<a>/<b>/<c> redirect to /in/<name>-<c><b><a>,
		 * with <b> and <c> zero-padded to three characters. */
		const char *seg = path + 5;
		size_t len = segment_len(seg);
		if (len == 0 || !decode_append(seg, len, out, &n))
			goto bad;
		const char *parts[3];
		size_t lens[3];
		const char *p = seg + len;
		int k = 0;
		while (k < 3 && *p == '/') {
			size_t l = segment_len(p + 1);
			if (l == 0)
				break;
			parts[k] = p + 1;
			lens[k] = l;
			p = p + 1 + l;
			k++;
		}
		if (k == 3) {
			if (n + 1 + lens[2] + 3 + lens[0] + 3 >= WP_KEY_LEN || lens[1] > 3 ||
			    lens[2] > 3)
				goto bad;
			out[n++] = '-';
			for (size_t z = lens[2]; z < 3; z++)
				out[n++] = '0';
			memcpy(out + n, parts[2], lens[2]);
			n += lens[2];
			for (size_t z = lens[1]; z < 3; z++)
				out[n++] = '0';
			memcpy(out + n, parts[1], lens[1]);
			n += lens[1];
			memcpy(out + n, parts[0], lens[0]);
			n += lens[0];
			out[n] = '\0';
		}
	} else {
		return false;
	}
	if (!fold_slug(out))
		goto bad;
	return true;
bad:
	out[0] = '\0';
	return false;
}
