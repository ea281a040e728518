/* gwp_sets.c: mixed GWP sets said once. ISO 14067:2018, 6.4.9.1 characterises every greenhouse gas
 * with the IPCC's GWP100 of one assessment report; a dataset that publishes only its CO2e total for
 * another report (ICE v2.0 in AR4, DESNZ in AR5) cannot be recharacterised without the gases it
 * sums. Datasets whose inventory gives the gases are characterised with the selected method by the
 * system (pcf/system.h) and never come here; these are used as published, and the report says how
 * much of the result that is, set by set. */
#include "gwp_sets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pcf__gwp_sets_add(gwp_sets *g, const ilcd_process *p, const char *set, double kg_co2e) {
  for (size_t i = 0; i < g->n; i++)
    if (g->v[i].p == p) {
      g->v[i].kg_co2e += kg_co2e;
      return 0;
    }
  if (g->n == g->cap) {
    size_t cap = g->cap ? 2 * g->cap : 8;
    gwp_other *v = realloc(g->v, cap * sizeof *v);
    if (!v) return -1;
    g->v = v;
    g->cap = cap;
  }
  g->v[g->n++] = (gwp_other){p, set ? set : "?", kg_co2e};
  return 0;
}

void pcf__gwp_sets_free(gwp_sets *g) {
  free(g->v);
  *g = (gwp_sets){0};
}

/* Appends text to buf (size), keeping room for ", ..." when it does not fit. */
static void append(char *buf, size_t size, size_t *len, const char *text, int *cut) {
  size_t k = strlen(text);
  if (*cut) return;
  if (*len + k + 8 >= size) {
    snprintf(buf + *len, size - *len, ", ...");
    *len += strlen(buf + *len);
    *cut = 1;
    return;
  }
  memcpy(buf + *len, text, k + 1);
  *len += k;
}

/* The result lines valued with a dataset of set, "Lamp/Base, Lamp/Base (end of life)". */
static void lines_of(const pcf_result *r, const gwp_sets *g, const char *set, char *buf, size_t size) {
  size_t len = 0, n = 0;
  int cut = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    int uses = 0;
    for (size_t k = 0; k < g->n && !uses; k++) {
      char u[40];
      ilcd_uuid_format(&g->v[k].p->uuid, u);
      uses = !strcmp(g->v[k].set, set) && !strcmp(l->process_uuid, u);
    }
    if (!uses) continue;
    char one[300];
    snprintf(one, sizeof one, "%s%s%s%s", n++ ? ", " : "", l->component,
             l->stage == PCF_STAGE_RAW_MATERIALS ? "" : " (",
             l->stage == PCF_STAGE_RAW_MATERIALS ? "" : pcf_stage_title_lower(l->stage));
    if (l->stage != PCF_STAGE_RAW_MATERIALS) strncat(one, ")", sizeof one - strlen(one) - 1);
    append(buf, size, &len, one, &cut);
  }
}

void pcf__gwp_sets_warn(pcf_result *r, const gwp_sets *g, const char *method) {
  if (!g->n) return;
  double total = pcf_result_value(r, PCF_TOTAL);
  char text[900];
  size_t len = 0;
  int cut = 0;
  text[0] = '\0';
  for (size_t i = 0; i < g->n; i++) {
    int seen = 0;
    for (size_t k = 0; k < i && !seen; k++) seen = !strcmp(g->v[k].set, g->v[i].set);
    if (seen) continue;
    size_t count = 0;
    double kg = 0;
    for (size_t k = i; k < g->n; k++)
      if (!strcmp(g->v[k].set, g->v[i].set)) count++, kg += g->v[k].kg_co2e;
    char lines[400], one[700];
    lines_of(r, g, g->v[i].set, lines, sizeof lines);
    char share[40] = "";
    if (total != 0 && isfinite(total)) snprintf(share, sizeof share, ", %.1f %% of the total", 100 * kg / total);
    snprintf(one, sizeof one, "%s\"%s\" for %zu (%.4g kg CO2e%s%s%s)", len ? "; " : "", g->v[i].set, count, kg, share,
             lines[0] ? "; lines " : "; in the chain only", lines);
    append(text, sizeof text, &len, one, &cut);
  }
  pcf__result_warn(r,
                   "other GWP sets: %zu dataset%s publish%s only a CO2e total for another GWP set than \"%s\", used as "
                   "published (without the gases it sums a total cannot be recharacterised; datasets that give their "
                   "gases are): %s",
                   g->n, g->n == 1 ? "" : "s", g->n == 1 ? "es" : "", method, text);
}
