/* multifunctional.h: mono-functional views of multi-functional processes (several reference flows,
 * or ILCD allocations), by the rule stated in pcf/system.h; private to the engine. */
#ifndef PCF_MULTIFUNCTIONAL_H
#define PCF_MULTIFUNCTIONAL_H

#include <ilcd/ilcd.h>
#include <stdbool.h>

#include "pcf/error.h"

typedef struct mf_set mf_set;

/* Builds the views of every multi-functional process of db (the newest version of each). db must
 * outlive the set. Returns 0 or PCF_ERR_NOMEM; *out is the caller's (pcf__mf_free). */
int pcf__mf_build(mf_set **out, const ilcd_db *db, pcf_error *err);
void pcf__mf_free(mf_set *m);

/* Views of process p: *views points to n processes, each with exactly one reference flow (its
 * function), in function order (the first is p's principal view). 0 when p is used as written. */
size_t pcf__mf_views(const mf_set *m, const ilcd_process *p, const ilcd_process **views);
/* All views of all processes. */
size_t pcf__mf_total_views(const mf_set *m);
/* The process the system uses for p: its principal view, or p itself (a view, or mono-functional). */
const ilcd_process *pcf__mf_resolve(const mf_set *m, const ilcd_process *p);
/* What the rule did with p (or the process p is a view of) that a footprint running it must tell:
 * a warning naming the process, or NULL. Borrowed from the set. */
const char *pcf__mf_note(const mf_set *m, const ilcd_process *p);

/* Whether ex can be a function: a product Output, a waste Input, or an Output of a flow of another
 * type (pcf/system.h), of a loaded flow (returned in *flow). */
bool pcf__mf_provider_kind(const ilcd_db *db, const ilcd_exchange *ex, const ilcd_flow **flow);

#endif
