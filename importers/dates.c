/* dates.c - parsing the date forms of contact exports into Unix seconds (see dates.h).
 *
 * A small cursor parser, no locale and no strptime (whose %b depends on LC_TIME): a date is one
 * of a few shapes of numbers, separators and English month names, then an optional time (24-hour,
 * or 12-hour with AM/PM) and an optional "UTC", "GMT" or "Z". Fields are range-checked, days
 * against the month's length (29 Feb only in leap years), before timegm() turns them into seconds.
 * O(length of the string), no allocation.
 */
#include "importers/dates.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct cursor {
	const char *p;
	const char *end;
} cursor;

typedef struct fields {
	int year, month, day; /* month 1-12 */
	int hour, minute, second;
} fields;

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

static bool at_end(const cursor *c)
{
	return c->p == c->end;
}

static bool peek(const cursor *c, char ch)
{
	return c->p < c->end && *c->p == ch;
}

static bool eat(cursor *c, char ch)
{
	if (!peek(c, ch))
		return false;
	c->p++;
	return true;
}

static void skip_spaces(cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* Reads 1..max digits into *v and stores their count in *ndigits; false if there is none. */
static bool number(cursor *c, int max, int *v, int *ndigits)
{
	int n = 0, x = 0;
	while (c->p < c->end && n < max && *c->p >= '0' && *c->p <= '9') {
		x = x * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n == 0 || (c->p < c->end && *c->p >= '0' && *c->p <= '9'))
		return false;
	*v = x;
	*ndigits = n;
	return true;
}

/* An English month name: the first three letters or more of the full name, any case ("Jun",
 * "JUNE", "Sept"). */
static bool month_name(cursor *c, int *month)
{
	size_t n = 0;
	while (c->p + n < c->end &&
	       ((c->p[n] >= 'a' && c->p[n] <= 'z') || (c->p[n] >= 'A' && c->p[n] <= 'Z')))
		n++;
	if (n < 3)
		return false;
	char first = (char)(c->p[0] | 0x20); /* ASCII lower case */
	for (int m = 0; m < 12; m++) {
		if (month_names[m][0] == first && n <= strlen(month_names[m]) &&
		    strncasecmp(c->p, month_names[m], n) == 0) {
			*month = m + 1;
			c->p += n;
			return true;
		}
	}
	return false;
}

static int year_of(int v, int ndigits)
{
	if (ndigits == 2)
		return v < 70 ? 2000 + v : 1900 + v;
	return v;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(const fields *f)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (f->year < 1900 || f->year > 2200 || f->month < 1 || f->month > 12 || f->day < 1)
		return false;
	int dim = days[f->month - 1] + (f->month == 2 && leap(f->year));
	return f->day <= dim && f->hour >= 0 && f->hour <= 23 && f->minute >= 0 &&
	       f->minute <= 59 && f->second >= 0 && f->second <= 59;
}

/* An optional time after a date: [","] " " H:MM[:SS] [" "] [AM|PM], then an optional zone
 * (" UTC", " GMT", "Z"); the cursor must then be at the end. */
static bool time_and_end(cursor *c, fields *f)
{
	skip_spaces(c);
	if (at_end(c))
		return true;
	if (eat(c, ',') || eat(c, 'T') || eat(c, 't'))
		skip_spaces(c);
	int nd = 0;
	if (!number(c, 2, &f->hour, &nd) || !eat(c, ':') || !number(c, 2, &f->minute, &nd) ||
	    nd != 2)
		return false;
	if (eat(c, ':') && (!number(c, 2, &f->second, &nd) || nd != 2))
		return false;
	if (eat(c, '.')) /* fractional seconds: ignored */
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	skip_spaces(c);
	if (c->end - c->p >= 2 && (c->p[1] == 'M' || c->p[1] == 'm')) {
		char ap = c->p[0];
		if (ap != 'A' && ap != 'a' && ap != 'P' && ap != 'p')
			return false;
		if (f->hour < 1 || f->hour > 12)
			return false;
		if (ap == 'A' || ap == 'a')
			f->hour = f->hour == 12 ? 0 : f->hour;
		else
			f->hour = f->hour == 12 ? 12 : f->hour + 12;
		c->p += 2;
		skip_spaces(c);
	}
	if (c->end - c->p >= 3 &&
	    (strncasecmp(c->p, "UTC", 3) == 0 || strncasecmp(c->p, "GMT", 3) == 0))
		c->p += 3;
	else if (peek(c, 'Z') || peek(c, 'z'))
		c->p++;
	skip_spaces(c);
	return at_end(c);
}

/* Parses the date forms of dates.h into f; month_only also accepts "06/2019" and "2019-06" (and
 * reports whether the day was given in *has_day). */
static bool parse(const char *s, fields *f, bool month_only, bool *has_day)
{
	memset(f, 0, sizeof(*f));
	f->day = 1;
	*has_day = false;
	if (s == NULL)
		return false;
	cursor c = {s, s + strlen(s)};
	skip_spaces(&c);
	while (c.end > c.p &&
	       (c.end[-1] == ' ' || c.end[-1] == '\t' || c.end[-1] == '\r' || c.end[-1] == '\n'))
		c.end--;
	if (at_end(&c))
		return false;
	int a = 0, b = 0, y = 0, na = 0, nb = 0, ny = 0;
	if (month_name(&c, &f->month)) {
		/* "Jun 2019", "Jun 7, 2022" */
		skip_spaces(&c);
		eat(&c, '-');
		skip_spaces(&c);
		if (!number(&c, 4, &a, &na))
			return false;
		if (na == 4) {
			f->year = a;
		} else {
			eat(&c, ',');
			skip_spaces(&c);
			if (!number(&c, 4, &y, &ny) || ny != 4)
				return false;
			f->year = y;
			f->day = a;
			*has_day = true;
		}
		return time_and_end(&c, f) && valid(f);
	}
	if (!number(&c, 4, &a, &na))
		return false;
	if (na == 4) {
		f->year = a;
		if (at_end(&c)) {
			f->month = 1;
			return valid(f); /* "2019" */
		}
		char sep = *c.p;
		if (sep != '-' && sep != '/')
			return false;
		c.p++;
		if (!number(&c, 2, &f->month, &nb))
			return false;
		if (at_end(&c)) {
			*has_day = false;
			return month_only && valid(f); /* "2019-06" */
		}
		if (!eat(&c, sep) || !number(&c, 2, &f->day, &nb))
			return false;
		*has_day = true;
		return time_and_end(&c, f) && valid(f); /* "2024-03-15 10:20:30 UTC" */
	}
	if (eat(&c, '/')) {
		if (!number(&c, 4, &b, &nb))
			return false;
		if (nb == 4 && at_end(&c)) {
			f->year = b;
			f->month = a;
			return month_only && valid(f); /* "06/2019" */
		}
		if (nb > 2 || !eat(&c, '/') || !number(&c, 4, &y, &ny) || (ny != 2 && ny != 4))
			return false;
		f->month = a; /* US order: "3/15/24", "3/15/2024" */
		f->day = b;
		f->year = year_of(y, ny);
		*has_day = true;
		return time_and_end(&c, f) && valid(f);
	}
	/* "07 Jun 2022", "7-Feb-22" */
	char sep = c.p < c.end ? *c.p : '\0';
	if (sep != ' ' && sep != '-')
		return false;
	c.p++;
	if (sep == ' ')
		skip_spaces(&c);
	if (!month_name(&c, &f->month) || !eat(&c, sep))
		return false;
	if (sep == ' ')
		skip_spaces(&c);
	if (!number(&c, 4, &y, &ny) || (ny != 2 && ny != 4))
		return false;
	f->day = a;
	f->year = year_of(y, ny);
	*has_day = true;
	return time_and_end(&c, f) && valid(f);
}

bool wp_date_parse(const char *s, int64_t *t)
{
	fields f;
	bool has_day;
	if (!parse(s, &f, false, &has_day))
		return false;
	struct tm tm = {0};
	tm.tm_year = f.year - 1900;
	tm.tm_mon = f.month - 1;
	tm.tm_mday = f.day;
	tm.tm_hour = f.hour;
	tm.tm_min = f.minute;
	tm.tm_sec = f.second;
	*t = (int64_t)timegm(&tm);
	return true;
}

bool wp_date_parse_month(const char *s, int32_t *month)
{
	fields f;
	bool has_day;
	if (!parse(s, &f, true, &has_day))
		return false;
	*month = (int32_t)(f.year * 12 + f.month - 1);
	return true;
}
