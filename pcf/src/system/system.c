/* system.c: the technosphere of a loaded ILCD database (see pcf/system.h for the linking rule): its
 * rows and columns, each column's characterised direct impacts and the roles of its exchanges,
 * found once and read-only from then on. Solving it is solution.c's. */
#include "pcf/system.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/uncertainty.h"
#include "system_check.h"
#include "system_internal.h"

/* The reference exchange a process is footprinted by: its first reference flow (a view of a
 * multi-functional process has exactly one). */
const ilcd_exchange *pcf__system_reference_exchange(const ilcd_process *p) {
  if (p->n_reference_flows == 0) return NULL;
  return ilcd_process_exchange(p, p->reference_flows[0]);
}

/* Whether p (a process or a view) provides the flow of its reference exchange (product output or
 * waste input). */
static bool provides(const ilcd_db *db, const ilcd_process *p, const ilcd_exchange **ex_out,
                     const ilcd_flow **flow_out) {
  const ilcd_exchange *ex = pcf__system_reference_exchange(p);
  if (!ex || !ex->flow.valid || ex->resulting_amount == 0) return false;
  const ilcd_flow *f;
  bool ok = pcf__mf_provider_kind(db, ex, &f);
  if (!f) return false;
  /* A process that takes in as much of its reference flow as it puts out (a self-loop of 100 %,
   * seen in real black-box data) provides nothing net: it would make A singular. */
  double net = 0;
  for (size_t i = 0; ok && i < p->n_exchanges; i++)
    if (p->exchanges[i].flow.valid && ilcd_uuid_equal(&p->exchanges[i].flow.uuid, &f->uuid))
      net += (p->exchanges[i].direction == ex->direction ? 1 : -1) * p->exchanges[i].resulting_amount;
  if (!(net > 1e-9 * ex->resulting_amount)) ok = false;
  *ex_out = ex;
  *flow_out = f;
  return ok;
}

/* A process that would provide its reference flow but takes in at least as much of it as it
 * makes (so provides() refuses it): its flow, or NULL. */
const ilcd_flow *pcf__system_self_consuming(const ilcd_db *db, const ilcd_process *p, double *made, double *taken) {
  const ilcd_exchange *ex = pcf__system_reference_exchange(p);
  const ilcd_flow *f = NULL;
  if (!ex || !ex->flow.valid || ex->resulting_amount == 0 || !pcf__mf_provider_kind(db, ex, &f) || !f) return NULL;
  pcf__system_own_flow(p, ex, made, taken);
  return *made - *taken > 1e-9 * ex->resulting_amount ? NULL : f;
}

/* Records p when it takes in at least as much of its reference flow as it makes (the first such
 * process of a flow). Returns 0 or -1 when out of memory. */
static int note_self_consumer(pcf_system *s, const ilcd_process *p) {
  double made, taken;
  const ilcd_flow *f = pcf__system_self_consuming(s->db, p, &made, &taken);
  if (!f || uuidmap_get(&s->self_consumer, &f->uuid) >= 0) return 0;
  if (s->n_consumers == s->cap_consumers) {
    size_t cap = s->cap_consumers ? 2 * s->cap_consumers : 16;
    const ilcd_process **v = realloc(s->consumers, cap * sizeof *v);
    if (!v) return -1;
    s->consumers = v;
    s->cap_consumers = cap;
  }
  s->consumers[s->n_consumers] = p;
  return uuidmap_put(&s->self_consumer, &f->uuid, (int32_t)s->n_consumers++);
}

const ilcd_process *pcf__system_self_consumer(const pcf_system *s, const ilcd_uuid *flow) {
  int32_t i = uuidmap_get(&s->self_consumer, flow);
  return i >= 0 ? s->consumers[i] : NULL;
}

/* p's row when it provides a flow: a new row, or a candidate of the flow's ambiguity. Returns 0 or
 * -1 when out of memory. */
static int add_provider(pcf_system *s, const ilcd_process *p) {
  const ilcd_exchange *ex;
  const ilcd_flow *f;
  if (!provides(s->db, p, &ex, &f)) return note_self_consumer(s, p);
  int32_t row = uuidmap_get(&s->row_of_flow, &f->uuid);
  if (row < 0) {
    row = (int32_t)s->n++;
    if (uuidmap_put(&s->row_of_flow, &f->uuid, row)) return -1;
    s->provider[row] = p;
    s->ref_ex[row] = ex;
    s->ref_flow[row] = f;
    return 0;
  }
  int32_t a = uuidmap_get(&s->ambiguous_row, &f->uuid);
  if (a < 0) {
    a = (int32_t)s->n_ambiguities++;
    if (uuidmap_put(&s->ambiguous_row, &f->uuid, a)) return -1;
    s->ambiguities[a].row = row;
    s->ambiguities[a].first = (int32_t)s->n_candidates;
    s->candidates[s->n_candidates++] = s->provider[row];
    s->ambiguities[a].count = 1;
  }
  /* Candidates of one flow are contiguous only if met together; store and sort later. */
  s->candidates[s->n_candidates++] = p;
  s->ambiguities[a].count++;
  return 0;
}

int pcf_system_new(pcf_system **out, const ilcd_db *db, const pcf_method_set *method, pcf_error *err) {
  pcf_system *s = calloc(1, sizeof *s);
  *out = s;
  if (!s) return pcf_error_nomem(err);
  s->db = db;
  s->method = *method;
  int rc = pcf__lcia_factors_new(&s->factors, db, method, err);
  if (!rc) rc = pcf__mf_build(&s->mf, db, err);
  if (rc) return rc;
  /* Columns are processes as written or views of multi-functional ones. */
  size_t np = ilcd_db_count(db, ILCD_PROCESS) + pcf__mf_total_views(s->mf);
  s->provider = calloc(np ? np : 1, sizeof *s->provider);
  s->ref_ex = calloc(np ? np : 1, sizeof *s->ref_ex);
  s->ref_flow = calloc(np ? np : 1, sizeof *s->ref_flow);
  s->candidates = calloc(np ? np : 1, sizeof *s->candidates);
  s->ambiguities = calloc(np ? np : 1, sizeof *s->ambiguities);
  if (!s->provider || !s->ref_ex || !s->ref_flow || !s->candidates || !s->ambiguities) return pcf_error_nomem(err);
  /* Pass 1: one row per provided flow; the first provider in load order is the default (the
   * views of a multi-functional process in function order, at its place). */
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i), *views;
    if (ilcd_db_process(db, &p->uuid) != p) continue; /* an older version of a loaded data set */
    size_t nv = pcf__mf_views(s->mf, p, &views);
    for (size_t v = 0; v < (nv ? nv : 1); v++)
      if (add_provider(s, nv ? &views[v] : p)) return pcf_error_nomem(err);
  }
  s->aircraft = calloc(s->n ? s->n : 1, sizeof *s->aircraft);
  if (!s->aircraft) return pcf_error_nomem(err);
  return 0;
}

void pcf_system_free(pcf_system *s) {
  if (!s) return;
  pcf__lcia_factors_free(s->factors);
  pcf__mf_free(s->mf);
  free(s->provider);
  free(s->ref_ex);
  free(s->ref_flow);
  free(s->candidates);
  free(s->ambiguities);
  free(s->aircraft);
  free(s->direct);
  free(s->source);
  free(s->source_method);
  free(s->roles);
  free(s->role_start);
  free(s->role_flow);
  free(s->flows);
  uuidmap_free(&s->flow_number);
  free(s->takes_own);
  free(s->note);
  free(s->uuid);
  uuidmap_free(&s->row_of_flow);
  uuidmap_free(&s->ambiguous_row);
  uuidmap_free(&s->self_consumer);
  free(s->consumers);
  free(s);
}

int pcf_system_prefer(pcf_system *s, const ilcd_uuid *process, pcf_error *err) {
  char id[40];
  const ilcd_process *p = ilcd_db_process(s->db, process), *views;
  if (!p)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "provider map: no process %s", ilcd_uuid_format(process, id));
  /* A multi-functional process: each of its functions. */
  size_t nv = pcf__mf_views(s->mf, p, &views), chosen = 0;
  for (size_t v = 0; v < (nv ? nv : 1); v++) {
    const ilcd_process *q = nv ? &views[v] : p;
    const ilcd_exchange *ex;
    const ilcd_flow *f;
    if (!provides(s->db, q, &ex, &f)) continue;
    int32_t row = uuidmap_get(&s->row_of_flow, &f->uuid);
    s->provider[row] = q;
    s->ref_ex[row] = ex;
    s->ref_flow[row] = f;
    chosen++;
  }
  if (!chosen)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "provider map: process %s (\"%s\") provides no product (its reference "
                         "exchange is not a product output or waste input)",
                         ilcd_uuid_format(process, id), p->name);
  return 0;
}

void pcf_system_flag_aircraft(pcf_system *s, const ilcd_uuid *process) {
  for (size_t j = 0; j < s->n; j++)
    if (ilcd_uuid_equal(&s->provider[j]->uuid, process)) s->aircraft[j] = true;
}

/* +1 when exchange ex of a column adds to the provided quantity of its row's flow, -1 when it
 * demands it. The row's sense is given by its provider's reference exchange direction. */
double pcf__system_sense(const pcf_system *s, int32_t row, const ilcd_exchange *ex) {
  return ex->direction == s->ref_ex[row]->direction ? 1.0 : -1.0;
}

/* The number of a role's flow, given when first met with the flow's dataset and reference unit.
 * Returns it, or -1 when out of memory. */
static int32_t number_flow(pcf_system *s, const ilcd_uuid *uuid) {
  int32_t i = uuidmap_get(&s->flow_number, uuid);
  if (i >= 0) return i;
  if (s->n_flows == s->cap_flows) {
    size_t cap = s->cap_flows ? 2 * s->cap_flows : 256;
    pcf_role_flow *v = realloc(s->flows, cap * sizeof *v);
    if (!v) return -1;
    s->flows = v;
    s->cap_flows = cap;
  }
  pcf_role_flow *f = &s->flows[s->n_flows];
  f->flow = ilcd_db_flow(s->db, uuid);
  f->unit = "?";
  if (f->flow) ilcd_flow_reference_unit(s->db, f->flow, &f->unit, NULL);
  if (s->n_flows > INT32_MAX || uuidmap_put(&s->flow_number, uuid, (int32_t)s->n_flows)) return -1;
  return (int32_t)s->n_flows++;
}

/* The roles of p's exchanges in a footprint's flow lists (pcf_exchange_role), appended. */
static int add_roles(pcf_system *s, const ilcd_process *p) {
  for (size_t e = 0; e < p->n_exchanges; e++) {
    const ilcd_exchange *ex = &p->exchanges[e];
    if (!ex->flow.valid) continue;
    pcf_exchange_role role = {.flow = &ex->flow,
                              .amount = ex->resulting_amount,
                              .factor = pcf__lcia_factor(s->factors, &ex->flow.uuid, ex->direction),
                              .kind = PCF_EX_CHARACTERISED};
    if (isnan(role.factor)) {
      const ilcd_flow *f = ilcd_db_flow(s->db, &ex->flow.uuid);
      if (!f) continue;
      bool ref = false;
      for (size_t q = 0; q < p->n_reference_flows; q++) ref |= p->reference_flows[q] == ex->internal_id;
      if (f->type == ILCD_FLOW_ELEMENTARY)
        role.kind = PCF_EX_UNCHARACTERISED;
      else if (!ref && ex->resulting_amount != 0 && uuidmap_get(&s->row_of_flow, &ex->flow.uuid) < 0)
        role.kind = PCF_EX_CUT_OFF;
      else
        continue;
    }
    if (s->n_roles == s->cap_roles) {
      size_t cap = s->cap_roles ? 2 * s->cap_roles : 1024;
      pcf_exchange_role *v = realloc(s->roles, cap * sizeof *v);
      if (!v) return -1;
      s->roles = v;
      uint32_t *f = realloc(s->role_flow, cap * sizeof *f);
      if (!f) return -1;
      s->role_flow = f;
      s->cap_roles = cap;
    }
    int32_t number = number_flow(s, &ex->flow.uuid);
    if (number < 0) return -1;
    s->role_flow[s->n_roles] = (uint32_t)number;
    s->roles[s->n_roles++] = role;
  }
  return 0;
}

const pcf_exchange_role *pcf_system_exchange_roles(const pcf_system *s, size_t j, size_t *count) {
  *count = s->role_start[j + 1] - s->role_start[j];
  return s->roles + s->role_start[j];
}

size_t pcf__system_role_flow_count(const pcf_system *s) { return s->n_flows; }
const pcf_role_flow *pcf__system_role_flow(const pcf_system *s, size_t i) { return &s->flows[i]; }
const uint32_t *pcf__system_role_flows(const pcf_system *s, size_t j) { return s->role_flow + s->role_start[j]; }
bool pcf__system_takes_own(const pcf_system *s, size_t j) { return s->takes_own[j]; }
const char *pcf__system_column_note(const pcf_system *s, size_t j) { return s->note[j]; }
const ilcd_uuid *pcf__system_column_uuid(const pcf_system *s, size_t j) { return &s->uuid[j]; }

int pcf_system_finish(pcf_system *s, pcf_error *err) {
  if (s->finished) return 0;
  size_t n = s->n;
  if (n == 0)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "the loaded data hold no process that provides a product");
  s->direct = calloc(PCF_VALUE_COUNT * n, sizeof *s->direct);
  s->source = malloc(n);
  s->source_method = calloc(n, sizeof *s->source_method);
  s->role_start = calloc(n + 1, sizeof *s->role_start);
  s->takes_own = calloc(n, sizeof *s->takes_own);
  s->note = calloc(n, sizeof *s->note);
  s->uuid = malloc(n * sizeof *s->uuid);
  if (!s->direct || !s->source || !s->source_method || !s->role_start || !s->takes_own || !s->note || !s->uuid)
    return pcf_error_nomem(err);
  for (size_t j = 0; j < n; j++) {
    const ilcd_process *p = s->provider[j];
    /* As the hotspots' warning asks it (footprint.c, warn_own_input), the cheap test first. */
    const ilcd_exchange *ref = pcf__system_reference_exchange(pcf__mf_resolve(s->mf, p));
    double made, taken;
    s->takes_own[j] = ref && ref->flow.valid && pcf__system_own_flow(p, ref, &made, &taken) >= 2 &&
                      !pcf_system_reference(s, p, NULL, NULL, NULL, NULL);
    s->note[j] = pcf_system_note(s, p);
    s->uuid[j] = p->uuid;
    if (add_roles(s, p)) return pcf_error_nomem(err);
    s->role_start[j + 1] = s->n_roles;
    double d[PCF_VALUE_COUNT];
    s->source[j] = (unsigned char)pcf__lcia_direct_ex(s->factors, p, d, &s->source_method[j]);
    for (int k = 0; k < PCF_VALUE_COUNT; k++) s->direct[k * n + j] = d[k];
    if (s->aircraft[j]) s->direct[PCF_AIRCRAFT * n + j] = d[PCF_TOTAL];
  }
  s->finished = true;
  return 0;
}

int pcf_system_finished(const pcf_system *s) { return s->finished; }

int pcf_system_reference(const pcf_system *s, const ilcd_process *p, const ilcd_exchange **exchange,
                         const ilcd_flow **flow, const char **unit, pcf_error *err) {
  char id[40];
  p = pcf__mf_resolve(s->mf, p);
  const ilcd_exchange *ex = pcf__system_reference_exchange(p);
  if (!ex || !ex->flow.valid)
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, 0, "process %s (\"%s\") has no usable reference flow",
                         ilcd_uuid_format(&p->uuid, id), p->name);
  if (ex->resulting_amount == 0)
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, ex->line,
                         "process %s (\"%s\"): its reference exchange has amount 0", ilcd_uuid_format(&p->uuid, id),
                         p->name);
  const ilcd_flow *f = ilcd_db_flow(s->db, &ex->flow.uuid);
  if (!f)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, p->path, ex->line, "process %s: its reference flow %s is not loaded",
                         ilcd_uuid_format(&p->uuid, id), ex->flow.text);
  ilcd_error ie = {0};
  const char *u = "";
  if (ilcd_flow_reference_unit(s->db, f, &u, &ie))
    return pcf_error_set(err, PCF_ERR_UNIT, ie.path, ie.line, "%s", ie.message);
  if (exchange) *exchange = ex;
  if (flow) *flow = f;
  if (unit) *unit = u;
  return 0;
}

/* Walks the non-reference exchanges of p linked to a provider: fn(row, signed amount). */
void pcf__system_for_linked(const pcf_system *s, const ilcd_process *p, const ilcd_exchange *ref,
                            void (*fn)(void *ctx, int32_t row, double amount), void *ctx) {
  for (size_t e = 0; e < p->n_exchanges; e++) {
    const ilcd_exchange *ex = &p->exchanges[e];
    if (ex == ref || !ex->flow.valid || ex->resulting_amount == 0) continue;
    int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
    if (row < 0) continue;
    /* A[row, p] = sense * amount; the demand p puts on row is its negative. */
    fn(ctx, row, -pcf__system_sense(s, row, ex) * ex->resulting_amount);
  }
}

typedef struct demand_ctx {
  double *demand;
  double scale;
} demand_ctx;

static void add_demand(void *ctx, int32_t row, double amount) {
  demand_ctx *d = ctx;
  d->demand[row] += d->scale * amount;
}

int pcf_system_add_activity(const pcf_system *s, const ilcd_process *p, double amount, double *demand, pcf_error *err) {
  p = pcf__mf_resolve(s->mf, p);
  const ilcd_exchange *ref;
  int rc = pcf_system_reference(s, p, &ref, NULL, NULL, err);
  if (rc) return rc;
  demand_ctx d = {demand, amount / ref->resulting_amount};
  pcf__system_for_linked(s, p, ref, add_demand, &d);
  return 0;
}

size_t pcf_system_size(const pcf_system *s) { return s->n; }
long pcf_system_column(const pcf_system *s, const ilcd_process *p) {
  /* Row and column of a provided flow share their index. */
  p = pcf__mf_resolve(s->mf, p);
  const ilcd_exchange *ex = pcf__system_reference_exchange(p);
  int32_t j = ex && ex->flow.valid ? uuidmap_get(&s->row_of_flow, &ex->flow.uuid) : -1;
  return j >= 0 && s->provider[j] == p ? j : -1;
}
const ilcd_process *pcf_system_provider(const pcf_system *s, size_t j) { return j < s->n ? s->provider[j] : NULL; }
double pcf_system_direct(const pcf_system *s, pcf_indicator k, size_t j) { return s->direct[(size_t)k * s->n + j]; }
const ilcd_db *pcf_system_db(const pcf_system *s) { return s->db; }
const pcf_method_set *pcf_system_method(const pcf_system *s) { return &s->method; }
size_t pcf_system_ambiguity_count(const pcf_system *s) { return s->n_ambiguities; }
void pcf_system_ambiguity(const pcf_system *s, size_t i, char *buf, size_t size) {
  if (i >= s->n_ambiguities) {
    if (size) buf[0] = '\0';
    return;
  }
  const ambiguity *a = &s->ambiguities[i];
  char id[40];
  const ilcd_process *chosen = s->provider[a->row];
  size_t used = (size_t)snprintf(
      buf, size, "flow \"%.80s\" has %d providers; took %s \"%.60s\"; others:", s->ref_flow[a->row]->name, a->count,
      ilcd_uuid_format(&chosen->uuid, id), chosen->name);
  /* Candidates of one flow were appended as they were met: scan the whole list for them. */
  for (size_t c = 0; c < s->n_candidates && used < size; c++) {
    const ilcd_process *p = s->candidates[c];
    const ilcd_exchange *ex = pcf__system_reference_exchange(p);
    if (p == chosen || !ex || !ilcd_uuid_equal(&ex->flow.uuid, &s->ref_flow[a->row]->uuid)) continue;
    used += (size_t)snprintf(buf + used, size - used, " %s", ilcd_uuid_format(&p->uuid, id));
  }
}

pcf_direct_source pcf_system_column_source(const pcf_system *s, size_t j, const char **used) {
  if (used) *used = s->source_method[j];
  return (pcf_direct_source)s->source[j];
}

pcf_direct_source pcf_system_direct_source(const pcf_system *s, const ilcd_process *p, const char **used) {
  p = pcf__mf_resolve(s->mf, p);
  long j = pcf_system_column(s, p);
  if (j >= 0) return pcf_system_column_source(s, (size_t)j, used);
  double d[PCF_VALUE_COUNT];
  return pcf__lcia_direct_ex(s->factors, p, d, used);
}

int pcf_system_characterise(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction, double amount,
                            double *out) {
  return pcf__lcia_exchange(s->factors, flow, direction, amount, out) ? PCF_ERR_NOT_FOUND : 0;
}

double pcf_system_factor(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction) {
  return pcf__lcia_factor(s->factors, flow, direction);
}

size_t pcf_system_ambiguity_column(const pcf_system *s, size_t i) {
  return i < s->n_ambiguities ? (size_t)s->ambiguities[i].row : (size_t)-1;
}

void pcf_system_direct_impacts(const pcf_system *s, const ilcd_process *p, double *out) {
  lcia_direct(s->factors, pcf__mf_resolve(s->mf, p), out);
}

const ilcd_process *pcf_system_view(const pcf_system *s, const ilcd_process *p) { return pcf__mf_resolve(s->mf, p); }

const char *pcf_system_note(const pcf_system *s, const ilcd_process *p) { return pcf__mf_note(s->mf, p); }

long pcf_system_link(const pcf_system *s, const ilcd_exchange *ex, double *sign) {
  if (!ex->flow.valid) return -1;
  int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
  if (row >= 0 && sign) *sign = pcf__system_sense(s, row, ex);
  return row;
}
