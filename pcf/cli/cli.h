/* cli.h: the subcommands of the pcf command. Each parses its own arguments, calls the libraries
 * through their public headers and prints; none holds LCA logic. Exit codes: 0 success, 1 input
 * error (bad file, unknown material, unit mismatch...), 2 internal error, 64 usage error. */
#ifndef PCF_CLI_H
#define PCF_CLI_H

#include <pcf/error.h>
#include <stdio.h>

enum { EXIT_INPUT = 1, EXIT_INTERNAL = 2, EXIT_USAGE = 64 };

/* "pcf: FILE:LINE: message" on stderr. */
void cli_report(const pcf_error *err);
/* EXIT_INTERNAL for out-of-memory and internal errors, EXIT_INPUT for the rest. */
int cli_exit_code(const pcf_error *err);
/* Writes through writer into path atomically (temporary file, fsync, rename); the file is left
 * untouched when anything fails. writer returns 0, an exit code (> 0) or -1. Returns 0, the
 * writer's code, or -1 (errno says why). */
int cli_write_atomic(const char *path, int (*writer)(const void *ctx, FILE *f), const void *ctx);
/* The same, or to stdout when path is NULL; returns an exit code and reports write failures. */
int cli_output(const char *path, int (*writer)(const void *ctx, FILE *f), const void *ctx);

int cmd_ilcd(int argc, char **argv);
int cmd_footprint(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_uncertainty(int argc, char **argv);

struct pcf_store;
struct pcf_result;
struct pcf_pact_options;
/* Stores r's PACT v2.3 and v3.0 documents in store (cli_store.c); a line on stderr unless quiet.
 * Returns 0 or a negative pcf_status with err set. */
int cli_store_result(struct pcf_store *store, const struct pcf_result *r, const struct pcf_pact_options *o,
                     int quiet, pcf_error *err);
int cmd_serve(int argc, char **argv);

/* Checks a --rule argument (pcf_eol_rule_parse); prints the error and returns EXIT_USAGE, or 0. */
int cli_check_rule(const char *rule);

#endif
