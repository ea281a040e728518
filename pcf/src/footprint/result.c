/* result.c: the footprint result: totals in the ISO 14067 split (ISO 14067:2018, 7.3: fossil,
 * biogenic emissions and removals, direct land-use change and aircraft apart), per stage, per line,
 * hotspots; and its accessors. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result_internal.h"

typedef struct cut_sum {
  const char *unit;
  double total;
} cut_sum;

/* A contribution while the footprint is made: its name, classification and unit referenced (a
 * whole chain's processes and flows go through here, most of them to be left out), its UUID
 * binary. pcf__result_keep_top makes the pcf_contribution of each entry kept. */
typedef struct entry {
  double total;
  const char *name, *cls, *unit; /* cls: a flow's classification, written after its name */
  const ilcd_process *process;   /* a chain's process whose name is read when kept, or NULL */
  ilcd_uuid uuid;
} entry;

typedef struct contrib_list {
  entry *e; /* while the footprint is made, in the order added */
  size_t ne, cap;
  pcf_contribution *v; /* kept, largest first */
  size_t n;
  size_t cut;        /* entries left out by pcf__result_keep_top */
  cut_sum *cut_sums; /* their sum in each unit met, in order met */
  size_t n_cut_sums;
} contrib_list;

typedef struct string_block string_block;

struct pcf_result {
  char *name, *declared_unit, *method;
  double total[PCF_INDICATOR_COUNT];
  double stage[PCF_STAGE_COUNT][PCF_INDICATOR_COUNT];
  double primary;
  double module_d[PCF_INDICATOR_COUNT];
  double biogenic_co2[2];
  double stage_biogenic_co2[PCF_STAGE_COUNT]; /* net kg: emitted + taken up (negative) */
  pcf_carbon_content carbon;
  char rule[32];
  pcf_line *lines;
  size_t n_lines, cap_lines;
  contrib_list hotspots, flows, uncharacterised, cut_off;
  char **warnings;
  size_t n_warnings, cap_warnings;
  bool warning_lost;     /* out of memory in pcf__result_warn: the result must not be handed out */
  string_block *strings; /* the result's strings, bump-allocated: one malloc per 16 KiB, not per
                            string (a batch makes a million lines) */
};

struct string_block {
  string_block *next;
  size_t used, size;
  char data[];
};

static const char *keep(pcf_result *r, const char *s) {
  if (!s) return "";
  size_t n = strlen(s) + 1;
  string_block *b = r->strings;
  if (!b || b->size - b->used < n) {
    size_t size = n > 16384 ? n : 16384;
    b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->next = r->strings;
    b->used = 0;
    b->size = size;
    r->strings = b;
  }
  char *c = b->data + b->used;
  memcpy(c, s, n);
  b->used += n;
  return c;
}

pcf_result *pcf__result_new(const char *name, const char *declared_unit, const char *method) {
  pcf_result *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->name = strdup(name ? name : "");
  r->declared_unit = strdup(declared_unit ? declared_unit : "");
  r->method = strdup(method ? method : "");
  if (!r->name || !r->declared_unit || !r->method) return pcf_result_free(r), NULL;
  return r;
}

void pcf_result_free(pcf_result *r) {
  if (!r) return;
  for (string_block *b = r->strings, *next; b; b = next) {
    next = b->next;
    free(b);
  }
  for (size_t i = 0; i < r->n_warnings; i++) free(r->warnings[i]);
  free(r->warnings);
  free(r->lines);
  contrib_list *lists[] = {&r->hotspots, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++) {
    free(lists[i]->e);
    free(lists[i]->v);
    free(lists[i]->cut_sums);
  }
  free(r->name);
  free(r->declared_unit);
  free(r->method);
  free(r);
}

int pcf__result_reserve_lines(pcf_result *r, size_t n) {
  if (n <= r->cap_lines) return 0;
  pcf_line *v = realloc(r->lines, n * sizeof *v);
  if (!v) return -1;
  r->lines = v;
  r->cap_lines = n;
  return 0;
}

int pcf__result_add_line(pcf_result *r, const pcf_line *line) {
  if (r->n_lines == r->cap_lines) {
    size_t cap = r->cap_lines ? r->cap_lines * 2 : 32;
    pcf_line *v = realloc(r->lines, cap * sizeof *v);
    if (!v) return -1;
    r->lines = v;
    r->cap_lines = cap;
  }
  pcf_line *l = &r->lines[r->n_lines];
  *l = *line;
  l->component = keep(r, line->component);
  l->dataset = keep(r, line->dataset);
  l->process = keep(r, line->process);
  l->unit = keep(r, line->unit);
  if (!l->component || !l->dataset || !l->process || !l->unit) return -1;
  if (line->factor_source) { /* an own factor's source and quality, NULL on other lines */
    l->factor_source = keep(r, line->factor_source);
    l->factor_quality = keep(r, line->factor_quality ? line->factor_quality : "");
    if (!l->factor_source || !l->factor_quality) return -1;
  }
  r->n_lines++;
  if (line->beyond_boundary) {
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) r->module_d[k] += line->value[k];
    return 0;
  }
  r->biogenic_co2[0] += line->biogenic_co2_kg[0];
  r->biogenic_co2[1] += line->biogenic_co2_kg[1];
  r->stage_biogenic_co2[line->stage] += line->biogenic_co2_kg[0] + line->biogenic_co2_kg[1];
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) {
    r->total[k] += line->value[k];
    r->stage[line->stage][k] += line->value[k];
  }
  if (line->primary) r->primary += line->value[PCF_TOTAL];
  return 0;
}

/* A new entry. Its strings are referenced, not copied: they must last until pcf__result_keep_top,
 * which copies those kept. The caller passes strings of the loaded data or of the result. */
static entry *push(contrib_list *l, const char *name, const char *cls, const ilcd_uuid *uuid, const char *unit,
                   double total) {
  if (l->ne == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    entry *v = realloc(l->e, cap * sizeof *v);
    if (!v) return NULL;
    l->e = v;
    l->cap = cap;
  }
  entry *c = &l->e[l->ne++];
  *c = (entry){.total = total, .name = name ? name : "", .cls = cls, .unit = unit ? unit : "", .uuid = *uuid};
  return c;
}

int pcf__result_add_hotspot(pcf_result *r, const char *name, const ilcd_uuid *uuid, double value, const char *unit) {
  return push(&r->hotspots, name, NULL, uuid, unit, value) ? 0 : -1;
}

int pcf__result_add_process_hotspot(pcf_result *r, const ilcd_process *p, const ilcd_uuid *uuid, double value) {
  entry *c = push(&r->hotspots, NULL, NULL, uuid, "kg CO2e", value);
  if (c) c->process = p;
  return c ? 0 : -1;
}

static contrib_list *flow_list(pcf_result *r, result_flow_list list) {
  return list == RESULT_FLOWS_CUT_OFF           ? &r->cut_off
         : list == RESULT_FLOWS_UNCHARACTERISED ? &r->uncharacterised
                                                : &r->flows;
}

int pcf__result_add_flow(pcf_result *r, result_flow_list list, const char *name, const char *cls, const ilcd_uuid *uuid,
                         const char *unit, double total) {
  return push(flow_list(r, list), name, cls, uuid, unit, total) ? 0 : -1;
}

size_t pcf__result_flow_entries(const pcf_result *r, result_flow_list list) {
  return flow_list((pcf_result *)r, list)->ne;
}

double pcf__result_flow_entry(const pcf_result *r, result_flow_list list, size_t i, const char **unit,
                              const ilcd_uuid **uuid, char *name, size_t size) {
  const entry *c = &flow_list((pcf_result *)r, list)->e[i];
  if (name && c->cls)
    snprintf(name, size, "%s (%s)", c->name, c->cls);
  else if (name)
    snprintf(name, size, "%s", c->name);
  if (unit) *unit = c->unit;
  if (uuid) *uuid = &c->uuid;
  return c->total;
}

void pcf__result_warn(pcf_result *r, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  for (size_t i = 0; i < r->n_warnings; i++)
    if (strcmp(r->warnings[i], buf) == 0) return;
  if (r->n_warnings == r->cap_warnings) {
    size_t cap = r->cap_warnings ? r->cap_warnings * 2 : 16;
    char **v = realloc(r->warnings, cap * sizeof *v);
    if (!v) {
      r->warning_lost = true;
      return;
    }
    r->warnings = v;
    r->cap_warnings = cap;
  }
  char *c = strdup(buf);
  if (c)
    r->warnings[r->n_warnings++] = c;
  else
    r->warning_lost = true;
}

bool pcf__result_warning_lost(const pcf_result *r) { return r->warning_lost; }

/* Largest magnitude first, then by UUID: its bytes in order, as its text compares. */
static int by_magnitude(const void *a, const void *b) {
  const entry *p = a, *q = b;
  double x = fabs(p->total), y = fabs(q->total);
  if (x != y) return x < y ? 1 : -1;
  return memcmp(&p->uuid, &q->uuid, sizeof p->uuid);
}
static bool before(const entry *p, const entry *q) { return by_magnitude(p, q) < 0; }

/* A process can appear as a background column and as a foreground item (a multi-functional
 * process's views share its UUID too): one entry each, summed in the order added. */
static int merge_hotspots(contrib_list *h) {
  uuidmap seen = {0};
  if (uuidmap_reserve(&seen, h->ne)) return -1;
  size_t w = 0;
  for (size_t i = 0; i < h->ne; i++) {
    int32_t at = uuidmap_get(&seen, &h->e[i].uuid);
    if (at >= 0) {
      h->e[at].total += h->e[i].total;
      continue;
    }
    if (uuidmap_put(&seen, &h->e[i].uuid, (int32_t)w)) return uuidmap_free(&seen), -1;
    h->e[w++] = h->e[i];
  }
  h->ne = w;
  uuidmap_free(&seen);
  return 0;
}

/* Moves the top largest entries, in order, to the front of l->e (a heap of the top kept so far,
 * smallest at its root: one comparison for most entries); the others follow in the order added. */
static int select_top(contrib_list *l, size_t top) {
  size_t *heap = malloc(top * sizeof *heap), nh = 0;
  bool *kept = calloc(l->ne, 1);
  entry *out = malloc(l->ne * sizeof *out);
  if (!heap || !kept || !out) return free(heap), free(kept), free(out), -1;
  const entry *e = l->e;
  for (size_t i = 0; i < l->ne; i++) {
    if (nh == top && !before(&e[i], &e[heap[0]])) continue;
    size_t k;
    if (nh < top) {
      k = nh++; /* sift up */
      while (k && before(&e[heap[(k - 1) / 2]], &e[i])) heap[k] = heap[(k - 1) / 2], k = (k - 1) / 2;
    } else {
      k = 0; /* replace the root, sift down */
      for (;;) {
        size_t c = 2 * k + 1;
        if (c >= nh) break;
        if (c + 1 < nh && before(&e[heap[c]], &e[heap[c + 1]])) c++; /* the smaller child */
        if (before(&e[heap[c]], &e[i])) break;
        heap[k] = heap[c], k = c;
      }
    }
    heap[k] = i;
  }
  size_t w = 0;
  for (size_t k = 0; k < nh; k++) kept[heap[k]] = true, out[w++] = e[heap[k]];
  qsort(out, w, sizeof *out, by_magnitude);
  for (size_t i = 0; i < l->ne; i++)
    if (!kept[i]) out[w++] = e[i];
  free(l->e);
  l->e = out;
  l->cap = l->ne;
  free(heap);
  free(kept);
  return 0;
}

int pcf__result_sort(pcf_result *r, size_t top) {
  if (r->hotspots.ne && merge_hotspots(&r->hotspots)) return -1;
  contrib_list *lists[] = {&r->hotspots, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++) {
    contrib_list *l = lists[i];
    if (top && l->ne > top) {
      if (select_top(l, top)) return -1;
    } else if (l->ne) { /* qsort must not see a NULL array, even empty */
      qsort(l->e, l->ne, sizeof *l->e, by_magnitude);
    }
  }
  return 0;
}

int pcf__result_keep_top(pcf_result *r, size_t top) {
  contrib_list *lists[] = {&r->hotspots, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++) {
    contrib_list *l = lists[i];
    size_t kept = top && l->ne > top ? top : l->ne;
    for (size_t j = kept; j < l->ne; j++) { /* left out: counted and summed per unit, in the order added */
      const entry *c = &l->e[j];
      size_t u = 0;
      while (u < l->n_cut_sums && strcmp(l->cut_sums[u].unit, c->unit) != 0) u++;
      if (u == l->n_cut_sums) {
        cut_sum *v = realloc(l->cut_sums, (u + 1) * sizeof *v);
        if (!v) return -1;
        l->cut_sums = v;
        v[u] = (cut_sum){keep(r, c->unit), 0};
        if (!v[u].unit) return -1;
        l->n_cut_sums++;
      }
      l->cut_sums[u].total += c->total;
      l->cut++;
    }
    free(l->v);
    l->v = kept ? malloc(kept * sizeof *l->v) : NULL;
    if (kept && !l->v) return -1;
    for (size_t j = 0; j < kept; j++) { /* the kept entries own their strings */
      const entry *c = &l->e[j];
      pcf_contribution *v = &l->v[j];
      char name[400];
      if (c->cls) snprintf(name, sizeof name, "%s (%s)", c->name, c->cls);
      v->name = keep(r, c->cls ? name : c->process ? c->process->name : c->name);
      v->unit = keep(r, c->unit);
      v->total = c->total;
      ilcd_uuid_format(&c->uuid, v->uuid);
      if (!v->name || !v->unit) return -1;
    }
    l->n = kept;
    free(l->e);
    l->e = NULL;
    l->ne = l->cap = 0;
  }
  return 0;
}

void pcf__result_scale(pcf_result *r, double k) {
  for (size_t i = 0; i < r->n_lines; i++) {
    pcf_line *l = &r->lines[i];
    l->amount *= k;
    for (int q = 0; q < PCF_INDICATOR_COUNT; q++) l->value[q] *= k;
    l->biogenic_co2_kg[0] *= k;
    l->biogenic_co2_kg[1] *= k;
  }
  for (int q = 0; q < PCF_INDICATOR_COUNT; q++) {
    r->total[q] *= k;
    r->module_d[q] *= k;
    for (int st = 0; st < PCF_STAGE_COUNT; st++) r->stage[st][q] *= k;
  }
  r->primary *= k;
  r->biogenic_co2[0] *= k;
  r->biogenic_co2[1] *= k;
  for (int st = 0; st < PCF_STAGE_COUNT; st++) r->stage_biogenic_co2[st] *= k;
  pcf_carbon_content *c = &r->carbon;
  c->fossil_kg *= k, c->biogenic_kg *= k;
  contrib_list *lists[] = {&r->hotspots, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++) {
    for (size_t j = 0; j < lists[i]->n; j++) lists[i]->v[j].total *= k;
    for (size_t j = 0; j < lists[i]->n_cut_sums; j++) lists[i]->cut_sums[j].total *= k;
  }
}

pcf_carbon_content *pcf__result_carbon(pcf_result *r) { return &r->carbon; }
const pcf_carbon_content *pcf_result_carbon_content(const pcf_result *r) { return &r->carbon; }
void pcf__result_set_rule(pcf_result *r, const char *rule) { snprintf(r->rule, sizeof r->rule, "%s", rule); }
const char *pcf_result_eol_rule(const pcf_result *r) { return r->rule[0] ? r->rule : "cut-off"; }
double pcf_result_module_d(const pcf_result *r, pcf_indicator k) { return r->module_d[k]; }
double pcf_result_biogenic_co2_kg(const pcf_result *r, pcf_co2_flux which) {
  return r->biogenic_co2[which == PCF_CO2_TAKEN_UP];
}
double pcf_result_excluding_biogenic_co2(const pcf_result *r) {
  return r->total[PCF_TOTAL] - r->biogenic_co2[0] - r->biogenic_co2[1];
}
double pcf_result_stage_excluding_biogenic_co2(const pcf_result *r, pcf_stage s) {
  return r->stage[s][PCF_TOTAL] - r->stage_biogenic_co2[s];
}
const char *pcf_result_name(const pcf_result *r) { return r->name; }
const char *pcf_result_declared_unit(const pcf_result *r) { return r->declared_unit; }
const char *pcf_result_method(const pcf_result *r) { return r->method; }
double pcf_result_value(const pcf_result *r, pcf_indicator k) { return r->total[k]; }
double pcf_result_stage(const pcf_result *r, pcf_stage s, pcf_indicator k) { return r->stage[s][k]; }
double pcf_result_cradle_to_gate(const pcf_result *r) {
  return r->stage[PCF_STAGE_RAW_MATERIALS][PCF_TOTAL] + r->stage[PCF_STAGE_PRODUCTION][PCF_TOTAL];
}
double pcf_result_primary_share(const pcf_result *r) {
  return r->total[PCF_TOTAL] != 0 ? r->primary / r->total[PCF_TOTAL] : 0;
}
size_t pcf_result_line_count(const pcf_result *r) { return r->n_lines; }
const pcf_line *pcf_result_line(const pcf_result *r, size_t i) { return i < r->n_lines ? &r->lines[i] : NULL; }
size_t pcf_result_hotspot_count(const pcf_result *r) { return r->hotspots.n; }
const pcf_contribution *pcf_result_hotspot(const pcf_result *r, size_t i) {
  return i < r->hotspots.n ? &r->hotspots.v[i] : NULL;
}
size_t pcf_result_flow_count(const pcf_result *r) { return r->flows.n; }
const pcf_contribution *pcf_result_flow(const pcf_result *r, size_t i) {
  return i < r->flows.n ? &r->flows.v[i] : NULL;
}
size_t pcf_result_uncharacterised_count(const pcf_result *r) { return r->uncharacterised.n; }
const pcf_contribution *pcf_result_uncharacterised(const pcf_result *r, size_t i) {
  return i < r->uncharacterised.n ? &r->uncharacterised.v[i] : NULL;
}
size_t pcf_result_cut_off_count(const pcf_result *r) { return r->cut_off.n; }
const pcf_contribution *pcf_result_cut_off(const pcf_result *r, size_t i) {
  return i < r->cut_off.n ? &r->cut_off.v[i] : NULL;
}
static const contrib_list *list_of(const pcf_result *r, pcf_contribution_list which) {
  return which == PCF_LIST_HOTSPOTS          ? &r->hotspots
         : which == PCF_LIST_FLOWS           ? &r->flows
         : which == PCF_LIST_UNCHARACTERISED ? &r->uncharacterised
                                             : &r->cut_off;
}
size_t pcf_result_left_out(const pcf_result *r, pcf_contribution_list which) { return list_of(r, which)->cut; }
size_t pcf_result_left_out_unit_count(const pcf_result *r, pcf_contribution_list which) {
  return list_of(r, which)->n_cut_sums;
}
double pcf_result_left_out_sum(const pcf_result *r, pcf_contribution_list which, size_t i, const char **unit) {
  const contrib_list *l = list_of(r, which);
  if (i >= l->n_cut_sums) return *unit = "", 0;
  *unit = l->cut_sums[i].unit;
  return l->cut_sums[i].total;
}
size_t pcf_result_warning_count(const pcf_result *r) { return r->n_warnings; }
const char *pcf_result_warning(const pcf_result *r, size_t i) { return i < r->n_warnings ? r->warnings[i] : NULL; }
