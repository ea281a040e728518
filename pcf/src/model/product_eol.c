/* product_eol.c: the recycling and end-of-life part of a product file: [end_of_life] rule, shares
 * per family and route, substituted energy, and [material NAME] parameters (pcf/eol.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "product_internal.h"

static bool known_route(const char *r) {
  for (int i = 0; i < PCF_EOL_ROUTE_COUNT; i++)
    if (strcmp(r, pcf_eol_route_name((pcf_eol_route)i)) == 0) return true;
  return false;
}

static int parse_fraction(pcf_product *p, const char *section, const char *key, const char *value, double *out) {
  char *end;
  double v = strtod(value, &end);
  if (*end == '%') v /= 100, end++;
  while (isspace((unsigned char)*end)) end++;
  if (end == value || *end || !isfinite(v) || v < 0 || v > 1)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": expected a fraction in 0..1 (or 0..100%%)", section,
                             key, value),
           -1;
  *out = v;
  return 0;
}

/* "<route> <share>, ..." for the scope (a family, or a material of a [material X] section). */
static int parse_shares(pcf_product *p, const char *section, const char *scope, const char *value) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", value);
  double sum = 0;
  for (size_t i = 0; i < p->n_eol; i++)
    if (strcasecmp(p->eol[i].family, scope) == 0)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] end-of-life shares of \"%s\" given twice", section, scope);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    while (isspace((unsigned char)*tok)) tok++;
    char *sp = strrchr(tok, ' ');
    if (!sp)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s: \"%s\" is not \"<route> <share>\"", section, scope, tok);
    *sp = '\0';
    if (!known_route(tok))
      return pcf__product_fail(p, PCF_ERR_INPUT,
                               "[%s] %s: unknown route \"%s\" (recycling, incineration, "
                               "incineration_energy_recovery, landfill)",
                               section, scope, tok);
    char *end;
    double share = strtod(sp + 1, &end);
    if (*end == '%') share /= 100, end++;
    if (end == sp + 1 || *end || !isfinite(share) || share < 0 || share > 1)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s: share \"%s\" of %s must lie in 0..1 (or 0..100%%)", section,
                               scope, sp + 1, tok);
    eol_share *x = realloc(p->eol, (p->n_eol + 1) * sizeof *x);
    if (!x) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
    p->eol = x;
    x[p->n_eol].family = pcf__product_keep(p, scope);
    x[p->n_eol].route = pcf__product_keep(p, tok);
    x[p->n_eol++].share = share;
    sum += share;
  }
  if (fabs(sum - 1) > 1e-6)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s: route shares sum to %g, not 1", section, scope, sum);
  return 1;
}

int pcf__product_on_eol(pcf_product *p, const char *key, const char *value) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", value);
  /* "truck = 100 km": collection transport; otherwise "<family> = <route> <share>, ..." */
  size_t len = strlen(buf);
  if (len > 3 && strcmp(buf + len - 3, " km") == 0)
    return pcf__product_on_distribution(p, "end_of_life", key, value, &p->eol_transport, &p->n_eol_transport);
  if (strcmp(key, "rule") == 0) {
    if (pcf_eol_rule_parse(value, &p->rule))
      return pcf__product_fail(p, PCF_ERR_INPUT, "[end_of_life] rule = \"%s\": cut-off, 50:50, avoided-burden or cff",
                               value);
    return 1;
  }
  if (strcmp(key, "heat") == 0)
    return (p->eol_heat = pcf__product_keep(p, value)) ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  if (strcmp(key, "electricity") == 0)
    return (p->eol_electricity = pcf__product_keep(p, value)) ? 1
                                                              : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  if (strcmp(key, "x_heat") == 0) return parse_fraction(p, "end_of_life", key, value, &p->eol_x_heat) ? 0 : 1;
  if (strcmp(key, "x_elec") == 0) return parse_fraction(p, "end_of_life", key, value, &p->eol_x_elec) ? 0 : 1;
  return parse_shares(p, "end_of_life", key, value);
}

/* [material NAME]: parameters of one material for recycled content and end of life. */
int pcf__product_on_material(pcf_product *p, const char *section, const char *key, const char *value) {
  const char *name = section + 9;
  while (isspace((unsigned char)*name)) name++;
  if (!*name) return pcf__product_fail(p, PCF_ERR_INPUT, "[%s]: name the material ([material PP])", section);
  pcf_material_params *m = NULL;
  for (size_t i = 0; i < p->n_params; i++)
    if (strcasecmp(p->params[i].name, name) == 0) m = &p->params[i];
  if (!m) {
    pcf_material_params *v = realloc(p->params, (p->n_params + 1) * sizeof *v);
    if (!v) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
    p->params = v;
    m = &v[p->n_params++];
    *m = (pcf_material_params){.name = pcf__product_keep(p, name),
                               .recycled = "",
                               .substituted = "",
                               .a = NAN,
                               .b = NAN,
                               .qsin = NAN,
                               .qsout = NAN,
                               .lhv_mj_per_kg = NAN,
                               .x_heat = NAN,
                               .x_elec = NAN};
  }
  if (strcmp(key, "recycled") == 0)
    m->recycled = pcf__product_keep(p, value);
  else if (strcmp(key, "substituted") == 0)
    m->substituted = pcf__product_keep(p, value);
  else if (strcmp(key, "end_of_life") == 0)
    return parse_shares(p, section, m->name, value);
  else if (strcmp(key, "lhv") == 0) {
    char *end;
    m->lhv_mj_per_kg = strtod(value, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == value || (strcmp(end, "MJ/kg") && *end) || !(m->lhv_mj_per_kg >= 0) || m->lhv_mj_per_kg > 1000)
      return pcf__product_fail(p, PCF_ERR_UNIT, "[%s] lhv = \"%s\": a lower heating value in MJ/kg", section, value);
  } else {
    struct {
      const char *key;
      double *v;
    } f[] = {{"A", &m->a},       {"a", &m->a},         {"B", &m->b},           {"b", &m->b},
             {"qsin", &m->qsin}, {"qsout", &m->qsout}, {"x_heat", &m->x_heat}, {"x_elec", &m->x_elec}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
      if (strcmp(key, f[i].key) == 0) return parse_fraction(p, section, key, value, f[i].v) ? 0 : 1;
    return pcf__product_fail(p, PCF_ERR_INPUT,
                             "[%s] unknown key \"%s\" (recycled, substituted, end_of_life, A, B, qsin, "
                             "qsout, lhv, x_heat, x_elec)",
                             section, key);
  }
  return 1;
}

pcf_eol_rule pcf_product_eol_rule(const pcf_product *p) { return p->rule; }
const char *pcf_product_eol_heat(const pcf_product *p) { return p->eol_heat; }
const char *pcf_product_eol_electricity(const pcf_product *p) { return p->eol_electricity; }
double pcf_product_eol_x_heat(const pcf_product *p) { return p->eol_x_heat; }
double pcf_product_eol_x_elec(const pcf_product *p) { return p->eol_x_elec; }

const pcf_material_params *pcf_product_material_params(const pcf_product *p, const char *material) {
  for (size_t i = 0; material && i < p->n_params; i++)
    if (strcasecmp(p->params[i].name, material) == 0) return &p->params[i];
  return NULL;
}

int pcf_product_eol_shares(const pcf_product *p, const char *material, const char *family, double shares[4]) {
  /* A material's own scenario wins over its family's. */
  for (int pass = 0; pass < 2; pass++) {
    const char *scope = pass == 0 ? material : family;
    bool found = false;
    for (int r = 0; r < PCF_EOL_ROUTE_COUNT; r++) shares[r] = 0;
    for (size_t i = 0; scope && *scope && i < p->n_eol; i++) {
      if (strcasecmp(p->eol[i].family, scope)) continue;
      found = true;
      for (int r = 0; r < PCF_EOL_ROUTE_COUNT; r++)
        if (strcmp(p->eol[i].route, pcf_eol_route_name((pcf_eol_route)r)) == 0) shares[r] += p->eol[i].share;
    }
    if (found) return 0;
  }
  return -1;
}

int pcf_product_has_eol(const pcf_product *p) { return p->n_eol > 0; }

size_t pcf_product_eol_share_count(const pcf_product *p) { return p->n_eol; }
const char *pcf_product_eol_share(const pcf_product *p, size_t i, const char **route, double *share) {
  if (i >= p->n_eol) return NULL;
  *route = p->eol[i].route;
  *share = p->eol[i].share;
  return p->eol[i].family;
}
size_t pcf_product_material_params_count(const pcf_product *p) { return p->n_params; }
const pcf_material_params *pcf_product_material_params_at(const pcf_product *p, size_t i) {
  return i < p->n_params ? &p->params[i] : NULL;
}
