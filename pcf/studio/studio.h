/* studio.h: pcf studio, a local web page for designers (issue 20): the BOM and scenario of a
 * product edited in the browser, its footprint and the variants' comparison recomputed by the
 * library after each edit, saved back to product.ini and bom.csv.
 *
 * A design travels between page and server as JSON that keeps the files' text (openapi.yaml,
 * "Design"): the INI file's sections and entries in file order with their comment lines, and the
 * BOM's columns and rows as written. The server computes by writing the design's files and
 * reading them with the product reader, so the page computes exactly what `pcf footprint` and
 * `pcf compare` compute for the saved files.
 */
#ifndef PCF_STUDIO_STUDIO_H
#define PCF_STUDIO_STUDIO_H

#include <jansson.h>
#include <pcf/compare.h>
#include <pcf/data.h>
#include <pcf/error.h>
#include <pcf/pact.h>
#include <signal.h>
#include <stdio.h>

/* ---- the design's text (design_ini.c, design_csv.c, design.c) -------------------------------- */

/* INI text into {"sections": [{"name", "comments", "entries": [{"key", "value", "note",
 * "comments"}]}], "tail": [...]}: the comment lines before a section or key are its "comments"
 * (keeping their ';' or '#'; blank lines are ""), a comment after a value its "note", those after
 * the last key the "tail"; "newline": "\r\n" when the file's lines end so (written back so). what
 * names the file in errors. Returns 0 or PCF_ERR_PARSE / PCF_ERR_NOMEM. */
int studio_ini_parse(json_t **out, const char *text, size_t len, const char *what, pcf_error *err);
/* The INI text of ini into f. [product] bom becomes bom_name when not NULL; with resolve_dir set,
 * relative [product] data, materials and services are made absolute against it. Returns 0,
 * PCF_ERR_INPUT naming the section and key that cannot be written as one INI line, or PCF_ERR_IO. */
int studio_ini_emit(const json_t *ini, FILE *f, const char *bom_name, const char *resolve_dir, pcf_error *err);

/* CSV text (',', ';' or TAB as the header shows, quotes) into {"delimiter", "comments",
 * "columns", "rows", "newline" (as for INI)}; '#' lines anywhere are kept as comments (written
 * first). */
int studio_csv_parse(json_t **out, const char *text, size_t len, const char *what, pcf_error *err);
int studio_csv_emit(const json_t *bom, FILE *f, pcf_error *err);

/* Reads product.ini (and the BOM it names) into {"ini": ..., "bom": ... or null}. A missing file
 * gives a new product's template. */
int studio_design_load(json_t **out, const char *ini_path, pcf_error *err);
/* [product] value of key in a design ("" when not given; borrowed). */
const char *studio_design_product_value(const json_t *design, const char *key);

/* Writes a design's files: its INI text into ini_path and, when it has a BOM, the BOM into
 * bom_path (and [product] bom = bom_name). resolve_dir as studio_ini_emit. write_file writes a
 * file by the caller's rule (atomic for a save); NULL: fopen. Returns 0 or an error. */
typedef int (*studio_text_writer)(const void *ctx, FILE *f);
typedef int (*studio_write_fn)(const char *path, studio_text_writer w, const void *ctx, int clean, char *why,
                               size_t why_size);
int studio_design_write(const json_t *design, const char *ini_path, const char *bom_path, const char *bom_name,
                        const char *resolve_dir, studio_write_fn write_file, pcf_error *err);

/* ---- a session (session.c) and its API (api.c) ------------------------------------------------ */

typedef struct studio {
  const pcf_data *data;       /* loaded once for the session */
  char product_path[4096];    /* where save writes product.ini */
  char product_dir[4096];     /* its folder (relative data paths, bom.csv) */
  char tmp_dir[4096];         /* private folder of the computations' files */
  char data_key[2048];        /* [product] method, data, materials, services, bundled of the loaded data */
  const pcf_profile *profile; /* for PACT export; may be NULL */
  const char *method;         /* method as the data were loaded with (PACT) */
  const char *rule;           /* --rule, or NULL */
  studio_write_fn write_file; /* save's rule (cli_write_file) */
  /* P(beats base)'s default uncertainty: the data-quality ratings, as pcf compare --pedigree */
  int (*pedigree)(const pcf_result *r, double (*ratings)[5], double other[5], void *ctx, pcf_error *err);
  void *pedigree_ctx;
} studio;

/* One answer: HTTP status, content type and body (malloc'd, the caller frees). */
typedef struct studio_reply {
  unsigned status;
  const char *type;
  char *body;
  size_t len;
} studio_reply;

/* Creates the session's private folder. Returns 0 or PCF_ERR_IO. */
int studio_session_init(studio *s, const char *product_path, const pcf_data *data, pcf_error *err);
void studio_session_cleanup(studio *s);
/* The key naming the data a design asks for, to refuse designs that would need other data. */
void studio_data_key(const json_t *design, char *out, size_t size);

/* Answers one API request (path under /api/, body the request's JSON text or NULL; query: the
 * "q" parameter for materials). Returns 0, or PCF_ERR_NOMEM (no reply). */
int studio_api(studio *s, const char *method, const char *path, const char *query, const char *body, size_t len,
               studio_reply *reply);

/* The pieces of studio_api (api_compute.c): each returns 0 with reply set (errors as 4xx JSON
 * answers) or PCF_ERR_NOMEM. The result's JSON is pcf footprint --format json's text. */
int studio_footprint(studio *s, const json_t *design, studio_reply *reply);
int studio_compare(studio *s, const json_t *design, size_t draws, studio_reply *reply);
int studio_export(studio *s, const json_t *design, const char *format, studio_reply *reply);
int studio_materials(studio *s, const char *term, studio_reply *reply);
int studio_save(studio *s, const json_t *design, studio_reply *reply);
/* {"error": message} with status. */
int studio_reply_error(studio_reply *reply, unsigned status, const char *message);
/* The message of err for the page, the session's private folder left out of file names. */
void studio_error_text(const studio *s, const pcf_error *err, char *out, size_t size);

/* ---- the page (assets.c, generated from page/) and the HTTP server (http.c) ------------------- */

typedef struct studio_asset {
  const char *path, *type;
  const unsigned char *data;
  size_t len;
} studio_asset;
extern const studio_asset studio_assets[];
extern const size_t studio_asset_count;

/* Serves the session on 127.0.0.1:port (0: a free one) until *stop; prints the page's URL (with
 * the session's random token) on out. Returns 0 or a negative pcf_status. */
int studio_serve(studio *s, int port, FILE *out, volatile sig_atomic_t *stop, pcf_error *err);

#endif
