/* contacts.c - the batch of people and evidence one contact export yields (see contacts.h). */
#include "engine/contacts.h"

#include "engine/identity.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grows *array (of *cap elements of size `size`) to hold one more than `count`. */
static wp_status grow(void **array, uint64_t count, uint64_t *cap, size_t size, char *err)
{
	wp_status st = WP_OK;
	if (count < *cap)
		return WP_OK;
	uint64_t want = *cap ? *cap * 2 : 64;
	void *a = realloc(*array, want * size);
	if (a == NULL)
		WP_FAIL(WP_ENOMEM, "cannot grow a contact batch to %llu records",
		        (unsigned long long)want);
	*array = a;
	*cap = want;
	return WP_OK;
fail:
	return st;
}

/* grow() for the 32-bit counters of the batch. */
static wp_status grow32(void **array, uint32_t count, uint32_t *cap, size_t size, char *err)
{
	wp_status st = WP_OK;
	uint64_t c = *cap;
	if (count == UINT32_MAX - 1)
		WP_FAIL(WP_ELIMIT, "more than %u records in one export", UINT32_MAX - 1);
	WP_TRY(grow(array, count, &c, size, err));
	*cap = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_init(wp_contacts *c, const char *full_name, const char *url, char *err)
{
	wp_status st = WP_OK;
	wp_person_rec member = {0};
	memset(c, 0, sizeof(*c));
	WP_TRY(wp_strtab_append(&c->strings, "", 0, err));
	WP_TRY(wp_contacts_str(c, full_name, strlen(full_name), &member.full, err));
	char slug[WP_KEY_LEN];
	if (url != NULL && wp_identity_slug(url, slug))
		WP_TRY(wp_contacts_str(c, slug, strlen(slug), &member.slug, err));
	uint32_t index;
	WP_TRY(wp_contacts_add_person(c, &member, &index, err));
	return WP_OK;
fail:
	wp_contacts_free(c);
	return st;
}

wp_status wp_contacts_str(wp_contacts *c, const char *s, size_t len, uint32_t *id, char *err)
{
	wp_status st = WP_OK;
	if (len == 0) {
		*id = 0;
		return WP_OK;
	}
	uint32_t next = c->strings.count;
	WP_TRY(wp_strtab_append(&c->strings, s, len, err));
	*id = next;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_add_person(wp_contacts *c, const wp_person_rec *p, uint32_t *index, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(grow32((void **)&c->people, c->people_count, &c->people_cap, sizeof(*p), err));
	c->people[c->people_count] = *p;
	*index = c->people_count++;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_add_evidence(wp_contacts *c, const wp_evidence_rec *e, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(grow((void **)&c->evidence, c->evidence_count, &c->evidence_cap, sizeof(*e), err));
	c->evidence[c->evidence_count++] = *e;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_add_position(wp_contacts *c, const wp_position_rec *p, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(grow32((void **)&c->positions, c->positions_count, &c->positions_cap, sizeof(*p),
	              err));
	c->positions[c->positions_count++] = *p;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_add_file(wp_contacts *c, const char *name, const char *kind, uint32_t *index,
                               char *err)
{
	wp_status st = WP_OK;
	wp_file_report r = {0};
	WP_TRY(wp_contacts_str(c, name, strlen(name), &r.name, err));
	WP_TRY(wp_contacts_str(c, kind, strlen(kind), &r.kind, err));
	WP_TRY(grow32((void **)&c->files, c->files_count, &c->files_cap, sizeof(r), err));
	c->files[c->files_count] = r;
	*index = c->files_count++;
	return WP_OK;
fail:
	return st;
}

wp_status wp_contacts_warn(wp_contacts *c, uint32_t file, uint64_t line, char *err, const char *fmt,
                           ...)
{
	wp_status st = WP_OK;
	char msg[WP_ERR_LEN];
	int k = snprintf(msg, sizeof(msg), "%s:%llu: ",
	                 file < c->files_count ? wp_contacts_text(c, c->files[file].name)
	                                       : "<input>",
	                 (unsigned long long)line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + k, sizeof(msg) - (size_t)k, fmt, ap);
	va_end(ap);
	if (c->strict)
		WP_FAIL(WP_EINPUT, "%s (--strict rejects the whole file)", msg);
	WP_TRY(wp_strtab_append(&c->warnings, msg, strlen(msg), err));
	if (file < c->files_count)
		c->files[file].skipped++;
	return WP_OK;
fail:
	return st;
}

void wp_contacts_free(wp_contacts *c)
{
	wp_strtab_free(&c->strings);
	wp_strtab_free(&c->warnings);
	free(c->people);
	free(c->evidence);
	free(c->positions);
	free(c->files);
	free(c->normal);
	memset(c, 0, sizeof(*c));
}
