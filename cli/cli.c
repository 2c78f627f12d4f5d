/* cli.c - helpers shared by the commands: exit codes, errors, loading, atomic output. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/parallel.h"
#include "importers/import.h"

int cli_exit_code(wp_status st)
{
	switch (st) {
	case WP_OK:
		return CLI_OK;
	case WP_EINPUT:
	case WP_ELIMIT:
	case WP_EIO:
	case WP_ENOTFOUND:
		return CLI_BAD_INPUT;
	case WP_ENOMEM:
	case WP_EIGRAPH:
	case WP_EARG:
		break;
	}
	return CLI_INTERNAL;
}

int cli_fail(wp_status st, const char *err)
{
	fprintf(stderr, "warmpath: %s\n", err && err[0] ? err : wp_status_name(st));
	return cli_exit_code(st);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[WP_ERR_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "warmpath %s: %s\nTry 'warmpath %s --help'.\n", cmd, msg, cmd);
	return CLI_USAGE;
}

bool cli_parse_output(const char *s, unsigned allowed, cli_output *out)
{
	static const struct {
		const char *name;
		cli_output value;
	} names[] = {{"table", CLI_TABLE},
	             {"json", CLI_JSON},
	             {"csv", CLI_CSV},
	             {"svg", CLI_SVG},
	             {"dot", CLI_DOT}};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0 && (allowed & names[i].value)) {
			*out = names[i].value;
			return true;
		}
	return false;
}

bool cli_parse_threads(const char *s, int *threads)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < 1 || v > 1024)
		return false;
	*threads = (int)v;
	wp_set_threads((int)v);
	return true;
}

int cli_graph_option(const char *cmd, int opt, const char *arg, cli_graph_opts *o)
{
	switch (opt) {
	case CLI_OPT_INPUT_FORMAT:
		o->input_format = arg;
		return CLI_OK;
	case CLI_OPT_DIRECTED:
		o->directed = true;
		return CLI_OK;
	case CLI_OPT_THREADS:
		if (!cli_parse_threads(arg, &o->threads))
			return cli_usage_error(cmd, "--threads needs a number from 1 to 1024");
		return CLI_OK;
	default:
		return -1;
	}
}

typedef struct progress {
	const char *path;
	double start;
	bool shown;
} progress;

/* Shows "reading FILE: 42%" on a terminal once a load has run for a second. */
static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress *p = ctx;
	if (wp_wtime() - p->start < 1.0)
		return;
	p->shown = true;
	if (total > 0)
		fprintf(stderr, "\rreading %s: %3.0f%%", p->path,
		        100.0 * (double)(done > total ? total : done) / (double)total);
	else
		fprintf(stderr, "\rreading %s: %llu MB", p->path, (unsigned long long)(done >> 20));
	fflush(stderr);
}

wp_status cli_load_graph(const char *path, const cli_graph_opts *o, wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	wp_format format = WP_FORMAT_AUTO;
	wp_import_opts io = WP_IMPORT_DEFAULTS;
	progress p = {path, wp_wtime(), false};

	if (o->input_format != NULL)
		WP_TRY(wp_format_parse(o->input_format, &format, err));
	io.directed = o->directed;
	if (isatty(STDERR_FILENO)) {
		io.progress = show_progress;
		io.progress_ctx = &p;
	}
	st = wp_import_graph(g, path, format, &io, err);
	if (p.shown)
		fprintf(stderr, "\r\033[K");
	return st;
fail:
	return st;
}

wp_status cli_write_atomic(const char *path, cli_writer write, void *ctx, char *err)
{
	wp_status st = WP_OK;
	char *tmp = NULL;
	FILE *f = NULL;
	int fd = -1;
	bool created = false;
	size_t len = strlen(path) + 16;

	tmp = malloc(len);
	if (tmp == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a file name");
	snprintf(tmp, len, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp); /* mode 0600: outputs may hold personal data */
	if (fd < 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	created = true;
	f = fdopen(fd, "w");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	fd = -1;
	WP_TRY(write(f, path, ctx, err));
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (fclose(f) != 0) {
		f = NULL;
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	free(tmp);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	return st;
}

void cli_csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}
