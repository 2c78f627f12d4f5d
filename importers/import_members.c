/* import_members.c - a two-stage pipeline: a reader thread parses member i+1's exports while the
 * calling thread writes member i into the workspace.
 *
 * Two slots alternate between the stages, so at most two parsed batches exist at once (memory
 * stays that of two members, whatever the count). The reader never touches the workspace, and
 * the parsers keep no shared state, so the only synchronisation is the slots' `full` flags. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "importers/exports.h"
#include "importers/import_members.h"

typedef struct slot {
	wp_contacts batch;
	wp_status status;
	char err[WP_ERR_LEN];
	double read_s;
	bool full; /* parsed and waiting to be written */
} slot;

typedef struct pipeline {
	const wp_member_export *members;
	size_t count;
	const wp_import_members_opts *opts;
	slot slots[2];
	pthread_mutex_t mu;
	pthread_cond_t changed;
	bool stop; /* the writer gave up: the reader stops too */
} pipeline;

/* Parses member i's files into s (the reader's side). */
static void read_member(const pipeline *p, size_t i, slot *s)
{
	const wp_member_export *m = &p->members[i];
	char *err = s->err;
	wp_status st = WP_OK;
	double t0 = wp_wtime();
	err[0] = '\0';
	if (m->paths_count == 0)
		WP_FAIL(WP_EARG, "member \"%s\" has no export files", m->name);
	WP_TRY(wp_contacts_init(&s->batch, m->name, m->url, err));
	s->batch.strict = p->opts->strict;
	for (uint32_t k = 0; k < m->paths_count; k++) {
		wp_export_kind kind;
		WP_TRY(wp_export_kind_of(m->paths[k], &kind, err));
		WP_TRY(wp_export_read(m->paths[k], kind, p->opts->map, &s->batch, err));
	}
	/* Identity resolution's normal forms, here rather than in the writer's critical path. */
	WP_TRY(wp_workspace_prepare_batch(&s->batch, err));
fail:
	s->status = st;
	s->read_s = wp_wtime() - t0;
}

static void *reader(void *arg)
{
	pipeline *p = arg;
	for (size_t i = 0; i < p->count; i++) {
		slot *s = &p->slots[i % 2];
		pthread_mutex_lock(&p->mu);
		while (s->full && !p->stop)
			pthread_cond_wait(&p->changed, &p->mu);
		bool stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		read_member(p, i, s);
		pthread_mutex_lock(&p->mu);
		s->full = true;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

/* "path, path, ..." for the import log, or NULL when out of memory. */
static char *describe(const wp_member_export *m)
{
	size_t len = 1;
	for (uint32_t k = 0; k < m->paths_count; k++)
		len += strlen(m->paths[k]) + 2;
	char *s = malloc(len);
	if (s == NULL)
		return NULL;
	size_t used = 0;
	s[0] = '\0';
	for (uint32_t k = 0; k < m->paths_count; k++)
		used += (size_t)snprintf(s + used, len - used, "%s%s", k > 0 ? ", " : "",
		                         m->paths[k]);
	return s;
}

/* Errors that say nothing about the member's data but about the workspace or the machine. */
static bool fatal(wp_status st)
{
	return st == WP_ENOMEM || st == WP_EIO || st == WP_EIGRAPH;
}

/* Writes the batch in s into the workspace and reports it (the writer's side). Returns the
 * member's status; *stop is set when the run cannot go on. */
static wp_status write_member(wp_workspace *ws, pipeline *p, size_t i, slot *s, bool *stop)
{
	const wp_member_export *m = &p->members[i];
	wp_import_summary sum = {0};
	wp_member_result r = {.index = i,
	                      .batch = &s->batch,
	                      .status = s->status,
	                      .err = s->err,
	                      .read_s = s->read_s};
	if (s->status == WP_OK) {
		double t0 = wp_wtime();
		char *source = describe(m);
		if (source == NULL)
			r.status = wp_error(s->err, WP_ENOMEM, "cannot describe %s's exports",
			                    m->name);
		else
			r.status =
			        wp_workspace_import(ws, m->name, &s->batch, source, &sum, s->err);
		free(source);
		r.write_s = wp_wtime() - t0;
		*stop = fatal(r.status);
	} else {
		*stop = s->status == WP_ENOMEM;
	}
	if (r.status == WP_OK)
		r.summary = &sum;
	if (p->opts->report != NULL)
		p->opts->report(p->opts->ctx, &r);
	return r.status;
}

wp_status wp_import_members(wp_workspace *ws, const wp_member_export *members, size_t count,
                            const wp_import_members_opts *opts, char *err)
{
	static const wp_import_members_opts defaults = {0};
	pipeline p = {.members = members, .count = count, .opts = opts ? opts : &defaults};
	wp_status first = WP_OK;
	pthread_t thread;
	if (count == 0)
		return WP_OK;
	/* The reader keeps one core busy: the writer's parallel parts take the others. Idle OpenMP
	 * workers spin for a while after each parallel region, and on two cores that spinning
	 * would take the reader's core. */
	const int threads = wp_max_threads();
	wp_set_threads(threads > 1 ? threads - 1 : 1);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.changed, NULL);
	if (pthread_create(&thread, NULL, reader, &p) != 0) {
		pthread_cond_destroy(&p.changed);
		pthread_mutex_destroy(&p.mu);
		wp_set_threads(threads);
		return wp_error(err, WP_ENOMEM, "cannot start the reader thread");
	}
	for (size_t i = 0; i < count; i++) {
		slot *s = &p.slots[i % 2];
		bool stop = false;
		pthread_mutex_lock(&p.mu);
		while (!s->full)
			pthread_cond_wait(&p.changed, &p.mu);
		pthread_mutex_unlock(&p.mu);

		wp_status st = write_member(ws, &p, i, s, &stop);
		if (st != WP_OK && first == WP_OK) {
			first = st;
			wp_error(err, st, "%s", s->err);
		}
		wp_contacts_free(&s->batch);
		pthread_mutex_lock(&p.mu);
		s->full = false;
		p.stop = stop;
		pthread_cond_broadcast(&p.changed);
		pthread_mutex_unlock(&p.mu);
		if (stop)
			break;
	}
	pthread_join(thread, NULL);
	/* A batch the reader finished after the writer stopped is never written: free it. */
	for (int k = 0; k < 2; k++)
		if (p.slots[k].full)
			wp_contacts_free(&p.slots[k].batch);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.mu);
	wp_set_threads(threads);
	return first;
}
