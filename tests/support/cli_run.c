/* cli_run.c - running the built `warmpath` from a test (see cli_run.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

static const char *binary(void)
{
	const char *b = getenv("WARMPATH");
	return b ? b : "build/warmpath";
}

void cli_run(cli_run_result *r, const char *fmt, ...)
{
	char args[8192], cmd[16384], errpath[] = "/tmp/wp_clirun_err_XXXXXX";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	int fd = mkstemp(errpath);
	cr_assert(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "WARMPATH_NOW=%s %s %s 2>%s", CLI_RUN_NOW, binary(), args,
	         errpath);
	FILE *p = popen(cmd, "r");
	cr_assert(not(eq(ptr, p, NULL)));
	size_t got = fread(r->out, 1, sizeof(r->out) - 1, p);
	r->out[got] = '\0';
	int st = pclose(p);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	FILE *e = fopen(errpath, "r");
	cr_assert(not(eq(ptr, e, NULL)));
	got = fread(r->err, 1, sizeof(r->err) - 1, e);
	r->err[got] = '\0';
	fclose(e);
	unlink(errpath);
	cr_assert(eq(ptr, strstr(r->err, "Sanitizer"), NULL), "%s", r->err);
}

json_t *cli_run_json(const char *text)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	cr_assert(not(eq(ptr, o, NULL)), "%s: %s", je.text, text);
	return o;
}

const char *cli_run_jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_string(v);
	cr_assert(ok, "no string \"%s\"", key);
	return json_string_value(v);
}

json_int_t cli_run_jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_integer(v);
	cr_assert(ok, "no integer \"%s\"", key);
	return json_integer_value(v);
}

int cli_run_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

void cli_run_tmpdir(char *dir, const char *prefix)
{
	snprintf(dir, 64, "/tmp/wp_%s_XXXXXX", prefix);
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
}

void cli_run_rmdir(const char *dir)
{
	char cmd[128];
	cr_assert(strncmp(dir, "/tmp/wp_", 8) == 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}
