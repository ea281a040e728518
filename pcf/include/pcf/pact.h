/* pact.h: answering customer PCF requests. A WBCSD PACT ProductFootprint (PACT Technical
 * Specification v2.3, data model ProductFootprint / CarbonFootprint) written from a pcf_result,
 * read back as a supplier-specific PCF, and the pedigree-style data-quality ratings (DQR) that
 * feed its dqi.
 *
 * Company and request details never come from code: they come from a profile, a small INI file
 * the user keeps (see cases/profile.ini for every key):
 *
 *   [company]
 *   name = Example Toys Ltd
 *   ids = urn:pathfinder:company:customcode:vendor-assigned:example-toys   ; comma-separated URNs
 *   [product]
 *   ids = urn:pathfinder:product:customcode:vendor-assigned:TC-100         ; default from the product id
 *   category_cpc = 38540
 *   name_company = Toy car TC-100                                        ; default: product name
 *   description = ...                                                    ; default: product name
 *   [footprint]
 *   version = 1
 *   status = Active
 *   comment = ...
 *   reference_period_start = 2024-01-01T00:00:00Z
 *   reference_period_end = 2025-01-01T00:00:00Z
 *   geography_country = CN             ; or geography_region / geography_subdivision
 *   ... (see cases/profile.ini)
 *   [dqr]                              ; optional per-line ratings overriding the rules in dqr.c
 *   Toy car/Body = 2, 2, 2, 2, 2       ; technological, temporal, geographical, completeness, reliability
 *
 * The result is never changed by the profile: only the document's metadata are.
 */
#ifndef PCF_PACT_H
#define PCF_PACT_H

#include "pcf/export.h"

#include <ilcd/ilcd.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/footprint.h"
#include "pcf/product.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- profile ----------------------------------------------------------------------------- */

typedef struct pcf_profile pcf_profile;

/* Reads a profile INI file (the rules of pcf/src/ini_file.h: a regular file of at most 1 MiB,
 * UTF-8, each key once per section). Keys are case-insensitive; a value may be empty. Returns 0,
 * or PCF_ERR_IO / PCF_ERR_PARSE / PCF_ERR_INPUT (a key given twice; naming file and line) /
 * PCF_ERR_NOMEM. The caller frees *out. */
PCF_EXTERN int pcf_profile_read(pcf_profile **out, const char *path, pcf_error *err);
PCF_EXTERN void pcf_profile_free(pcf_profile *p);
/* Value of section.key (borrowed), or NULL when absent (p may be NULL). */
PCF_EXTERN const char *pcf_profile_get(const pcf_profile *p, const char *section, const char *key);
/* Number of keys of a section, and the i-th key/value (borrowed), in file order. */
PCF_EXTERN size_t pcf_profile_key_count(const pcf_profile *p, const char *section);
PCF_EXTERN const char *pcf_profile_key(const pcf_profile *p, const char *section, size_t i, const char **value);
PCF_EXTERN const char *pcf_profile_path(const pcf_profile *p);

/* ---- data quality ------------------------------------------------------------------------ */

/* The five PACT data-quality ratings (PACT Methodology Table 9 scale: 1 good, 2 fair, 3 poor). */
typedef enum pcf_dqr_kind {
  PCF_DQR_TECHNOLOGICAL,
  PCF_DQR_TEMPORAL,
  PCF_DQR_GEOGRAPHICAL,
  PCF_DQR_COMPLETENESS,
  PCF_DQR_RELIABILITY,
  PCF_DQR_COUNT
} pcf_dqr_kind;

PCF_EXTERN const char *pcf_dqr_name(pcf_dqr_kind k); /* "technological", ... */

typedef struct pcf_dqr_line {
  double rating[PCF_DQR_COUNT]; /* 1..3 */
  int from_profile;             /* 1: the profile's [dqr] section gave the ratings */
  int reference_year;           /* of the dataset used, 0 if unknown or primary data */
  const char *location;         /* of the dataset used, "" if unknown (borrowed from db) */
  const char *why;              /* one line: how the ratings were set (static) */
} pcf_dqr_line;

typedef struct pcf_dqr_summary {
  double rating[PCF_DQR_COUNT]; /* contribution-weighted over lines above the 5 % threshold */
  double coverage_percent;      /* share of sum |line| those lines cover, 0..100 */
} pcf_dqr_summary;

/* Rates line i of r: ratings from profile's [dqr] section (key: the line's component, else its
 * dataset) when given, else by the rules documented in dqr.c from the dataset's metadata in db
 * (db may be NULL: then only primary/secondary is known). `year` is the reference year the data
 * should represent (0: unknown), `country` the ISO 3166 code of the production site ("" if
 * unknown). Returns 0, or PCF_ERR_INPUT for a malformed [dqr] value. */
PCF_EXTERN int pcf_dqr_rate(pcf_dqr_line *out, const pcf_result *r, size_t i, const ilcd_db *db,
                            const pcf_profile *profile, int year, const char *country, pcf_error *err);
/* The year and production country the ratings compare a dataset with (pcf_dqr_rate's year and
 * country): the year of profile's [footprint] reference period (reference_period_end, as PACT reads
 * it; else reference_period_start), else the current year (UTC); the country from
 * [footprint] geography_country, else "". profile may be NULL. *country is owned by profile. */
PCF_EXTERN void pcf_dqr_target(const pcf_profile *profile, int *year, const char **country);
/* Aggregates the ratings of all n lines (lines[i] for line i of r) by contribution, as PACT asks:
 * the weighted average over the lines representing more than 5 % of the footprint (by |total|). */
PCF_EXTERN void pcf_dqr_aggregate(pcf_dqr_summary *out, const pcf_result *r, const pcf_dqr_line *lines);

/* ---- PACT ProductFootprint --------------------------------------------------------------- */

#define PCF_PACT_SPEC_VERSION "2.3.1"

typedef struct pcf_pact_options {
  const pcf_profile *profile; /* may be NULL: then the document lacks company data and fails */
  const pcf_product *product; /* NULL for a process footprint (declared unit from the result) */
  const ilcd_db *db;          /* loaded data, for dataset years, places and sources; may be NULL */
  const char *method;         /* method as chosen: "AR6", "AR5", "AR4" or a UUID; NULL = AR6 */
  /* The product's identity (productIds, productCategoryCpc, productNameCompany,
   * productDescription) comes from the product file's [product] section (pcf/product.h); a
   * profile giving [product] keys must name that product ([product] id, ids or name_company) and
   * is refused (PCF_ERR_INPUT) for any other, so that one product's profile cannot lend its
   * identity to another's numbers (pact_identity.c).
   * One profile for many products (pcf batch): when product_id is set, the profile's keys that
   * name one product are not used: [product] ids, id, name_company, description, category_cpc and
   * [footprint] id, fossil_carbon_content_kg, biogenic_carbon_content_kg (and $PCF_PACT_ID).
   * productIds is then the vendor-assigned URN of product_id, productNameCompany the result's
   * name, productDescription the product file's (else the name), the id a fresh UUID, the carbon
   * contents the BOM's (lower bounds, said so, when some lines declare none); category_cpc, when
   * not NULL or "", is the code, else the product file's [product] category_cpc. */
  const char *product_id;
  const char *category_cpc;
} pcf_pact_options;

/* Writes r as one PACT v2.3 ProductFootprint JSON document (mapping in pact_write.c). The id is
 * $PCF_PACT_ID, else the profile's footprint.id, else a fresh UUID v4; created is
 * $PCF_PACT_CREATED, else footprint.created, else now (UTC). Returns 0, PCF_ERR_INPUT (missing
 * or invalid profile data, a method PACT v2 cannot report, a unit without a PACT declared unit),
 * PCF_ERR_IO or PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_pact_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err);

/* The same result as a PACT v3.0 ProductFootprint (mapping in pact_v3.c): the product's own
 * declared unit (piece included), figures per declaredUnitAmount units. Returns as pcf_pact_write,
 * and PCF_ERR_INPUT when v3's required product mass is unknown. */
PCF_EXTERN int pcf_pact_write_v3(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err);

/* Both documents of one result, with the same id and created time, as compact JSON text (the
 * caller frees both; NULL on error). Returns as pcf_pact_write_v3. */
PCF_EXTERN int pcf_pact_documents(const pcf_result *r, const pcf_pact_options *o, char **v2_json, char **v3_json,
                                  pcf_error *err);

/* A supplier's footprint read from a PACT document (v2.x; v3 names are understood too). */
typedef struct pcf_pact_footprint {
  char id[64];
  char spec_version[32];
  char product_name[256];                     /* productNameCompany */
  char declared_unit[32];                     /* PACT's word: "kilogram", "liter", ..., "piece" (v3) */
  const char *unit;                           /* pcf's unit of it: "kg", "l", "m3", "m2", "kWh", "MJ", "t*km", "pcs" */
  double kg_co2e_per_unit;                    /* pCfExcludingBiogenic per one declared unit */
  double kg_co2e_per_unit_including_biogenic; /* NaN when absent */
  double unitary_product_amount;              /* declared units in one product (v2) */
  double product_mass_kg_per_unit;            /* NaN when absent */
} pcf_pact_footprint;

/* Reads a PACT ProductFootprint JSON file: a ProductFootprint, or a response {"data": ...} holding
 * exactly one. Values are normalised to one declared unit (v3 gives them per declaredUnitAmount).
 * Returns 0, PCF_ERR_IO, PCF_ERR_PARSE (JSON syntax, naming the line), or PCF_ERR_INPUT (a field
 * missing, not a decimal, or a unit pcf does not know). */
PCF_EXTERN int pcf_pact_read(pcf_pact_footprint *out, const char *path, pcf_error *err);

#ifdef __cplusplus
}
#endif
#endif
