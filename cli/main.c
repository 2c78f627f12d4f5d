/* main.c - `warmpath COMMAND [options]`: dispatches to the commands in cli/cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "engine/igraph_bridge.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
        {"stats", cmd_stats, "size, components, degrees and memory of a graph"},
        {"path", cmd_path, "a shortest chain between two vertices"},
        {"convert", cmd_convert, "convert a graph between edge list, GraphML and snapshot"},
        {"export", cmd_export, "write a graph or workspace with computed results for Gephi"},
        {"centrality", cmd_centrality, "betweenness, closeness, PageRank and other centralities"},
        {"communities", cmd_communities, "communities by Leiden or Louvain, with a summary"},
        {"reach", cmd_reach, "how many people promoters reach within H hops, and the yield"},
        {"recruit", cmd_recruit, "whom to recruit as promoters to reach the most people"},
        {"separation", cmd_separation, "degrees of separation: pairs at each distance"},
        {"bench", cmd_bench, "time kernels on generated and real graphs beside igraph"},
        {"import", cmd_import,
         "import a member's LinkedIn archive or address book into a workspace"},
        {"members", cmd_members, "the members whose exports a workspace holds"},
        {"people", cmd_people,
         "list, search and find likely duplicates among a workspace's people"},
        {"ties", cmd_ties, "a person's ties with their warmth and evidence"},
        {"ties-import", cmd_ties_import, "set tie strengths by hand from a ties.csv file"},
        {"intro", cmd_intro, "who should ask whom for a warm introduction, explained"},
        {"brokers", cmd_brokers, "people on the most chains from members to prospects"},
        {"merge", cmd_merge, "record that two people are one individual"},
        {"split", cmd_split, "undo a wrong match: split a person by LinkedIn profile and e-mail"},
        {"forget", cmd_forget, "delete everything one member's exports contributed"},
};

static void print_help(FILE *f)
{
	fprintf(f,
	        "usage: warmpath COMMAND [options] [GRAPH]\n"
	        "       warmpath --help | --version | COMMAND --help\n\n"
	        "warmpath analyses social-network graphs: introduction chains, reach and "
	        "structure.\n"
	        "GRAPH is a graph file: an edge list (.txt .el .edges .tsv .csv), GraphML "
	        "(.graphml),\n"
	        "GEXF (.gexf), Pajek (.net), Matrix Market (.mtx), graph-tool (.gt) or a warmpath\n"
	        "snapshot (.wpg), optionally gzip-compressed (.gz). Most commands also take\n"
	        "--workspace FILE, the people graph of imported contact exports.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nexit status: 0 success, 1 usage error, 2 bad input (nothing was changed),\n"
	           "3 internal error.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_help(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("warmpath %s\n", WP_VERSION);
		return CLI_OK;
	}
	wp_igraph_setup();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "warmpath: unknown command '%s'\nTry 'warmpath --help'.\n", argv[1]);
	return CLI_USAGE;
}
