/* identity.h - normal forms that decide whether two mentions are the same person.
 *
 * Keys, in the order the workspace tries them: (1) the normalised LinkedIn slug, (2) the
 * lower-cased e-mail address, (3) the normalised full name together with the normalised company.
 * Names are compared after Unicode NFKC normalisation, case folding and removal of accents
 * (utf8proc), so "Zoë Brandt", "ZOE BRANDT" and "Zoe  Brandt" agree.
 */
#ifndef WP_IDENTITY_H
#define WP_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/status.h"

#define WP_KEY_LEN 512

/* The slug of a LinkedIn profile URL: "https://www.linkedin.com/in/Zo%C3%AB-Brandt/?trk=x" and
 * "www.linkedin.com/in/zoë-brandt" give "zoë-brandt" (lower-cased, percent-decoded; scheme,
 * host, query, fragment and trailing '/' removed). Writes "" and returns false if url is not a
 * linkedin.com/in/ (or /pub/) profile URL. out holds WP_KEY_LEN bytes. */
bool wp_identity_slug(const char *url, char *out);

/* A lower-cased, trimmed e-mail address; "" and false if s does not look like one. */
bool wp_identity_email(const char *s, char *out);

/* The name key: NFKC, case-folded, accents stripped, punctuation dropped, runs of spaces made
 * one, trimmed. "" for an empty or unusable name. Invalid UTF-8 gives "" and false. */
bool wp_identity_name_key(const char *name, char *out);

/* The company key: like the name key, with legal suffixes dropped ("Stripe, Inc." and
 * "stripe" agree; Ltd, LLC, GmbH, S.A., plc, ...). */
bool wp_identity_company_key(const char *company, char *out);

/* Whether a display name marks an account that must never be merged ("LinkedIn Member", empty,
 * "private"). */
bool wp_identity_never_merge(const char *full_name);

#endif
