/* readers.h - one entry point per fuzz target, shared by the libFuzzer harness (fuzz_reader.c)
 * and the regression replay in the normal suite (tests/test_fuzz_regressions.c), so a crash file
 * is replayed through exactly the reader that found it. The targets are listed in targets.def.
 */
#ifndef WP_FUZZ_READERS_H
#define WP_FUZZ_READERS_H

#include <stddef.h>
#include <stdint.h>

#include "engine/status.h"

typedef struct wp_fuzz_target {
	const char *name;  /* as in targets.def */
	const char *arg;   /* the runner's argument (format or file name) */
	const char *seeds; /* seed glob */
	wp_status (*run)(const char *arg, const uint8_t *data, size_t size, char *err);
} wp_fuzz_target;

/* The targets of targets.def, in its order, ended by an entry whose name is NULL. */
extern const wp_fuzz_target wp_fuzz_targets[];

/* The target called name, or NULL. */
const wp_fuzz_target *wp_fuzz_find(const char *name);

/* Runs data through target t and returns the reader's status (err gets its message). Whatever
 * the bytes, the reader must return: any status is acceptable, a crash or leak is not. */
wp_status wp_fuzz_run(const wp_fuzz_target *t, const uint8_t *data, size_t size, char *err);

#endif
