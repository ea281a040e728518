/* result_internal.h: building a pcf_result (private to the engine). */
#ifndef PCF_RESULT_INTERNAL_H
#define PCF_RESULT_INTERNAL_H

#include <stdbool.h>

#include "pcf/footprint.h"
#include "uuidmap.h"

pcf_result *pcf__result_new(const char *name, const char *declared_unit, const char *method);
/* The carbon content the footprint fills in (carbon_content.c). */
pcf_carbon_content *pcf__result_carbon(pcf_result *r);
void pcf__result_set_rule(pcf_result *r, const char *rule);
/* Multiplies every line, total, stage, credit and share numerator by k. */
void pcf__result_scale(pcf_result *r, double k);
/* Room for n lines in all. Returns 0 or -1. */
int pcf__result_reserve_lines(pcf_result *r, size_t n);
/* Copies the line (strings too) and adds it to the totals. Returns 0 or -1. */
int pcf__result_add_line(pcf_result *r, const pcf_line *line);
int pcf__result_add_hotspot(pcf_result *r, const char *name, const ilcd_uuid *uuid, double value, const char *unit);
/* A hotspot of a chain's process p, in kg CO2e (uuid: p's, from the system's own array): p itself is
 * read only if the entry is kept, since most of a chain's processes are left out and reading each
 * one's dataset would cost a cache miss a process. */
int pcf__result_add_process_hotspot(pcf_result *r, const ilcd_process *p, const ilcd_uuid *uuid, double value);
/* The result's three lists of flows. */
typedef enum result_flow_list {
  RESULT_FLOWS_CHARACTERISED,   /* kg CO2e */
  RESULT_FLOWS_UNCHARACTERISED, /* amounts in the flow's reference unit */
  RESULT_FLOWS_CUT_OFF,         /* amounts in the flow's reference unit */
} result_flow_list;
/* Adds the contribution of a flow to one list (the caller sums each flow once: footprint.c's
 * hotspots). name and cls (its classification, or NULL) are written "name (cls)" where shown;
 * they and unit are referenced until pcf__result_keep_top. Returns 0 or -1. */
int pcf__result_add_flow(pcf_result *r, result_flow_list list, const char *name, const char *cls, const ilcd_uuid *uuid,
                         const char *unit, double total);
/* Between pcf__result_sort and pcf__result_keep_top: how many entries a list holds, and entry i's
 * total (its name written into name unless NULL, its unit and UUID given unless NULL), largest
 * first. */
size_t pcf__result_flow_entries(const pcf_result *r, result_flow_list list);
double pcf__result_flow_entry(const pcf_result *r, result_flow_list list, size_t i, const char **unit,
                              const ilcd_uuid **uuid, char *name, size_t size);
void pcf__result_warn(pcf_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* True when pcf__result_warn could not keep a warning (out of memory): a result without one of its
 * warnings would read as cleaner than it is, so the footprint fails with PCF_ERR_NOMEM instead. */
bool pcf__result_warning_lost(const pcf_result *r);
/* Merges hotspots of the same process, then orders each contribution list largest magnitude first:
 * all of it (top 0, or a list of no more than top entries), else its top largest, with the others
 * after them in the order added. Returns 0 or -1 (out of memory). */
int pcf__result_sort(pcf_result *r, size_t top);
/* Keeps the top largest entries of each contribution list (0: all), counting and summing the others
 * per unit (pcf_result_left_out), and copies the kept entries' names and units into the result
 * (they were referenced until then). After pcf__result_sort with the same top. Returns 0 or -1. */
int pcf__result_keep_top(pcf_result *r, size_t top);

#endif
