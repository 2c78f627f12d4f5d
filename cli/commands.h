/* commands.h - the entry point of each `warmpath COMMAND`; each returns the exit status. */
#ifndef WP_COMMANDS_H
#define WP_COMMANDS_H

/* Graph files (and, for most, --workspace): cmd_<name>.c each. */
int cmd_stats(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_centrality(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_reach(int argc, char **argv);
int cmd_recruit(int argc, char **argv);
int cmd_separation(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* The workspace commands (cmd_import.c, cmd_members.c, cmd_people.c, cmd_ties.c, cmd_intro.c,
 * cmd_brokers.c). */
int cmd_import(int argc, char **argv);
int cmd_members(int argc, char **argv);
int cmd_forget(int argc, char **argv);
int cmd_people(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_ties(int argc, char **argv);
int cmd_ties_import(int argc, char **argv);
int cmd_intro(int argc, char **argv);
int cmd_brokers(int argc, char **argv);

#endif
