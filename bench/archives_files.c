/* archives_files.c - the CSV text of each file of a synthetic LinkedIn archive.
 *
 * One function per file, each writing the era's layout (archives.h lists them) into an in-memory
 * buffer with an RFC 4180 writer: quotes only where needed (or everywhere, for 2026's
 * messages.csv), the era's separator and line ending. Messages, invitations, recommendations,
 * endorsements and notes pick among the member's connections with the member's own random
 * stream; the org-wide group thread's messages come from the seed alone, so every participant's
 * export holds the same conversation (same id), cut at their export date, as real exports do.
 * Dates are formatted by civil-calendar arithmetic, never by the C library's locale or time zone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/archives_internal.h"

static const char *const MONTHS[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const WEEKDAYS[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};

/* The date forms of the archives (shared/FORMATS.md). buf holds 40 bytes. */
typedef enum date_form {
	D_CONNECTED, /* 07 Jun 2022 */
	D_EXCEL,     /* 7-Jun-22 */
	D_UTC,       /* 2022-06-07 10:20:30 UTC (messages, notes) */
	D_SLASHED,   /* 2022/06/07 10:20:30 UTC (endorsements) */
	D_INVITE,    /* 6/7/22, 10:20 AM (invitations, e-mail addresses) */
	D_SHORT,     /* 06/07/22 (recommendations) */
	D_FOLLOW     /* Tue Jun 07 10:20:30 UTC 2022 (company follows) */
} date_form;

static const char *fmt_date(char *buf, int64_t t, date_form f)
{
	wpi_arch_civil c;
	civil_from_time(t, &c);
	switch (f) {
	case D_CONNECTED:
		snprintf(buf, 40, "%02d %s %04d", c.d, MONTHS[c.mo - 1], c.y);
		break;
	case D_EXCEL:
		snprintf(buf, 40, "%d-%s-%02d", c.d, MONTHS[c.mo - 1], c.y % 100);
		break;
	case D_UTC:
		snprintf(buf, 40, "%04d-%02d-%02d %02d:%02d:%02d UTC", c.y, c.mo, c.d, c.h, c.mi,
		         c.s);
		break;
	case D_SLASHED:
		snprintf(buf, 40, "%04d/%02d/%02d %02d:%02d:%02d UTC", c.y, c.mo, c.d, c.h, c.mi,
		         c.s);
		break;
	case D_INVITE:
		snprintf(buf, 40, "%d/%d/%02d, %d:%02d %s", c.mo, c.d, c.y % 100,
		         c.h % 12 == 0 ? 12 : c.h % 12, c.mi, c.h < 12 ? "AM" : "PM");
		break;
	case D_SHORT:
		snprintf(buf, 40, "%02d/%02d/%02d", c.mo, c.d, c.y % 100);
		break;
	case D_FOLLOW:
		snprintf(buf, 40, "%s %s %02d %02d:%02d:%02d UTC %04d", WEEKDAYS[c.wday],
		         MONTHS[c.mo - 1], c.d, c.h, c.mi, c.s, c.y);
		break;
	}
	return buf;
}

static const char *fmt_month(char *buf, int32_t month)
{
	snprintf(buf, 40, "%s %04d", MONTHS[month % 12], month / 12);
	return buf;
}

static const char *const SKILLS[] = {
        "Fundraising",        "Nonprofit Management", "Grant Writing",
        "Event Planning",     "Public Speaking",      "Volunteer Management",
        "Strategic Planning", "Data Analysis",        "Project Management",
        "Community Outreach", "Board Governance",     "Financial Reporting",
        "Social Media",       "Leadership",           "C (Programming Language)",
        "Adult Literacy"};
#define N_SKILLS (sizeof(SKILLS) / sizeof(SKILLS[0]))

static const char *const PLACES[] = {"Lisbon, Portugal",
                                     "Dublin, County Dublin, Ireland",
                                     "Stockholm, Sweden",
                                     "Lyon, Auvergne-Rhône-Alpes, France",
                                     "Montréal, Québec, Canada",
                                     "Berlin, Germany",
                                     "Lagos, Nigeria",
                                     "Nairobi, Kenya",
                                     "São Paulo, Brazil",
                                     "Kraków, Poland",
                                     "London, England, United Kingdom",
                                     "New York, New York, United States"};
#define N_PLACES (sizeof(PLACES) / sizeof(PLACES[0]))

static const char *const SENTENCES[] = {
        "Thanks for making time on Tuesday, it was great to catch up.",
        "Would you be open to a quick call about the spring reading drive?",
        "I've attached the draft budget; comments welcome, especially on page 3.",
        "Could you introduce me to someone at the foundation? No pressure at all.",
        "Congrats on the new role!",
        "The gala raised more than we hoped, thank you for spreading the word.",
        "Are you still in Lisbon next month? Coffee would be lovely.",
        "We're looking for volunteer tutors for Saturday mornings.",
        "Happy to help, just tell me what you need.",
        "Sorry for the slow reply, it's been a busy week.",
        "She said \"yes\" to the board seat, so we're all set.",
        "Let's pick this up after the holidays.",
        "Here's the link to the impact report: https://lumen.example.org/report-2025",
        "Can we move our meeting to 3pm, or does 4pm suit you better?",
        "Merci beaucoup, à bientôt!",
        "Tack så mycket för hjälpen."};
#define N_SENTENCES (sizeof(SENTENCES) / sizeof(SENTENCES[0]))

static const char *const SUBJECTS[] = {"",
                                       "",
                                       "",
                                       "",
                                       "Spring reading drive",
                                       "Re: Intro",
                                       "Board papers, Q3",
                                       "Volunteering",
                                       "Quick question"};
#define N_SUBJECTS (sizeof(SUBJECTS) / sizeof(SUBJECTS[0]))

static const char *const INVITE_NOTES[] = {
        "",
        "",
        "",
        "Hi, great meeting you at the fundraiser last night!",
        "Hello, I'd like to join your network.",
        "We met at the literacy conference, Lyon; hope to stay in touch.",
        "Hi!\nLoved your talk on volunteering.\nLet's connect."};
#define N_INVITE_NOTES (sizeof(INVITE_NOTES) / sizeof(INVITE_NOTES[0]))

#define PREAMBLE_TEXT                                                                            \
	"When exporting your connection data, you may notice that some of the email addresses "  \
	"are missing. You will only see email addresses for connections who have allowed their " \
	"connections to see or download their email address using this setting "                 \
	"https://www.linkedin.com/psettings/privacy/email. You can learn more here "             \
	"https://www.linkedin.com/help/linkedin/answer/261"

static void sb_reserve(wpi_arch_sbuf *b, size_t add)
{
	if (b->oom || b->len + add + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + add + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (p == NULL) {
		b->oom = true;
		return;
	}
	b->data = p;
	b->cap = cap;
}

static void sb_put(wpi_arch_sbuf *b, const char *s, size_t n)
{
	sb_reserve(b, n);
	if (b->oom)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void sb_puts(wpi_arch_sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_printf(wpi_arch_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(wpi_arch_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_reserve(b, (size_t)n);
	if (b->oom)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void sb_free(wpi_arch_sbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* A CSV writer over an sbuf: RFC 4180 quoting when a field needs it (or always). */
typedef struct csv {
	wpi_arch_sbuf *b;
	char sep;
	const char *eol;
	bool quote_all;
	int col;
	uint64_t rows;
} csv;

static void csv_field(csv *c, const char *s)
{
	if (c->col++ > 0)
		sb_put(c->b, &c->sep, 1);
	bool quote = c->quote_all;
	for (const char *q = s; !quote && *q; q++)
		quote = *q == c->sep || *q == '"' || *q == '\n' || *q == '\r';
	if (!quote) {
		sb_puts(c->b, s);
		return;
	}
	sb_put(c->b, "\"", 1);
	for (const char *q = s; *q; q++) {
		if (*q == '"')
			sb_put(c->b, "\"", 1);
		sb_put(c->b, q, 1);
	}
	sb_put(c->b, "\"", 1);
}

/* Ends a header line (not counted as a row). */
static void csv_end_header(csv *c)
{
	sb_puts(c->b, c->eol);
	c->col = 0;
}

static void csv_end(csv *c)
{
	csv_end_header(c);
	c->rows++;
}

/* Writes a header of comma-separated names, each through csv_field. */
static void csv_header(csv *c, const char *names)
{
	char name[64];
	const char *p = names;
	while (*p) {
		size_t n = strcspn(p, ",");
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		csv_field(c, name);
		p += n + (p[n] == ',');
	}
	csv_end_header(c);
}

/* Drops the line ending after the last row ("often no newline after the last row"). */
static void sb_drop_final_eol(wpi_arch_sbuf *b)
{
	if (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
	if (b->len > 0 && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
}

static csv file_begin(wpi_arch_archive *a, const char *name, bool quote_all)
{
	wpi_arch_file *f = &a->files[a->nfiles++];
	f->name = name;
	return (csv){&f->b, ',', "\n", quote_all, 0, 0};
}

static void file_end(wpi_arch_archive *a, csv *c, bool final_newline)
{
	wpi_arch_file *f = &a->files[a->nfiles - 1];
	if (!final_newline)
		sb_drop_final_eol(c->b);
	f->rows = c->rows;
}

/* A random connected person (a row index of a WPI_R_PERSON row). */
static const wpi_arch_conn *pick_connection(wpi_arch_archive *a)
{
	return &a->rows[a->people[rng_below(&a->r, a->people_count)]];
}

static void connections_file(wpi_arch_archive *a)
{
	const wpi_arch_era *e = a->e;
	csv c = file_begin(a, e->connections_file, false);
	char date[40], url[256], email[200];
	wpi_arch_person ps;
	if (e->excel) {
		c.sep = ';';
		c.eol = "\r\n";
		sb_puts(c.b, "\xef\xbb\xbf");
	}
	const char *pad = e->excel ? ";;;;;" : "";
	if (e->preamble) {
		sb_printf(c.b, "%s%s%s", e->quoted_notes ? "\"Notes:\"" : "Notes:", pad, c.eol);
		if (e->excel)
			sb_printf(c.b, "%s%s%s", PREAMBLE_TEXT, pad, c.eol);
		else
			sb_printf(c.b, "\"%s\"%s", PREAMBLE_TEXT, c.eol);
		sb_printf(c.b, "%s%s", pad, c.eol);
	}
	if (e->excel)
		csv_header(&c, "First Name,Last Name,URL,Company,Position,Connected On");
	else if (e->url)
		csv_header(&c,
		           "First Name,Last Name,URL,Email Address,Company,Position,Connected On");
	else
		csv_header(&c, "First Name,Last Name,Email Address,Company,Position,Connected On");
	int columns = e->excel ? 6 : e->url ? 7 : 6;
	for (uint32_t i = 0; i < a->count; i++) {
		const wpi_arch_conn *row = &a->rows[i];
		const char *when = fmt_date(date, row->t, e->excel ? D_EXCEL : D_CONNECTED);
		if (row->kind == WPI_R_HIDDEN) {
			for (int k = 0; k < columns - 1; k++)
				csv_field(&c, "");
			csv_field(&c, when);
			csv_end(&c);
			a->hidden++;
			continue;
		}
		wpi_arch_person_get(a->w, row->p, &ps);
		csv_field(&c, ps.first);
		csv_field(&c, ps.last);
		if (row->kind == WPI_R_SHORT) { /* a row cut short: three fields */
			csv_field(&c, wpi_arch_person_company(&ps, a->exported));
			csv_end(&c);
			a->dirty++;
			continue;
		}
		if (e->url) {
			wpi_arch_person_url(&ps, WPI_U_VARIANT,
			                    hash3(a->w->o.seed, row->p, WPI_H_URL + a->m), url);
			csv_field(&c, url);
		}
		if (!e->excel) {
			email[0] = '\0';
			if (ps.email)
				wpi_arch_person_email(&ps, ps.member && ps.company[1] == WPI_ORG,
				                      email, sizeof(email));
			csv_field(&c, email);
		}
		csv_field(&c, wpi_arch_person_company(&ps, a->exported));
		csv_field(&c, wpi_arch_person_title(&ps, a->exported));
		if (row->kind == WPI_R_BAD_DATE) {
			csv_field(&c, e->excel ? "n/a" : "31 Foo 2022");
			a->dirty++;
		} else {
			csv_field(&c, when);
		}
		csv_end(&c);
	}
	file_end(a, &c, e->final_newline);
	a->connection_rows = c.rows;
}

/* A conversation of messages.csv. */
typedef enum conv_kind { C_DIRECT, C_GROUP, C_DELETED, C_SPONSORED, C_ORG } conv_kind;

#define MAX_PARTICIPANTS WPI_ORG_THREAD_MAX
#define DELETED_PERSON UINT32_MAX

typedef struct conv {
	conv_kind kind;
	uint32_t who[MAX_PARTICIPANTS]; /* persons other than the member */
	int n;
	int64_t start;
	uint64_t seed;
} conv;

typedef struct msg {
	int64_t t;
	int sender; /* -1 = the member, else an index into conv.who */
} msg;

static int msg_cmp(const void *x, const void *y)
{
	const msg *a = x, *b = y;
	if (a->t != b->t)
		return a->t > b->t ? -1 : 1;
	return a->sender - b->sender;
}

/* The name and URL of a participant: the member (-1), a person, or a deleted account. */
static void participant(wpi_arch_archive *a, const conv *cv, int i, char *name, char *url)
{
	wpi_arch_person ps;
	if (i < 0) {
		snprintf(name, 256, "%s", a->my_name);
		snprintf(url, 256, "%s", a->my_url);
		return;
	}
	if (cv->who[i] == DELETED_PERSON) {
		snprintf(name, 256, "LinkedIn Member");
		url[0] = '\0';
		return;
	}
	wpi_arch_person_get(a->w, cv->who[i], &ps);
	wpi_arch_person_name(&ps, name, 256);
	/* Messages mostly spell URLs canonically; accented slugs sometimes in raw UTF-8. */
	uint64_t h = hash3(a->w->o.seed, cv->who[i], WPI_H_URL);
	wpi_arch_person_url(&ps, h % 3 == 0 ? WPI_U_RAW : WPI_U_CANONICAL, h, url);
}

static void message_content(wpi_arch_archive *a, wpi_arch_rng *r, const char *to_first,
                            const char *from_first, wpi_arch_sbuf *out)
{
	out->len = 0;
	if (out->data)
		out->data[0] = '\0';
	bool multiline = a->e->quote_all;
	int n = 1 + (int)rng_below(r, 3);
	sb_printf(out, "Hi %s,%s", to_first, multiline ? "\r\n\r\n" : " ");
	for (int i = 0; i < n; i++) {
		sb_puts(out, SENTENCES[rng_below(r, N_SENTENCES)]);
		sb_puts(out, i + 1 < n ? (multiline && rng_chance(r, 40) ? "\n" : " ") : "");
	}
	if (multiline)
		sb_printf(out, "\n\nBest,\n%s", from_first);
}

static void first_word(const char *name, char *out)
{
	snprintf(out, 64, "%.*s", (int)strcspn(name, " "), name);
}

/* Writes one conversation's messages, newest first, with the era's columns. */
static void write_conversation(wpi_arch_archive *a, csv *c, const conv *cv, wpi_arch_sbuf *content)
{
	wpi_arch_rng r = {cv->seed};
	msg msgs[WPI_ORG_THREAD_MESSAGES];
	int n = 0;
	const wpi_arch_era *e = a->e;
	char id[96], title[128] = "", date[40], subject[64], folder[16];
	char from[256], from_url[256], name[256], url[256], to_first[64], from_first[64];
	wpi_arch_sbuf to = {0}, to_urls = {0};

	/* A conversation id like LinkedIn's ("2-" and base64 text). */
	static const char B64[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	wpi_arch_rng idr = {cv->seed ^ 0x1d};
	int idn = snprintf(id, sizeof(id), "2-");
	for (int i = 0; i < 44; i++)
		id[idn++] = B64[rng_below(&idr, 64)];
	memcpy(id + idn, "==", 3);

	if (cv->kind == C_ORG) {
		/* The shared thread: the same messages in every participant's export. */
		snprintf(title, sizeof(title), "Lumen Literacy Collective – board & staff");
		for (int k = 0; k < WPI_ORG_THREAD_MESSAGES; k++) {
			int64_t t = rng_between(&r, time_of(2019, 1, 7), time_of(2026, 11, 16));
			uint32_t who = a->w->org_members[rng_below(&r, a->w->org_count)];
			if (t > a->exported)
				continue;
			int s = -1;
			for (int i = 0; i < cv->n; i++)
				if (cv->who[i] == who)
					s = i;
			msgs[n++] = (msg){t, s};
		}
	} else {
		int mode = rng_chance(&r, 70) ? 0 : rng_chance(&r, 50) ? 1 : 2;
		int count = cv->kind == C_SPONSORED
		                    ? 1
		                    : 1 + (int)rng_below(&r, cv->kind == C_GROUP ? 9 : 6);
		int64_t t = cv->start;
		/* A deleted account's conversation starts with their message, so the export
		 * shows the "LinkedIn Member" sender. */
		int sender = cv->kind == C_SPONSORED || cv->kind == C_DELETED ? 0
		             : rng_chance(&r, 50)                             ? -1
		                                                              : 0;
		for (int k = 0; k < count && t < a->exported; k++) {
			if (cv->kind == C_GROUP)
				sender = (int)rng_below(&r, (uint32_t)cv->n + 1) - 1;
			else if (mode == 1 && cv->kind == C_DIRECT)
				sender = 0; /* only incoming: nobody answers recruiters */
			else if (mode == 2 && cv->kind == C_DIRECT)
				sender = -1; /* only outgoing: unanswered */
			msgs[n++] = (msg){t, sender};
			t += 600 + (int64_t)rng_below(&r, 6 * WPI_DAY);
			if (cv->kind != C_GROUP && rng_chance(&r, 75))
				sender = sender < 0 ? 0 : -1;
		}
		if (cv->kind == C_GROUP)
			snprintf(title, sizeof(title), "%s",
			         rng_chance(&r, 50) ? "Spring gala planning" : "");
		if (cv->kind == C_SPONSORED)
			snprintf(title, sizeof(title), "Sponsored Conversation");
	}
	qsort(msgs, (size_t)n, sizeof(*msgs), msg_cmp);
	uint32_t fr = rng_below(&r, 100);
	snprintf(folder, sizeof(folder), "%s",
	         cv->kind == C_SPONSORED ? ""
	         : fr < 84               ? "INBOX"
	         : fr < 99               ? "ARCHIVE"
	                                 : "SPAM");
	snprintf(subject, sizeof(subject), "%s", SUBJECTS[rng_below(&r, N_SUBJECTS)]);

	for (int k = 0; k < n; k++) {
		const msg *mg = &msgs[k];
		if (cv->kind == C_SPONSORED) {
			snprintf(from, sizeof(from), "Quillpay Business");
			from_url[0] = '\0';
		} else {
			participant(a, cv, mg->sender, from, from_url);
		}
		first_word(from, from_first);
		to.len = to_urls.len = 0;
		sb_puts(&to, "");
		sb_puts(&to_urls, "");
		to_first[0] = '\0';
		for (int i = -1; i < cv->n; i++) {
			if (i == mg->sender && cv->kind != C_SPONSORED)
				continue;
			if (cv->kind == C_SPONSORED && i >= 0)
				break;
			participant(a, cv, i, name, url);
			if (to.len > 0)
				sb_puts(&to, ", ");
			sb_puts(&to, name);
			if (url[0]) {
				if (to_urls.len > 0)
					sb_puts(&to_urls, ",");
				sb_puts(&to_urls, url);
			}
			if (!to_first[0])
				first_word(name, to_first);
		}
		if (cv->kind == C_SPONSORED) {
			content->len = 0;
			sb_puts(content,
			        "Hi %FIRSTNAME%, nonprofits like yours raise 30% more with "
			        "recurring gifts. Book a demo, it takes 15 minutes.");
		} else {
			if (cv->kind == C_GROUP || cv->kind == C_ORG)
				snprintf(to_first, sizeof(to_first), "all");
			message_content(a, &r, to_first, from_first, content);
		}
		bool bad_date = a->bad_message_dates < (uint64_t)e->dirty_messages &&
		                cv->kind == C_DIRECT && k == 0;
		csv_field(c, id);
		csv_field(c, title);
		csv_field(c, from);
		csv_field(c, from_url);
		csv_field(c, to.oom ? "" : to.data);
		if (e->message_columns >= 11)
			csv_field(c, to_urls.oom ? "" : to_urls.data);
		csv_field(c, bad_date ? "unknown" : fmt_date(date, mg->t, D_UTC));
		csv_field(c, cv->kind == C_SPONSORED ? "%FIRSTNAME%, grow recurring donations"
		                                     : subject);
		csv_field(c, content->oom ? "" : content->data);
		csv_field(c, folder);
		if (e->message_columns >= 11)
			csv_field(c, "");
		if (e->message_columns >= 13) {
			csv_field(c, "No");
			csv_field(c, "No");
		}
		csv_end(c);
		a->dirty += bad_date;
		a->bad_message_dates += bad_date;
	}
	if (to.oom || to_urls.oom)
		c->b->oom = true;
	sb_free(&to);
	sb_free(&to_urls);
}

static void messages_file(wpi_arch_archive *a)
{
	const wpi_arch_era *e = a->e;
	csv c = file_begin(a, "messages.csv", e->quote_all);
	conv *convs = NULL;
	wpi_arch_sbuf content = {0};
	uint32_t real = a->people_count;
	uint32_t nd = real / 10 > 3 ? real / 10 : 3, ng = real / 150 > 1 ? real / 150 : 1;
	uint32_t max = nd + ng + 3;
	int nc = 0;

	if (e->message_columns == 13)
		csv_header(&c, "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
		               "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,"
		               "IS MESSAGE DRAFT,IS CONVERSATION DRAFT");
	else if (e->message_columns == 11)
		csv_header(&c, "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
		               "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS");
	else
		csv_header(&c, "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,"
		               "SUBJECT,CONTENT,FOLDER");
	convs = calloc(max, sizeof(*convs));
	if (convs == NULL || real == 0) {
		c.b->oom = convs == NULL;
		goto done;
	}
	/* Direct conversations: the other members first (half of them), then random contacts. */
	for (uint32_t i = 0; i < a->people_count && (uint32_t)nc < nd / 2; i++) {
		const wpi_arch_conn *row = &a->rows[a->people[i]];
		if (row->p < a->w->o.members && rng_chance(&a->r, 50))
			convs[nc++] = (conv){.kind = C_DIRECT,
			                     .who = {row->p},
			                     .n = 1,
			                     .start = rng_between(&a->r, row->t, a->exported),
			                     .seed = rng_next(&a->r)};
	}
	while ((uint32_t)nc < nd) {
		const wpi_arch_conn *row = pick_connection(a);
		convs[nc++] = (conv){.kind = C_DIRECT,
		                     .who = {row->p},
		                     .n = 1,
		                     .start = rng_between(&a->r, row->t, a->exported),
		                     .seed = rng_next(&a->r)};
	}
	for (uint32_t g = 0; g < ng; g++) {
		conv *cv = &convs[nc++];
		*cv = (conv){.kind = C_GROUP, .seed = rng_next(&a->r)};
		int want = 2 + (int)rng_below(&a->r, 3);
		int64_t latest = 0;
		for (int tries = 0; cv->n < want && tries < 20; tries++) {
			const wpi_arch_conn *row = pick_connection(a);
			bool dup = false;
			for (int i = 0; i < cv->n; i++)
				dup |= cv->who[i] == row->p;
			if (!dup) {
				cv->who[cv->n++] = row->p;
				latest = row->t > latest ? row->t : latest;
			}
		}
		cv->start = rng_between(&a->r, latest, a->exported);
	}
	convs[nc++] = (conv){.kind = C_DELETED,
	                     .who = {DELETED_PERSON},
	                     .n = 1,
	                     .start = a->exported - 900 * WPI_DAY,
	                     .seed = rng_next(&a->r)};
	if (e->sponsored)
		convs[nc++] = (conv){.kind = C_SPONSORED,
		                     .n = 0,
		                     .start = a->exported - 40 * WPI_DAY,
		                     .seed = rng_next(&a->r)};
	bool in_org = false;
	for (uint32_t i = 0; i < a->w->org_count; i++)
		in_org |= a->w->org_members[i] == a->m;
	if (in_org && a->w->org_count >= 3) {
		conv *cv = &convs[nc++];
		*cv = (conv){.kind = C_ORG, .seed = hash3(a->w->o.seed, 0, WPI_H_ORG)};
		for (uint32_t i = 0; i < a->w->org_count; i++)
			if (a->w->org_members[i] != a->m)
				cv->who[cv->n++] = a->w->org_members[i];
	}
	for (int i = 0; i < nc; i++)
		write_conversation(a, &c, &convs[i], &content);
done:
	if (content.oom)
		c.b->oom = true;
	sb_free(&content);
	free(convs);
	file_end(a, &c, e->final_newline);
	a->message_rows = c.rows;
}

static void invitations_file(wpi_arch_archive *a)
{
	const wpi_arch_era *e = a->e;
	csv c = file_begin(a, "Invitations.csv", false);
	char date[40], name[256], url[256];
	wpi_arch_person ps;
	csv_header(&c,
	           e->invitation_urls
	                   ? "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
	                   : "From,To,Sent At,Message,Direction");
	/* The most recent connections were invitations; then two pending ones. */
	uint32_t n = a->people_count / 50 > 2 ? a->people_count / 50 : 2;
	for (uint32_t i = 0; i < n + 2 && i < a->people_count + 2; i++) {
		bool pending = i >= n || i >= a->people_count;
		uint32_t p = pending ? a->w->base_personal + a->m * a->w->personal_size +
		                               a->w->personal_size - 1 - i
		                     : a->rows[a->people[i]].p;
		int64_t t = pending ? a->exported - (int64_t)(i + 1) * 5 * WPI_DAY
		                    : a->rows[a->people[i]].t - 3600 -
		                              (int64_t)rng_below(&a->r, 10 * WPI_DAY);
		wpi_arch_person_get(a->w, p, &ps);
		wpi_arch_person_name(&ps, name, sizeof(name));
		wpi_arch_person_url(&ps, WPI_U_CANONICAL, 0, url);
		bool outgoing = rng_chance(&a->r, 50);
		csv_field(&c, outgoing ? a->my_name : name);
		csv_field(&c, outgoing ? name : a->my_name);
		csv_field(&c, fmt_date(date, t, D_INVITE));
		csv_field(&c, INVITE_NOTES[rng_below(&a->r, N_INVITE_NOTES)]);
		csv_field(&c, outgoing ? "OUTGOING" : "INCOMING");
		if (e->invitation_urls) {
			csv_field(&c, outgoing ? a->my_url : url);
			csv_field(&c, outgoing ? url : a->my_url);
		}
		csv_end(&c);
	}
	file_end(a, &c, true);
}

/* Recommendations received (1-3) or given (0-2; with none, LinkedIn's archive has no file). */
static void recommendations_file(wpi_arch_archive *a, bool received)
{
	uint32_t n = received ? 1 + rng_below(&a->r, 3) : rng_below(&a->r, 3);
	if (n == 0 || a->people_count == 0)
		return;
	csv c = file_begin(
	        a, received ? "Recommendations_Received.csv" : "Recommendations_Given.csv", false);
	char date[40], text[512];
	wpi_arch_person ps;
	csv_header(&c, "First Name,Last Name,Company,Job Title,Text,Creation Date,Status");
	for (uint32_t i = 0; i < n && a->people_count > 0; i++) {
		/* Recommenders are mostly other members, whose Connected On is older. */
		const wpi_arch_conn *row = pick_connection(a);
		for (uint32_t k = 0; k < a->people_count && i == 0; k++)
			if (a->rows[a->people[k]].p < a->w->o.members) {
				row = &a->rows[a->people[k]];
				break;
			}
		wpi_arch_person_get(a->w, row->p, &ps);
		int64_t t = rng_between(&a->r, row->t, a->exported);
		const char *subject = received ? a->me.first : ps.first;
		snprintf(text, sizeof(text),
		         "I worked with %s for several years, and %s is the kind of colleague "
		         "who \"just gets it\".\n\nReliable, warm, and relentless about the "
		         "mission; I recommend %s without reservation.",
		         subject, subject, subject);
		csv_field(&c, ps.first);
		csv_field(&c, ps.last);
		csv_field(&c, wpi_arch_person_company(&ps, t));
		csv_field(&c, wpi_arch_person_title(&ps, t));
		csv_field(&c, text);
		csv_field(&c, fmt_date(date, t, D_SHORT));
		csv_field(&c, "VISIBLE");
		csv_end(&c);
	}
	file_end(a, &c, true);
}

static void endorsements_file(wpi_arch_archive *a, bool received)
{
	const wpi_arch_era *e = a->e;
	csv c = file_begin(
	        a, received ? "Endorsement_Received_Info.csv" : "Endorsement_Given_Info.csv",
	        false);
	char date[40], url[256];
	wpi_arch_person ps;
	const char *who = received ? "Endorser" : "Endorsee";
	wpi_arch_sbuf *h = c.b;
	sb_printf(h, "Endorsement Date,Skill Name,%s First Name,%s Last Name,", who, who);
	if (e->endorsement_urls)
		sb_printf(h, "%s Public Url,", who);
	sb_puts(h, "Endorsement Status\n");
	uint32_t div = received ? 60 : 100, min = received ? 3 : 2;
	uint32_t n = a->people_count / div > min ? a->people_count / div : min;
	for (uint32_t i = 0; i < n && a->people_count > 0; i++) {
		const wpi_arch_conn *row = pick_connection(a);
		wpi_arch_person_get(a->w, row->p, &ps);
		int64_t t = rng_between(&a->r, row->t, a->exported);
		csv_field(&c, fmt_date(date, t, D_SLASHED));
		csv_field(&c, SKILLS[rng_below(&a->r, N_SKILLS)]);
		csv_field(&c, ps.first);
		csv_field(&c, ps.last);
		if (e->endorsement_urls) {
			wpi_arch_person_url(&ps, WPI_U_NO_SCHEME, 0, url);
			csv_field(&c, url);
		}
		csv_field(&c, "ACCEPTED");
		csv_end(&c);
	}
	file_end(a, &c, true);
}

static void profile_file(wpi_arch_archive *a)
{
	csv c = file_begin(a, "Profile.csv", false);
	char headline[256], summary[512];
	const wpi_arch_person *me = &a->me;
	csv_header(&c,
	           "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
	           "Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers");
	snprintf(headline, sizeof(headline), "%s at %s", wpi_arch_person_title(me, a->exported),
	         wpi_arch_person_company(me, a->exported));
	static const char *const SERVES[WPI_ROLES] = {"on its staff", "on its board",
	                                              "as a volunteer tutor"};
	snprintf(summary, sizeof(summary),
	         "I believe every adult deserves to read with confidence.\n\n"
	         "I serve the Lumen Literacy Collective %s. Previously: %s, and more.",
	         SERVES[wpi_arch_member_role(a->w, a->m)], wpi_arch_companies[me->company[0]]);
	csv_field(&c, me->first);
	csv_field(&c, me->last);
	csv_field(&c, "");
	csv_field(&c, "");
	csv_field(&c, "");
	csv_field(&c, headline);
	csv_field(&c, summary);
	csv_field(&c, wpi_arch_member_role(a->w, a->m) == WPI_STAFF ? "Non-profit Organizations"
	                                                            : "Financial Services");
	csv_field(&c, "");
	csv_field(&c, PLACES[hash3(a->w->o.seed, a->m, WPI_H_STREAM) % N_PLACES]);
	csv_field(&c, "");
	csv_field(&c, wpi_arch_member_role(a->w, a->m) == WPI_STAFF
	                      ? "[COMPANY:https://lumen.example.org]"
	                      : "");
	csv_field(&c, "");
	csv_end(&c);
	file_end(a, &c, true);
}

static void positions_file(wpi_arch_archive *a)
{
	csv c = file_begin(a, "Positions.csv", false);
	char start[40], end[40];
	wpi_arch_career cr;
	wpi_arch_member_career(a->w, a->m, &cr);
	csv_header(&c, "Company Name,Title,Description,Location,Started On,Finished On");
	for (int i = 0; i < cr.count; i++) {
		const wpi_arch_job *j = &cr.jobs[i];
		csv_field(&c, wpi_arch_companies[j->company]);
		csv_field(&c, wpi_arch_titles[j->title]);
		csv_field(&c, j->company == WPI_ORG ? "Adult literacy programmes, tutoring, and "
		                                      "\"Read Together\" evenings."
		                                    : "");
		csv_field(&c, PLACES[(a->m + (uint32_t)i) % N_PLACES]);
		csv_field(&c, fmt_month(start, j->start));
		csv_field(&c, j->end ? fmt_month(end, j->end) : "");
		csv_end(&c);
	}
	file_end(a, &c, true);
}

static void notes_file(wpi_arch_archive *a)
{
	csv c = file_begin(a, "Notes.csv", false);
	char created[40], edited[40], url[256], note[256];
	wpi_arch_person ps;
	csv_header(&c, "Connection First Name,Connection Last Name,Connection Profile URL,Note,"
	               "Created On,Edited On");
	uint32_t n = a->people_count / 100 ? a->people_count / 100 : 1;
	for (uint32_t i = 0; i < n && a->people_count > 0; i++) {
		const wpi_arch_conn *row = pick_connection(a);
		wpi_arch_person_get(a->w, row->p, &ps);
		int64_t t = rng_between(&a->r, row->t, a->exported);
		int64_t t2 = rng_chance(&a->r, 50) ? rng_between(&a->r, t, a->exported) : t;
		snprintf(note, sizeof(note),
		         "Met at the %s gala; interested in %s, ask about "
		         "matching gifts.",
		         rng_chance(&a->r, 50) ? "spring" : "autumn",
		         SKILLS[rng_below(&a->r, N_SKILLS)]);
		wpi_arch_person_url(&ps, WPI_U_CANONICAL, 0, url);
		csv_field(&c, ps.first);
		csv_field(&c, ps.last);
		csv_field(&c, url);
		csv_field(&c, note);
		csv_field(&c, fmt_date(created, t, D_UTC));
		csv_field(&c, fmt_date(edited, t2, D_UTC));
		csv_end(&c);
	}
	file_end(a, &c, true);
}

static void other_files(wpi_arch_archive *a)
{
	char date[40], email[200];
	csv c = file_begin(a, a->e->follows_file, false);
	csv_header(&c, "Organization,Followed On");
	for (uint32_t i = 0; i < 4; i++) {
		csv_field(&c, wpi_arch_companies[(a->m + i * 7) % wpi_arch_companies_count]);
		csv_field(&c, fmt_date(date, a->exported - (int64_t)(i + 1) * 97 * WPI_DAY - 4321,
		                       D_FOLLOW));
		csv_end(&c);
	}
	file_end(a, &c, true);

	c = file_begin(a, "Skills.csv", false);
	csv_header(&c, "Name");
	for (uint32_t i = 0; i < 6; i++) {
		csv_field(&c, SKILLS[(a->m * 3 + i * 5) % N_SKILLS]);
		csv_end(&c);
	}
	file_end(a, &c, true);

	c = file_begin(a, "Email Addresses.csv", false);
	csv_header(&c, "Email Address,Confirmed,Primary,Updated On");
	wpi_arch_person_email(&a->me, wpi_arch_member_role(a->w, a->m) == WPI_STAFF, email,
	                      sizeof(email));
	csv_field(&c, email);
	csv_field(&c, "Yes");
	csv_field(&c, "Yes");
	csv_field(&c, fmt_date(date, a->exported - 800 * WPI_DAY, D_INVITE));
	csv_end(&c);
	file_end(a, &c, true);
}

void wpi_arch_files(wpi_arch_archive *a)
{
	connections_file(a);
	messages_file(a);
	invitations_file(a);
	recommendations_file(a, true);
	recommendations_file(a, false);
	endorsements_file(a, true);
	endorsements_file(a, false);
	profile_file(a);
	positions_file(a);
	if (a->e->notes_file)
		notes_file(a);
	other_files(a);
}
