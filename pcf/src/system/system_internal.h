/* system_internal.h: the layout of pcf_system, shared by system.c (building it) and solution.c
 * (solving it). Private to the engine. */
#ifndef PCF_SYSTEM_INTERNAL_H
#define PCF_SYSTEM_INTERNAL_H

#include <stdbool.h>

#include "lcia_factors.h"
#include "multifunctional.h"
#include "pcf/system.h"
#include "system_check.h"
#include "uuidmap.h"

typedef struct ambiguity {
  int32_t row;
  int32_t first, count; /* candidates in s->candidates[first .. first+count) */
} ambiguity;

struct pcf_system {
  const ilcd_db *db;
  pcf_method_set method;
  lcia_factors *factors;
  mf_set *mf; /* mono-functional views of multi-functional processes */
  /* rows: provided flows; columns: their chosen providers (same index) */
  size_t n;
  const ilcd_process **provider; /* [n] */
  const ilcd_exchange **ref_ex;  /* [n] reference exchange of the provider */
  const ilcd_flow **ref_flow;    /* [n] */
  uuidmap row_of_flow;           /* flow uuid → row */
  uuidmap ambiguous_row;         /* flow uuid → index into ambiguities */
  uuidmap self_consumer;         /* flow uuid → index into consumers: a process (or view) that
                                    would provide it but takes in at least as much of it */
  const ilcd_process **consumers;
  size_t n_consumers, cap_consumers;
  ambiguity *ambiguities;
  size_t n_ambiguities;
  const ilcd_process **candidates;
  size_t n_candidates;
  bool *aircraft; /* [n] */
  /* Found once by pcf_system_finish, for every column; read-only from then on. */
  bool finished;
  double *direct;             /* [PCF_VALUE_COUNT * n] per unit of column activity */
  unsigned char *source;      /* [n] how direct[] was obtained (lcia_source) */
  const char **source_method; /* [n] the method of a published result used, or NULL */
  pcf_exchange_role *roles;   /* column j's are roles[role_start[j] .. role_start[j + 1]) */
  size_t *role_start;         /* [n + 1] */
  size_t n_roles, cap_roles;
  uint32_t *role_flow;  /* [n_roles] each role's flow, numbered densely: flows[role_flow[i]] */
  pcf_role_flow *flows; /* the distinct flows of the roles, in the order first met */
  size_t n_flows, cap_flows;
  uuidmap flow_number; /* flow uuid → index into flows */
  bool *takes_own;     /* [n] whether column j's provider names its reference flow in several exchanges */
  const char **note;   /* [n] pcf_system_note of column j's provider */
  ilcd_uuid *uuid;     /* [n] column j's provider's */
};

/* The reference exchange a process is footprinted by: its first reference flow (a view of a
 * multi-functional process has exactly one). */
const ilcd_exchange *pcf__system_reference_exchange(const ilcd_process *p);
/* +1 when exchange ex of a column adds to the provided quantity of its row's flow, -1 when it
 * demands it. */
double pcf__system_sense(const pcf_system *s, int32_t row, const ilcd_exchange *ex);
/* Walks the non-reference exchanges of p linked to a provider: fn(row, signed amount). */
void pcf__system_for_linked(const pcf_system *s, const ilcd_process *p, const ilcd_exchange *ref,
                            void (*fn)(void *ctx, int32_t row, double amount), void *ctx);
/* A process that would provide its reference flow but takes in at least as much of it as it
 * makes: its flow (and the amounts), or NULL. */
const ilcd_flow *pcf__system_self_consuming(const ilcd_db *db, const ilcd_process *p, double *made, double *taken);

#endif
