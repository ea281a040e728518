/* cli.h: the subcommands of the pcf command. Each parses its own arguments, calls the libraries
 * through their public headers and prints; none holds LCA logic. Exit codes: 0 success, 1 input
 * error (bad file, unknown material, unit mismatch...), 2 internal error, 64 usage error. */
#ifndef PCF_CLI_H
#define PCF_CLI_H

#include <getopt.h>
#include <pcf/error.h>
#include <pcf/footprint.h>
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

/* Checks a --rule argument (pcf_eol_rule_parse); prints the error and returns EXIT_USAGE, or 0. */
int cli_check_rule(const char *rule);

/* A non-negative decimal count into *out; returns 0 or -1. */
int cli_count(const char *text, unsigned long long *out);

/* ---- the data options every command shares (cli_data.c) --------------------------------------- */

enum { CLI_MAX_PATHS = 64, CLI_MAX_MAPS = 16 };
/* getopt values of the shared long options (no short letters). */
enum {
  CLI_OPT_DATA = 0x100, CLI_OPT_NO_BUNDLED, CLI_OPT_METHOD, CLI_OPT_MATERIALS, CLI_OPT_SERVICES,
  CLI_OPT_PROVIDERS, CLI_OPT_CACHE, CLI_OPT_RULE
};
typedef struct cli_data {
  pcf_data_options options; /* its lists point into the arrays below */
  const char *paths[CLI_MAX_PATHS], *materials[CLI_MAX_MAPS], *services[CLI_MAX_MAPS];
  const char *rule;         /* --rule, checked; NULL when not given */
} cli_data;
/* Their help lines, for each command's usage. */
extern const char cli_data_help[];
void cli_data_init(cli_data *d);
/* A command's own options then the shared ones into out (cap entries, zero-terminated). Returns 0,
 * or -1 when they do not fit. */
int cli_options(struct option *out, size_t cap, const struct option *own);
/* Takes option c when it is a shared one: 0 taken, EXIT_USAGE when its value is refused (said on
 * stderr), -1 when c is not a shared option. */
int cli_data_option(cli_data *d, int c, const char *arg);

/* ---- an uncertainty job (cmd_uncertainty.c), for pcf uncertainty and pcf footprint --uncertainty */
typedef struct cli_unc_job {
  const cli_data *data;
  const char *product_path, *process; /* one of them */
  const char *inputs_path;            /* user uncertainties, or NULL */
  unsigned long long iterations, seed;
  int analytic, exchanges;
  const char *format;                 /* "text" or "json" */
  const char *output;                 /* NULL: standard output */
} cli_unc_job;
int cli_uncertainty(const cli_unc_job *job);

#endif
