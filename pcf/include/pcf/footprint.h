/* footprint.h: the footprint of a product (ISO 14067 cradle to grave, with cradle to gate from the
 * same model) or of one process's reference product. It reads the data (pcf/data.h), solves in a
 * solution of its own or the caller's (pcf/system.h, "Solutions") and gives a result
 * (pcf/result.h). */
#ifndef PCF_FOOTPRINT_H
#define PCF_FOOTPRINT_H

#include "pcf/export.h"

#include "pcf/data.h"
#include "pcf/error.h"
#include "pcf/product.h"
#include "pcf/result.h"
#include "pcf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The footprint of a product, in a solution of its own supply chains. data is only read. *out is
 * the caller's (pcf_result_free) whether or not the call succeeds (error.h: the lines computed
 * before an error stay readable); NULL only when out of memory. */
PCF_EXTERN int pcf_footprint_product(pcf_result **out, const pcf_data *data, const pcf_product *product,
                                     pcf_error *err);

/* How pcf_footprint_product_ex works. PCF_FOOTPRINT_OPTIONS_INIT is what pcf_footprint_product
 * does: solve the product's supply chains, and compute hotspots. */
typedef struct pcf_footprint_options {
  const pcf_solution *solution; /* NULL: a solution of the product's supply chains, made and freed
                                   here; else one that holds them (pcf_footprint_solve, or the
                                   whole database), only read: many threads may share it */
  int hotspots;                 /* 1: process and flow contributions, cut-offs (one scaling solve) */
  size_t top;                   /* > 0: each contribution list keeps its `top` largest entries, the
                                   others counted and summed (pcf_result_left_out); 0: all */
  double scale;                 /* > 0: every line multiplied (the product counted this many times) */
  const char *name;             /* replaces the product's name when not NULL or "" */
  const char *declared_unit;    /* replaces its declared unit when not NULL or "" */
} pcf_footprint_options;
#define PCF_FOOTPRINT_OPTIONS_INIT                                                                                     \
  { .solution = NULL, .hotspots = 1, .top = 0, .scale = 1, .name = NULL, .declared_unit = NULL }

PCF_EXTERN int pcf_footprint_product_ex(pcf_result **out, const pcf_data *data, const pcf_product *product,
                                        const pcf_footprint_options *options, pcf_error *err);
/* A solution of the supply chains of n products together (every process their items, services,
 * recycled and substituted materials may use): designs of one product, or a product drawn many
 * times, share it. The caller frees it; data must outlive it. */
PCF_EXTERN int pcf_footprint_solve(pcf_solution **out, const pcf_data *data, const pcf_product *const *products,
                                   size_t n, pcf_error *err);
/* Cradle-to-gate footprint of one reference unit of a process's reference flow. */
PCF_EXTERN int pcf_footprint_process(pcf_result **out, const pcf_data *data, const char *uuid, pcf_error *err);
#ifdef __cplusplus
}
#endif
#endif
