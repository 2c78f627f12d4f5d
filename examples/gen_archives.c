/* gen_archives.c - `gen-archives`: writes synthetic LinkedIn archives (bench/archives.h).
 *
 * A thin command line over wp_archives_generate(): parse the options, generate, print what was
 * written as `key: value` lines. The bundled sample in examples/sample/ and the import benchmark's
 * inputs are made with it; see examples/sample/README.md for the exact command.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/archives.h"
#include "engine/parallel.h"

static const char usage[] =
        "usage: gen-archives [--members N] [--connections K] [--seed S] [--folders] [--out DIR]\n"
        "                    [--threads T]\n"
        "\n"
        "Writes one synthetic LinkedIn archive per member of a fictional non-profit (staff, board\n"
        "and volunteers whose networks overlap), every era's file layout among them, into\n"
        "DIR/NN-name/Basic_LinkedInDataExport_MM-DD-YYYY.zip, and DIR/members.tsv listing each\n"
        "member's archive, name, profile URL, role, era and export date. The same options give\n"
        "byte-identical files.\n"
        "\n"
        "  --members N        members, 1 to 10000 (default 5)\n"
        "  --connections K    rows of each member's Connections.csv, 10 to 30000 (default 300)\n"
        "  --seed S           random seed (default 20261124)\n"
        "  --folders          write extracted folders instead of .zip files\n"
        "  --out DIR          output directory (default build/archives)\n"
        "  --threads T        threads to use (default: all cores)\n";

static bool parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	char *end = NULL;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || s[0] == '-' || x > max)
		return false;
	*v = x;
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"members", required_argument, NULL, 'm'},
	                                         {"connections", required_argument, NULL, 'k'},
	                                         {"seed", required_argument, NULL, 's'},
	                                         {"folders", no_argument, NULL, 'f'},
	                                         {"out", required_argument, NULL, 'o'},
	                                         {"threads", required_argument, NULL, 't'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	wp_archives_opts o = WP_ARCHIVES_DEFAULTS;
	wp_archives_report r;
	const char *out = "build/archives";
	char err[WP_ERR_LEN] = "";
	uint64_t v;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
		case 'k':
			if (!parse_u64(optarg, UINT32_MAX, &v)) {
				fprintf(stderr, "gen-archives: --%s needs a number\n",
				        opt == 'm' ? "members" : "connections");
				return 1;
			}
			*(opt == 'm' ? &o.members : &o.connections) = (uint32_t)v;
			break;
		case 's':
			if (!parse_u64(optarg, UINT64_MAX, &o.seed)) {
				fprintf(stderr, "gen-archives: --seed needs a number\n");
				return 1;
			}
			break;
		case 'f':
			o.folders = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			if (!parse_u64(optarg, 1024, &v) || v == 0) {
				fprintf(stderr,
				        "gen-archives: --threads needs a number from 1 to 1024\n");
				return 1;
			}
			wp_set_threads((int)v);
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fprintf(stderr, "Try 'gen-archives --help'.\n");
			return 1;
		}
	}
	if (optind != argc) {
		fprintf(stderr,
		        "gen-archives: unexpected argument '%s'\nTry 'gen-archives --help'.\n",
		        argv[optind]);
		return 1;
	}
	if (wp_archives_check(&o, err) != WP_OK) {
		fprintf(stderr, "gen-archives: %s\n", err);
		return 1;
	}
	double t0 = wp_wtime();
	wp_status st = wp_archives_generate(&o, out, &r, err);
	if (st != WP_OK) {
		fprintf(stderr, "gen-archives: %s\n", err);
		return st == WP_ENOMEM ? 3 : 2;
	}
	printf("out: %s\n", out);
	printf("seed: %llu\n", (unsigned long long)o.seed);
	printf("members: %u\n", o.members);
	printf("archives: %llu\n", (unsigned long long)r.archives);
	printf("files: %llu\n", (unsigned long long)r.files);
	printf("rows: %llu\n", (unsigned long long)r.rows);
	printf("connection_rows: %llu\n", (unsigned long long)r.connection_rows);
	printf("hidden_rows: %llu\n", (unsigned long long)r.hidden_rows);
	printf("dirty_rows: %llu\n", (unsigned long long)r.dirty_rows);
	printf("message_rows: %llu\n", (unsigned long long)r.message_rows);
	printf("csv_mb: %.1f\n", (double)r.bytes / 1e6);
	printf("seconds: %.2f\n", wp_wtime() - t0);
	return 0;
}
