/* batch.h: footprints of a whole catalogue of products against one loaded database.
 *
 * A catalogue is either a CSV file or a folder of product files (see pcf_catalogue_read). The
 * batch loads the data once (the bundled package, the --data paths, and every data path and map
 * that the catalogue's product files name), builds the technosphere of the WHOLE database,
 * factorises it once and computes the cradle-to-gate intensity of every provided flow by one
 * transposed solve (a solution of the whole database, pcf/system.h). Each product is then only
 * dot products: every line's amount times the unit impacts of its process, so per-line and
 * per-stage values are exact and nothing is refactorised per product. Products are computed on
 * several threads; results are kept by catalogue row, so the output order never depends on
 * the threads.
 *
 * Memory. pcf_batch_open reads the head of every product file (its keys and sections, not its
 * BOM): what it names decides the data to load. pcf_batch_run then streams: each worker reads a
 * product whole with its BOM, computes it, hands the result to on_result and frees both before
 * it takes the next, so at most one product per thread is held. What stays per row is its
 * summary (pcf_batch_row), labels and, for a failed row, its error: a few hundred bytes, where a
 * product with its BOM takes about 360 bytes per line.
 *
 * A product that fails (unreadable file, broken BOM, unknown material, unit mismatch) gets its
 * own pcf_error and the batch goes on; a database that cannot be loaded or solved as a whole
 * (singular technosphere) fails pcf_batch_open.
 *
 * Batch results carry totals, stages, lines and warnings, not hotspots: process contributions
 * need one scaling solve per product, which is what a batch avoids (pcf footprint gives them).
 */
#ifndef PCF_BATCH_H
#define PCF_BATCH_H

#include "pcf/export.h"

#include <stddef.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/footprint.h"
#include "pcf/product.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- catalogues ------------------------------------------------------------------------------ */

/* One product of a catalogue. Strings are borrowed from the catalogue. */
typedef struct pcf_catalogue_entry {
  const char *id;                /* catalogue id; "" = the product file's id (else its file name) */
  const char *name;              /* catalogue name; "" = the product file's name */
  const char *product;           /* product file, resolved against the catalogue's folder */
  double scale;                  /* declared units per row (every line multiplied), default 1 */
  const char *declared_unit;     /* "" = the product file's (pair it with scale: "12 pieces") */
  const char *category_cpc;      /* UN CPC code for PACT documents; "" = the profile's */
  const char *file;              /* catalogue file (or folder) the entry comes from */
  long line;                     /* its line in the catalogue CSV, 0 for a folder */
  const pcf_override *overrides; /* the row's changes to its product (bom.<part>.<field> columns) */
  size_t n_overrides;
} pcf_catalogue_entry;

typedef struct pcf_catalogue pcf_catalogue;

/* Reads a catalogue.
 * - A CSV file (separator and quoting as for BOMs): a header naming the columns, matched
 *   leniently ("Product file" = "product_file"): `product` (or `file`, `product file`, `path`;
 *   required) — a product file relative to the CSV's folder; `id` and `name` (optional, override
 *   the product file's); `scale` (optional, a positive number: the row is `scale` declared units,
 *   every line multiplied) and `declared unit` (optional, the row's declared unit as printed);
 *   `cpc`; and any number of `bom.<part>.<field>` columns (the name as written, field mass,
 *   material, quantity, recycled_content, scale, dataset, supplier_pcf or forming), each a change
 *   of a named BOM line for the rows that fill it (an empty cell changes nothing), written as in a
 *   variant (pcf/variant.h): so 50 variants of one design need one product file, not 50 folders.
 *   Other columns are refused, so that a typo is not silently ignored.
 * - A folder: every `*.ini` in it and every `product.ini` one folder down, in byte order of
 *   their paths; ids and names come from the product files.
 * Rows with problems of their own (empty product path, bad scale) are catalogue errors: the whole
 * catalogue is refused with the line. Returns 0, PCF_ERR_IO, PCF_ERR_PARSE, PCF_ERR_INPUT or
 * PCF_ERR_NOMEM; on success *out is the caller's (pcf_catalogue_free). */
PCF_EXTERN int pcf_catalogue_read(pcf_catalogue **out, const char *path, pcf_error *err);
PCF_EXTERN void pcf_catalogue_free(pcf_catalogue *c);
PCF_EXTERN size_t pcf_catalogue_count(const pcf_catalogue *c);
PCF_EXTERN const pcf_catalogue_entry *pcf_catalogue_entry_at(const pcf_catalogue *c, size_t i);

/* ---- one product against a solution of the whole database ------------------------------------ */

/* The footprint of product in whole, a solution of the data's whole database (pcf_solution_new
 * with no roots): no solve of its own, no hotspots. Each line is its amount in the process's
 * reference unit times its intensity (pcf_solution_unit_values), with recycled content and end
 * of life as pcf_footprint_product (it is pcf_footprint_product_ex with that solution and without
 * hotspots). entry (may be NULL) gives the overrides: name and declared unit when not "", scale
 * (every line multiplied) when > 0. Thread-safe for concurrent calls on the same data and
 * solution (it only reads them). Returns 0 or an error naming the product file and line; *out is
 * the caller's either way (NULL when out of memory). */
PCF_EXTERN int pcf_batch_footprint(pcf_result **out, const pcf_data *data, const pcf_solution *whole,
                                   const pcf_product *product, const pcf_catalogue_entry *entry, pcf_error *err);

/* ---- running a catalogue ----------------------------------------------------------------------- */

/* Called from the thread that runs pcf_batch_run, at most every few milliseconds and once at
 * the end, with the products done (ok or failed) so far. */
typedef void (*pcf_batch_progress_fn)(void *ctx, size_t done, size_t total);
/* Called from a worker thread (several at once: make it thread-safe) with each product's
 * result, which is freed after the call: write per-product documents here. A non-zero return
 * marks the product failed, with the error the callback filled in. */
typedef int (*pcf_batch_result_fn)(void *ctx, size_t i, const pcf_result *r, pcf_error *err);

typedef struct pcf_batch_options {
  pcf_data_options data;          /* what to load besides what the product files name */
  unsigned threads;               /* worker threads over products; 0 = online processors, max 64 */
  pcf_batch_progress_fn progress; /* NULL = none */
  void *progress_ctx;
  pcf_batch_result_fn on_result; /* NULL = none */
  void *result_ctx;
  const char *eol_rule;     /* NULL, or a recycling rule (pcf_eol_rule_parse) replacing
                                     every product file's [end_of_life] rule */
  int hotspots;             /* 1: each result also gets its process and flow contributions
                                     (one scaling solve per product, the solves taking turns) */
  size_t hotspots_top;      /* with hotspots: each contribution list keeps its N largest, the
                                     others counted and summed (pcf_result_left_out); 0 = all */
  size_t max_product_bytes; /* a row's product file and BOM together, at most; 0 =
                                     PCF_BATCH_MAX_PRODUCT_BYTES. A worker holds one product at
                                     a time, so one absurd BOM could otherwise take the whole
                                     run's memory: a row over the limit fails alone */
} pcf_batch_options;

/* Start from this and set what differs: fields added later keep their defaults. */
#define PCF_BATCH_OPTIONS_INIT                                                                                         \
  {                                                                                                                    \
    .data = {.bundled = 1}, .threads = 0, .progress = NULL, .on_result = NULL, .eol_rule = NULL, .hotspots = 0,        \
    .hotspots_top = PCF_BATCH_HOTSPOTS_TOP, .max_product_bytes = 0                                                     \
  }
#define PCF_BATCH_MAX_PRODUCT_BYTES ((size_t)64 << 20)
/* A batch's hotspots keep the 20 largest processes and flows of each list by default: what a
 * product's JSON document showed of its processes and characterised flows already. */
#define PCF_BATCH_HOTSPOTS_TOP 20

/* What the batch keeps of each product (results themselves are freed as soon as computed, so
 * a large catalogue does not hold every line in memory). kg CO2e per row (scale applied). */
typedef struct pcf_batch_row {
  int ok;                            /* 1 computed, 0 failed */
  double value[PCF_INDICATOR_COUNT]; /* total and the ISO 14067 split */
  double stage[PCF_STAGE_COUNT];     /* total per life-cycle stage */
  double primary_share;              /* 0..1 */
  size_t lines, warnings;
  const char *warning_text;  /* the warnings, " | " between them ("" none; NULL for a
                                             failed row), borrowed from the batch */
  const char *declared_unit; /* borrowed from the batch */
} pcf_batch_row;

/* Wall-clock seconds of each phase. */
typedef struct pcf_batch_timing {
  double read_s;    /* catalogue and the product files' heads (threads) */
  double load_s;    /* ILCD data and maps */
  double solve_s;   /* technosphere, factorisation, the transposed solves */
  double compute_s; /* the products read whole with their BOMs and footprinted (threads) */
} pcf_batch_timing;

typedef struct pcf_batch pcf_batch;

/* Reads the catalogue and every product file's head (not the BOMs), loads the data once and
 * solves it (see the top of this file). The method is options->data.method, else the one the
 * first product names, else AR6; a product naming another method fails (run it in a batch of its
 * own with --method). A row whose head reads but whose BOM does not fails when it is computed;
 * it is then labelled as an unreadable row (its file name for id), as before the streaming read,
 * but the data its head names were loaded and its id took part in the check of unique ids.
 * Returns 0, or an error that stops the whole batch (catalogue unreadable, data not loadable,
 * singular database); *out is the caller's either way (pcf_batch_free), NULL only when out of
 * memory. */
PCF_EXTERN int pcf_batch_open(pcf_batch **out, const char *catalogue, const pcf_batch_options *options, pcf_error *err);
/* Reads and computes every product whose head was read, one at a time per thread. Returns 0 (whatever the products' own failures) or
 * PCF_ERR_NOMEM / PCF_ERR_INTERNAL when threads cannot be started. */
PCF_EXTERN int pcf_batch_run(pcf_batch *b, pcf_error *err);
PCF_EXTERN void pcf_batch_free(pcf_batch *b);

PCF_EXTERN size_t pcf_batch_count(const pcf_batch *b);
PCF_EXTERN size_t pcf_batch_failed(const pcf_batch *b);
PCF_EXTERN const pcf_catalogue_entry *pcf_batch_entry(const pcf_batch *b, size_t i);
/* The id and name printed for row i (catalogue's, else the product file's, else its file name
 * without extension: for a product.ini, its folder's name). */
PCF_EXTERN const char *pcf_batch_id(const pcf_batch *b, size_t i);
PCF_EXTERN const char *pcf_batch_name(const pcf_batch *b, size_t i);
/* The file name (without extension) of row i's documents: its id with every character other than
 * ASCII letters, digits, '-' and '_' made '_', cut at 200 bytes, "product" when empty. Ids are
 * unique in a batch: a row whose id, or whose file name ignoring case, is that of an earlier row
 * fails (PCF_ERR_INPUT naming both rows) and is not computed. Borrowed. */
PCF_EXTERN const char *pcf_batch_file_stem(const pcf_batch *b, size_t i);
/* The product file of row i as read, while its result is being handed to on_result (products
 * are freed once computed); NULL otherwise or when it could not be read. Borrowed. */
PCF_EXTERN const pcf_product *pcf_batch_product(const pcf_batch *b, size_t i);
/* Summary of row i (ok = 0 until computed or when it failed). Borrowed. */
PCF_EXTERN const pcf_batch_row *pcf_batch_row_at(const pcf_batch *b, size_t i);
/* Error of row i, NULL when it succeeded. Borrowed. */
PCF_EXTERN const pcf_error *pcf_batch_error(const pcf_batch *b, size_t i);
PCF_EXTERN const pcf_data *pcf_batch_data(const pcf_batch *b);
PCF_EXTERN const pcf_batch_timing *pcf_batch_timings(const pcf_batch *b);

/* One row per product in catalogue order: id, name, declared_unit, status ("ok"/"failed"),
 * total, raw_materials, production, distribution, use, end_of_life, fossil,
 * biogenic_emissions, biogenic_removals, dluc, aircraft (kg CO2e, %.9g), primary_share (0..1),
 * warnings (count). Failed rows have empty numbers. Returns 0 or PCF_ERR_IO. */
PCF_EXTERN int pcf_batch_write_csv(const pcf_batch *b, FILE *out);
/* One row per failed product: id, product (file), file, line, code, reason. Returns 0 or
 * PCF_ERR_IO. */
PCF_EXTERN int pcf_batch_write_errors(const pcf_batch *b, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
