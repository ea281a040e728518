/* multifunctional.c: multi-functional processes as mono-functional views, by the rule stated in
 * pcf/system.h ("Multi-functional processes"). ISO 14044:2006 4.3.4.2: where a process has several
 * functions and allocation cannot be avoided, its inputs and outputs are partitioned between the
 * products; the ILCD format (ILCD_ProcessDataSet.xsd) records such a partition per exchange,
 * AllocationType: internalReferenceToCoProduct names the co-product's exchange, allocatedFraction
 * is the percentage of this exchange foreseen for it ("the numbers across the co-products should
 * sum up to 100%"); referenceToReferenceFlow may name one or more exchanges. Each view is a copy of
 * the process with one reference flow and the exchanges that function bears, which the system then
 * links and solves like any other process. */
#include "multifunctional.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uuidmap.h"

/* Fractions are ILCD Perc values (3 decimals): rounding each co-product's share leaves the sum
 * within a few thousandths of 100. */
#define SUM_TOLERANCE_PERCENT 0.01
enum { NOTE_BYTES = 900, LISTED = 3 }; /* a footprint warning holds 1,024 bytes */

typedef struct origin {
  const ilcd_process *p;
  ilcd_process *views; /* [n_views], the principal first */
  size_t n_views;
  char *note;
} origin;

struct mf_set {
  const ilcd_db *db;
  origin *v;
  size_t n, cap, total_views;
  uuidmap index; /* process UUID → v */
  void **owned;  /* everything the views point to */
  size_t n_owned, cap_owned;
};

/* A function: the candidate exchanges of one flow in one direction, taken together. */
typedef struct group {
  const ilcd_exchange *first;
  size_t count;
  bool function; /* false: the reference of a process that provides nothing */
} group;

typedef struct work {
  mf_set *m;
  const ilcd_process *p;
  int *group_of; /* [n_exchanges]: group, or -1 */
  group *groups;
  size_t n_groups, n_functions;
  bool alloc; /* the allocations are applied: one view per function */
  bool ignored_alloc;
  char note[NOTE_BYTES];
  size_t used;
} work;

bool pcf__mf_provider_kind(const ilcd_db *db, const ilcd_exchange *ex, const ilcd_flow **flow) {
  const ilcd_flow *f = ex->flow.valid ? ilcd_db_flow(db, &ex->flow.uuid) : NULL;
  if (flow) *flow = f;
  if (!f) return false;
  return (f->type == ILCD_FLOW_PRODUCT && ex->direction == ILCD_OUTPUT) ||
         (f->type == ILCD_FLOW_WASTE && ex->direction == ILCD_INPUT) ||
         (f->type == ILCD_FLOW_OTHER && ex->direction == ILCD_OUTPUT);
}

/* Takes ptr into the set's ownership; NULL (and ptr freed) when out of memory. */
static void *own(mf_set *m, void *ptr) {
  if (!ptr) return NULL;
  if (m->n_owned == m->cap_owned) {
    size_t cap = m->cap_owned ? 2 * m->cap_owned : 64;
    void **v = realloc(m->owned, cap * sizeof *v);
    if (!v) {
      free(ptr);
      return NULL;
    }
    m->owned = v;
    m->cap_owned = cap;
  }
  return m->owned[m->n_owned++] = ptr;
}

static long index_of(const ilcd_process *p, int id) {
  for (size_t k = 0; k < p->n_exchanges; k++)
    if (p->exchanges[k].internal_id == id) return (long)k;
  return -1;
}

static const char *flow_name(const ilcd_db *db, const ilcd_exchange *ex) {
  const ilcd_flow *f = ex->flow.valid ? ilcd_db_flow(db, &ex->flow.uuid) : NULL;
  return f ? f->name : ex->flow.text[0] ? ex->flow.text : "?";
}

static const char *direction(const ilcd_exchange *ex) { return ex->direction == ILCD_INPUT ? "Input" : "Output"; }

static void note(work *w, const char *fmt, ...) {
  if (w->used + 8 >= sizeof w->note) return;
  if (w->used) w->used += (size_t)snprintf(w->note + w->used, sizeof w->note - w->used, "; ");
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(w->note + w->used, sizeof w->note - w->used, fmt, ap);
  va_end(ap);
  w->used = n < 0 ? w->used : w->used + (size_t)n < sizeof w->note ? w->used + (size_t)n : sizeof w->note - 1;
}

/* The group of function exchanges that k belongs to when it names a function, else -1. */
static int function_of(const work *w, int co_product) {
  long k = index_of(w->p, co_product);
  int g = k >= 0 ? w->group_of[k] : -1;
  return g >= 0 && w->groups[g].function ? g : -1;
}

static void add_candidate(work *w, long k) {
  const ilcd_exchange *ex = &w->p->exchanges[k];
  if (w->group_of[k] >= 0 || !pcf__mf_provider_kind(w->m->db, ex, NULL)) return;
  for (size_t g = 0; g < w->n_groups; g++) {
    const ilcd_exchange *f = w->groups[g].first;
    if (f->direction == ex->direction && ilcd_uuid_equal(&f->flow.uuid, &ex->flow.uuid)) {
      w->group_of[k] = (int)g;
      w->groups[g].count++;
      return;
    }
  }
  w->group_of[k] = (int)w->n_groups;
  w->groups[w->n_groups++] = (group){ex, 1, true};
  w->n_functions++;
}

/* The default share (percent) of function g: the allocations its own exchanges write for it. */
static bool default_share(const work *w, int g, double *percent) {
  bool defined = false;
  *percent = 0;
  for (size_t k = 0; k < w->p->n_exchanges; k++) {
    if (w->group_of[k] != g) continue;
    const ilcd_exchange *e = &w->p->exchanges[k];
    for (size_t a = 0; a < e->n_allocations; a++)
      if (function_of(w, e->allocations[a].co_product) == g) {
        *percent += e->allocations[a].fraction_percent;
        defined = true;
      }
  }
  return defined;
}

/* The share of exchange e (not a function) borne by function g, as a fraction; *full set when e
 * counts in full for lack of any allocation. */
static double share(const work *w, const ilcd_exchange *e, int g, bool *full) {
  bool named = false;
  double percent = 0;
  for (size_t a = 0; a < e->n_allocations; a++) {
    int h = function_of(w, e->allocations[a].co_product);
    if (h < 0) continue;
    named = true;
    if (h == g) percent += e->allocations[a].fraction_percent;
  }
  if (named) return percent / 100; /* its own partition: nothing for a function it does not name */
  if (default_share(w, g, &percent)) return percent / 100;
  *full = true;
  return 1;
}

static void scale(ilcd_exchange *e, double f) {
  e->mean_amount *= f;
  e->resulting_amount *= f;
  e->minimum *= f; /* NaN stays NaN */
  e->maximum *= f;
}

/* The view of function (or reference) group g: the process's name and UUID (a footprint's process
 * contributions add its columns up), one reference flow. Returns 0 or -1 when out of memory. */
static int make_view(work *w, int g, ilcd_process *out) {
  mf_set *m = w->m;
  const ilcd_process *p = w->p;
  const group *gr = &w->groups[g];
  *out = *p;
  ilcd_exchange *exs = own(m, malloc((p->n_exchanges ? p->n_exchanges : 1) * sizeof *exs));
  int *ref = own(m, malloc(sizeof *ref));
  if (!exs || !ref) return -1;
  size_t n = 0;
  for (size_t k = 0; k < p->n_exchanges; k++) {
    const ilcd_exchange *e = &p->exchanges[k];
    int h = w->group_of[k];
    if (h == g) {
      if (e != gr->first) continue; /* added to the first */
      ilcd_exchange x = *e;
      for (size_t j = 0; j < p->n_exchanges; j++) {
        const ilcd_exchange *o = &p->exchanges[j];
        if (w->group_of[j] != g || o == e) continue;
        x.mean_amount += o->mean_amount;
        x.resulting_amount += o->resulting_amount;
        x.minimum += o->minimum; /* NaN unless every member gives one */
        x.maximum += o->maximum;
      }
      x.n_allocations = 0;
      x.allocations = NULL;
      *ref = x.internal_id;
      exs[n++] = x;
      continue;
    }
    if (w->alloc && h >= 0) continue; /* another co-product: not a burden to share */
    bool full = false;
    double f = w->alloc ? share(w, e, g, &full) : 1;
    if (f == 0) continue;
    exs[n] = *e;
    exs[n].n_allocations = 0;
    exs[n].allocations = NULL;
    if (f != 1) scale(&exs[n], f);
    n++;
  }
  out->exchanges = exs;
  out->n_exchanges = n;
  out->reference_flows = ref;
  out->n_reference_flows = 1;
  if (!w->alloc) return 0;
  /* A published result (used when the process has no elementary exchanges) is shared by the
   * default share; without one it counts in full (the note says so). */
  double percent;
  if (p->n_lcia_results && default_share(w, g, &percent) && percent != 100) {
    ilcd_lcia_result *res = own(m, malloc(p->n_lcia_results * sizeof *res));
    if (!res) return -1;
    for (size_t i = 0; i < p->n_lcia_results; i++) {
      res[i] = p->lcia_results[i];
      res[i].mean_amount *= percent / 100;
      if (!res[i].n_modules) continue;
      ilcd_module_amount *mods = own(m, malloc(res[i].n_modules * sizeof *mods));
      if (!mods) return -1;
      for (size_t j = 0; j < res[i].n_modules; j++) {
        mods[j] = res[i].modules[j];
        mods[j].amount *= percent / 100;
      }
      res[i].modules = mods;
    }
    out->lcia_results = res;
  }
  return 0;
}

/* What a footprint must be told about an allocated process: fractions off 100 %, allocations that
 * name no function, exchanges counted in full, published results not shared. */
static void allocation_notes(work *w) {
  const ilcd_process *p = w->p;
  size_t off = 0, no_function = 0, full = 0;
  bool elementary = false;
  for (size_t k = 0; k < p->n_exchanges; k++) {
    const ilcd_exchange *e = &p->exchanges[k];
    const ilcd_flow *f = e->flow.valid ? ilcd_db_flow(w->m->db, &e->flow.uuid) : NULL;
    elementary |= f && f->type == ILCD_FLOW_ELEMENTARY;
    double sum = 0;
    bool named = false;
    for (size_t a = 0; a < e->n_allocations; a++) {
      if (function_of(w, e->allocations[a].co_product) < 0) {
        no_function++;
        continue;
      }
      named = true;
      sum += e->allocations[a].fraction_percent;
    }
    if (w->group_of[k] >= 0) continue; /* a function's own allocations are its default share */
    if (named && fabs(sum - 100) > SUM_TOLERANCE_PERCENT && off++ < LISTED)
      note(w, "exchange %d (\"%.40s\"): its allocated fractions sum to %g %%, used as written", e->internal_id,
           flow_name(w->m->db, e), sum);
    bool counted_full = false;
    for (size_t g = 0; g < w->n_groups && e->resulting_amount != 0; g++)
      if (w->groups[g].function) share(w, e, (int)g, &counted_full);
    full += counted_full;
  }
  if (off > LISTED) note(w, "and %zu more exchanges whose fractions do not sum to 100 %%", off - LISTED);
  double total = 0, percent;
  bool any_default = false, all_default = true;
  for (size_t g = 0; g < w->n_groups; g++) {
    if (!w->groups[g].function) continue;
    bool d = default_share(w, (int)g, &percent);
    any_default |= d;
    all_default &= d;
    total += d ? percent : 0;
  }
  if (any_default && fabs(total - 100) > SUM_TOLERANCE_PERCENT)
    note(w, "the co-products' own shares sum to %g %%", total);
  if (no_function)
    note(w, "allocations naming an exchange that is not a product output or waste input, ignored: %zu", no_function);
  if (full)
    note(w, "exchanges without allocation counted in full for a co-product that has no share of its own: %zu", full);
  if (!elementary && p->n_lcia_results && !all_default)
    note(w, "its published LCIA results are counted in full for co-products without a share of their own");
}

/* Without allocation: one view, and the reference exchanges it does not take named. */
static void reference_notes(work *w, size_t n_ids) {
  const ilcd_process *p = w->p;
  const group *g0 = &w->groups[0];
  if (g0->count > 1) {
    char ids[64] = "";
    size_t used = 0;
    for (size_t k = 0; k < p->n_exchanges && used < sizeof ids - 12; k++)
      if (w->group_of[k] == 0)
        used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%d", used ? ", " : "", p->exchanges[k].internal_id);
    note(w, "reference exchanges %s (%s of \"%.50s\") are taken together as one reference flow", ids,
         direction(g0->first), flow_name(w->m->db, g0->first));
  }
  char others[400] = "";
  size_t used = 0, n_others = 0;
  for (size_t i = 0; i < p->n_reference_flows; i++) {
    long k = index_of(p, p->reference_flows[i]);
    bool seen = false;
    for (size_t j = 0; j < i; j++) seen |= p->reference_flows[j] == p->reference_flows[i];
    if (k < 0 || seen || w->group_of[k] == 0) continue;
    const ilcd_exchange *e = &p->exchanges[k];
    if (used < sizeof others - 80)
      used += (size_t)snprintf(others + used, sizeof others - used, "%sexchange %d (%s of \"%.40s\")",
                               n_others ? ", " : "", e->internal_id, direction(e), flow_name(w->m->db, e));
    n_others++;
  }
  if (!n_others) return;
  note(w,
       "%zu reference flows and no allocation factors: takes \"%.50s\" (exchange %d) as its reference flow%s; "
       "the other reference exchanges count as ordinary exchanges (a product output among them as a co-product "
       "credited to its flow's provider, or cut off when none): %s",
       n_ids, flow_name(w->m->db, g0->first), g0->first->internal_id,
       g0->function ? ", which it provides" : " and provides nothing", others);
}

static int add_origin(mf_set *m, const ilcd_process *p, ilcd_process *views, size_t n_views, const char *text) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 16;
    origin *v = realloc(m->v, cap * sizeof *v);
    if (!v) return -1;
    m->v = v;
    m->cap = cap;
  }
  char *n = NULL;
  if (text[0]) {
    char id[40];
    size_t len = strlen(text) + strlen(p->name) + 80;
    n = own(m, malloc(len));
    if (!n) return -1;
    snprintf(n, len, "process %s \"%.60s\": %s", ilcd_uuid_format(&p->uuid, id), p->name, text);
  }
  if (uuidmap_put(&m->index, &p->uuid, (int32_t)m->n)) return -1;
  m->v[m->n++] = (origin){p, views, n_views, n};
  m->total_views += n_views;
  return 0;
}

/* The views of p when it is multi-functional. Returns 0 or -1 when out of memory. */
static int process_views(mf_set *m, const ilcd_process *p) {
  size_t n_ids = 0;
  bool has_alloc = false;
  for (size_t i = 0; i < p->n_reference_flows; i++) {
    bool seen = false;
    for (size_t j = 0; j < i; j++) seen |= p->reference_flows[j] == p->reference_flows[i];
    n_ids += !seen;
  }
  for (size_t k = 0; k < p->n_exchanges; k++) has_alloc |= p->exchanges[k].n_allocations > 0;
  if (n_ids < 2 && !has_alloc) return 0;
  size_t ne = p->n_exchanges ? p->n_exchanges : 1;
  work w = {.m = m, .p = p, .group_of = malloc(ne * sizeof(int)), .groups = malloc(ne * sizeof(group))};
  int rc = -1;
  if (!w.group_of || !w.groups) goto done;
  for (size_t k = 0; k < p->n_exchanges; k++) w.group_of[k] = -1;
  /* Candidates: the reference exchanges in the author's order, then the co-products the
   * allocations name. */
  long first_ref = -1;
  for (size_t i = 0; i < p->n_reference_flows; i++) {
    long k = index_of(p, p->reference_flows[i]);
    if (k < 0) {
      note(&w, "reference flow %d names no exchange", p->reference_flows[i]);
      continue;
    }
    if (first_ref < 0) first_ref = k;
    add_candidate(&w, k);
  }
  for (size_t k = 0; has_alloc && k < p->n_exchanges; k++)
    for (size_t a = 0; a < p->exchanges[k].n_allocations; a++) {
      long c = index_of(p, p->exchanges[k].allocations[a].co_product);
      if (c >= 0) add_candidate(&w, c);
    }
  if (!w.n_functions && first_ref >= 0) {
    /* Provides nothing: the first reference exchange, with those of its flow and direction. */
    const ilcd_exchange *r0 = &p->exchanges[first_ref];
    w.groups[0] = (group){r0, 0, false};
    w.n_groups = 1;
    for (size_t i = 0; i < p->n_reference_flows; i++) {
      long k = index_of(p, p->reference_flows[i]);
      const ilcd_exchange *e = k >= 0 ? &p->exchanges[k] : NULL;
      if (e && w.group_of[k] < 0 && e->direction == r0->direction && e->flow.valid == r0->flow.valid &&
          (e == r0 || (e->flow.valid && ilcd_uuid_equal(&e->flow.uuid, &r0->flow.uuid)))) {
        w.group_of[k] = 0;
        w.groups[0].count++;
      }
    }
  }
  for (size_t k = 0; has_alloc && k < p->n_exchanges; k++)
    for (size_t a = 0; a < p->exchanges[k].n_allocations; a++)
      w.alloc |= function_of(&w, p->exchanges[k].allocations[a].co_product) >= 0;
  if (has_alloc && !w.alloc) note(&w, "its allocations name no product output or waste input: ignored");
  size_t n_views = !w.n_groups ? 0 : w.alloc ? w.n_functions : 1;
  ilcd_process *views = n_views ? own(m, calloc(n_views, sizeof *views)) : NULL;
  if (n_views && !views) goto done;
  for (size_t g = 0; g < n_views; g++)
    if (make_view(&w, (int)g, &views[g])) goto done;
  if (w.alloc)
    allocation_notes(&w);
  else if (w.n_groups)
    reference_notes(&w, n_ids);
  rc = add_origin(m, p, views, n_views, w.note);
done:
  free(w.group_of);
  free(w.groups);
  return rc;
}

int pcf__mf_build(mf_set **out, const ilcd_db *db, pcf_error *err) {
  mf_set *m = calloc(1, sizeof *m);
  *out = m;
  if (!m) return pcf_error_nomem(err);
  m->db = db;
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i);
    if (ilcd_db_process(db, &p->uuid) != p) continue; /* an older version of a loaded data set */
    if (process_views(m, p)) return pcf_error_nomem(err);
  }
  return 0;
}

void pcf__mf_free(mf_set *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n_owned; i++) free(m->owned[i]);
  free(m->owned);
  free(m->v);
  uuidmap_free(&m->index);
  free(m);
}

static const origin *find(const mf_set *m, const ilcd_process *p) {
  int32_t i = m ? uuidmap_get(&m->index, &p->uuid) : -1;
  if (i < 0) return NULL;
  const origin *o = &m->v[i];
  if (o->p == p) return o;
  for (size_t k = 0; k < o->n_views; k++)
    if (p == &o->views[k]) return o;
  return NULL; /* another version of the same UUID */
}

size_t pcf__mf_views(const mf_set *m, const ilcd_process *p, const ilcd_process **views) {
  const origin *o = find(m, p);
  if (!o || o->p != p) return 0;
  *views = o->views;
  return o->n_views;
}

size_t pcf__mf_total_views(const mf_set *m) { return m->total_views; }

const ilcd_process *pcf__mf_resolve(const mf_set *m, const ilcd_process *p) {
  const origin *o = find(m, p);
  return o && o->p == p && o->n_views ? &o->views[0] : p;
}

const char *pcf__mf_note(const mf_set *m, const ilcd_process *p) {
  const origin *o = find(m, p);
  return o ? o->note : NULL;
}
