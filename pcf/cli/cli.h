/* cli.h: the subcommands of the pcf command. Each parses its own arguments, calls the libraries
 * through their public headers and prints; none holds LCA logic. Exit codes: 0 success, 1 input
 * error (bad file, unknown material, unit mismatch...), 2 internal error or an output that could not
 * be written, 64 usage error. */
#ifndef PCF_CLI_H
#define PCF_CLI_H

#include <getopt.h>
#include <signal.h>
#include <pcf/error.h>
#include <pcf/footprint.h>
#include <pcf/pact.h>
#include <stdio.h>

enum { EXIT_INPUT = 1, EXIT_INTERNAL = 2, EXIT_USAGE = 64 };

/* "pcf: FILE:LINE: message" on stderr. */
void cli_report(const pcf_error *err);
/* EXIT_INTERNAL for out-of-memory and internal errors, EXIT_INPUT for the rest. */
int cli_exit_code(const pcf_error *err);
/* What a writer of the libraries (which report by status alone) returns to cli_output: 0; for
 * PCF_ERR_NOMEM "pcf: out of memory" reported and EXIT_INTERNAL; -1 for a write failure. */
int cli_writer_status(int status);
/* Outputs (cli_output.c), one rule for every command: a new or regular file is replaced
 * atomically (temporary file beside it, fsync, rename; a new file gets the umask's mode, a
 * replaced one keeps its own); a character device or FIFO is written through; a symbolic link is
 * followed only when it is the user's or root's and leads to a device or FIFO; anything else is
 * refused. writer returns 0, an exit code (> 0, reported by the writer) or a negative value (a
 * write failure: errno or the stream's error says why). */
typedef int (*cli_writer)(const void *ctx, FILE *f);

/* Writes path by the rule. clean: first remove this output's temporaries left by a pcf that was
 * killed. Returns 0, the writer's code (> 0), or -1 with the reason in why (nothing reported). */
int cli_write_file(const char *path, cli_writer writer, const void *ctx, int clean, char *why, size_t why_size);
/* cli_write_file, or standard output when path is NULL (flushed and checked); reports a failure
 * with the path (or what standard output is) and the reason. Returns 0, the writer's code, or
 * EXIT_INTERNAL when the output could not be written. */
int cli_output(const char *path, cli_writer writer, const void *ctx);
/* Removes the temporaries (.NAME.tmp-PID-XXXXXX) of base (NULL: of any output) in dir that
 * belong to this user and to a process that is gone (kill -9). */
void cli_remove_stale_temps(const char *dir, const char *base);
/* Documents of one folder (a batch's DIR/<id>.json) written by the rule above, made durable in
 * groups: each is written to its temporary, and every 1,024 documents (or second) and at cli_docs_commit one
 * syncfs makes the group's content durable before its temporaries are renamed into place and the
 * folder is synced; a document under its final name is whole, as with cli_write_file. On a signal
 * the folder's temporaries of this process are removed. Thread-safe. */
typedef struct cli_docs cli_docs;
/* Returns 0 or -1 (out of memory or a path too long). */
int cli_docs_open(cli_docs **out, const char *dir);
/* Writes dir/name. Returns 0, the writer's code (> 0), or -1 with the reason in why. A group's
 * failure to sync or rename is kept for cli_docs_commit. */
int cli_docs_write(cli_docs *d, const char *name, cli_writer writer, const void *ctx, char *why, size_t why_size);
/* Commits what is pending. Returns 0, or -1 with the first failure of any group in why. */
int cli_docs_commit(cli_docs *d, char *why, size_t why_size);
/* Removes the temporaries not committed (NULL: nothing). */
void cli_docs_close(cli_docs *d);
/* Signal handlers removing the temporaries being written (SIGINT, SIGTERM, SIGHUP). */
void cli_output_init(void);
/* At exit: flushes and closes standard output; a failure not yet reported is, and the exit code
 * becomes EXIT_INTERNAL. Returns the exit code. */
int cli_close_stdout(int rc);

int cmd_ilcd(int argc, char **argv);
int cmd_footprint(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_uncertainty(int argc, char **argv);
int cmd_materials(int argc, char **argv);

/* ---- the parts kept out of the pcf executable (cli_helper.c) ---------------------------------- */

/* Finds name beside the running executable, in relative_dir from its folder, then in install_dir,
 * accessible for mode (access(2): X_OK, R_OK). Returns 0 with its path, or -1 with the paths
 * looked at in tried (comma-separated). */
int cli_helper_find(const char *name, const char *relative_dir, const char *install_dir, int mode, char *path,
                    size_t size, char *tried, size_t tried_size);
/* Execs the program pcf-serve with pcf's own arguments (argv[1] is one of net/commands.h); returns
 * only when it cannot (said on stderr), with EXIT_INTERNAL. */
int cli_run_in_helper(char **argv);

struct pcf_store;
struct pcf_result;
struct pcf_pact_options;
/* Opens the footprint store at uri for --store, loading the store module (cli_store.c) on first
 * use. Returns 0 or a negative pcf_status with err set (PCF_ERR_INTERNAL: no usable module). */
int cli_store_open(struct pcf_store **out, const char *uri, pcf_error *err);
/* Closes a store from cli_store_open (NULL: nothing). */
void cli_store_close(struct pcf_store *store);
/* Stores r's PACT v2.3 and v3.0 documents in store (cli_store.c); a line on stderr unless quiet.
 * Returns 0 or a negative pcf_status with err set. */
int cli_store_result(struct pcf_store *store, const struct pcf_result *r, const struct pcf_pact_options *o, int quiet,
                     pcf_error *err);

/* The commands of pcf-serve (net/, linked into pcf-serve only). */
int cmd_serve(int argc, char **argv);
/* pcf studio (pcf/studio/): the designers' web page; its one entry (net/cmd_studio.c). */
int cmd_studio(int argc, char **argv);
/* Installs the stop of the network commands (net/net_run.c): SIGINT and SIGTERM set the flag
 * returned, SIGPIPE is ignored. */
volatile sig_atomic_t *cli_net_stop_flag(void);
/* Reads a --port argument (0 to 65535; 0: any free port) into *port; prints why and returns
 * EXIT_USAGE when it is not one. */
int cli_net_port(const char *arg, int *port);

/* Checks a --rule argument (pcf_eol_rule_parse); prints the error and returns EXIT_USAGE, or 0. */
int cli_check_rule(const char *rule);

/* A non-negative decimal count into *out; returns 0 or -1. */
int cli_count(const char *text, unsigned long long *out);

/* ---- the data options every command shares (cli_data.c) --------------------------------------- */

enum { CLI_MAX_PATHS = 64, CLI_MAX_MAPS = 16 };
/* getopt values of the shared long options (no short letters). */
enum {
  CLI_OPT_DATA = 0x100,
  CLI_OPT_NO_BUNDLED,
  CLI_OPT_METHOD,
  CLI_OPT_MATERIALS,
  CLI_OPT_SERVICES,
  CLI_OPT_PROVIDERS,
  CLI_OPT_CACHE,
  CLI_OPT_NO_CACHE,
  CLI_OPT_RULE
};
typedef struct cli_data {
  pcf_data_options options; /* its lists point into the arrays below */
  const char *paths[CLI_MAX_PATHS], *materials[CLI_MAX_MAPS], *services[CLI_MAX_MAPS];
  const char *rule; /* --rule, checked; NULL when not given */
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

/* ---- PDF (cli_pdf.c): the HTML report printed by headless Chromium --------------------------- */
/* The Chromium to run: $PCF_CHROMIUM when set (NULL when it is not executable), else chromium,
 * chromium-browser, google-chrome or google-chrome-stable on PATH; NULL when none is found. */
const char *cli_chromium(char *buf, size_t size);
#define CLI_NO_CHROMIUM                                                                                                \
  "pcf: --format pdf prints the HTML report with headless Chromium, which was not found (chromium, "                   \
  "chromium-browser or google-chrome on PATH, or PCF_CHROMIUM=/path/to/chromium): install it (Debian: "                \
  "apt install chromium), or write --format html and print that"
/* A cli_writer's work for PDF: html_writer writes the HTML report, Chromium prints it, the PDF is
 * copied to out. Returns as a cli_writer: 0, an exit code (reported), or -1 when out failed. */
int cli_pdf(cli_writer html_writer, const void *ctx, FILE *out);

/* ---- an uncertainty job (cmd_uncertainty.c), for pcf uncertainty and pcf footprint --uncertainty */
typedef struct cli_unc_job {
  const cli_data *data;
  const char *product_path, *process; /* one of them */
  const char *inputs_path;            /* user uncertainties, or NULL */
  unsigned long long iterations, seed;
  int analytic, exchanges;
  int pedigree;             /* default uncertainty from the data-quality ratings */
  const char *profile_path; /* the pedigree's reference period and country (pcf_dqr_target), or NULL */
  const char *format;       /* "text" or "json" */
  const char *output;       /* NULL: standard output */
} cli_unc_job;
int cli_uncertainty(const cli_unc_job *job);
/* What the data-quality ratings of the default uncertainty read: the data, and the profile whose
 * reference period and production country the datasets are compared with (NULL: the current year,
 * country unknown; pcf_dqr_target). */
typedef struct cli_rating {
  const pcf_data *data;
  const pcf_profile *profile;
} cli_rating;
/* The data-quality ratings of r's lines for the default uncertainty (pcf_compare_options.pedigree;
 * ctx: a const cli_rating *), as the report's data-quality table rates them. */
int cli_rate_lines(const pcf_result *r, double (*ratings)[5], double other[5], void *ctx, pcf_error *err);

#endif
