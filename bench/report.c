/* report.c - JSON, CSV and Markdown reports of `warmpath bench` (see report.h). */
#include "bench/report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

const char *bench_verdict_name(bench_verdict v)
{
	return v == BENCH_VERIFIED ? "yes" : v == BENCH_FAILED ? "no" : "n/a";
}

/* The first line of a command's output, without its newline, into buf ("" if none). */
static void first_line(const char *cmd, char *buf, size_t len)
{
	buf[0] = '\0';
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return;
	if (fgets(buf, (int)len, p) == NULL)
		buf[0] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	pclose(p);
}

void bench_meta_collect(bench_meta *m)
{
	memset(m, 0, sizeof(*m));
	char cpu[160] = "unknown CPU", line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");
	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
			colon += 1 + (colon[1] == ' ');
			colon[strcspn(colon, "\r\n")] = '\0';
			snprintf(cpu, sizeof(cpu), "%s", colon);
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	double load = -1;
	f = fopen("/proc/loadavg", "r");
	if (f != NULL) {
		if (fscanf(f, "%lf", &load) != 1)
			load = -1;
		fclose(f);
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (load >= 0)
		snprintf(m->machine, sizeof(m->machine), "%s, %ld CPUs, load %.2f", cpu, cpus,
		         load);
	else
		snprintf(m->machine, sizeof(m->machine), "%s, %ld CPUs", cpu, cpus);
	/* How OpenMP threads wait changes multi-thread times on a busy machine: say it. */
	const char *wait = getenv("OMP_WAIT_POLICY");
	if (wait != NULL && wait[0] != '\0') {
		size_t len = strlen(m->machine);
		snprintf(m->machine + len, sizeof(m->machine) - len, ", OMP_WAIT_POLICY=%.16s",
		         wait);
	}

	const char *env = getenv("WARMPATH_REVISION");
	if (env != NULL && env[0] != '\0') {
		snprintf(m->revision, sizeof(m->revision), "%s", env);
	} else {
		char dirty[8];
		first_line("git rev-parse --short HEAD 2>/dev/null", m->revision,
		           sizeof(m->revision));
		first_line("git status --porcelain --untracked-files=no 2>/dev/null", dirty,
		           sizeof(dirty));
		if (m->revision[0] == '\0')
			snprintf(m->revision, sizeof(m->revision), "unknown");
		else if (dirty[0] != '\0')
			strncat(m->revision, "-dirty",
			        sizeof(m->revision) - strlen(m->revision) - 1);
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(m->date, sizeof(m->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

wp_status bench_format_from_path(const char *path, bench_format *fmt, char *err)
{
	const char *dot = strrchr(path, '.');
	if (dot != NULL && strcasecmp(dot, ".json") == 0)
		*fmt = BENCH_JSON;
	else if (dot != NULL && strcasecmp(dot, ".csv") == 0)
		*fmt = BENCH_CSV;
	else if (dot != NULL && strcasecmp(dot, ".md") == 0)
		*fmt = BENCH_MARKDOWN;
	else
		return wp_error(err, WP_EINPUT,
		                "%s: the output's extension must be .json, .csv or .md", path);
	return WP_OK;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static json_t *number_or_null(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static wp_status write_json(FILE *f, const bench_row *rows, size_t count, const bench_meta *meta,
                            char *err)
{
	json_t *root = json_object(), *list = json_array();
	bool ok = root != NULL && list != NULL;
	ok = ok && json_object_set_new(root, "date", json_string(meta->date)) == 0;
	ok = ok && json_object_set_new(root, "machine", json_string(meta->machine)) == 0;
	ok = ok && json_object_set_new(root, "revision", json_string(meta->revision)) == 0;
	for (size_t i = 0; ok && i < count; i++) {
		const bench_row *r = &rows[i];
		json_t *o = json_object();
		ok = o != NULL && json_array_append_new(list, o) == 0;
		ok = ok && json_object_set_new(o, "dataset", json_string(r->dataset)) == 0;
		ok = ok && json_object_set_new(o, "n", json_integer(r->n)) == 0;
		ok = ok && json_object_set_new(o, "m", json_integer((json_int_t)r->m)) == 0;
		ok = ok && json_object_set_new(o, "kernel", json_string(r->kernel)) == 0;
		ok = ok && json_object_set_new(o, "threads", json_integer(r->threads)) == 0;
		ok = ok && json_object_set_new(o, "trials", json_integer(r->trials)) == 0;
		ok = ok && json_object_set_new(o, "min_s", number_or_null(r->min_s)) == 0;
		ok = ok && json_object_set_new(o, "median_s", number_or_null(r->median_s)) == 0;
		ok = ok && json_object_set_new(o, "max_s", number_or_null(r->max_s)) == 0;
		ok = ok && json_object_set_new(o, "mteps", number_or_null(r->mteps)) == 0;
		ok = ok && json_object_set_new(o, "rss_mb", number_or_null(r->rss_mb)) == 0;
		ok = ok && json_object_set_new(o, "baseline_s", number_or_null(r->baseline_s)) == 0;
		ok = ok && json_object_set_new(o, "baseline", json_string(r->baseline_note)) == 0;
		ok = ok && json_object_set_new(o, "ratio", number_or_null(r->ratio)) == 0;
		ok = ok && json_object_set_new(o, "speedup", number_or_null(r->speedup)) == 0;
		ok = ok && json_object_set_new(o, "verified",
		                               json_string(bench_verdict_name(r->verified))) == 0;
		ok = ok && json_object_set_new(o, "check", json_string(r->check)) == 0;
		ok = ok && json_object_set_new(o, "machine", json_string(meta->machine)) == 0;
		ok = ok && json_object_set_new(o, "revision", json_string(meta->revision)) == 0;
	}
	ok = ok && json_object_set_new(root, "rows", list) == 0;
	if (!ok) {
		json_decref(root);
		return wp_error(err, WP_ENOMEM, "cannot build the JSON report");
	}
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(root);
	fputc('\n', f);
	if (rc != 0 || ferror(f))
		return wp_error(err, WP_EIO, "cannot write the JSON report");
	return WP_OK;
}

/* ---- CSV and Markdown ---------------------------------------------------------------------------
 */

/* RFC 4180: quote fields holding a comma, quote or line break, doubling the quotes. */
static void csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A number with enough digits to compare runs, or `missing` when it does not apply. */
static const char *num(char *buf, size_t len, double x, const char *missing)
{
	if (!isfinite(x))
		return missing;
	snprintf(buf, len, "%.6g", x);
	return buf;
}

static void write_csv(FILE *f, const bench_row *rows, size_t count, const bench_meta *meta)
{
	fputs("dataset,n,m,kernel,threads,trials,min_s,median_s,max_s,mteps,rss_mb,baseline_s,"
	      "ratio,speedup,verified,check,baseline,machine,revision,date\n",
	      f);
	char b[10][32];
	for (size_t i = 0; i < count; i++) {
		const bench_row *r = &rows[i];
		csv_field(f, r->dataset);
		fprintf(f, ",%u,%llu,", r->n, (unsigned long long)r->m);
		csv_field(f, r->kernel);
		fprintf(f, ",%d,%u,%s,%s,%s,%s,%s,%s,%s,%s,%s,", r->threads, r->trials,
		        num(b[0], 32, r->min_s, ""), num(b[1], 32, r->median_s, ""),
		        num(b[2], 32, r->max_s, ""), num(b[3], 32, r->mteps, ""),
		        num(b[4], 32, r->rss_mb, ""), num(b[5], 32, r->baseline_s, ""),
		        num(b[6], 32, r->ratio, ""), num(b[7], 32, r->speedup, ""),
		        bench_verdict_name(r->verified));
		csv_field(f, r->check);
		fputc(',', f);
		csv_field(f, r->baseline_note);
		fputc(',', f);
		csv_field(f, meta->machine);
		fputc(',', f);
		csv_field(f, meta->revision);
		fputc(',', f);
		csv_field(f, meta->date);
		fputc('\n', f);
	}
}

/* A Markdown cell: pipes escaped, line breaks flattened. */
static void md_cell(FILE *f, const char *s)
{
	fputs("| ", f);
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc(' ', f);
}

static void write_markdown(FILE *f, const bench_row *rows, size_t count, const bench_meta *meta)
{
	fprintf(f, "# warmpath bench\n\n");
	fprintf(f,
	        "Run %s on %s, revision %s. Times are medians of the trials in seconds; ratio = "
	        "igraph's time / ours (above 1: we are faster); speed-up = 1-thread time / "
	        "this time.\n\n",
	        meta->date, meta->machine, meta->revision);
	fputs("| dataset | n | m | kernel | threads | trials | min s | median s | max s | MTEPS | "
	      "RSS MB | igraph s | ratio | speed-up | verified |\n",
	      f);
	fputs("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
	      "---: | ---: | --- |\n",
	      f);
	char b[16][32];
	for (size_t i = 0; i < count; i++) {
		const bench_row *r = &rows[i];
		md_cell(f, r->dataset);
		snprintf(b[8], 32, "%u", r->n);
		snprintf(b[9], 32, "%llu", (unsigned long long)r->m);
		snprintf(b[10], 32, "%d", r->threads);
		snprintf(b[11], 32, "%u", r->trials);
		md_cell(f, b[8]);
		md_cell(f, b[9]);
		md_cell(f, r->kernel);
		md_cell(f, b[10]);
		md_cell(f, b[11]);
		md_cell(f, num(b[0], 32, r->min_s, "-"));
		md_cell(f, num(b[1], 32, r->median_s, "-"));
		md_cell(f, num(b[2], 32, r->max_s, "-"));
		md_cell(f, num(b[3], 32, r->mteps, "-"));
		md_cell(f, num(b[4], 32, r->rss_mb, "-"));
		md_cell(f, num(b[5], 32, r->baseline_s, "-"));
		md_cell(f, num(b[6], 32, r->ratio, "-"));
		md_cell(f, num(b[7], 32, r->speedup, "-"));
		md_cell(f, bench_verdict_name(r->verified));
		fputs("|\n", f);
	}
	fputs("\n## Baselines and checks\n\n| dataset | kernel | threads | igraph baseline | "
	      "verification |\n| --- | --- | ---: | --- | --- |\n",
	      f);
	for (size_t i = 0; i < count; i++) {
		const bench_row *r = &rows[i];
		md_cell(f, r->dataset);
		md_cell(f, r->kernel);
		snprintf(b[12], 32, "%d", r->threads);
		md_cell(f, b[12]);
		md_cell(f, r->baseline_note);
		md_cell(f, r->check);
		fputs("|\n", f);
	}
}

wp_status bench_report_write(FILE *f, bench_format fmt, const bench_row *rows, size_t count,
                             const bench_meta *meta, char *err)
{
	if (fmt == BENCH_JSON)
		return write_json(f, rows, count, meta, err);
	if (fmt == BENCH_CSV)
		write_csv(f, rows, count, meta);
	else
		write_markdown(f, rows, count, meta);
	if (ferror(f))
		return wp_error(err, WP_EIO, "cannot write the report");
	return WP_OK;
}
