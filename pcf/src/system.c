/* system.c: builds the technosphere of a loaded ILCD database (see pcf/system.h for the linking
 * rule), factorises it once and computes, by one transposed solve per indicator, the cradle-to-gate
 * intensity of every provided flow. */
#include "pcf/system.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcia.h"
#include "multifunctional.h"
#include "pcf/sparse.h"
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
  mf_set *mf;                    /* mono-functional views of multi-functional processes */
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
  bool *aircraft;                /* [n] */
  double *direct;                /* [PCF_VALUE_COUNT * n] per unit of column activity */
  double *intensity;             /* [PCF_VALUE_COUNT * n] y_k: per reference unit provided */
  unsigned char *source;         /* [n] how direct[] was obtained (lcia_source), SOURCE_UNKNOWN
                                    for columns outside a restriction */
  const char **source_method;    /* [n] the method of a published result used, or NULL */
  pcf_exchange_role *roles;      /* column j's are roles[role_start[j] .. role_start[j + 1]) */
  size_t *role_start;            /* [n + 1] */
  size_t n_roles, cap_roles;
  pcf_sparse *a;
  pcf_sparse_common common;
  pthread_mutex_t scale_lock;    /* KLU's solve writes the factorisation's workspace: one at a time */
  size_t unlinked;
  bool solved;
  bool *active;                  /* [n] columns in the solved system; NULL = all */
};

const char *pcf_indicator_key(pcf_indicator k) {
  static const char *keys[] = {"total", "fossil", "biogenic_emissions", "biogenic_removals",
                               "dluc", "aircraft"};
  return (unsigned)k < PCF_INDICATOR_COUNT ? keys[k] : "?";
}

enum { SOURCE_UNKNOWN = 0xff };

static char *fmt_uuid(const ilcd_uuid *u, char *buf) { return ilcd_uuid_format(u, buf); }

/* The reference exchange a process is footprinted by: its first reference flow (a view of a
 * multi-functional process has exactly one). */
static const ilcd_exchange *reference_exchange(const ilcd_process *p) {
  if (p->n_reference_flows == 0) return NULL;
  return ilcd_process_exchange(p, p->reference_flows[0]);
}

/* Whether p (a process or a view) provides the flow of its reference exchange (product output or
 * waste input). */
static bool provides(const ilcd_db *db, const ilcd_process *p, const ilcd_exchange **ex_out,
                     const ilcd_flow **flow_out) {
  const ilcd_exchange *ex = reference_exchange(p);
  if (!ex || !ex->flow.valid || ex->resulting_amount == 0) return false;
  const ilcd_flow *f;
  bool ok = mf_provider_kind(db, ex, &f);
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

static int oom(pcf_error *err) { return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory"); }

/* A process that would provide its reference flow but takes in at least as much of it as it
 * makes (so provides() refuses it): its flow, or NULL. */
static const ilcd_flow *self_consuming(const ilcd_db *db, const ilcd_process *p, double *made, double *taken) {
  const ilcd_exchange *ex = reference_exchange(p);
  const ilcd_flow *f = NULL;
  if (!ex || !ex->flow.valid || ex->resulting_amount == 0 || !mf_provider_kind(db, ex, &f) || !f) return NULL;
  system_own_flow(p, ex, made, taken);
  return *made - *taken > 1e-9 * ex->resulting_amount ? NULL : f;
}

/* Records p when it takes in at least as much of its reference flow as it makes (the first such
 * process of a flow). Returns 0 or -1 when out of memory. */
static int note_self_consumer(pcf_system *s, const ilcd_process *p) {
  double made, taken;
  const ilcd_flow *f = self_consuming(s->db, p, &made, &taken);
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

const ilcd_process *system_self_consumer(const pcf_system *s, const ilcd_uuid *flow) {
  int32_t i = uuidmap_get(&s->self_consumer, flow);
  return i >= 0 ? s->consumers[i] : NULL;
}

int system_own_input(const pcf_system *s, size_t j) {
  return s->solved && j < s->n && (!s->active || s->active[j]) &&
         pcf_sparse_get(s->a, (int32_t)j, (int32_t)j) != s->ref_ex[j]->resulting_amount;
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

int pcf_system_new(pcf_system **out, const ilcd_db *db, const pcf_method_set *method,
                   pcf_error *err) {
  pcf_system *s = calloc(1, sizeof *s);
  *out = s;
  if (!s) return oom(err);
  pthread_mutex_init(&s->scale_lock, NULL);
  s->db = db;
  s->method = *method;
  int rc = lcia_factors_new(&s->factors, db, method, err);
  if (!rc) rc = mf_build(&s->mf, db, err);
  if (rc) return rc;
  /* Columns are processes as written or views of multi-functional ones. */
  size_t np = ilcd_db_count(db, ILCD_PROCESS) + mf_total_views(s->mf);
  s->provider = calloc(np ? np : 1, sizeof *s->provider);
  s->ref_ex = calloc(np ? np : 1, sizeof *s->ref_ex);
  s->ref_flow = calloc(np ? np : 1, sizeof *s->ref_flow);
  s->candidates = calloc(np ? np : 1, sizeof *s->candidates);
  s->ambiguities = calloc(np ? np : 1, sizeof *s->ambiguities);
  if (!s->provider || !s->ref_ex || !s->ref_flow || !s->candidates || !s->ambiguities) return oom(err);
  /* Pass 1: one row per provided flow; the first provider in load order is the default (the
   * views of a multi-functional process in function order, at its place). */
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i), *views;
    if (ilcd_db_process(db, &p->uuid) != p) continue; /* an older version of a loaded data set */
    size_t nv = mf_views(s->mf, p, &views);
    for (size_t v = 0; v < (nv ? nv : 1); v++)
      if (add_provider(s, nv ? &views[v] : p)) return oom(err);
  }
  s->aircraft = calloc(s->n ? s->n : 1, sizeof *s->aircraft);
  if (!s->aircraft) return oom(err);
  pcf_sparse_common_init(&s->common);
  return 0;
}

void pcf_system_free(pcf_system *s) {
  if (!s) return;
  pthread_mutex_destroy(&s->scale_lock);
  lcia_factors_free(s->factors);
  mf_free(s->mf);
  free(s->provider);
  free(s->ref_ex);
  free(s->ref_flow);
  free(s->candidates);
  free(s->ambiguities);
  free(s->aircraft);
  free(s->active);
  free(s->direct);
  free(s->intensity);
  free(s->source);
  free(s->source_method);
  free(s->roles);
  free(s->role_start);
  uuidmap_free(&s->row_of_flow);
  uuidmap_free(&s->ambiguous_row);
  uuidmap_free(&s->self_consumer);
  free(s->consumers);
  pcf_sparse_free(s->a);
  free(s);
}

int pcf_system_prefer(pcf_system *s, const ilcd_uuid *process, pcf_error *err) {
  char id[40];
  const ilcd_process *p = ilcd_db_process(s->db, process), *views;
  if (!p) return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "provider map: no process %s", fmt_uuid(process, id));
  /* A multi-functional process: each of its functions. */
  size_t nv = mf_views(s->mf, p, &views), chosen = 0;
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
                         "exchange is not a product output or waste input)", fmt_uuid(process, id), p->name);
  s->solved = false;
  return 0;
}

void pcf_system_flag_aircraft(pcf_system *s, const ilcd_uuid *process) {
  for (size_t j = 0; j < s->n; j++)
    if (ilcd_uuid_equal(&s->provider[j]->uuid, process)) s->aircraft[j] = true;
  s->solved = false;
}

/* +1 when exchange ex of a column adds to the provided quantity of its row's flow, -1 when it
 * demands it. The row's sense is given by its provider's reference exchange direction. */
static double sense(const pcf_system *s, int32_t row, const ilcd_exchange *ex) {
  return ex->direction == s->ref_ex[row]->direction ? 1.0 : -1.0;
}

/* Doubles the triplet arrays; returns 0 or -1 (the arrays stay valid either way). */
static int grow(int32_t **rows, int32_t **cols, double **vals, size_t *cap) {
  size_t c = *cap * 2;
  int32_t *r2 = realloc(*rows, c * sizeof **rows);
  if (r2) *rows = r2;
  int32_t *c2 = realloc(*cols, c * sizeof **cols);
  if (c2) *cols = c2;
  double *v2 = realloc(*vals, c * sizeof **vals);
  if (v2) *vals = v2;
  if (!r2 || !c2 || !v2) return -1;
  *cap = c;
  return 0;
}

int pcf_system_solved(const pcf_system *s) { return s->solved; }

/* The roles of p's exchanges in a footprint's flow lists (pcf_exchange_role), appended. */
static int add_roles(pcf_system *s, const ilcd_process *p) {
  for (size_t e = 0; e < p->n_exchanges; e++) {
    const ilcd_exchange *ex = &p->exchanges[e];
    if (!ex->flow.valid) continue;
    pcf_exchange_role role = {.flow = &ex->flow, .amount = ex->resulting_amount,
                              .factor = lcia_factor(s->factors, &ex->flow.uuid, ex->direction),
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
      s->cap_roles = cap;
    }
    s->roles[s->n_roles++] = role;
  }
  return 0;
}

const pcf_exchange_role *pcf_system_exchange_roles(const pcf_system *s, size_t j, size_t *count) {
  *count = s->role_start[j + 1] - s->role_start[j];
  return s->roles + s->role_start[j];
}

int pcf_system_solve(pcf_system *s, pcf_error *err) {
  if (s->solved) return 0;
  size_t n = s->n;
  if (n == 0) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "the loaded data hold no process that provides a product");
  size_t cap = n * 4, count = 0;
  int32_t *rows = malloc(cap * sizeof *rows), *cols = malloc(cap * sizeof *cols);
  double *vals = malloc(cap * sizeof *vals);
  free(s->direct);
  free(s->intensity);
  free(s->source);
  free(s->source_method);
  s->direct = calloc(PCF_VALUE_COUNT * n, sizeof *s->direct);
  s->intensity = calloc(PCF_VALUE_COUNT * n, sizeof *s->intensity);
  s->source = malloc(n);
  s->source_method = calloc(n, sizeof *s->source_method);
  free(s->role_start);
  s->role_start = calloc(n + 1, sizeof *s->role_start);
  s->n_roles = 0;
  int rc = 0;
  if (!rows || !cols || !vals || !s->direct || !s->intensity || !s->source || !s->source_method || !s->role_start) {
    rc = oom(err);
    goto done;
  }
  s->unlinked = 0;
  for (size_t j = 0; j < n; j++) {
    const ilcd_process *p = s->provider[j];
    s->source[j] = SOURCE_UNKNOWN;
    s->role_start[j + 1] = s->n_roles;
    if (s->active && !s->active[j]) {
      /* Outside the restricted system: an identity column keeps A square and regular. */
      if (count == cap && grow(&rows, &cols, &vals, &cap)) {
        rc = oom(err);
        goto done;
      }
      rows[count] = cols[count] = (int32_t)j;
      vals[count++] = 1;
      continue;
    }
    if (add_roles(s, p)) {
      rc = oom(err);
      goto done;
    }
    s->role_start[j + 1] = s->n_roles;
    double d[PCF_VALUE_COUNT];
    s->source[j] = (unsigned char)lcia_direct_ex(s->factors, p, d, &s->source_method[j]);
    for (int k = 0; k < PCF_VALUE_COUNT; k++) s->direct[k * n + j] = d[k];
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      if (!ex->flow.valid || ex->resulting_amount == 0) continue;
      int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
      if (row < 0) {
        const ilcd_flow *f = ilcd_db_flow(s->db, &ex->flow.uuid);
        if (f && f->type != ILCD_FLOW_ELEMENTARY) s->unlinked++;
        continue;
      }
      if (count == cap && grow(&rows, &cols, &vals, &cap)) {
        rc = oom(err);
        goto done;
      }
      rows[count] = row;
      cols[count] = (int32_t)j;
      vals[count++] = (ex == s->ref_ex[j] ? 1.0 : sense(s, row, ex)) * ex->resulting_amount;
    }
  }
  for (size_t j = 0; j < n; j++) {
    if (s->aircraft[j]) s->direct[PCF_AIRCRAFT * n + j] = s->direct[PCF_TOTAL * n + j];
  }
  pcf_sparse_free(s->a);
  s->a = NULL;
  rc = pcf_sparse_new(&s->a, (int32_t)n, count, rows, cols, vals, err);
  if (!rc) rc = pcf_sparse_factor(s->a, &s->common, err);
  if (rc == PCF_ERR_SINGULAR) {
    system_singular_error(s->a, s->provider, err);
    goto done;
  }
  /* Loops that would run backwards, and results beyond the range of doubles, are errors. */
  if (!rc) rc = system_check_productive(s->a, n, count, rows, cols, vals, s->provider, err);
  if (rc) goto done;
  memcpy(s->intensity, s->direct, PCF_VALUE_COUNT * n * sizeof *s->intensity);
  rc = pcf_sparse_solve_transposed(s->a, PCF_VALUE_COUNT, s->intensity, &s->common, err);
  if (!rc) rc = system_check_finite(s->intensity, PCF_VALUE_COUNT, n, s->provider, "footprint per unit", err);
  if (!rc) s->solved = true;
done:
  free(rows);
  free(cols);
  free(vals);
  return rc;
}

int pcf_system_restrict(pcf_system *s, const ilcd_process *const *roots, size_t n_roots, pcf_error *err) {
  size_t n = s->n;
  if (!roots) { /* the whole database again */
    if (s->active) {
      free(s->active);
      s->active = NULL;
      s->solved = false;
    }
    return 0;
  }
  bool *active = calloc(n ? n : 1, sizeof *active);
  int32_t *stack = malloc((n ? n : 1) * sizeof *stack);
  size_t top = 0;
  if (!active || !stack) {
    free(active);
    free(stack);
    return oom(err);
  }
  /* Depth-first over links: a provider is in when a process in the system uses its flow. */
  for (size_t r = 0; r <= n_roots; r++) {
    const ilcd_process *p = r < n_roots ? mf_resolve(s->mf, roots[r]) : NULL;
    while (p) {
      for (size_t e = 0; e < p->n_exchanges; e++) {
        const ilcd_exchange *ex = &p->exchanges[e];
        if (!ex->flow.valid) continue;
        int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
        if (row >= 0 && !active[row]) {
          active[row] = true;
          stack[top++] = row;
        }
      }
      p = top ? s->provider[stack[--top]] : NULL;
    }
  }
  free(stack);
  /* The same supply chains as the last solve (variants that change only demands): keep its
   * factorisation and intensities. */
  if (s->solved && s->active && memcmp(s->active, active, n * sizeof *active) == 0) {
    free(active);
    return 0;
  }
  free(s->active);
  s->active = active;
  s->solved = false;
  return 0;
}

int pcf_system_reference(const pcf_system *s, const ilcd_process *p, const ilcd_exchange **exchange,
                         const ilcd_flow **flow, const char **unit, pcf_error *err) {
  char id[40];
  p = mf_resolve(s->mf, p);
  const ilcd_exchange *ex = reference_exchange(p);
  if (!ex || !ex->flow.valid)
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, 0, "process %s (\"%s\") has no usable reference flow",
                         fmt_uuid(&p->uuid, id), p->name);
  if (ex->resulting_amount == 0)
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, ex->line,
                         "process %s (\"%s\"): its reference exchange has amount 0",
                         fmt_uuid(&p->uuid, id), p->name);
  const ilcd_flow *f = ilcd_db_flow(s->db, &ex->flow.uuid);
  if (!f)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, p->path, ex->line,
                         "process %s: its reference flow %s is not loaded", fmt_uuid(&p->uuid, id),
                         ex->flow.text);
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
static void for_linked(const pcf_system *s, const ilcd_process *p, const ilcd_exchange *ref,
                       void (*fn)(void *ctx, int32_t row, double amount), void *ctx) {
  for (size_t e = 0; e < p->n_exchanges; e++) {
    const ilcd_exchange *ex = &p->exchanges[e];
    if (ex == ref || !ex->flow.valid || ex->resulting_amount == 0) continue;
    int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
    if (row < 0) continue;
    /* A[row, p] = sense * amount; the demand p puts on row is its negative. */
    fn(ctx, row, -sense(s, row, ex) * ex->resulting_amount);
  }
}

typedef struct unit_ctx {
  const pcf_system *s;
  double *out;
} unit_ctx;

static void add_intensity(void *ctx, int32_t row, double amount) {
  unit_ctx *u = ctx;
  for (int k = 0; k < PCF_VALUE_COUNT; k++)
    u->out[k] += amount * u->s->intensity[k * u->s->n + (size_t)row];
}

int pcf_system_unit_impacts(const pcf_system *s, const ilcd_process *p, double *out, pcf_error *err) {
  double v[PCF_VALUE_COUNT];
  int rc = pcf_system_unit_values(s, p, v, err);
  if (!rc) memcpy(out, v, PCF_INDICATOR_COUNT * sizeof *out);
  return rc;
}

int pcf_system_unit_values(const pcf_system *s, const ilcd_process *p, double *out, pcf_error *err) {
  p = mf_resolve(s->mf, p);
  /* A provider in the solved system: its intensities are the answer (y = A^-T d gives, per unit
   * provided, direct plus linked inputs, exactly what the general path below adds up). */
  long col = s->solved ? pcf_system_column(s, p) : -1;
  if (col >= 0 && (!s->active || s->active[col])) {
    for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] = s->intensity[(size_t)k * s->n + (size_t)col];
    return 0;
  }
  const ilcd_exchange *ref;
  int rc = pcf_system_reference(s, p, &ref, NULL, NULL, err);
  if (rc) return rc;
  if (!s->solved) return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "system not solved");
  double made, taken;
  if (self_consuming(s->db, p, &made, &taken)) {
    char id[40];
    const char *unit = NULL;
    pcf_system_reference(s, p, NULL, NULL, &unit, NULL);
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, 0,
                         "process %s (\"%s\") takes in %g %s of its own reference product for %g %s it makes: it "
                         "provides none of it net, so it has no footprint per unit of it",
                         fmt_uuid(&p->uuid, id), p->name, taken, unit ? unit : "", made, unit ? unit : "");
  }
  lcia_direct(s->factors, p, out);
  /* Aircraft: direct emissions of a process flagged as air transport. */
  col = pcf_system_column(s, p);
  out[PCF_AIRCRAFT] = col >= 0 && s->aircraft[col] ? out[PCF_TOTAL] : 0;
  unit_ctx u = {s, out};
  for_linked(s, p, ref, add_intensity, &u);
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] /= ref->resulting_amount;
  return 0;
}

typedef struct demand_ctx {
  double *demand;
  double scale;
} demand_ctx;

static void add_demand(void *ctx, int32_t row, double amount) {
  demand_ctx *d = ctx;
  d->demand[row] += d->scale * amount;
}

int pcf_system_add_activity(const pcf_system *s, const ilcd_process *p, double amount, double *demand,
                            pcf_error *err) {
  p = mf_resolve(s->mf, p);
  const ilcd_exchange *ref;
  int rc = pcf_system_reference(s, p, &ref, NULL, NULL, err);
  if (rc) return rc;
  demand_ctx d = {demand, amount / ref->resulting_amount};
  for_linked(s, p, ref, add_demand, &d);
  return 0;
}

int pcf_system_scale(const pcf_system *s, double *x, pcf_error *err) {
  pcf_system *w = (pcf_system *)s; /* the solve's workspace is the only state it changes */
  pthread_mutex_lock(&w->scale_lock);
  int rc = pcf_sparse_solve(s->a, 1, x, &w->common, err);
  pthread_mutex_unlock(&w->scale_lock);
  if (!rc) rc = system_check_finite(x, 1, s->n, s->provider, "activity", err);
  return rc;
}

size_t pcf_system_size(const pcf_system *s) { return s->n; }
long pcf_system_column(const pcf_system *s, const ilcd_process *p) {
  /* Row and column of a provided flow share their index. */
  p = mf_resolve(s->mf, p);
  const ilcd_exchange *ex = reference_exchange(p);
  int32_t j = ex && ex->flow.valid ? uuidmap_get(&s->row_of_flow, &ex->flow.uuid) : -1;
  return j >= 0 && s->provider[j] == p ? j : -1;
}
const ilcd_process *pcf_system_provider(const pcf_system *s, size_t j) {
  return j < s->n ? s->provider[j] : NULL;
}
double pcf_system_direct(const pcf_system *s, pcf_indicator k, size_t j) {
  return s->direct[(size_t)k * s->n + j];
}
const ilcd_db *pcf_system_db(const pcf_system *s) { return s->db; }
const pcf_method_set *pcf_system_method(const pcf_system *s) { return &s->method; }
size_t pcf_system_ambiguity_count(const pcf_system *s) { return s->n_ambiguities; }
size_t pcf_system_unlinked(const pcf_system *s) { return s->unlinked; }

size_t pcf_system_loop_count(const pcf_system *s) { return s->solved ? pcf_sparse_loop_count(s->a) : 0; }
double pcf_system_loop_condition(const pcf_system *s, size_t i) {
  return s->solved ? pcf_sparse_loop_condest(s->a, i) : NAN;
}
const int32_t *pcf_system_loop_columns(const pcf_system *s, size_t i, size_t *count) {
  if (!s->solved) {
    *count = 0;
    return NULL;
  }
  return pcf_sparse_loop_columns(s->a, i, count);
}

int pcf_system_is_ambiguous(const pcf_system *s, size_t j) {
  return j < s->n && uuidmap_get(&s->ambiguous_row, &s->ref_flow[j]->uuid) >= 0;
}

void pcf_system_ambiguity(const pcf_system *s, size_t i, char *buf, size_t size) {
  if (i >= s->n_ambiguities) {
    if (size) buf[0] = '\0';
    return;
  }
  const ambiguity *a = &s->ambiguities[i];
  char id[40];
  const ilcd_process *chosen = s->provider[a->row];
  size_t used = (size_t)snprintf(buf, size, "flow \"%.80s\" has %d providers; took %s \"%.60s\"; others:",
                                 s->ref_flow[a->row]->name, a->count, fmt_uuid(&chosen->uuid, id),
                                 chosen->name);
  /* Candidates of one flow were appended as they were met: scan the whole list for them. */
  for (size_t c = 0; c < s->n_candidates && used < size; c++) {
    const ilcd_process *p = s->candidates[c];
    const ilcd_exchange *ex = reference_exchange(p);
    if (p == chosen || !ex || !ilcd_uuid_equal(&ex->flow.uuid, &s->ref_flow[a->row]->uuid)) continue;
    used += (size_t)snprintf(buf + used, size - used, " %s", fmt_uuid(&p->uuid, id));
  }
}

int pcf_system_column_source(const pcf_system *s, size_t j, const char **used) {
  if (s->source[j] != SOURCE_UNKNOWN) { /* found while assembling: a batch asks for thousands */
    if (used) *used = s->source_method[j];
    return s->source[j];
  }
  double d[PCF_VALUE_COUNT];
  return (int)lcia_direct_ex(s->factors, s->provider[j], d, used);
}

int pcf_system_direct_source(const pcf_system *s, const ilcd_process *p, const char **used) {
  p = mf_resolve(s->mf, p);
  long j = s->solved ? pcf_system_column(s, p) : -1;
  if (j >= 0) return pcf_system_column_source(s, (size_t)j, used);
  double d[PCF_VALUE_COUNT];
  return (int)lcia_direct_ex(s->factors, p, d, used);
}

int pcf_system_characterise(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction, double amount,
                            double *out) {
  return lcia_exchange(s->factors, flow, direction, amount, out) ? PCF_ERR_NOT_FOUND : 0;
}

double pcf_system_factor(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction) {
  return lcia_factor(s->factors, flow, direction);
}

size_t pcf_system_ambiguity_column(const pcf_system *s, size_t i) {
  return i < s->n_ambiguities ? (size_t)s->ambiguities[i].row : (size_t)-1;
}

void pcf_system_direct_impacts(const pcf_system *s, const ilcd_process *p, double *out) {
  lcia_direct(s->factors, mf_resolve(s->mf, p), out);
}

const ilcd_process *pcf_system_view(const pcf_system *s, const ilcd_process *p) { return mf_resolve(s->mf, p); }

const char *pcf_system_note(const pcf_system *s, const ilcd_process *p) { return mf_note(s->mf, p); }

int pcf_system_provides(const pcf_system *s, const ilcd_uuid *flow) {
  return uuidmap_get(&s->row_of_flow, flow) >= 0;
}

/* ---- access for uncertainty propagation (declared in pcf/uncertainty.h) ---------------------- */

#include "pcf/uncertainty.h"

int pcf_system_entries(const pcf_system *s, pcf_system_entry **out, size_t *count, pcf_error *err) {
  *out = NULL;
  *count = 0;
  if (!s->solved) return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "system not solved");
  size_t cap = s->n * 4 + 1, m = 0;
  pcf_system_entry *v = malloc(cap * sizeof *v);
  if (!v) return oom(err);
  /* Same walk and same order as pcf_system_solve, so that entry k is its triplet k. */
  for (size_t j = 0; j < s->n; j++) {
    const ilcd_process *p = s->provider[j];
    size_t need = (s->active && !s->active[j]) ? 1 : p->n_exchanges;
    if (m + need > cap) {
      size_t c2 = (m + need) * 2;
      pcf_system_entry *v2 = realloc(v, c2 * sizeof *v2);
      if (!v2) {
        free(v);
        return oom(err);
      }
      v = v2;
      cap = c2;
    }
    if (s->active && !s->active[j]) {
      v[m++] = (pcf_system_entry){(int32_t)j, (int32_t)j, NULL, 1.0};
      continue;
    }
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      if (!ex->flow.valid || ex->resulting_amount == 0) continue;
      int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
      if (row < 0) continue;
      v[m++] = (pcf_system_entry){row, (int32_t)j, ex, ex == s->ref_ex[j] ? 1.0 : sense(s, row, ex)};
    }
  }
  *out = v;
  *count = m;
  return 0;
}

long pcf_system_link(const pcf_system *s, const ilcd_exchange *ex, double *sign) {
  if (!ex->flow.valid) return -1;
  int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
  if (row >= 0 && sign) *sign = sense(s, row, ex);
  return row;
}

int pcf_system_active(const pcf_system *s, size_t j) { return j < s->n && (!s->active || s->active[j]); }
