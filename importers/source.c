/* source.c - plain, gzip and in-memory byte streams behind one read call (see source.h). */
#include "importers/source.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define PROGRESS_STEP (4u << 20)

static void set_name(wp_source *s, const char *name)
{
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "<input>");
}

wp_status wp_source_open(wp_source *s, const char *path, char *err)
{
	wp_status st = WP_OK;
	struct stat sb;
	memset(s, 0, sizeof(*s));
	set_name(s, path);
	if (stat(path, &sb) != 0)
		WP_FAIL(WP_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		WP_FAIL(WP_EIO, "%s: is a directory, not a graph file", path);
	s->total = (uint64_t)sb.st_size;
	s->gz = gzopen(path, "rb");
	if (s->gz == NULL)
		WP_FAIL(WP_EIO, "%s: cannot open: %s", path,
		        errno ? strerror(errno) : "out of memory");
	gzbuffer(s->gz, 1u << 18);
	s->next_report = PROGRESS_STEP;
	return WP_OK;
fail:
	memset(s, 0, sizeof(*s));
	return st;
}

void wp_source_from_file(wp_source *s, FILE *f, const char *name)
{
	memset(s, 0, sizeof(*s));
	set_name(s, name);
	s->file = f;
	s->next_report = PROGRESS_STEP;
}

wp_status wp_source_read(wp_source *s, void *buf, size_t len, size_t *got, char *err)
{
	wp_status st = WP_OK;
	*got = 0;
	if (s->gz != NULL) {
		if (len > (1u << 30))
			len = 1u << 30;
		int r = gzread(s->gz, buf, (unsigned)len);
		if (r < 0) {
			int code = 0;
			const char *msg = gzerror(s->gz, &code);
			WP_FAIL(WP_EIO, "%s: cannot read: %s", s->name,
			        code == Z_ERRNO ? strerror(errno) : msg);
		}
		*got = (size_t)r;
	} else if (s->file != NULL) {
		*got = fread(buf, 1, len, s->file);
		if (*got < len && ferror(s->file))
			WP_FAIL(WP_EIO, "%s: cannot read: %s", s->name, strerror(errno));
	}
	s->read += *got;
	if (s->progress != NULL && s->read >= s->next_report) {
		uint64_t done = s->gz ? (uint64_t)gzoffset(s->gz) : s->read;
		s->progress(s->progress_ctx, done, s->total);
		s->next_report = s->read + PROGRESS_STEP;
	}
	return WP_OK;
fail:
	return st;
}

void wp_source_close(wp_source *s)
{
	if (s->gz != NULL)
		gzclose(s->gz);
	memset(s, 0, sizeof(*s));
}
