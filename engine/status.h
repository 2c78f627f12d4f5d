/* status.h - status codes and the error-message convention shared by every module.
 *
 * Fallible functions return a wp_status (WP_OK = 0, errors negative) and take a last argument
 * `char *err` of WP_ERR_LEN bytes, which may be NULL. The first error written wins, so a caller
 * that adds context never hides the original cause. Messages carry their own context
 * ("edges.txt:12: expected two vertex labels, got 1") and say what to do where it is not obvious.
 */
#ifndef WP_STATUS_H
#define WP_STATUS_H

#include <stddef.h>

#define WP_ERR_LEN 512

typedef enum wp_status {
	WP_OK = 0,
	WP_ENOMEM = -1,   /* an allocation failed */
	WP_EIO = -2,      /* a file could not be opened, read or written */
	WP_EINPUT = -3,   /* malformed or unacceptable input (exit status 2) */
	WP_ELIMIT = -4,   /* input exceeds a documented limit (exit status 2) */
	WP_EIGRAPH = -5,  /* igraph reported an error */
	WP_EARG = -6,     /* a caller passed an invalid argument */
	WP_ENOTFOUND = -7 /* a named item (a vertex label) does not exist */
} wp_status;

/* Writes a printf-style message into err (if err is non-NULL and still empty) and returns st.
 * "First error wins": an err that already holds a message is left unchanged. */
wp_status wp_error(char *err, wp_status st, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* A short English name of a status ("out of memory", "bad input", ...). Never NULL. */
const char *wp_status_name(wp_status st);

/* Records an error and jumps to the function's fail: label. Needs locals `st` and `err`. */
#define WP_FAIL(code, ...)                               \
	do {                                             \
		st = wp_error(err, (code), __VA_ARGS__); \
		goto fail;                               \
	} while (0)

/* Evaluates a wp_status expression and jumps to fail: if it is not WP_OK. */
#define WP_TRY(expr)               \
	do {                       \
		st = (expr);       \
		if (st != WP_OK)   \
			goto fail; \
	} while (0)

#endif
