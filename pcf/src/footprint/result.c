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

typedef struct contrib_list {
  pcf_contribution *v;
  size_t n, cap;
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

/* A new entry. Its name and unit are referenced, not copied (a whole chain's processes and flows
 * go through here, most of them to be left out): they must last until pcf__result_keep_top,
 * which copies those kept. The caller passes strings of the loaded data or of the result. */
static pcf_contribution *push(contrib_list *l, const char *name, const ilcd_uuid *uuid, const char *unit) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    pcf_contribution *v = realloc(l->v, cap * sizeof *v);
    if (!v) return NULL;
    l->v = v;
    l->cap = cap;
  }
  pcf_contribution *c = &l->v[l->n];
  memset(c, 0, sizeof *c);
  c->name = name ? name : "";
  c->unit = unit ? unit : "";
  ilcd_uuid_format(uuid, c->uuid);
  l->n++;
  return c;
}

int pcf__result_add_hotspot(pcf_result *r, const char *name, const ilcd_uuid *uuid, double value, const char *unit) {
  pcf_contribution *c = push(&r->hotspots, name, uuid, unit);
  if (!c) return -1;
  c->total = value;
  return 0;
}

int pcf__result_add_flow(pcf_result *r, uuidmap *index, result_flow_list list, const ilcd_db *db, const ilcd_ref *flow,
                         double amount) {
  contrib_list *l = list == RESULT_FLOWS_CUT_OFF           ? &r->cut_off
                    : list == RESULT_FLOWS_UNCHARACTERISED ? &r->uncharacterised
                                                           : &r->flows;
  int32_t i = uuidmap_get(index, &flow->uuid);
  if (i < 0) {
    const ilcd_flow *f = ilcd_db_flow(db, &flow->uuid);
    const char *unit = "kg CO2e";
    if (list != RESULT_FLOWS_CHARACTERISED) {
      unit = "?";
      if (f) ilcd_flow_reference_unit(db, f, &unit, NULL);
    }
    /* The name with its classification is written here (kept in the result); without one it is
     * the flow's own, referenced. */
    const char *name = f ? f->name : flow->text;
    if (f && f->classification[0]) {
      char buf[400];
      snprintf(buf, sizeof buf, "%s (%s)", f->name, f->classification);
      if (!(name = keep(r, buf))) return -1;
    }
    if (!push(l, name, &flow->uuid, unit)) return -1;
    i = (int32_t)(l->n - 1);
    if (uuidmap_put(index, &flow->uuid, i)) return -1;
  }
  l->v[i].total += amount;
  return 0;
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

static int by_magnitude(const void *a, const void *b) {
  double x = fabs(((const pcf_contribution *)a)->total), y = fabs(((const pcf_contribution *)b)->total);
  if (x != y) return x < y ? 1 : -1;
  return strcmp(((const pcf_contribution *)a)->uuid, ((const pcf_contribution *)b)->uuid);
}

static int by_uuid(const void *a, const void *b) {
  return strcmp(((const pcf_contribution *)a)->uuid, ((const pcf_contribution *)b)->uuid);
}

void pcf__result_sort(pcf_result *r) {
  /* A process can appear as a background column and as a foreground item: merge. */
  contrib_list *h = &r->hotspots;
  if (h->n) {
    qsort(h->v, h->n, sizeof *h->v, by_uuid);
    size_t w = 0;
    for (size_t i = 1; i < h->n; i++) {
      if (strcmp(h->v[i].uuid, h->v[w].uuid) == 0)
        h->v[w].total += h->v[i].total;
      else
        h->v[++w] = h->v[i];
    }
    h->n = w + 1;
  }
  /* qsort must not see a NULL array, even empty. */
  contrib_list *lists[] = {h, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++)
    if (lists[i]->n) qsort(lists[i]->v, lists[i]->n, sizeof *lists[i]->v, by_magnitude);
}

int pcf__result_keep_top(pcf_result *r, size_t top) {
  contrib_list *lists[] = {&r->hotspots, &r->flows, &r->uncharacterised, &r->cut_off};
  for (int i = 0; i < 4; i++) {
    contrib_list *l = lists[i];
    for (size_t j = top; top && j < l->n; j++) { /* left out: counted and summed per unit */
      const pcf_contribution *c = &l->v[j];
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
    if (top && l->n > top) l->n = top;
    for (size_t j = 0; j < l->n; j++) { /* the kept entries own their strings */
      pcf_contribution *c = &l->v[j];
      if (!(c->name = keep(r, c->name)) || !(c->unit = keep(r, c->unit))) return -1;
    }
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
