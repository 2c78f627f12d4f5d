/* dates.h - the date and time forms contact exports use, to Unix seconds (UTC).
 *
 * LinkedIn: "07 Jun 2022" (Connections), "2024-03-15 10:20:30 UTC" (messages),
 * "3/15/24, 9:05 AM" (Invitations), "2024/03/15 10:20:30 UTC" (Endorsements),
 * "Jun 2019" / "2019" (Positions), "03/15/24" (Recommendations); Excel re-saves: "7-Feb-22",
 * "3/15/2024", "2024-03-15". Month names in English, any case, short or long.
 */
#ifndef WP_DATES_H
#define WP_DATES_H

#include <stdbool.h>
#include <stdint.h>

/* Parses s in any of the forms above; stores Unix seconds in *t and returns true, or returns
 * false (leaving *t) if s is empty or not a recognised date. Two-digit years are 2000-2069 or
 * 1970-1999. Dates without a time are midnight UTC. */
bool wp_date_parse(const char *s, int64_t *t);

/* Parses a month-precision date ("Jun 2019", "06/2019", "2019-06", "2019") into
 * year * 12 + month - 1 (January when only a year is given); false if unrecognised. */
bool wp_date_parse_month(const char *s, int32_t *month);

#endif
