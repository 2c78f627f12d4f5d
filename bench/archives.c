/* archives.c - synthetic LinkedIn data archives of a fictional non-profit (see archives.h).
 *
 * Nobody publishes real archives (they hold personal data), so the fixtures, the demo and the
 * import benchmark use these. This file runs the generation: one member per OpenMP iteration,
 * each from its own random stream (archives_world.c chooses the member's connections,
 * archives_files.c writes the text of each file), then writes the member's files into a zip
 * through libzip or into a folder, and finally members.tsv. A member's archive is a function of
 * (options, member index) alone, so the output does not depend on the thread count; zip entries
 * are stamped with noon of the export date in local time, so the bytes depend on neither the
 * clock nor the time zone. Cost: O(connections) time and memory per member.
 */
#include "bench/archives.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "bench/archives_internal.h"
#include "engine/parallel.h"

static wp_status make_dirs(const char *path, char *err)
{
	wp_status st = WP_OK;
	char buf[4096];
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		WP_FAIL(WP_EARG, "%s: path too long", path);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			WP_FAIL(WP_EIO, "%s: cannot write: %s", buf, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	return WP_OK;
fail:
	return st;
}

static wp_status write_file(const char *path, const wpi_arch_sbuf *b, char *err)
{
	wp_status st = WP_OK;
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len) {
		fclose(f);
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	return WP_OK;
fail:
	return st;
}

/* Noon of the export date in local time, so that libzip's MS-DOS time stamps (local time) are
 * the same in every time zone. */
static time_t zip_stamp(int64_t exported)
{
	time_t t = (time_t)exported;
	struct tm tm;
	if (localtime_r(&t, &tm) == NULL)
		return t;
	return t - (time_t)tm.tm_gmtoff;
}

static wp_status write_zip(const char *path, wpi_arch_archive *a, char *err)
{
	wp_status st = WP_OK;
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		wp_error(err, WP_EIO, "%s: cannot write: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return WP_EIO;
	}
	time_t stamp = zip_stamp(a->exported);
	for (int i = 0; i < a->nfiles; i++) {
		wpi_arch_sbuf *b = &a->files[i].b;
		zip_source_t *src = zip_source_buffer(za, b->data, b->len, 1);
		if (src == NULL)
			WP_FAIL(WP_ENOMEM, "%s: %s", path, zip_strerror(za));
		b->data = NULL; /* the source frees it */
		b->len = b->cap = 0;
		zip_int64_t idx = zip_file_add(za, a->files[i].name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			WP_FAIL(WP_EIO, "%s: cannot write: %s", path, zip_strerror(za));
		}
		if (zip_file_set_mtime(za, (zip_uint64_t)idx, stamp, 0) != 0 ||
		    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0) != 0)
			WP_FAIL(WP_EIO, "%s: cannot write: %s", path, zip_strerror(za));
	}
	if (zip_close(za) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, zip_strerror(za));
	return WP_OK;
fail:
	zip_discard(za);
	return st;
}

void wp_archives_member_info(const wp_archives_opts *o, uint32_t m, wp_archives_member *info)
{
	wpi_arch_world w;
	wpi_arch_person ps;
	char dir[160] = "";
	wpi_arch_civil c;
	wpi_arch_world_init(o, &w);
	wpi_arch_person_get(&w, m, &ps);
	memset(info, 0, sizeof(*info));
	wpi_arch_person_name(&ps, info->name, sizeof(info->name));
	wpi_arch_person_url(&ps, WPI_U_CANONICAL, 0, info->url);
	snprintf(info->role, sizeof(info->role), "%s",
	         wpi_arch_role_names[wpi_arch_member_role(&w, m)]);
	snprintf(info->era, sizeof(info->era), "%s", wpi_arch_member_era(m)->name);
	civil_from_time(wpi_arch_export_time(m), &c);
	snprintf(info->exported, sizeof(info->exported), "%04d-%02d-%02d", c.y, c.mo, c.d);
	wpi_arch_fold_append(dir, sizeof(dir), info->name, '-');
	int width = o->members >= 1000 ? 4 : o->members >= 100 ? 3 : 2;
	snprintf(info->path, sizeof(info->path),
	         "%0*u-%s/Basic_LinkedInDataExport_%02d-%02d-%04d%s", width, m + 1, dir, c.mo, c.d,
	         c.y, o->folders ? "" : ".zip");
}

/* Builds and writes member m's archive; adds its counts to *rep. */
static wp_status generate_member(const wpi_arch_world *w, uint32_t m, const char *out,
                                 wp_archives_report *rep, char *err)
{
	wp_status st = WP_OK;
	wpi_arch_archive a = {0};
	wp_archives_member info;
	char path[4096];

	a.w = w;
	a.m = m;
	a.e = wpi_arch_member_era(m);
	a.exported = wpi_arch_export_time(m);
	a.r = (wpi_arch_rng){hash3(w->o.seed, m, WPI_H_STREAM)};
	wpi_arch_person_get(w, m, &a.me);
	wpi_arch_person_name(&a.me, a.my_name, sizeof(a.my_name));
	wpi_arch_person_url(&a.me, WPI_U_CANONICAL, 0, a.my_url);
	a.rows = malloc((size_t)w->o.connections * sizeof(*a.rows));
	a.people = malloc((size_t)w->o.connections * sizeof(*a.people));
	if (a.rows == NULL || a.people == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u connections", w->o.connections);
	wpi_arch_member_connections(w, m, &a.r, a.rows, &a.count);
	for (uint32_t i = 0; i < a.count; i++)
		if (a.rows[i].kind == WPI_R_PERSON)
			a.people[a.people_count++] = i;

	wpi_arch_files(&a);

	uint64_t bytes = 0, rows = 0;
	for (int i = 0; i < a.nfiles; i++) {
		if (a.files[i].b.oom)
			WP_FAIL(WP_ENOMEM, "cannot allocate the text of %s", a.files[i].name);
		bytes += a.files[i].b.len;
		rows += a.files[i].rows;
	}

	wp_archives_member_info(&w->o, m, &info);
	snprintf(path, sizeof(path), "%s/%s", out, info.path);
	if (w->o.folders) {
		WP_TRY(make_dirs(path, err));
		for (int i = 0; i < a.nfiles; i++) {
			char file[4200];
			snprintf(file, sizeof(file), "%s/%s", path, a.files[i].name);
			WP_TRY(write_file(file, &a.files[i].b, err));
		}
	} else {
		char *slash = strrchr(path, '/');
		*slash = '\0';
		WP_TRY(make_dirs(path, err));
		*slash = '/';
		WP_TRY(write_zip(path, &a, err));
	}

#pragma omp atomic
	rep->files += (uint64_t)a.nfiles;
#pragma omp atomic
	rep->rows += rows;
#pragma omp atomic
	rep->bytes += bytes;
#pragma omp atomic
	rep->connection_rows += a.connection_rows;
#pragma omp atomic
	rep->hidden_rows += a.hidden;
#pragma omp atomic
	rep->dirty_rows += a.dirty;
#pragma omp atomic
	rep->message_rows += a.message_rows;
	st = WP_OK;
fail:
	for (int i = 0; i < a.nfiles; i++)
		free(a.files[i].b.data);
	free(a.rows);
	free(a.people);
	return st;
}

wp_status wp_archives_check(const wp_archives_opts *o, char *err)
{
	wp_status st = WP_OK;
	if (o->members < 1 || o->members > WP_ARCHIVES_MAX_MEMBERS)
		WP_FAIL(WP_EARG, "--members must be from 1 to %d", WP_ARCHIVES_MAX_MEMBERS);
	if (o->connections < WP_ARCHIVES_MIN_CONNECTIONS ||
	    o->connections > WP_ARCHIVES_MAX_CONNECTIONS)
		WP_FAIL(WP_EARG, "--connections must be from %d to %d", WP_ARCHIVES_MIN_CONNECTIONS,
		        WP_ARCHIVES_MAX_CONNECTIONS);
	return WP_OK;
fail:
	return st;
}

wp_status wp_archives_generate(const wp_archives_opts *o, const char *out,
                               wp_archives_report *report, char *err)
{
	wp_status st = WP_OK;
	wp_archives_report rep = {0};
	wpi_arch_world w;
	FILE *f = NULL;
	char path[4096];
	char first_err[WP_ERR_LEN] = "";
	wp_status first_st = WP_OK;
	uint32_t first_m = UINT32_MAX;

	WP_TRY(wp_archives_check(o, err));
	WP_TRY(make_dirs(out, err));
	wpi_arch_world_init(o, &w);

#pragma omp parallel for schedule(dynamic, 1)
	for (uint32_t m = 0; m < o->members; m++) {
		char e[WP_ERR_LEN] = "";
		wp_status s = generate_member(&w, m, out, &rep, e);
		if (s != WP_OK) {
#pragma omp critical(wp_archives_error)
			if (m < first_m) { /* the lowest member's error, whatever the schedule */
				first_m = m;
				first_st = s;
				memcpy(first_err, e, sizeof(first_err));
			}
		}
	}
	if (first_st != WP_OK)
		WP_FAIL(first_st, "%s", first_err);

	snprintf(path, sizeof(path), "%s/members.tsv", out);
	f = fopen(path, "w");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	fputs("path\tname\turl\trole\tera\texported\n", f);
	for (uint32_t m = 0; m < o->members; m++) {
		wp_archives_member info;
		wp_archives_member_info(o, m, &info);
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", info.path, info.name, info.url, info.role,
		        info.era, info.exported);
	}
	if (ferror(f) || fclose(f) != 0) {
		f = NULL;
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	f = NULL;
	rep.archives = o->members;
	if (report != NULL)
		*report = rep;
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	return st;
}
