/* status.c - error-message recording for wp_status results (see status.h). */
#include "engine/status.h"

#include <stdarg.h>
#include <stdio.h>

wp_status wp_error(char *err, wp_status st, const char *fmt, ...)
{
	if (err != NULL && err[0] == '\0') {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, WP_ERR_LEN, fmt, ap);
		va_end(ap);
	}
	return st;
}

const char *wp_status_name(wp_status st)
{
	switch (st) {
	case WP_OK:
		return "ok";
	case WP_ENOMEM:
		return "out of memory";
	case WP_EIO:
		return "input/output error";
	case WP_EINPUT:
		return "bad input";
	case WP_ELIMIT:
		return "input exceeds a limit";
	case WP_EIGRAPH:
		return "igraph error";
	case WP_EARG:
		return "invalid argument";
	case WP_ENOTFOUND:
		return "not found";
	}
	return "unknown status";
}
