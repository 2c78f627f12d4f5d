/* commands.h - the entry point of each `warmpath COMMAND`; each returns the exit status. */
#ifndef WP_COMMANDS_H
#define WP_COMMANDS_H

int cmd_stats(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_path(int argc, char **argv);

#endif
