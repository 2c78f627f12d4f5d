/* test_dates.c - every date form of the contact exports, and the impossible ones refused. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "importers/dates.h"

typedef struct known {
	char in[64];
	bool ok;
	int64_t t;
} known;

ParameterizedTestParameters(dates, parse)
{
	static known cases[] = {
	        /* Connections.csv */
	        {"07 Jun 2022", true, 1654560000},
	        {"7 june 2022", true, 1654560000},
	        {"07 JUNE 2022", true, 1654560000},
	        /* Excel re-saves */
	        {"7-Feb-22", true, 1644192000},
	        {"07-feb-2022", true, 1644192000},
	        {"3/15/2024", true, 1710460800},
	        {"2024-03-15", true, 1710460800},
	        /* messages.csv, Endorsements */
	        {"2024-03-15 10:20:30 UTC", true, 1710498030},
	        {"2024/03/15 10:20:30 UTC", true, 1710498030},
	        {"2024-03-15T10:20:30Z", true, 1710498030},
	        {"2024-03-15 10:20:30.123 UTC", true, 1710498030},
	        {" 2024-03-15 10:20 ", true, 1710498000},
	        /* Invitations: M/D/YY, h:mm AM */
	        {"3/15/24, 9:05 AM", true, 1710493500},
	        {"3/15/24, 12:05 AM", true, 1710461100},
	        {"3/15/24, 12:30 PM", true, 1710505800},
	        {"3/15/24, 9:05 pm", true, 1710536700},
	        /* Recommendations */
	        {"03/15/24", true, 1710460800},
	        /* Positions */
	        {"Jun 2019", true, 1559347200},
	        {"Sept 2019", true, 1567296000},
	        {"2019", true, 1546300800},
	        {"Jun 7, 2022", true, 1654560000},
	        /* two-digit years */
	        {"1-Jan-69", true, 3124224000},
	        {"1-Jan-70", true, 0},
	        /* leap days */
	        {"29 Feb 2024", true, 1709164800},
	        {"29 Feb 2023", false, 0},
	        {"31 Feb 2022", false, 0},
	        {"2022-04-31", false, 0},
	        {"2/29/1900", false, 0},
	        {"2024-13-01", false, 0},
	        {"2024-00-10", false, 0},
	        {"0 Jun 2022", false, 0},
	        {"13/15/24", false, 0},
	        {"3/15/24, 13:05 PM", false, 0},
	        {"3/15/24, 0:05 AM", false, 0},
	        {"2024-03-15 24:00:00 UTC", false, 0},
	        {"2024-03-15 10:60:00 UTC", false, 0},
	        {"2024-03-15 10:20:30 UTC extra", false, 0},
	        {"07 Jux 2022", false, 0},
	        {"07 Ju 2022", false, 0},
	        {"2019-06", false, 0},
	        {"06/2019", false, 0},
	        {"20240315", false, 0},
	        {"1899", false, 0},
	        {"Notes:", false, 0},
	        {"", false, 0},
	        {"   ", false, 0},
	};
	return cr_make_param_array(known, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known *k, dates, parse)
{
	int64_t t = -1;
	cr_assert(eq(int, wp_date_parse(k->in, &t), k->ok), "\"%s\"", k->in);
	cr_assert(eq(i64, t, k->ok ? k->t : -1), "\"%s\"", k->in);
}

typedef struct known_month {
	char in[32];
	bool ok;
	int32_t month;
} known_month;

ParameterizedTestParameters(dates, parse_month)
{
	static known_month cases[] = {
	        {"Jun 2019", true, 2019 * 12 + 5},
	        {"june 2019", true, 2019 * 12 + 5},
	        {"06/2019", true, 2019 * 12 + 5},
	        {"6/2019", true, 2019 * 12 + 5},
	        {"2019-06", true, 2019 * 12 + 5},
	        {"2019", true, 2019 * 12},
	        {"07 Jun 2022", true, 2022 * 12 + 5},
	        {"2024-03-15", true, 2024 * 12 + 2},
	        {"13/2019", false, 0},
	        {"2019-13", false, 0},
	        {"Present", false, 0},
	        {"", false, 0},
	};
	return cr_make_param_array(known_month, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(known_month *k, dates, parse_month)
{
	int32_t m = -1;
	cr_assert(eq(int, wp_date_parse_month(k->in, &m), k->ok), "\"%s\"", k->in);
	cr_assert(eq(i32, m, k->ok ? k->month : -1), "\"%s\"", k->in);
}

Test(dates, null_is_not_a_date)
{
	int64_t t = 5;
	int32_t m = 5;
	cr_assert(not(wp_date_parse(NULL, &t)));
	cr_assert(not(wp_date_parse_month(NULL, &m)));
	cr_assert(eq(i64, t, 5));
	cr_assert(eq(i32, m, 5));
}
