/* vcard.c - vCard 2.1, 3.0 and 4.0 address books, streamed card by card (see addressbook.h).
 *
 * Physical lines are read one at a time (LF or CRLF) and assembled into logical properties:
 * a line starting with a space or tab continues the previous one (RFC 2425 unfolding: the line
 * break and that one character vanish); in a quoted-printable value (2.1, and 3.0 files written
 * by 2.1 code) a line ending in '=' is a soft break and the next line continues it whatever it
 * starts with; after a 2.1 BASE64 property, lines without a ':' are more of the blob (some
 * writers do not indent them) until a blank line. Only the properties the batch needs are kept
 * while they are assembled; every other one (PHOTO, NOTE, TEL, ...) is read past without being
 * stored, so a card with a large photo costs no memory beyond the current physical line.
 *
 * A complete property is parsed as [group.]NAME*(;PARAM):value, then decoded in this order:
 * quoted-printable bytes, the CHARSET (iconv; see addressbook_internal.h), components split on
 * unescaped ';' (N, ORG), escapes undone (3.0/4.0: \, \; \\ \n \N \:; 2.1 has only \;). Cards
 * are turned into people at END:VCARD; RELATED values are resolved against the whole file at the
 * end, through sorted key tables, in O(cards log cards + relations log cards).
 */
#include "importers/addressbook.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/identity.h"
#include "engine/strtab.h"
#include "importers/addressbook_internal.h"

#define READ_BLOCK (1u << 16)
#define NAME_LEN 64  /* longest property name kept (longer ones are not ours) */
#define PARAM_LEN 64 /* longest parameter value examined */
#define NONE SIZE_MAX
#define OUTSIDE "text outside a vCard (no BEGIN:VCARD before it); ignored"
#define NO_PERSON "card has no name, e-mail address or LinkedIn URL; skipped"

/* ---- physical lines ---- */

typedef struct reader {
	wp_source *src;
	char *buf;
	size_t len, pos, cap;
	bool eof, started;
	uint64_t line; /* number of the line last returned */
} reader;

/* The next physical line without its LF or CRLF in *s, *n; *got is false at the end. Valid until
 * the next call. */
static wp_status next_line(reader *r, const char **s, size_t *n, bool *got, char *err)
{
	wp_status st = WP_OK;
	*got = false;
	for (;;) {
		char *start = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		char *nl = avail ? memchr(start, '\n', avail) : NULL;
		size_t take = nl ? (size_t)(nl - start) : avail;
		if (take > WP_VCARD_MAX_LINE)
			WP_FAIL(WP_ELIMIT, "%s:%llu: line longer than %u bytes", r->src->name,
			        (unsigned long long)r->line + 1, WP_VCARD_MAX_LINE);
		if (nl != NULL || (r->eof && avail > 0)) {
			r->pos += take + (nl != NULL);
			if (take > 0 && start[take - 1] == '\r')
				take--;
			*s = start;
			*n = take;
			*got = true;
			r->line++;
			return WP_OK;
		}
		if (r->eof)
			return WP_OK;
		memmove(r->buf, start, avail);
		r->len = avail;
		r->pos = 0;
		if (r->cap - r->len < READ_BLOCK) {
			size_t cap = r->cap ? r->cap * 2 : (size_t)4 * READ_BLOCK;
			char *b = realloc(r->buf, cap);
			if (b == NULL)
				WP_FAIL(WP_ENOMEM, "%s: cannot grow the line buffer to %zu bytes",
				        r->src->name, cap);
			r->buf = b;
			r->cap = cap;
		}
		size_t got_bytes = 0;
		WP_TRY(wp_source_read(r->src, r->buf + r->len, r->cap - r->len, &got_bytes, err));
		if (!r->started) {
			r->started = true;
			const unsigned char *u = (const unsigned char *)r->buf;
			if (got_bytes >= 2 &&
			    ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
				WP_FAIL(WP_EINPUT,
				        "%s:1: the file is UTF-16; save it as UTF-8 and "
				        "import it again",
				        r->src->name);
			if (got_bytes >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
				memmove(r->buf, r->buf + 3, got_bytes - 3);
				got_bytes -= 3;
			}
		}
		r->len += got_bytes;
		if (got_bytes == 0)
			r->eof = true;
	}
fail:
	return st;
}

/* ---- property syntax ---- */

typedef struct prop {
	char name[NAME_LEN]; /* upper-cased, without the group; "" if too long or missing */
	const char *params;  /* after the name, up to the value's ':' (may be empty) */
	size_t params_len;
	const char *value; /* after the ':' */
	size_t value_len;
} prop;

static bool name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_';
}

/* Splits s[0..n) into name, parameters and value; false if there is no ':' after the name. */
static bool parse_prop(const char *s, size_t n, prop *p)
{
	size_t i = 0, start = 0;
	memset(p, 0, sizeof(*p));
	for (;;) {
		while (i < n && name_char(s[i]))
			i++;
		if (i < n && s[i] == '.' && i > start) { /* a group: the name follows */
			start = ++i;
			continue;
		}
		break;
	}
	size_t len = i - start;
	if (len > 0 && len < NAME_LEN) {
		for (size_t k = 0; k < len; k++) {
			char ch = s[start + k];
			p->name[k] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
		}
		p->name[len] = '\0';
	}
	if (len == 0 || i == n || (s[i] != ';' && s[i] != ':'))
		return false;
	bool quoted = false;
	size_t params = i;
	for (; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ':' && !quoted)
			break;
	}
	if (i == n)
		return false;
	p->params = s + params;
	p->params_len = i - params;
	p->value = s + i + 1;
	p->value_len = n - i - 1;
	return true;
}

/* Calls each parameter of p: name (empty for a bare 2.1 parameter such as ";PREF") and value
 * (quotes removed). Stops when fn returns true, and returns that. */
typedef bool (*param_fn)(const char *name, size_t name_len, const char *value, size_t value_len,
                         void *ctx);

static bool each_param(const prop *p, param_fn fn, void *ctx)
{
	const char *s = p->params, *end = p->params + p->params_len;
	while (s < end) {
		if (*s == ';') {
			s++;
			continue;
		}
		const char *q = s;
		bool quoted = false;
		while (q < end && (quoted || *q != ';')) {
			if (*q == '"')
				quoted = !quoted;
			q++;
		}
		const char *eq = memchr(s, '=', (size_t)(q - s));
		const char *name = s, *value = s;
		size_t name_len = 0, value_len = (size_t)(q - s);
		if (eq != NULL) {
			name_len = (size_t)(eq - s);
			value = eq + 1;
			value_len = (size_t)(q - value);
		}
		if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
			value++;
			value_len -= 2;
		}
		if (fn(name, name_len, value, value_len, ctx))
			return true;
		s = q;
	}
	return false;
}

static bool word_eq(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* What a search for a parameter looks for, and what it found. */
typedef struct param_query {
	const char *name;  /* parameter name; NULL = TYPE and bare parameters */
	const char *token; /* a value among the comma-separated ones; NULL = any */
	char found[PARAM_LEN];
} param_query;

static bool match_param(const char *name, size_t name_len, const char *value, size_t value_len,
                        void *ctx)
{
	param_query *q = ctx;
	const char *want = q->name ? q->name : "TYPE";
	if (!(word_eq(name, name_len, want) || (q->name == NULL && name_len == 0)))
		return false;
	const char *s = value, *end = value + value_len;
	while (s <= end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *stop = comma ? comma : end;
		size_t len = (size_t)(stop - s);
		if (q->token == NULL || word_eq(s, len, q->token)) {
			if (len >= PARAM_LEN)
				len = PARAM_LEN - 1;
			memcpy(q->found, s, len);
			q->found[len] = '\0';
			return true;
		}
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	return false;
}

/* Whether p has parameter `name` (NULL: TYPE or a bare parameter) with value `token` (NULL: any
 * value, copied into found if it fits). */
static bool has_param(const prop *p, const char *name, const char *token, char *found)
{
	param_query q = {.name = name, .token = token};
	bool hit = each_param(p, match_param, &q);
	if (found != NULL)
		memcpy(found, q.found, PARAM_LEN);
	return hit;
}

static bool is_qp(const prop *p)
{
	return has_param(p, "ENCODING", "QUOTED-PRINTABLE", NULL) ||
	       has_param(p, NULL, "QUOTED-PRINTABLE", NULL);
}

static bool is_base64(const prop *p)
{
	return has_param(p, "ENCODING", "BASE64", NULL) || has_param(p, "ENCODING", "B", NULL) ||
	       has_param(p, NULL, "BASE64", NULL);
}

/* The properties a card's person is made of; all others are skipped unread. */
static bool wanted(const char *name)
{
	static const char *const names[] = {
	        "BEGIN",      "END",     "VERSION",          "FN",   "N",          "EMAIL", "ORG",
	        "TITLE",      "URL",     "X-SOCIALPROFILE",  "IMPP", "X-LINKEDIN", "UID",   "KIND",
	        "X-ABSHOWAS", "RELATED", "X-ABRELATEDNAMES", "AGENT"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* ---- values ---- */

static int hex(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decodes quoted-printable s[0..n) in place (soft breaks were removed while lines were joined);
 * returns the new length. An '=' not followed by two hex digits stays as it is. */
static size_t qp_decode(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			s[o++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

/* The end of the component starting at s (the next unescaped ';', or the end). */
static const char *component_end(const char *s)
{
	while (*s && *s != ';') {
		if (*s == '\\' && s[1] != '\0')
			s++;
		s++;
	}
	return s;
}

/* Copies s[0..n) to out undoing escapes (version 21: only "\;"), with line breaks and, if
 * comma_space, unescaped commas (lists within an N component) made spaces. out holds n + 1. */
static void unescape(const char *s, size_t n, int version, bool comma_space, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '\\' && i + 1 < n) {
			char next = s[i + 1];
			if (version == 21) {
				if (next == ';') {
					out[o++] = ';';
					i++;
					continue;
				}
			} else if (next == 'n' || next == 'N') {
				out[o++] = ' ';
				i++;
				continue;
			} else if (next == ',' || next == ';' || next == '\\' || next == ':') {
				out[o++] = next;
				i++;
				continue;
			}
		}
		if (ch == '\n' || ch == '\r' || ch == '\t' || (ch == ',' && comma_space))
			ch = ' ';
		out[o++] = ch;
	}
	out[o] = '\0';
}

/* ---- cards ---- */

enum field { F_FN, F_GIVEN, F_FAMILY, F_EMAIL, F_ORG, F_TITLE, F_UID, F_COUNT };

typedef struct card {
	bool open;
	uint64_t begin_line;
	uint64_t bytes; /* of the card's lines so far */
	uint32_t props;
	int version;            /* 21, 30 or 40 */
	size_t fields[F_COUNT]; /* offsets into text, or NONE */
	char *text;             /* the fields' strings, NUL-terminated */
	size_t text_len, text_cap;
	bool email_pref;    /* the e-mail kept was marked preferred */
	bool not_person;    /* KIND group/org/location, Apple company card */
	bool agent_pending; /* the last property was an empty 2.1 AGENT */
	uint32_t nested;    /* depth of a nested AGENT card being skipped */
	char slug[WP_KEY_LEN];
	uint32_t related_start; /* this card's first entry in related[] */
} card;

/* A relation named in a card, resolved when the whole file is read. */
typedef struct relation {
	uint32_t from;  /* person index (UINT32_MAX until the card is accepted) */
	uint32_t value; /* string id in keys */
	uint32_t line;
	bool text; /* a name, not a URI */
} relation;

/* Keys of an accepted card's person for resolving relations. */
typedef struct card_key {
	uint32_t person;
	uint32_t uid;  /* string id in keys, or UINT32_MAX */
	uint32_t name; /* same, the name key */
} card_key;

/* A property being assembled from physical lines. */
typedef struct pending {
	bool active;
	bool keep;           /* its text is kept in text[] */
	bool qp;             /* quoted-printable: a trailing '=' continues it on the next line */
	bool soft;           /* the last line ended in '=' */
	char name[NAME_LEN]; /* for messages */
	bool b64;            /* 2.1 BASE64: lines without ':' continue it */
	uint64_t line;
	uint64_t bytes; /* of its physical lines */
	char *text;
	size_t len, cap;
} pending;

typedef struct vreader {
	wp_source *src;
	wp_contacts *c;
	uint32_t file;
	reader r;
	pending p;
	card k;
	wp_strtab keys; /* UIDs, name keys and relation values */
	relation *rel;
	uint32_t rel_count, rel_cap;
	card_key *cards;
	uint32_t cards_count, cards_cap;
} vreader;

static wp_status grow(void **a, uint32_t count, uint32_t *cap, size_t size, char *err)
{
	wp_status st = WP_OK;
	if (count < *cap)
		return WP_OK;
	if (count >= UINT32_MAX / 2)
		WP_FAIL(WP_ELIMIT, "more than %u vCard records", UINT32_MAX / 2);
	uint32_t want = *cap ? *cap * 2 : 64;
	void *b = realloc(*a, (size_t)want * size);
	if (b == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u vCard records", want);
	*a = b;
	*cap = want;
	return WP_OK;
fail:
	return st;
}

static wp_status key_str(vreader *v, const char *s, uint32_t *id, char *err)
{
	*id = v->keys.count;
	return wp_strtab_append(&v->keys, s, strlen(s), err);
}

/* Appends text to the pending property, within WP_VCARD_MAX_PROPERTY. */
static wp_status pending_add(vreader *v, const char *s, size_t n, char *err)
{
	wp_status st = WP_OK;
	pending *p = &v->p;
	if (p->len + n > WP_VCARD_MAX_PROPERTY)
		WP_FAIL(WP_ELIMIT, "%s:%llu: %s property longer than %u bytes", v->src->name,
		        (unsigned long long)p->line, p->name[0] ? p->name : "a",
		        WP_VCARD_MAX_PROPERTY);
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 256;
		while (cap < p->len + n + 1)
			cap *= 2;
		char *b = realloc(p->text, cap);
		if (b == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes for a vCard property", cap);
		p->text = b;
		p->cap = cap;
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
	return WP_OK;
fail:
	return st;
}

/* Sets card field f to s (n bytes, already UTF-8 and unescaped). */
static wp_status set_field(vreader *v, enum field f, const char *s, size_t n, char *err)
{
	wp_status st = WP_OK;
	card *k = &v->k;
	if (k->text_len + n + 1 > k->text_cap) {
		size_t cap = k->text_cap ? k->text_cap : 512;
		while (cap < k->text_len + n + 1)
			cap *= 2;
		char *b = realloc(k->text, cap);
		if (b == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes for a vCard", cap);
		k->text = b;
		k->text_cap = cap;
	}
	memcpy(k->text + k->text_len, s, n);
	k->text[k->text_len + n] = '\0';
	k->fields[f] = k->text_len;
	k->text_len += n + 1;
	return WP_OK;
fail:
	return st;
}

static const char *field(const card *k, enum field f)
{
	return k->fields[f] == NONE ? NULL : k->text + k->fields[f];
}

static void card_reset(card *k)
{
	k->open = false;
	k->bytes = 0;
	k->props = 0;
	k->version = 30;
	for (int f = 0; f < F_COUNT; f++)
		k->fields[f] = NONE;
	k->text_len = 0;
	k->email_pref = false;
	k->not_person = false;
	k->agent_pending = false;
	k->nested = 0;
	k->slug[0] = '\0';
}

static wp_status warn(vreader *v, uint64_t line, const char *what, char *err)
{
	return wp_contacts_warn(v->c, v->file, line, err, "%s", what);
}

/* A LinkedIn slug from a URL, X-SOCIALPROFILE, IMPP or X-LINKEDIN value: by URL shape, or, for
 * a property marked as LinkedIn's, from its X-USER parameter or a bare user name. */
static void linkedin_value(card *k, const prop *p, const char *value)
{
	char user[PARAM_LEN], url[WP_KEY_LEN];
	if (k->slug[0] != '\0')
		return;
	if (wpi_find_slug(value, k->slug))
		return;
	bool linkedin =
	        strcmp(p->name, "X-LINKEDIN") == 0 ||
	        (strcmp(p->name, "X-SOCIALPROFILE") == 0 && has_param(p, NULL, "linkedin", NULL)) ||
	        (strcmp(p->name, "IMPP") == 0 &&
	         (has_param(p, "X-SERVICE-TYPE", "linkedin", NULL) ||
	          strncasecmp(value, "linkedin:", 9) == 0));
	if (!linkedin)
		return;
	const char *name = value;
	if (has_param(p, "X-USER", NULL, user) && user[0] != '\0')
		name = user;
	else if (strncasecmp(name, "x-apple:", 8) == 0)
		name += 8;
	else if (strncasecmp(name, "linkedin:", 9) == 0)
		name += 9;
	size_t len = strlen(name);
	if (len == 0 || len > 100 || strpbrk(name, " \t/:?#@") != NULL)
		return;
	snprintf(url, sizeof(url), "https://www.linkedin.com/in/%s", name);
	wp_identity_slug(url, k->slug);
}

/* Handles one decoded property of the open card. s is the UTF-8 value (escapes not undone). */
static wp_status card_property(vreader *v, const prop *p, char *s, uint64_t line, char *err)
{
	wp_status st = WP_OK;
	card *k = &v->k;
	size_t n = strlen(s);
	char *buf = malloc(n + 1);
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a vCard value");
	const char *name = p->name;
	if (strcmp(name, "VERSION") == 0) {
		k->version = strncmp(s, "2.1", 3) == 0 ? 21 : strncmp(s, "4.0", 3) == 0 ? 40 : 30;
	} else if (strcmp(name, "FN") == 0) {
		unescape(s, n, k->version, false, buf);
		WP_TRY(set_field(v, F_FN, buf, strlen(buf), err));
	} else if (strcmp(name, "N") == 0) {
		const char *family_end = component_end(s);
		unescape(s, (size_t)(family_end - s), k->version, true, buf);
		WP_TRY(set_field(v, F_FAMILY, buf, strlen(buf), err));
		if (*family_end == ';') {
			const char *given = family_end + 1;
			size_t given_len = (size_t)(component_end(given) - given);
			unescape(given, given_len, k->version, true, buf);
			WP_TRY(set_field(v, F_GIVEN, buf, strlen(buf), err));
		}
	} else if (strcmp(name, "EMAIL") == 0) {
		char email[WP_KEY_LEN];
		unescape(s, n, k->version, false, buf);
		bool pref = has_param(p, NULL, "pref", NULL) || has_param(p, "PREF", NULL, NULL);
		if (wp_identity_email(buf, email) &&
		    (k->fields[F_EMAIL] == NONE || (pref && !k->email_pref))) {
			WP_TRY(set_field(v, F_EMAIL, email, strlen(email), err));
			k->email_pref = pref;
		}
	} else if (strcmp(name, "ORG") == 0) {
		unescape(s, (size_t)(component_end(s) - s), k->version, false, buf);
		WP_TRY(set_field(v, F_ORG, buf, strlen(buf), err));
	} else if (strcmp(name, "TITLE") == 0) {
		unescape(s, n, k->version, false, buf);
		WP_TRY(set_field(v, F_TITLE, buf, strlen(buf), err));
	} else if (strcmp(name, "URL") == 0 || strcmp(name, "X-SOCIALPROFILE") == 0 ||
	           strcmp(name, "IMPP") == 0 || strcmp(name, "X-LINKEDIN") == 0) {
		unescape(s, n, k->version, false, buf);
		linkedin_value(k, p, buf);
	} else if (strcmp(name, "UID") == 0) {
		unescape(s, n, k->version, false, buf);
		WP_TRY(set_field(v, F_UID, buf, strlen(buf), err));
	} else if (strcmp(name, "KIND") == 0 || strcmp(name, "X-ABSHOWAS") == 0) {
		if (strcasecmp(s, "group") == 0 || strcasecmp(s, "org") == 0 ||
		    strcasecmp(s, "location") == 0 || strcasecmp(s, "company") == 0)
			k->not_person = true;
	} else if (strcmp(name, "RELATED") == 0 || strcmp(name, "X-ABRELATEDNAMES") == 0) {
		unescape(s, n, k->version, false, buf);
		if (buf[0] != '\0') {
			relation rel = {.from = UINT32_MAX, .line = (uint32_t)line};
			rel.text = strcmp(name, "X-ABRELATEDNAMES") == 0 ||
			           has_param(p, "VALUE", "text", NULL);
			WP_TRY(key_str(v, buf, &rel.value, err));
			WP_TRY(grow((void **)&v->rel, v->rel_count, &v->rel_cap, sizeof(rel), err));
			v->rel[v->rel_count++] = rel;
		}
	} else if (strcmp(name, "AGENT") == 0) {
		k->agent_pending = n == 0;
	}
	free(buf);
	return WP_OK;
fail:
	free(buf);
	return st;
}

/* Lower-cases ASCII in place. */
static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* END:VCARD: the card's person, its owner's evidence and its keys. */
static wp_status card_end(vreader *v, char *err)
{
	wp_status st = WP_OK;
	card *k = &v->k;
	wp_contacts *c = v->c;
	wpi_contact ct = {0};
	char key[WP_KEY_LEN];
	uint32_t person = UINT32_MAX;
	c->files[v->file].rows++;
	if (!k->not_person) {
		ct.first = field(k, F_GIVEN);
		ct.last = field(k, F_FAMILY);
		ct.full = field(k, F_FN);
		ct.email = field(k, F_EMAIL);
		ct.company = field(k, F_ORG);
		ct.title = field(k, F_TITLE);
		memcpy(ct.slug, k->slug, sizeof(ct.slug));
		WP_TRY(wpi_addressbook_contact(c, &ct, v->file, k->begin_line, &person, err));
		if (person == UINT32_MAX)
			WP_TRY(warn(v, k->begin_line, NO_PERSON, err));
	}
	if (person == UINT32_MAX) {
		v->rel_count = k->related_start; /* the card's relations go with it */
	} else {
		for (uint32_t i = k->related_start; i < v->rel_count; i++)
			v->rel[i].from = person;
		card_key ck = {.person = person, .uid = UINT32_MAX, .name = UINT32_MAX};
		const char *uid = field(k, F_UID);
		if (uid != NULL && uid[0] != '\0') {
			snprintf(key, sizeof(key), "%s",
			         strncasecmp(uid, "urn:uuid:", 9) == 0 ? uid + 9 : uid);
			lower(key);
			WP_TRY(key_str(v, key, &ck.uid, err));
		}
		if (wp_identity_name_key(wp_contacts_text(c, c->people[person].full), key) &&
		    key[0] != '\0')
			WP_TRY(key_str(v, key, &ck.name, err));
		WP_TRY(grow((void **)&v->cards, v->cards_count, &v->cards_cap, sizeof(ck), err));
		v->cards[v->cards_count++] = ck;
	}
	card_reset(k);
	return WP_OK;
fail:
	return st;
}

/* Handles a complete logical property. */
static wp_status finish(vreader *v, char *err)
{
	wp_status st = WP_OK;
	pending *pd = &v->p;
	card *k = &v->k;
	char *utf8 = NULL;
	prop p;
	if (!pd->active)
		return WP_OK;
	pd->active = false;
	uint64_t line = pd->line;
	if (k->open) {
		k->bytes += pd->bytes;
		if (++k->props > WP_VCARD_MAX_PROPERTIES)
			WP_FAIL(WP_ELIMIT,
			        "%s:%llu: more than %u properties in the card begun on line %llu",
			        v->src->name, (unsigned long long)line, WP_VCARD_MAX_PROPERTIES,
			        (unsigned long long)k->begin_line);
	}
	if (!pd->keep) {
		if (!k->open)
			WP_TRY(warn(v, line, OUTSIDE, err));
		k->agent_pending = false;
		return WP_OK;
	}
	if (!parse_prop(pd->text, pd->len, &p)) {
		WP_TRY(warn(v, line,
		            k->open ? "not a vCard property (NAME:value); ignored" : OUTSIDE, err));
		return WP_OK;
	}
	bool is_begin = strcmp(p.name, "BEGIN") == 0, is_end = strcmp(p.name, "END") == 0;
	const char *tag = p.value;
	size_t tag_len = p.value_len;
	while (tag_len > 0 && (*tag == ' ' || *tag == '\t')) {
		tag++;
		tag_len--;
	}
	while (tag_len > 0 && (tag[tag_len - 1] == ' ' || tag[tag_len - 1] == '\t'))
		tag_len--;
	bool vcard = word_eq(tag, tag_len, "VCARD"); /* "END:VCARD " occurs in edited files */
	if (k->nested > 0) {
		if (is_begin && vcard)
			k->nested++;
		else if (is_end && vcard)
			k->nested--;
		return WP_OK;
	}
	if (is_begin && vcard) {
		if (k->open && k->agent_pending) {
			k->nested = 1;
			k->agent_pending = false;
			return WP_OK;
		}
		if (k->open)
			WP_FAIL(WP_EINPUT,
			        "%s:%llu: BEGIN:VCARD inside the card begun on line %llu (is its "
			        "END:VCARD missing?)",
			        v->src->name, (unsigned long long)line,
			        (unsigned long long)k->begin_line);
		card_reset(k);
		k->open = true;
		k->begin_line = line;
		k->bytes = pd->bytes;
		k->related_start = v->rel_count;
		return WP_OK;
	}
	if (is_end && vcard) {
		if (!k->open)
			WP_FAIL(WP_EINPUT, "%s:%llu: END:VCARD without BEGIN:VCARD", v->src->name,
			        (unsigned long long)line);
		WP_TRY(card_end(v, err));
		return WP_OK;
	}
	if (!k->open) {
		WP_TRY(warn(v, line, OUTSIDE, err));
		return WP_OK;
	}
	k->agent_pending = false;
	if (is_base64(&p))
		return WP_OK; /* a binary value (a key, a logo) where text was expected: not ours */
	char *value = (char *)p.value;
	size_t value_len = p.value_len;
	if (is_qp(&p))
		value_len = qp_decode(value, value_len);
	char charset[PARAM_LEN] = "";
	has_param(&p, "CHARSET", NULL, charset);
	size_t utf8_len;
	WP_TRY(wpi_text_to_utf8(value, value_len, charset, &utf8, &utf8_len, err));
	WP_TRY(card_property(v, &p, utf8, line, err));
	free(utf8);
	return WP_OK;
fail:
	free(utf8);
	return st;
}

/* Starts a property on physical line s[0..n). */
static wp_status start(vreader *v, const char *s, size_t n, char *err)
{
	wp_status st = WP_OK;
	pending *pd = &v->p;
	prop p;
	bool complete = parse_prop(s, n, &p);
	pd->active = true;
	pd->line = v->r.line;
	pd->bytes = n + 1;
	pd->len = 0;
	pd->keep = !complete || wanted(p.name);
	pd->qp = complete && is_qp(&p);
	pd->b64 = complete && is_base64(&p);
	pd->soft = n > 0 && s[n - 1] == '=';
	memcpy(pd->name, p.name, NAME_LEN);
	if (pd->keep)
		WP_TRY(pending_add(v, s, n, err));
	return WP_OK;
fail:
	return st;
}

/* Feeds one physical line. */
static wp_status feed(vreader *v, const char *s, size_t n, char *err)
{
	wp_status st = WP_OK;
	pending *pd = &v->p;
	if (pd->active) {
		pd->bytes += n + 1;
		if (v->k.open && v->k.bytes + pd->bytes > WP_VCARD_MAX_CARD)
			WP_FAIL(WP_ELIMIT,
			        "%s:%llu: the card begun on line %llu is larger than %u MiB",
			        v->src->name, (unsigned long long)v->r.line,
			        (unsigned long long)v->k.begin_line, WP_VCARD_MAX_CARD >> 20);
	}
	if (n == 0) {
		pd->b64 = false; /* a 2.1 BASE64 blob ends at a blank line */
		return WP_OK;
	}
	if (s[0] == ' ' || s[0] == '\t') {
		if (pd->active && pd->keep)
			WP_TRY(pending_add(v, s + 1, n - 1, err));
		if (pd->active)
			pd->soft = n > 1 && s[n - 1] == '=';
		return WP_OK;
	}
	if (pd->active && pd->qp && pd->soft) {
		if (pd->keep) {
			pd->len--; /* the '=' of the soft break */
			WP_TRY(pending_add(v, s, n, err));
		}
		pd->soft = s[n - 1] == '=';
		return WP_OK;
	}
	if (pd->active && pd->b64 && memchr(s, ':', n) == NULL)
		return WP_OK;
	WP_TRY(finish(v, err));
	WP_TRY(start(v, s, n, err));
	return WP_OK;
fail:
	return st;
}

/* ---- relations ---- */

typedef struct lookup {
	const char *key;
	uint32_t person;
} lookup;

static int lookup_cmp(const void *a, const void *b)
{
	const lookup *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r != 0 ? r : (x->person > y->person) - (x->person < y->person);
}

/* The one person whose key is `key`, or UINT32_MAX (none or several). */
static uint32_t find_one(const lookup *t, uint32_t n, const char *key)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(t[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || strcmp(t[lo].key, key) != 0)
		return UINT32_MAX;
	if (lo + 1 < n && strcmp(t[lo + 1].key, key) == 0 && t[lo + 1].person != t[lo].person)
		return UINT32_MAX;
	return t[lo].person;
}

enum { L_UID, L_EMAIL, L_SLUG, L_NAME, L_COUNT };

/* The person a relation names, or UINT32_MAX. */
static uint32_t resolve(const vreader *v, lookup *const *t, const uint32_t *n, const relation *rel)
{
	char key[WP_KEY_LEN];
	const char *value = wp_strtab_get(&v->keys, rel->value);
	if (!rel->text) {
		if (strncasecmp(value, "urn:uuid:", 9) == 0) {
			snprintf(key, sizeof(key), "%s", value + 9);
			lower(key);
			return find_one(t[L_UID], n[L_UID], key);
		}
		if (wp_identity_email(value, key))
			return find_one(t[L_EMAIL], n[L_EMAIL], key);
		if (wp_identity_slug(value, key))
			return find_one(t[L_SLUG], n[L_SLUG], key);
		snprintf(key, sizeof(key), "%s", value);
		lower(key);
		uint32_t p = find_one(t[L_UID], n[L_UID], key);
		if (p != UINT32_MAX || strchr(value, ':') != NULL)
			return p;
	}
	if (!wp_identity_name_key(value, key) || key[0] == '\0')
		return UINT32_MAX;
	return find_one(t[L_NAME], n[L_NAME], key);
}

static wp_status relate(vreader *v, char *err)
{
	wp_status st = WP_OK;
	wp_contacts *c = v->c;
	lookup *t[L_COUNT] = {NULL};
	uint32_t n[L_COUNT] = {0};
	if (v->rel_count == 0)
		return WP_OK;
	for (int i = 0; i < L_COUNT; i++) {
		t[i] = malloc(((size_t)v->cards_count + 1) * sizeof(lookup));
		if (t[i] == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u relation keys", v->cards_count);
	}
	for (uint32_t i = 0; i < v->cards_count; i++) {
		const card_key *ck = &v->cards[i];
		const wp_person_rec *p = &c->people[ck->person];
		if (ck->uid != UINT32_MAX)
			t[L_UID][n[L_UID]++] =
			        (lookup){wp_strtab_get(&v->keys, ck->uid), ck->person};
		if (p->email != 0)
			t[L_EMAIL][n[L_EMAIL]++] =
			        (lookup){wp_contacts_text(c, p->email), ck->person};
		if (p->slug != 0)
			t[L_SLUG][n[L_SLUG]++] = (lookup){wp_contacts_text(c, p->slug), ck->person};
		if (ck->name != UINT32_MAX)
			t[L_NAME][n[L_NAME]++] =
			        (lookup){wp_strtab_get(&v->keys, ck->name), ck->person};
	}
	for (int i = 0; i < L_COUNT; i++)
		qsort(t[i], n[i], sizeof(lookup), lookup_cmp);
	for (uint32_t i = 0; i < v->rel_count; i++) {
		const relation *rel = &v->rel[i];
		uint32_t to = resolve(v, t, n, rel);
		if (to == UINT32_MAX || to == rel->from)
			continue;
		wp_evidence_rec e = {.a = rel->from,
		                     .b = to,
		                     .kind = WP_EV_RELATED,
		                     .file = v->file,
		                     .line = rel->line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
	}
	for (int i = 0; i < L_COUNT; i++)
		free(t[i]);
	return WP_OK;
fail:
	for (int i = 0; i < L_COUNT; i++)
		free(t[i]);
	return st;
}

/* ---- the file ---- */

static void vreader_free(vreader *v)
{
	free(v->r.buf);
	free(v->p.text);
	free(v->k.text);
	free(v->rel);
	free(v->cards);
	wp_strtab_free(&v->keys);
}

wp_status wp_import_vcard(wp_source *src, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	vreader v = {.src = src, .c = c};
	bool got;
	const char *s;
	size_t n;
	v.r.src = src;
	v.r.cap = (size_t)4 * READ_BLOCK;
	v.r.buf = malloc(v.r.cap);
	if (v.r.buf == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot allocate a line buffer", src->name);
	card_reset(&v.k);
	WP_TRY(wp_contacts_add_file(c, src->name, "vcard", &v.file, err));
	for (;;) {
		WP_TRY(next_line(&v.r, &s, &n, &got, err));
		if (!got)
			break;
		WP_TRY(feed(&v, s, n, err));
	}
	WP_TRY(finish(&v, err));
	if (v.k.open)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: the card begun here has no END:VCARD (the file ends "
		        "inside it)",
		        src->name, (unsigned long long)v.k.begin_line);
	if (c->files[v.file].rows == 0)
		WP_FAIL(WP_EINPUT, "%s: no rows: no vCard (BEGIN:VCARD ... END:VCARD) in the file",
		        src->name);
	if (c->files[v.file].used == 0)
		WP_FAIL(WP_EINPUT,
		        "%s: no contacts: none of the %llu cards names a person (see the warnings)",
		        src->name, (unsigned long long)c->files[v.file].rows);
	WP_TRY(relate(&v, err));
	vreader_free(&v);
	return WP_OK;
fail:
	vreader_free(&v);
	return st;
}
