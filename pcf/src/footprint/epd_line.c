/* epd_line.c: an ILCD+EPD data set as the data of a BOM line (the rule in epd.h): what the result
 * says about how the EPD was read, and the line's end of life from the EPD's modules C1-C4 when
 * the product's scenario does not model it, with module D apart. EN 15804 puts module D beyond the
 * system boundary; ISO 14067 counts the end-of-life stage in a cradle-to-grave CFP and reports
 * credits apart from it, as the engine does for its own end-of-life routes (pcf/eol.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "epd_line.h"
#include "result_internal.h"

/* Appends to the message in buf (of size bytes, *n used); a long message is cut, never overrun. */
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void append(char *buf, size_t size, size_t *n, const char *fmt, ...) {
  if (*n + 1 >= size) return;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(buf + *n, size - *n, fmt, ap);
  va_end(ap);
  if (k > 0) *n = *n + (size_t)k < size ? *n + (size_t)k : size - 1;
}

/* The net quantity of a BOM line in the product (without manufacturing scrap), in its unit. */
static bool net_quantity(const pcf_item *it, double *amount, const char **unit) {
  if (strcmp(it->unit, "kg") == 0 && !isnan(it->mass_kg)) {
    *amount = it->mass_kg;
    *unit = "kg";
  } else {
    *amount = it->quantity;
    *unit = it->quantity_unit;
  }
  return !isnan(*amount) && *unit && **unit;
}

static int add(pcf_result *r, const pcf_item *it, const ilcd_process *p, const char *label, double amount,
               const char *unit, const double *per_unit, bool module_d, double *total, pcf_error *err) {
  pcf_line l = {.stage = PCF_STAGE_END_OF_LIFE,
                .component = it->component,
                .dataset = label,
                .process = p->name,
                .amount = amount,
                .unit = unit,
                .beyond_boundary = module_d};
  /* No process UUID: the figures are the EPD's published constants, not its per-unit impacts (an
   * uncertainty model would otherwise scale them by the A1-A3 figure). */
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) l.value[k] = amount * per_unit[k];
  l.biogenic_co2_kg[0] = amount * per_unit[PCF_BIO_CO2_EMITTED];
  l.biogenic_co2_kg[1] = amount * per_unit[PCF_BIO_CO2_REMOVED];
  *total = l.value[PCF_TOTAL];
  return pcf__result_add_line(r, &l) ? pcf_error_nomem(err) : 0;
}

int pcf__epd_line(pcf_result *r, const pcf_data *d, const pcf_item *it, const ilcd_process *p, bool eol_modelled,
                  bool hotspots, pcf_error *err) {
  epd_gwp g;
  if (!p || !pcf__epd_read(d->db, p, &g)) return 0;
  const char *who = it ? it->component : p->name;
  if (!g.has_total) {
    pcf__result_warn(r,
                     "%s: EPD \"%s\" declares no GWP-total indicator (EN 15804: GWP or GWP-total; its parts are not "
                     "a total): counted 0",
                     who, p->name);
    return 0;
  }
  if (g.duplicate[EPD_A1_A3][0])
    return pcf_error_set(err, PCF_ERR_INPUT, it ? it->file : p->path, it ? it->line : 0,
                         "%s: EPD \"%s\" declares module %s of \"%s\" for alternative scenarios, none of them its "
                         "default (epd:scenarios): which one is the product's cannot be told",
                         who, p->name, g.duplicate[EPD_A1_A3], g.indicator);
  const ilcd_exchange *ref;
  const ilcd_flow *flow;
  const char *ref_unit;
  int rc = pcf_system_reference(d->system, p, &ref, &flow, &ref_unit, err);
  if (rc) return rc;
  double per = ref->resulting_amount > 0 ? 1 / ref->resulting_amount : 0; /* per reference unit */
  char what[1000];
  size_t n = 0;
  append(what, sizeof what, &n, "%s: EPD \"%s\" (%s, \"%s\"): ", who, p->name, g.family, g.indicator);
  if (g.has[EPD_A1_A3])
    append(what, sizeof what, &n, "modules %s, %.6g kg CO2e per %s", g.modules[EPD_A1_A3],
           per * g.value[EPD_A1_A3][PCF_TOTAL], ref_unit);
  else
    append(what, sizeof what, &n, "no module A1-A3 (nor A1, A2, A3) declared: cradle to gate 0");
  append(what, sizeof what, &n, "; %s",
         !g.split ? "GWP-total only: the fossil/biogenic split is unknown, counted as fossil"
         : g.disagree[EPD_A1_A3]
             ? "its GWP-fossil, -biogenic and -luluc do not add up to GWP-total: the split is "
               "unknown, counted as fossil"
             : "fossil, biogenic and land-use change from its GWP-fossil, GWP-biogenic and GWP-luluc");
  if (g.scenario[EPD_A1_A3])
    append(what, sizeof what, &n, " (scenario \"%s\", the EPD's default)", g.scenario[EPD_A1_A3]);
  /* The end of life: the EPD's when the product's scenario does not model the line's. */
  bool bom = it && it->bom_leaf;
  bool use_c = bom && !eol_modelled && g.has[EPD_C1_C4] && !g.duplicate[EPD_C1_C4][0];
  if (bom && g.has[EPD_C1_C4] && eol_modelled)
    append(what, sizeof what, &n, "; end of life from the product's scenario (its modules %s not used)",
           g.modules[EPD_C1_C4]);
  if (use_c) {
    append(what, sizeof what, &n, "; end of life from its modules %s", g.modules[EPD_C1_C4]);
    if (g.scenario[EPD_C1_C4])
      append(what, sizeof what, &n, ", scenario \"%s\" (the EPD's default)", g.scenario[EPD_C1_C4]);
    append(what, sizeof what, &n, " (the product's scenario does not model this line's)%s",
           g.has[EPD_D] && !g.duplicate[EPD_D][0] ? ", module D reported apart (module_d, not in the total)" : "");
  }
  pcf__result_warn(r, "%s", what);
  if (g.ref_mean_value != 1)
    pcf__result_warn(r,
                     "%s: EPD \"%s\" declares its results per %g %s (the mean value of its reference flow property): "
                     "divided by %g",
                     who, p->name, g.ref_mean_value, ref_unit, g.ref_mean_value);
  static const char *const stage_name[EPD_STAGE_COUNT] = {"A1-A3", "C1-C4", "D"};
  for (int st = 0; st < EPD_STAGE_COUNT; st++) {
    if (st != EPD_A1_A3 && !use_c) continue;
    if (g.disagree[st]) /* per declared unit, as published (before the declared unit's scale) */
      pcf__result_warn(
          r,
          "%s: EPD \"%s\": GWP-total %s %.6g differs from GWP-fossil + GWP-biogenic + GWP-luluc %.6g by more "
          "than their rounding: counted as fossil",
          who, p->name, stage_name[st], g.ref_mean_value * g.parts[st][EPD_TOTAL],
          g.ref_mean_value * (g.parts[st][EPD_FOSSIL] + g.parts[st][EPD_BIOGENIC] + g.parts[st][EPD_LULUC]));
  }
  const char *alt = g.duplicate[EPD_C1_C4][0] ? g.duplicate[EPD_C1_C4] : g.duplicate[EPD_D];
  if (bom && !eol_modelled && alt[0])
    pcf__result_warn(r, "%s: EPD \"%s\" declares module %s for alternative scenarios, none of them its default: %s",
                     who, p->name, alt,
                     g.duplicate[EPD_C1_C4][0] ? "its end of life is not taken from it (model it in the "
                                                 "product's [end_of_life])"
                                               : "its module D is not reported");
  if (!use_c) return 0;
  double amount, x;
  const char *unit;
  if (!net_quantity(it, &amount, &unit)) return 0;
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, amount, unit, &x, &ie))
    return pcf_error_set(err, PCF_ERR_UNIT, it->file, it->line, "%s (%s): end of life from the EPD's modules %s: %s",
                         it->component, it->dataset, g.modules[EPD_C1_C4], ie.message);
  double c[PCF_VALUE_COUNT], total;
  char label[80];
  for (int k = 0; k < PCF_VALUE_COUNT; k++) c[k] = per * g.value[EPD_C1_C4][k];
  snprintf(label, sizeof label, "EPD modules %s", g.modules[EPD_C1_C4]);
  rc = add(r, it, p, label, x, ref_unit, c, false, &total, err);
  if (!rc && hotspots && total != 0 && pcf__result_add_hotspot(r, p->name, &p->uuid, total, "kg CO2e"))
    rc = pcf_error_nomem(err);
  if (rc || !g.has[EPD_D] || g.duplicate[EPD_D][0]) return rc;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) c[k] = per * g.value[EPD_D][k];
  return add(r, it, p, "EPD module D", x, ref_unit, c, true, &total, err);
}
