/* cli.h: the subcommands of the pcf command. Each parses its own arguments, calls the libraries
 * through their public headers and prints; none holds LCA logic. Exit codes: 0 success, 1 input
 * error (bad file, unknown material, unit mismatch...), 2 internal error, 64 usage error. */
#ifndef PCF_CLI_H
#define PCF_CLI_H

enum { EXIT_INPUT = 1, EXIT_INTERNAL = 2, EXIT_USAGE = 64 };

int cmd_ilcd(int argc, char **argv);
int cmd_footprint(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_uncertainty(int argc, char **argv);

#endif
