/* pact_internal.h: shared between the PACT writer, reader and the HTML report (private). */
#ifndef PCF_PACT_INTERNAL_H
#define PCF_PACT_INTERNAL_H

#include <jansson.h>

#include "pcf/pact.h"

/* The numbers of a PACT CarbonFootprint, per PACT declared unit (see pact_write.c). */
typedef struct pact_values {
  const char *declared_unit; /* PACT v2 word */
  char pcf_unit[32];         /* the unit word of pcf's declared unit ("piece") */
  double unitary_amount;     /* PACT declared units in one pcf declared unit */
  double divisor;            /* pcf value / divisor = value per PACT declared unit */
  double mass_per_unit;      /* kg per PACT declared unit, NaN unknown, 0 not relevant */
  double product_mass_kg;    /* BOM mass of one product, NaN unknown */
  double excluding, including, fossil, dluc, land_management, other_biogenic, aircraft;
  double biogenic_co2_emitted; /* kg CO2 within the boundary, per declared unit */
  double packaging;
  int has_packaging;
  double fossil_carbon, biogenic_carbon, withdrawal; /* kg C, kg C, kg CO2e */
  int carbon_content_known;
  int carbon_from_bom; /* 1: computed from the BOM's datasets, not given in the profile */
  size_t carbon_lines, carbon_fossil_lines, carbon_biogenic_lines; /* BOM coverage (from the BOM) */
  double primary_percent;
  const char *report;  /* "AR6" or "AR5" */
  int cradle_to_grave; /* 0: cradle to gate (PACT's default boundary) */
} pact_values;

/* The product a document speaks of (pact_identity.c). Strings are borrowed from the product,
 * the profile, the options or urn. */
typedef struct pact_identity {
  const char *ids;      /* comma-separated URNs, NULL when unknown */
  const char *cpc;      /* UN CPC code, NULL when unknown */
  const char *cpc_hint; /* where the user gives the CPC code */
  const char *name, *description;
  int profile_matches; /* 1: the profile's product keys may be used */
  char urn[512];       /* the vendor-assigned URN of the product id, "" without one */
} pact_identity;
/* Resolves the identity; refuses (PCF_ERR_INPUT) a profile whose product keys belong to another
 * product, or that gives them without naming the product. */
int pcf__pact_identity_resolve(pact_identity *out, const pcf_result *r, const pcf_pact_options *o, pcf_error *err);

/* A profile value as the document uses it: NULL when missing or empty, and for the keys that name
 * one product when o->product_id is set (pcf_pact_options). */
const char *pcf__pact_profile(const pcf_pact_options *o, const char *section, const char *key);
int pcf__pact_values_compute(pact_values *v, const pcf_result *r, const pcf_pact_options *o, pcf_error *err);
int pcf__pact_reference_year(const char *start, const char *end);
const char *pcf__pact_declared_unit(const char *unit);
json_t *pcf__pact_decimal(double v);
int pcf__pact_uuid4(char out[37]);
int pcf__pact_match(const char *pattern, const char *text); /* POSIX ERE */
int pcf__pact_is_datetime(const char *s);
int pcf__pact_is_uuid(const char *s);
int pcf__pact_is_piece(const char *unit); /* "piece", "pcs", "item"... */
/* The v2.3 ProductFootprint of r and its values (pact_doc.c); NULL with err set. */
json_t *pcf__pact_document(const pcf_result *r, const pcf_pact_options *o, pact_values *v, pcf_error *err);
/* The v3.0 ProductFootprint made from the v2.3 one and its values (pact_v3.c). */
json_t *pcf__pact_document_v3(const json_t *v2, const pact_values *v, const pcf_pact_options *o, pcf_error *err);

#endif
