/* fuzz_reader.c - the libFuzzer harness, compiled once per target with -DFUZZ_FORMAT=<name>
 * (a name from targets.def): `make fuzz` builds build/fuzz/fuzz_<name> from this one file.
 *
 * Each input goes through the reader's public API (readers.c); any returned status is fine,
 * while a crash, a sanitizer report, a leak, a timeout or running out of memory is a finding.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/readers.h"

#ifndef FUZZ_FORMAT
#error "compile with -DFUZZ_FORMAT=<target name from fuzz/targets.def>"
#endif
#define STR2(x) #x
#define STR(x) STR2(x)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const wp_fuzz_target *target;
	if (target == NULL) {
		target = wp_fuzz_find(STR(FUZZ_FORMAT));
		if (target == NULL) {
			fprintf(stderr, "fuzz: no target '%s' in fuzz/targets.def\n",
			        STR(FUZZ_FORMAT));
			abort();
		}
	}
	char err[WP_ERR_LEN] = "";
	wp_status st = wp_fuzz_run(target, data, size, err);
	/* A failing reader must say why: an empty message is a bug too. */
	if (st != WP_OK && err[0] == '\0') {
		fprintf(stderr, "fuzz: %s returned %d with no message\n", target->name, (int)st);
		abort();
	}
	return 0;
}
