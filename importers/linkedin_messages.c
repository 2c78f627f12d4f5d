/* linkedin_messages.c - messages.csv of a LinkedIn archive: who wrote to whom, and when.
 *
 * Columns are mapped by name (the union is CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER
 * PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER, ATTACHMENTS, IS
 * MESSAGE DRAFT, IS CONVERSATION DRAFT; only CONVERSATION ID, FROM, TO and DATE are required).
 * SUBJECT and CONTENT are looked at only in the CSV reader's row buffer, to recognise sponsored
 * messages, and never copied anywhere.
 *
 * Rows that are not ties are read and counted but not used: drafts, the SPAM folder, and
 * sponsored messages (no sender URL and a "%FIRSTNAME%"-style placeholder in the title, subject
 * or body). A participant is keyed by the slug of their profile URL; without a URL, by their name
 * as written; a sender named "LinkedIn Member" or without a URL (when the file has the column) is
 * a deleted account, one per conversation, never merged with anyone.
 *
 * Recipients: RECIPIENT PROFILE URLS joins URLs with "," and no space, so it is split where a
 * new URL starts ("https://", "http://", "www.linkedin.com"), not at commas. TO joins names with
 * ", " although names may contain ", ": names are paired with URLs only when the counts agree;
 * in files without recipient URLs, adjacent pieces of TO are joined back when the joined name is
 * the name of a known sender ("Doe, Jane" who wrote in any conversation).
 *
 * The rows are streamed into compact records (conversation, sender, recipient list, date: 24
 * bytes per message, recipient lists interned per conversation); the rest happens at the end:
 *  1. recipient lists are split once each;
 *  2. name-only participants are merged into the one URL-bearing participant of the same name
 *     key, if exactly one exists, else with each other;
 *  3. the member is the participant whose slug is the member's (person 0's) slug when that is
 *     known; otherwise the one participant who takes part in every conversation (the archive is
 *     the member's mailbox), or in at least 90% of them when a few rows are damaged (a message
 *     with an empty TO); if several take part in all (a single two-person conversation), the one
 *     whose name key is the member's. If no rule decides, the file gets one warning and gives no
 *     evidence;
 *  4. WP_EV_MESSAGES member <-> each counterpart: sent = messages the member sent that the
 *     counterpart received (in any conversation, groups included), received = messages the
 *     counterpart sent to the member, first/last = their dates;
 *  5. WP_EV_GROUP_THREAD between every two other participants (deleted accounts excluded) of a
 *     conversation with more than 2 and at most WPI_GROUP_MAX participants: sent = threads shared,
 *     first/last = earliest and latest message of those threads. Larger conversations are
 *     broadcasts, not acquaintance.
 * Time O(rows + recipients + group pairs log group pairs); memory O(messages + distinct strings).
 */
#include "importers/linkedin_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/identity.h"
#include "importers/dates.h"

#define WPI_GROUP_MAX 50
#define KEY_BYTES (1u << 20) /* longest key: a recipient list of a conversation */

enum {
	M_CONV,
	M_TITLE,
	M_FROM,
	M_SENDER_URL,
	M_TO,
	M_RECIPIENT_URLS,
	M_DATE,
	M_SUBJECT,
	M_CONTENT,
	M_FOLDER,
	M_MESSAGE_DRAFT,
	M_CONVERSATION_DRAFT,
	M_COUNT
};

static const char *const columns_wanted[M_COUNT] = {
        [M_CONV] = "CONVERSATION ID",
        [M_TITLE] = "?CONVERSATION TITLE",
        [M_FROM] = "FROM",
        [M_SENDER_URL] = "?SENDER PROFILE URL",
        [M_TO] = "TO",
        [M_RECIPIENT_URLS] = "?RECIPIENT PROFILE URLS|RECIPIENT PROFILE URL",
        [M_DATE] = "DATE",
        [M_SUBJECT] = "?SUBJECT",
        [M_CONTENT] = "?CONTENT",
        [M_FOLDER] = "?FOLDER",
        [M_MESSAGE_DRAFT] = "?IS MESSAGE DRAFT",
        [M_CONVERSATION_DRAFT] = "?IS CONVERSATION DRAFT",
};

/* ---- a string -> index map ------------------------------------------------------------------ */

typedef struct strmap {
	wp_strtab keys;   /* key i is string i */
	uint64_t *hashes; /* per key */
	uint32_t *slots;  /* key index + 1; 0 = empty */
	size_t cap;       /* slots, a power of two */
} strmap;

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void strmap_free(strmap *m)
{
	wp_strtab_free(&m->keys);
	free(m->hashes);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* Doubles the slots; false when out of memory (the map is then unchanged). */
static bool strmap_grow(strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	uint32_t *slots = calloc(cap, sizeof(*slots));
	uint64_t *hashes = realloc(m->hashes, cap / 2 * sizeof(*hashes));
	if (hashes != NULL)
		m->hashes = hashes;
	if (slots == NULL || hashes == NULL) {
		free(slots);
		return false;
	}
	for (uint32_t k = 0; k < m->keys.count; k++) {
		size_t i = (size_t)hashes[k] & (cap - 1);
		while (slots[i] != 0)
			i = (i + 1) & (cap - 1);
		slots[i] = k + 1;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return true;
}

/* Finds key s[0..len) (len > 0); adds it when absent if `add`. *index = its number, or
 * UINT32_MAX when absent and not added; *added says whether it was new. */
static wp_status strmap_get(strmap *m, const char *s, size_t len, bool add, uint32_t *index,
                            bool *added, char *err)
{
	wp_status st = WP_OK;
	*added = false;
	*index = UINT32_MAX;
	if (add && m->keys.count + 1 > m->cap / 2 && !strmap_grow(m))
		WP_FAIL(WP_ENOMEM, "cannot grow a map past %u entries", m->keys.count);
	if (m->cap == 0 || m->slots == NULL)
		return WP_OK; /* an empty map looked up */
	uint64_t h = hash_bytes(s, len);
	size_t i = (size_t)h & (m->cap - 1);
	for (; m->slots[i] != 0; i = (i + 1) & (m->cap - 1)) {
		uint32_t k = m->slots[i] - 1;
		if (k < m->keys.count && m->hashes[k] == h && wp_strtab_len(&m->keys, k) == len &&
		    memcmp(wp_strtab_get(&m->keys, k), s, len) == 0) {
			*index = k;
			return WP_OK;
		}
	}
	if (!add)
		return WP_OK;
	uint32_t k = m->keys.count;
	WP_TRY(wp_strtab_append(&m->keys, s, len, err));
	m->hashes[k] = h;
	m->slots[i] = k + 1;
	*index = k;
	*added = true;
	return WP_OK;
fail:
	return st;
}

/* ---- the parse state ------------------------------------------------------------------------ */

typedef struct message {
	uint32_t conv, sender, rlist, line;
	int64_t date;
} message;

enum { P_URL = 'u', P_NAME = 'n', P_DELETED = 'd' };

typedef struct participant {
	uint32_t name;   /* id in text, 0 = unknown */
	uint32_t url;    /* id in text, 0 = none */
	uint32_t parent; /* union-find */
	uint32_t line;   /* first mention */
	uint32_t person; /* index in c->people once emitted, UINT32_MAX before */
	uint32_t sent, received;
	uint32_t msg_line; /* line of the first message with the member */
	int64_t first, last;
	uint32_t convs;     /* conversations they take part in */
	char kind;          /* P_URL, P_NAME, P_DELETED */
	bool named_by_from; /* name taken from FROM (exact) rather than split from TO */
} participant;

typedef struct conversation {
	int64_t first, last;
	uint32_t line;
} conversation;

typedef struct rlist {
	uint32_t conv;
	uint32_t line;
	uint32_t off, count; /* recipients in rpool once split */
} rlist;

typedef struct state {
	wp_strtab text; /* names and URLs of participants; string 0 is "" */
	strmap people;  /* "u<slug>", "n<name>", "d<conversation>" -> participant */
	strmap convs;   /* conversation id -> conversation */
	strmap lists;   /* "<conv>\x1f<urls>\x1f<to>" -> rlist */
	strmap senders; /* names seen in FROM */
	participant *parts;
	uint32_t parts_count;
	uint64_t parts_cap;
	conversation *conv;
	uint32_t conv_count;
	uint64_t conv_cap;
	rlist *lists_v;
	uint32_t lists_count;
	uint64_t lists_cap;
	message *msgs;
	uint64_t msgs_count, msgs_cap;
	uint32_t *rpool;
	uint64_t rpool_count, rpool_cap;
	uint64_t *cp; /* conversation << 32 | participant, sorted, unique */
	uint64_t cp_count, cp_cap;
	char *key;           /* scratch for building keys, KEY_BYTES */
	bool has_sender_url; /* the file has SENDER PROFILE URL */
} state;

static void state_free(state *s)
{
	wp_strtab_free(&s->text);
	strmap_free(&s->people);
	strmap_free(&s->convs);
	strmap_free(&s->lists);
	strmap_free(&s->senders);
	free(s->parts);
	free(s->conv);
	free(s->lists_v);
	free(s->msgs);
	free(s->rpool);
	free(s->cp);
	free(s->key);
	memset(s, 0, sizeof(*s));
}

/* Makes room for one more element in *array (count used, *cap elements of `size` bytes);
 * false when out of memory (the array is then unchanged). */
static bool reserve(void **array, uint64_t count, uint64_t *cap, size_t size)
{
	if (count < *cap)
		return true;
	uint64_t want = *cap ? *cap * 2 : 256;
	void *a = realloc(*array, (size_t)want * size);
	if (a == NULL)
		return false;
	*array = a;
	*cap = want;
	return true;
}

/* reserve() or fail with WP_ENOMEM. */
#define RESERVE(array, count, cap)                                                  \
	do {                                                                        \
		if (!reserve((void **)&(array), (count), &(cap), sizeof(*(array)))) \
			WP_FAIL(WP_ENOMEM, "cannot grow an array past %llu items",  \
			        (unsigned long long)(count));                       \
	} while (0)

/* Builds a key of a prefix and up to three pieces (b and c3 may be NULL) in s->key, of
 * KEY_BYTES; *len = its length. False if it does not fit. */
static bool make_key(state *s, char prefix, const char *a, size_t alen, const char *b, size_t blen,
                     const char *c3, size_t clen, size_t *len)
{
	if (alen + blen + clen + 4 > KEY_BYTES)
		return false;
	size_t n = 0;
	s->key[n++] = prefix;
	memcpy(s->key + n, a, alen);
	n += alen;
	if (b != NULL) {
		s->key[n++] = '\x1f';
		memcpy(s->key + n, b, blen);
		n += blen;
	}
	if (c3 != NULL) {
		s->key[n++] = '\x1f';
		memcpy(s->key + n, c3, clen);
		n += clen;
	}
	*len = n;
	return true;
}

static const char *trim(const char *p, size_t *len)
{
	while (*len > 0 && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		(*len)--;
	}
	while (*len > 0 && (p[*len - 1] == ' ' || p[*len - 1] == '\t' || p[*len - 1] == '\r' ||
	                    p[*len - 1] == '\n'))
		(*len)--;
	return p;
}

/* The participant with `key` (made with make_key), created with the given name and URL if new. */
static wp_status participant_get(state *s, size_t keylen, char kind, const char *name,
                                 size_t name_len, bool from, const char *url, size_t url_len,
                                 uint32_t line, uint32_t *index, char *err)
{
	wp_status st = WP_OK;
	bool added = false;
	WP_TRY(strmap_get(&s->people, s->key, keylen, true, index, &added, err));
	if (added) {
		RESERVE(s->parts, s->parts_count, s->parts_cap);
		participant p = {
		        .parent = *index, .line = line, .person = UINT32_MAX, .kind = kind};
		s->parts[s->parts_count++] = p;
	}
	participant *p = &s->parts[*index];
	if (name_len > 0 && (p->name == 0 || (from && !p->named_by_from))) {
		p->name = s->text.count;
		WP_TRY(wp_strtab_append(&s->text, name, name_len, err));
		p->named_by_from = from;
	}
	if (url_len > 0 && p->url == 0) {
		p->url = s->text.count;
		WP_TRY(wp_strtab_append(&s->text, url, url_len, err));
	}
	return WP_OK;
fail:
	return st;
}

static bool is_yes(const char *v)
{
	return strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* A mail-merge placeholder such as "%FIRSTNAME%" or "%LASTNAME%": '%', 3+ capitals, '%'. */
static bool has_placeholder(const char *v)
{
	for (const char *p = strchr(v, '%'); p != NULL; p = strchr(p + 1, '%')) {
		size_t n = 0;
		while ((p[1 + n] >= 'A' && p[1 + n] <= 'Z') || p[1 + n] == '_')
			n++;
		if (n >= 3 && p[1 + n] == '%')
			return true;
	}
	return false;
}

/* Decimal text of v into buf (at least 11 bytes); returns its length. */
static size_t utoa(uint32_t v, char *buf)
{
	return (size_t)snprintf(buf, 11, "%u", v);
}

/* Reads one data row into the records; *used says whether it counted as a message. */
static wp_status read_row(state *s, wp_csvfile *csv, const int *col, uint32_t file, wp_contacts *c,
                          bool *used, char *err)
{
	wp_status st = WP_OK;
	*used = false;
	uint32_t line = csv->row_line > UINT32_MAX ? UINT32_MAX : (uint32_t)csv->row_line;
	if (is_yes(wpi_linkedin_field(csv, col[M_MESSAGE_DRAFT])) ||
	    is_yes(wpi_linkedin_field(csv, col[M_CONVERSATION_DRAFT])) ||
	    strcasecmp(wpi_linkedin_field(csv, col[M_FOLDER]), "SPAM") == 0)
		return WP_OK;
	size_t from_len = strlen(wpi_linkedin_field(csv, col[M_FROM]));
	const char *from = trim(wpi_linkedin_field(csv, col[M_FROM]), &from_len);
	size_t surl_len = strlen(wpi_linkedin_field(csv, col[M_SENDER_URL]));
	const char *surl = trim(wpi_linkedin_field(csv, col[M_SENDER_URL]), &surl_len);
	if (surl_len == 0 && (has_placeholder(wpi_linkedin_field(csv, col[M_TITLE])) ||
	                      has_placeholder(wpi_linkedin_field(csv, col[M_SUBJECT])) ||
	                      has_placeholder(wpi_linkedin_field(csv, col[M_CONTENT]))))
		return WP_OK; /* sponsored */
	size_t conv_len = strlen(wpi_linkedin_field(csv, col[M_CONV]));
	const char *conv_id = trim(wpi_linkedin_field(csv, col[M_CONV]), &conv_len);
	if (conv_len == 0) {
		WP_TRY(wp_contacts_warn(c, file, line, err, "no CONVERSATION ID; row skipped"));
		return WP_OK;
	}
	const char *date = wpi_linkedin_field(csv, col[M_DATE]);
	int64_t when = 0;
	if (!wp_date_parse(date, &when)) {
		WP_TRY(wp_contacts_warn(c, file, line, err,
		                        "DATE \"%.40s\" is not a date; row skipped", date));
		return WP_OK;
	}
	size_t to_len = strlen(wpi_linkedin_field(csv, col[M_TO]));
	const char *to = trim(wpi_linkedin_field(csv, col[M_TO]), &to_len);
	size_t urls_len = strlen(wpi_linkedin_field(csv, col[M_RECIPIENT_URLS]));
	const char *urls = trim(wpi_linkedin_field(csv, col[M_RECIPIENT_URLS]), &urls_len);
	if (from_len + to_len + urls_len > KEY_BYTES - 16) {
		WP_TRY(wp_contacts_warn(c, file, line, err,
		                        "FROM, TO and RECIPIENT PROFILE URLS longer than %u bytes; "
		                        "row skipped",
		                        KEY_BYTES - 16));
		return WP_OK;
	}
	/* The conversation. */
	uint32_t conv = 0;
	bool added = false;
	WP_TRY(strmap_get(&s->convs, conv_id, conv_len, true, &conv, &added, err));
	if (added) {
		RESERVE(s->conv, s->conv_count, s->conv_cap);
		s->conv[s->conv_count++] =
		        (conversation){.first = when, .last = when, .line = line};
	}
	conversation *cv = &s->conv[conv];
	if (when < cv->first)
		cv->first = when;
	if (when > cv->last)
		cv->last = when;
	char num[12];
	size_t num_len = utoa(conv, num);
	/* The sender. */
	char slug[WP_KEY_LEN];
	size_t keylen = 0;
	uint32_t sender = 0;
	bool deleted = (s->has_sender_url && surl_len == 0) || wp_identity_never_merge(from);
	if (!deleted && surl_len > 0 && wp_identity_slug(surl, slug)) {
		make_key(s, P_URL, slug, strlen(slug), NULL, 0, NULL, 0, &keylen);
		WP_TRY(participant_get(s, keylen, P_URL, from, from_len, true, surl, surl_len, line,
		                       &sender, err));
	} else if (!deleted && !s->has_sender_url) {
		make_key(s, P_NAME, from, from_len, NULL, 0, NULL, 0, &keylen);
		WP_TRY(participant_get(s, keylen, P_NAME, from, from_len, true, NULL, 0, line,
		                       &sender, err));
	} else {
		/* A deleted account, or a sender URL that is not a profile URL. */
		make_key(s, P_DELETED, num, num_len, NULL, 0, NULL, 0, &keylen);
		WP_TRY(participant_get(s, keylen, P_DELETED, from, from_len, true, NULL, 0, line,
		                       &sender, err));
	}
	if (!deleted && from_len > 0) {
		uint32_t ignored = 0;
		WP_TRY(strmap_get(&s->senders, from, from_len, true, &ignored, &added, err));
	}
	/* The recipient list, interned per conversation (its length was checked above). */
	make_key(s, 'r', num, num_len, urls, urls_len, to, to_len, &keylen);
	uint32_t list = 0;
	WP_TRY(strmap_get(&s->lists, s->key, keylen, true, &list, &added, err));
	if (added) {
		RESERVE(s->lists_v, s->lists_count, s->lists_cap);
		s->lists_v[s->lists_count++] = (rlist){.conv = conv, .line = line};
	}
	RESERVE(s->msgs, s->msgs_count, s->msgs_cap);
	s->msgs[s->msgs_count++] = (message){
	        .conv = conv, .sender = sender, .rlist = list, .line = line, .date = when};
	*used = true;
	return WP_OK;
fail:
	return st;
}

/* ---- after the last row --------------------------------------------------------------------- */

typedef struct piece {
	const char *p;
	size_t len;
} piece;

/* A growable array of pieces, reused for every list. */
typedef struct pieces {
	piece *v;
	size_t count, cap;
} pieces;

static wp_status pieces_push(pieces *ps, const char *p, size_t len, char *err)
{
	wp_status st = WP_OK;
	if (ps->count == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		piece *v = realloc(ps->v, cap * sizeof(*v));
		if (v == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu list pieces", cap);
		ps->v = v;
		ps->cap = cap;
	}
	ps->v[ps->count++] = (piece){p, len};
	return WP_OK;
fail:
	return st;
}

/* Where a new URL starts at p[i]: "https://", "http://", or a "www.linkedin.com" not already
 * preceded by "//". */
static bool url_starts(const char *p, size_t len, size_t i)
{
	if (len - i >= 8 && strncasecmp(p + i, "https://", 8) == 0)
		return true;
	if (len - i >= 7 && strncasecmp(p + i, "http://", 7) == 0)
		return true;
	return len - i >= 16 && strncasecmp(p + i, "www.linkedin.com", 16) == 0 &&
	       !(i >= 2 && p[i - 1] == '/' && p[i - 2] == '/');
}

/* Splits RECIPIENT PROFILE URLS by URL shape (see the file comment). */
static wp_status split_urls(const char *p, size_t len, pieces *out, char *err)
{
	wp_status st = WP_OK;
	out->count = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && (i == start || !url_starts(p, len, i)))
			continue;
		size_t n = i - start;
		const char *q = p + start;
		while (n > 0 && (q[n - 1] == ',' || q[n - 1] == ' ' || q[n - 1] == ';'))
			n--;
		while (n > 0 && (*q == ',' || *q == ' ')) {
			q++;
			n--;
		}
		if (n > 0)
			WP_TRY(pieces_push(out, q, n, err));
		start = i;
	}
	return WP_OK;
fail:
	return st;
}

/* Splits TO at ", ", joining adjacent pieces back (up to four) when the joined text is a name
 * seen in FROM. */
static wp_status split_names(state *s, const char *p, size_t len, pieces *out, char *err)
{
	wp_status st = WP_OK;
	out->count = 0;
	pieces raw = {0};
	size_t start = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (p[i] == ',' && p[i + 1] == ' ') {
			WP_TRY(pieces_push(&raw, p + start, i - start, err));
			start = i + 2;
			i++;
		}
	}
	if (len > 0)
		WP_TRY(pieces_push(&raw, p + start, len - start, err));
	for (size_t i = 0; i < raw.count;) {
		size_t take = 1;
		for (size_t j = raw.count - 1 < i + 3 ? raw.count - 1 : i + 3; j > i; j--) {
			size_t n = (size_t)(raw.v[j].p + raw.v[j].len - raw.v[i].p);
			uint32_t k = 0;
			bool added = false;
			WP_TRY(strmap_get(&s->senders, raw.v[i].p, n, false, &k, &added, err));
			if (k != UINT32_MAX) {
				take = j - i + 1;
				break;
			}
		}
		const char *q = raw.v[i].p;
		size_t n = (size_t)(raw.v[i + take - 1].p + raw.v[i + take - 1].len - q);
		q = trim(q, &n);
		if (n > 0)
			WP_TRY(pieces_push(out, q, n, err));
		i += take;
	}
	free(raw.v);
	return WP_OK;
fail:
	free(raw.v);
	return st;
}

/* Step 1: every recipient list into participants in rpool. */
static wp_status split_lists(state *s, char *err)
{
	wp_status st = WP_OK;
	pieces urls = {0}, names = {0};
	char slug[WP_KEY_LEN];
	for (uint32_t i = 0; i < s->lists_count; i++) {
		rlist *l = &s->lists_v[i];
		const char *key = wp_strtab_get(&s->lists.keys, i);
		const char *num = key + 1;
		const char *u = strchr(num, '\x1f') + 1;
		const char *t = strchr(u, '\x1f') + 1;
		size_t num_len = (size_t)(u - 1 - num);
		size_t ulen = (size_t)(t - 1 - u), tlen = strlen(t);
		l->off = (uint32_t)s->rpool_count;
		WP_TRY(split_names(s, t, tlen, &names, err));
		if (ulen > 0)
			WP_TRY(split_urls(u, ulen, &urls, err));
		else
			urls.count = 0;
		size_t keylen = 0;
		uint32_t who = 0;
		if (ulen > 0) {
			for (size_t k = 0; k < urls.count; k++) {
				const char *name = NULL;
				size_t name_len = 0;
				if (names.count == urls.count) {
					name = names.v[k].p;
					name_len = names.v[k].len;
				} else if (urls.count == 1) {
					name = trim(t, &tlen);
					name_len = tlen;
				}
				char url[WP_KEY_LEN];
				if (urls.v[k].len >= sizeof(url))
					continue;
				memcpy(url, urls.v[k].p, urls.v[k].len);
				url[urls.v[k].len] = '\0';
				if (!wp_identity_slug(url, slug))
					continue;
				make_key(s, P_URL, slug, strlen(slug), NULL, 0, NULL, 0, &keylen);
				WP_TRY(participant_get(s, keylen, P_URL, name, name_len, false,
				                       urls.v[k].p, urls.v[k].len, l->line, &who,
				                       err));
				RESERVE(s->rpool, s->rpool_count, s->rpool_cap);
				s->rpool[s->rpool_count++] = who;
			}
		} else {
			for (size_t k = 0; k < names.count; k++) {
				char name[WP_KEY_LEN];
				size_t n = names.v[k].len < sizeof(name) ? names.v[k].len
				                                         : sizeof(name) - 1;
				memcpy(name, names.v[k].p, n);
				name[n] = '\0';
				if (wp_identity_never_merge(name)) {
					make_key(s, P_DELETED, num, num_len, NULL, 0, NULL, 0,
					         &keylen);
					WP_TRY(participant_get(s, keylen, P_DELETED, name, n, false,
					                       NULL, 0, l->line, &who, err));
				} else {
					make_key(s, P_NAME, name, n, NULL, 0, NULL, 0, &keylen);
					WP_TRY(participant_get(s, keylen, P_NAME, name, n, false,
					                       NULL, 0, l->line, &who, err));
				}
				RESERVE(s->rpool, s->rpool_count, s->rpool_cap);
				s->rpool[s->rpool_count++] = who;
			}
		}
		l->count = (uint32_t)(s->rpool_count - l->off);
	}
	free(urls.v);
	free(names.v);
	return WP_OK;
fail:
	free(urls.v);
	free(names.v);
	return st;
}

/* Step 2: name-only participants join the one URL-bearing participant of their name key. */
static wp_status resolve_names(state *s, char *err)
{
	wp_status st = WP_OK;
	strmap keys = {0};
	uint32_t *owner = NULL; /* per name key: participant, or UINT32_MAX if ambiguous */
	char key[WP_KEY_LEN];
	bool any = false;
	for (uint32_t i = 0; i < s->parts_count; i++)
		if (s->parts[i].kind == P_NAME)
			any = true;
	if (!any)
		return WP_OK;
	owner = calloc(s->parts_count, sizeof(*owner));
	if (owner == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u name owners", s->parts_count);
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < s->parts_count; i++) {
			participant *p = &s->parts[i];
			if (p->kind != (pass == 0 ? P_URL : P_NAME) || p->name == 0 ||
			    !wp_identity_name_key(wp_strtab_get(&s->text, p->name), key) ||
			    key[0] == '\0')
				continue;
			uint32_t k = 0;
			bool added = false;
			WP_TRY(strmap_get(&keys, key, strlen(key), true, &k, &added, err));
			if (k >= s->parts_count)
				continue; /* cannot happen: no more keys than participants */
			if (added)
				owner[k] = i;
			else if (pass == 0 && owner[k] != i)
				owner[k] = UINT32_MAX;
			else if (pass == 1 && owner[k] != UINT32_MAX)
				p->parent = owner[k];
		}
	}
	free(owner);
	strmap_free(&keys);
	return WP_OK;
fail:
	free(owner);
	strmap_free(&keys);
	return st;
}

static uint32_t root(const state *s, uint32_t p)
{
	return s->parts[p].parent; /* parents are roots: resolve_names links one level only */
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Who took part in which conversation: s->cp holds conversation << 32 | participant root,
 * sorted and unique. */
static wp_status conversation_members(state *s, char *err)
{
	wp_status st = WP_OK;
	for (uint64_t m = 0; m < s->msgs_count; m++) {
		const message *msg = &s->msgs[m];
		const rlist *l = &s->lists_v[msg->rlist];
		for (uint32_t k = 0; k <= l->count; k++) {
			uint32_t who = root(s, k == 0 ? msg->sender : s->rpool[l->off + k - 1]);
			RESERVE(s->cp, s->cp_count, s->cp_cap);
			s->cp[s->cp_count++] = (uint64_t)msg->conv << 32 | who;
		}
	}
	if (s->cp_count > 1)
		qsort(s->cp, (size_t)s->cp_count, sizeof(*s->cp), cmp_u64);
	uint64_t n = 0;
	for (uint64_t i = 0; i < s->cp_count; i++)
		if (n == 0 || s->cp[i] != s->cp[n - 1])
			s->cp[n++] = s->cp[i];
	s->cp_count = n;
	return WP_OK;
fail:
	return st;
}

/* Step 3: the member's participant in *member (UINT32_MAX if undecided). */
static wp_status find_member(state *s, const wp_contacts *c, uint32_t *member, char *err)
{
	wp_status st = WP_OK;
	char key[WP_KEY_LEN], mine[WP_KEY_LEN];
	*member = UINT32_MAX;
	const wp_person_rec *me = &c->people[0];
	if (me->slug != 0) {
		const char *slug = wp_contacts_text(c, me->slug);
		size_t keylen = 0;
		uint32_t k = 0;
		bool added = false;
		make_key(s, P_URL, slug, strlen(slug), NULL, 0, NULL, 0, &keylen);
		WP_TRY(strmap_get(&s->people, s->key, keylen, false, &k, &added, err));
		if (k != UINT32_MAX) {
			*member = root(s, k);
			return WP_OK;
		}
	}
	/* The archive is the member's mailbox: they are in every conversation. */
	for (uint64_t i = 0; i < s->cp_count; i++)
		s->parts[(uint32_t)s->cp[i]].convs++;
	if (!wp_identity_name_key(wp_contacts_text(c, me->full), mine))
		mine[0] = '\0';
	uint32_t best = 0, at_best = 0, named = 0, last_best = UINT32_MAX, last_named = UINT32_MAX;
	for (uint32_t i = 0; i < s->parts_count; i++) {
		const participant *p = &s->parts[i];
		if (p->parent != i || p->kind == P_DELETED || p->convs < best)
			continue;
		if (p->convs > best) {
			best = p->convs;
			at_best = named = 0;
		}
		at_best++;
		last_best = i;
		if (mine[0] != '\0' && p->name != 0 &&
		    wp_identity_name_key(wp_strtab_get(&s->text, p->name), key) &&
		    strcmp(key, mine) == 0) {
			named++;
			last_named = i;
		}
	}
	uint64_t total = s->conv_count;
	if (best == total && at_best > 1 && named == 1)
		*member = last_named; /* a lone conversation: the one with the member's name */
	else if (at_best == 1 && (uint64_t)best * 10 >= total * 9)
		*member = last_best; /* in all, or all but a few damaged, conversations */
	return WP_OK;
fail:
	return st;
}

/* The person of participant p, added on first use. */
static wp_status person_of(state *s, wp_contacts *c, uint32_t p, uint32_t file, uint32_t *person,
                           char *err)
{
	wp_status st = WP_OK;
	participant *q = &s->parts[p];
	if (q->person == UINT32_MAX) {
		const char *name = q->name ? wp_strtab_get(&s->text, q->name) : "";
		const char *url = q->url ? wp_strtab_get(&s->text, q->url) : NULL;
		WP_TRY(wpi_linkedin_person(c, name, NULL, url, NULL, NULL, NULL, file, q->line,
		                           &q->person, err));
		if (q->kind == P_DELETED)
			c->people[q->person].flags |= WP_PERSON_NEVER_MERGE;
	}
	*person = q->person;
	return WP_OK;
fail:
	return st;
}

static void span(int64_t *first, int64_t *last, int64_t when)
{
	if (*first == 0 || when < *first)
		*first = when;
	if (*last == 0 || when > *last)
		*last = when;
}

/* Step 4: WP_EV_MESSAGES between the member and each counterpart. */
static wp_status direct_messages(state *s, wp_contacts *c, uint32_t member, uint32_t file,
                                 char *err)
{
	wp_status st = WP_OK;
	uint64_t *stamp = calloc((size_t)s->parts_count + 1, sizeof(*stamp));
	if (stamp == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u stamps", s->parts_count);
	for (uint64_t m = 0; m < s->msgs_count; m++) {
		const message *msg = &s->msgs[m];
		uint32_t a = root(s, msg->sender);
		const rlist *l = &s->lists_v[msg->rlist];
		for (uint32_t k = 0; k < l->count; k++) {
			uint32_t r = root(s, s->rpool[l->off + k]);
			if (stamp[r] == m + 1 || r == a)
				continue;
			stamp[r] = m + 1;
			participant *other = NULL;
			if (a == member) {
				other = &s->parts[r];
				other->sent++;
			} else if (r == member) {
				other = &s->parts[a];
				other->received++;
			} else {
				continue;
			}
			if (other->msg_line == 0 || msg->line < other->msg_line)
				other->msg_line = msg->line;
			span(&other->first, &other->last, msg->date);
		}
	}
	for (uint32_t i = 0; i < s->parts_count; i++) {
		participant *p = &s->parts[i];
		if (p->parent != i || i == member || p->sent + p->received == 0)
			continue;
		uint32_t person = 0;
		WP_TRY(person_of(s, c, i, file, &person, err));
		wp_evidence_rec e = {.a = 0,
		                     .b = person,
		                     .kind = WP_EV_MESSAGES,
		                     .sent = p->sent,
		                     .received = p->received,
		                     .first = p->first,
		                     .last = p->last,
		                     .file = file,
		                     .line = p->msg_line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
	}
	free(stamp);
	return WP_OK;
fail:
	free(stamp);
	return st;
}

typedef struct pair {
	uint64_t key; /* participant a << 32 | participant b, a < b */
	int64_t first, last;
	uint32_t line;
} pair;

static int cmp_pair(const void *x, const void *y)
{
	return cmp_u64(&((const pair *)x)->key, &((const pair *)y)->key);
}

/* Step 5: WP_EV_GROUP_THREAD between the other participants of group conversations. */
static wp_status group_threads(state *s, wp_contacts *c, uint32_t member, uint32_t file, char *err)
{
	wp_status st = WP_OK;
	const uint64_t *cp = s->cp;
	const uint64_t cp_count = s->cp_count;
	pair *pairs = NULL;
	uint64_t pairs_count = 0, pairs_cap = 0;
	uint32_t others[WPI_GROUP_MAX];
	for (uint64_t i = 0; i < cp_count;) {
		uint32_t conv = (uint32_t)(cp[i] >> 32);
		uint64_t j = i;
		uint32_t size = 0, n = 0;
		for (; j < cp_count && (uint32_t)(cp[j] >> 32) == conv; j++) {
			size++;
			uint32_t who = (uint32_t)cp[j];
			if (who != member && s->parts[who].kind != P_DELETED && n < WPI_GROUP_MAX)
				others[n++] = who;
		}
		i = j;
		if (size <= 2 || size > WPI_GROUP_MAX)
			continue;
		const conversation *cv = &s->conv[conv];
		for (uint32_t a = 0; a < n; a++) {
			for (uint32_t b = a + 1; b < n; b++) {
				RESERVE(pairs, pairs_count, pairs_cap);
				pairs[pairs_count++] =
				        (pair){.key = (uint64_t)others[a] << 32 | others[b],
				               .first = cv->first,
				               .last = cv->last,
				               .line = cv->line};
			}
		}
	}
	if (pairs_count > 1)
		qsort(pairs, (size_t)pairs_count, sizeof(*pairs), cmp_pair);
	for (uint64_t i = 0; i < pairs_count;) {
		pair agg = pairs[i];
		uint32_t threads = 0;
		uint64_t j = i;
		for (; j < pairs_count && pairs[j].key == agg.key; j++) {
			threads++;
			if (pairs[j].first < agg.first)
				agg.first = pairs[j].first;
			if (pairs[j].last > agg.last)
				agg.last = pairs[j].last;
			if (pairs[j].line < agg.line)
				agg.line = pairs[j].line;
		}
		i = j;
		uint32_t pa = 0, pb = 0;
		WP_TRY(person_of(s, c, (uint32_t)(agg.key >> 32), file, &pa, err));
		WP_TRY(person_of(s, c, (uint32_t)agg.key, file, &pb, err));
		wp_evidence_rec e = {.a = pa < pb ? pa : pb,
		                     .b = pa < pb ? pb : pa,
		                     .kind = WP_EV_GROUP_THREAD,
		                     .sent = threads,
		                     .first = agg.first,
		                     .last = agg.last,
		                     .file = file,
		                     .line = agg.line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
	}
	free(pairs);
	return WP_OK;
fail:
	free(pairs);
	return st;
}

static wp_status finish(state *s, wp_contacts *c, uint32_t file, uint64_t header_line, char *err)
{
	wp_status st = WP_OK;
	uint32_t member = UINT32_MAX;
	if (s->msgs_count == 0)
		return WP_OK;
	WP_TRY(split_lists(s, err));
	WP_TRY(resolve_names(s, err));
	WP_TRY(conversation_members(s, err));
	WP_TRY(find_member(s, c, &member, err));
	if (member == UINT32_MAX) {
		WP_TRY(wp_contacts_warn(c, file, header_line, err,
		                        "cannot tell which participant is the member (%s); "
		                        "messages not used: give the member's profile URL",
		                        wp_contacts_text(c, c->people[0].full)));
		return WP_OK;
	}
	const participant *me = &s->parts[member];
	if (me->url != 0)
		WP_TRY(wpi_linkedin_member_url(c, wp_strtab_get(&s->text, me->url), err));
	WP_TRY(direct_messages(s, c, member, file, err));
	WP_TRY(group_threads(s, c, member, file, err));
	return WP_OK;
fail:
	return st;
}

wp_status wpi_linkedin_messages(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	state s = {0};
	int col[M_COUNT];
	WP_TRY(wpi_linkedin_header(csv, columns_wanted, col, M_COUNT, err));
	uint64_t header_line = csv->row_line;
	s.has_sender_url = col[M_SENDER_URL] >= 0;
	s.key = malloc(KEY_BYTES);
	if (s.key == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a %u-byte key buffer", KEY_BYTES);
	WP_TRY(wp_strtab_append(&s.text, "", 0, err));
	for (;;) {
		bool got = false, used = false;
		WP_TRY(wp_csvfile_next(csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(csv))
			continue;
		c->files[file].rows++;
		WP_TRY(read_row(&s, csv, col, file, c, &used, err));
		if (used)
			c->files[file].used++;
	}
	WP_TRY(finish(&s, c, file, header_line, err));
	state_free(&s);
	return WP_OK;
fail:
	state_free(&s);
	return st;
}
