/* result.h: the result of a footprint, which explains itself: the totals in the ISO 14067 split,
 * per life-cycle stage and per line (BOM line or scenario item), the top contributing processes
 * and elementary flows, the cut-off and uncharacterised flows, the carbon in the product and the
 * warnings. Every value is kg CO2e per declared unit. Every output format is a view of it. */
#ifndef PCF_RESULT_H
#define PCF_RESULT_H

#include "pcf/export.h"

#include <stddef.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/lcia.h"
#include "pcf/product.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_line {
  pcf_stage stage;
  const char *component; /* BOM path or scenario part */
  const char *dataset;   /* as written (material, service, UUID) */
  const char *process;   /* name of the process used, "" for supplier data */
  char process_uuid[40];
  double amount; /* of the process's reference flow, in unit */
  const char *unit;
  int primary;         /* 1: supplier-specific data */
  int beyond_boundary; /* 1: a credit beyond the system boundary (module D), not in the totals */
  int proxy;           /* 1: the material's dataset is a flagged proxy (materials.csv) */
  /* An own secondary factor (pcf_item PCF_ITEM_FACTOR): its source and quality as written ("" when
   * not given); NULL on every other line. amount and unit are then in the factor's unit. */
  const char *factor_source, *factor_quality;
  double value[PCF_INDICATOR_COUNT];
  double biogenic_co2_kg[2]; /* biogenic CO2 emitted (+) and taken up (-), kg (system.h) */
} pcf_line;

typedef struct pcf_contribution {
  const char *name; /* process or elementary flow */
  char uuid[40];
  double total; /* kg CO2e; for uncharacterised flows: amount in unit */
  const char *unit;
} pcf_contribution;

typedef struct pcf_result pcf_result;

PCF_EXTERN void pcf_result_free(pcf_result *r);

PCF_EXTERN const char *pcf_result_name(const pcf_result *r);
PCF_EXTERN const char *pcf_result_declared_unit(const pcf_result *r);
PCF_EXTERN const char *pcf_result_method(const pcf_result *r);
PCF_EXTERN double pcf_result_value(const pcf_result *r, pcf_indicator k);
PCF_EXTERN double pcf_result_stage(const pcf_result *r, pcf_stage stage, pcf_indicator k);
/* Biogenic CO2 as a mass, kg per declared unit: emitted (+) or taken up from air (-). The
 * total and the biogenic indicators count it at GWP +1 / −1 (ISO 14067; system.h); ISO 14067 also
 * wants it documented apart. */
typedef enum pcf_co2_flux { PCF_CO2_EMITTED = 0, PCF_CO2_TAKEN_UP = 1 } pcf_co2_flux;
PCF_EXTERN double pcf_result_biogenic_co2_kg(const pcf_result *r, pcf_co2_flux which);
/* The total without biogenic CO2 emissions and removals (PACT's pCfExcludingBiogenic basis):
 * total − emitted − taken up. Biogenic CH4 and the other biogenic gases stay in. */
PCF_EXTERN double pcf_result_excluding_biogenic_co2(const pcf_result *r);
PCF_EXTERN double pcf_result_stage_excluding_biogenic_co2(const pcf_result *r, pcf_stage stage);
/* Credits and loads beyond the system boundary (module D in EN 15804), reported apart. */
PCF_EXTERN double pcf_result_module_d(const pcf_result *r, pcf_indicator k);
/* The recycling / end-of-life allocation rule used ("cut-off", "50:50", "avoided-burden", "cff"). */
PCF_EXTERN const char *pcf_result_eol_rule(const pcf_result *r);
/* Cradle to gate: raw materials and production. */
PCF_EXTERN double pcf_result_cradle_to_gate(const pcf_result *r);
/* Share of the total from supplier-specific (primary) data, 0..1. */
PCF_EXTERN double pcf_result_primary_share(const pcf_result *r);
/* Carbon contained in the product (its BOM, without packaging), kg C per declared unit: each
 * leaf's net mass times the EF flow properties "Carbon content (fossil)" and "Carbon content
 * (biogenic)" of its dataset's reference flow. A leaf without a mass, or whose dataset does not
 * declare them, is not covered: the sums are then lower bounds (*_lines < lines). */
typedef struct pcf_carbon_content {
  double fossil_kg, biogenic_kg;       /* kg C */
  size_t lines;                        /* BOM leaves */
  size_t fossil_lines, biogenic_lines; /* of which with a mass and a declared content */
} pcf_carbon_content;
PCF_EXTERN const pcf_carbon_content *pcf_result_carbon_content(const pcf_result *r);
PCF_EXTERN size_t pcf_result_line_count(const pcf_result *r);
PCF_EXTERN const pcf_line *pcf_result_line(const pcf_result *r, size_t i);
PCF_EXTERN size_t pcf_result_hotspot_count(const pcf_result *r); /* processes, largest first */
PCF_EXTERN const pcf_contribution *pcf_result_hotspot(const pcf_result *r, size_t i);
PCF_EXTERN size_t pcf_result_flow_count(const pcf_result *r); /* characterised flows, largest first */
PCF_EXTERN const pcf_contribution *pcf_result_flow(const pcf_result *r, size_t i);
PCF_EXTERN size_t pcf_result_uncharacterised_count(const pcf_result *r);
PCF_EXTERN const pcf_contribution *pcf_result_uncharacterised(const pcf_result *r, size_t i);
/* Product and waste flows the chain uses that no loaded process provides (cut off), largest first,
 * in their reference units. */
PCF_EXTERN size_t pcf_result_cut_off_count(const pcf_result *r);
PCF_EXTERN const pcf_contribution *pcf_result_cut_off(const pcf_result *r, size_t i);
/* The entries a contribution list left out when the footprint kept only its largest
 * (pcf_footprint_options.top): how many, and their sum in each of their units (i below
 * pcf_result_left_out_unit_count; *unit set), so that a list and what it left out add up to the
 * whole. 0 when nothing was left out. */
typedef enum pcf_contribution_list {
  PCF_LIST_HOTSPOTS,
  PCF_LIST_FLOWS,
  PCF_LIST_UNCHARACTERISED,
  PCF_LIST_CUT_OFF
} pcf_contribution_list;
PCF_EXTERN size_t pcf_result_left_out(const pcf_result *r, pcf_contribution_list which);
PCF_EXTERN size_t pcf_result_left_out_unit_count(const pcf_result *r, pcf_contribution_list which);
PCF_EXTERN double pcf_result_left_out_sum(const pcf_result *r, pcf_contribution_list which, size_t i,
                                          const char **unit);
PCF_EXTERN size_t pcf_result_warning_count(const pcf_result *r);
PCF_EXTERN const char *pcf_result_warning(const pcf_result *r, size_t i);

/* Output formats. Return 0, PCF_ERR_IO, or PCF_ERR_NOMEM. JSON: nothing is written unless the
 * document is whole; PCF_ERR_INTERNAL, errno EILSEQ or EDOM, when the result holds text that is
 * not UTF-8 or a figure that is not finite (neither comes from checked inputs). */
PCF_EXTERN int pcf_result_write_text(const pcf_result *r, FILE *out);
PCF_EXTERN int pcf_result_write_json(const pcf_result *r, FILE *out);
PCF_EXTERN int pcf_result_write_csv(const pcf_result *r, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
