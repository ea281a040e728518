/* store.h: the footprint store behind pcf serve: the PACT documents pcf computed (v2.3 and
 * v3.0 text of each footprint) with their history, and the queries of PACT's ListFootprints,
 * GetFootprint and RequestCreated.
 *
 * Lifecycle (PACT v3 "lifecycle"; v2.3 the same with version numbers): footprints of one product
 * form a lineage, keyed by the product's productIds and geography. Storing a footprint whose
 * content (the v3 document less id, created, status and precedingPfIds) equals the lineage's
 * latest leaves the store as it is; otherwise the new footprint is the lineage's next version
 * (v2 "version" 1, 2, ...), lists every earlier id in precedingPfIds, and the earlier Active ones
 * become Deprecated. Ids are never reused.
 *
 * One interface, several backends: "sqlite:PATH" or a plain PATH is SQLite (store_sqlite.c, one
 * file in WAL mode: readers never wait for the writer, a committed footprint survives a crash of
 * any process). "postgresql://..." is named for the backend hosts that outgrow one machine will
 * need (docs/serve.md); it is refused until written. Every function is safe to call from many
 * threads on one pcf_store.
 */
#ifndef PCF_SERVE_STORE_H
#define PCF_SERVE_STORE_H

#include <pcf/error.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pcf_store pcf_store;

enum { PCF_STORE_READONLY = 1 };

/* Opens (creating the schema unless PCF_STORE_READONLY) the store at uri. */
int pcf_store_open(pcf_store **out, const char *uri, int flags, pcf_error *err);
void pcf_store_close(pcf_store *s);

typedef struct pcf_store_put_result {
  char id[64];       /* the id the lineage's latest footprint now has */
  long version;      /* its version number (1, 2, ...) */
  int unchanged;     /* 1: the content equals the latest version's: nothing written */
  size_t deprecated; /* earlier footprints marked Deprecated by this put */
} pcf_store_put_result;

/* Stores one footprint given as its PACT v2.3 and v3.0 documents (the same id). */
int pcf_store_put(pcf_store *s, const char *v2_json, const char *v3_json, pcf_store_put_result *res, pcf_error *err);

/* The criteria of ListFootprints and RequestCreated (PACT v3 "Filtering"): values within one
 * criterion are ORed, criteria ANDed; matches are case-insensitive. Dates are seconds since the
 * epoch; has_* say which are given. */
typedef struct pcf_store_filter {
  const char **product_ids;
  size_t n_product_ids;
  const char **company_ids;
  size_t n_company_ids;
  const char **geographies;
  size_t n_geographies;
  const char **classifications;
  size_t n_classifications;
  const char **statuses;
  size_t n_statuses;
  int has_valid_on, has_valid_after, has_valid_before;
  int64_t valid_on, valid_after, valid_before;
} pcf_store_filter;

typedef struct pcf_store_page {
  char **docs; /* n documents (JSON text) in store order */
  size_t n;
  int more; /* 1: more match past offset + n */
} pcf_store_page;

/* Documents for API version api (2 or 3) matching f (NULL: all), from offset, at most limit. */
int pcf_store_list(pcf_store *s, int api, const pcf_store_filter *f, size_t offset, size_t limit, pcf_store_page *out,
                   pcf_error *err);
void pcf_store_page_free(pcf_store_page *p);

/* The document of footprint id for API version api (caller frees *json); PCF_ERR_NOT_FOUND. */
int pcf_store_get(pcf_store *s, int api, const char *id, char **json, pcf_error *err);

/* Footprints stored (every version). */
int pcf_store_count(pcf_store *s, size_t *n, pcf_error *err);

/* ---- the backend interface ------------------------------------------------------------------ */

typedef struct pcf_store_backend {
  const char *name;
  int (*put)(void *impl, const char *v2_json, const char *v3_json, pcf_store_put_result *res, pcf_error *err);
  int (*list)(void *impl, int api, const pcf_store_filter *f, size_t offset, size_t limit, pcf_store_page *out,
              pcf_error *err);
  int (*get)(void *impl, int api, const char *id, char **json, pcf_error *err);
  int (*count)(void *impl, size_t *n, pcf_error *err);
  void (*close)(void *impl);
} pcf_store_backend;

int pcf_store_sqlite_open(void **impl, const pcf_store_backend **be, const char *path, int flags, pcf_error *err);

/* RFC 3339 date-time ("2024-01-01T00:00:00Z", "...T00:00:00.5+02:00") as seconds since the
 * epoch (fractions dropped). A space where the offset's '+' belongs is read as '+' (a '+' left
 * unescaped in a query string decodes to a space). Returns 0, or -1 when s is not one. */
int pcf_rfc3339_parse(const char *s, int64_t *epoch);
/* The same instant n years later on the calendar (29 February to 1 March). */
int64_t pcf_epoch_add_years(int64_t t, int years);

#endif
