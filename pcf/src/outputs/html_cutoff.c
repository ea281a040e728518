/* html_cutoff.c: the cut-off criteria of the study and what was left out, with its size where the
 * loaded data can value it (ISO 14067:2018, 6.3.4, system boundary and cut-off criteria; 7.3 asks
 * the report for the cut-off criteria and the cut-offs made). pcf applies no cut-off of its own;
 * what is left out is:
 *  - forming steps of metal and plastic lines valued as unformed material (the footprint's note):
 *    plastics are sized with the injection-moulding datasets the data hold (their lowest and
 *    highest kg CO2e per kg, times the mass left unformed), metals are not sized (no metal forming
 *    dataset in the bundled data);
 *  - what each dataset used says it leaves out ("Leaves out: ..." in its general comment, as the
 *    bundled package writes it), with the amounts of inputs whose upstream burden is not included
 *    ("0.02722 l Diesel, at refinery" per reference unit) scaled to the declared unit;
 *  - product and waste flows of the chain no loaded process provides (the result's cut-off list),
 *    with their mass share of the product when they are masses;
 *  - the exemptions the profile declares (exempted_emissions_percent and _description). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data_internal.h"
#include "html_internal.h"

/* The lowest and highest cradle-to-gate kg CO2e per kg of the injection-moulding services the data
 * map; returns how many were valued (0: none). Out of memory sets c->oom: "no dataset to value
 * it" would then be untrue. */
static size_t moulding_range(html_ctx *c, double *lo, double *hi) {
  const pcf_data *d = c->x.data;
  *lo = INFINITY, *hi = -INFINITY;
  if (!d || !d->services || !c->system) return 0;
  const ilcd_process *roots[16];
  size_t n = 0;
  for (size_t i = 0; i < pcf_matmap_count(d->services) && n < 16; i++) {
    const pcf_material *m = pcf_matmap_get(d->services, i);
    if (strncasecmp(m->name, "injection moulding ", 19) != 0) continue;
    ilcd_uuid u;
    const ilcd_process *p = !ilcd_uuid_parse(&u, m->process) ? ilcd_db_process(c->db, &u) : NULL;
    int dup = 0;
    for (size_t k = 0; k < n; k++) dup |= roots[k] == p;
    if (p && !dup) roots[n++] = p;
  }
  if (!n) return 0;
  pcf_solution *x = NULL;
  pcf_error ignore = {0};
  if (pcf_solution_new(&x, c->system, roots, n, &ignore)) return c->oom |= ignore.code == PCF_ERR_NOMEM, 0;
  size_t valued = 0;
  for (size_t k = 0; k < n; k++) {
    double v[PCF_INDICATOR_COUNT];
    if (pcf_solution_unit_impacts(x, roots[k], v, &ignore)) {
      c->oom |= ignore.code == PCF_ERR_NOMEM;
      continue;
    }
    *lo = fmin(*lo, v[PCF_TOTAL]), *hi = fmax(*hi, v[PCF_TOTAL]);
    valued++;
  }
  pcf_solution_free(x);
  return valued;
}

/* The family of a line's material in the data's material map (other when unknown). */
static pcf_family family_of(const html_ctx *c, const pcf_line *l) {
  const pcf_material *m = c->x.data && c->x.data->materials ? pcf_matmap_find(c->x.data->materials, l->dataset) : NULL;
  return m ? m->family : PCF_FAMILY_OTHER;
}

/* The lines the forming note names ("...: A (m), B (m); unless ..."): their masses by family. */
static void unformed(const html_ctx *c, double *plastic_kg, double *metal_kg, size_t *n_plastic, size_t *n_metal) {
  *plastic_kg = *metal_kg = 0, *n_plastic = *n_metal = 0;
  for (size_t w = 0; w < pcf_result_warning_count(c->r); w++) {
    const char *text = pcf_result_warning(c->r, w);
    if (pcf__caveat_of(text) != CAVEAT_FORMING) continue;
    for (size_t i = 0; i < pcf_result_line_count(c->r); i++) {
      const pcf_line *l = pcf_result_line(c->r, i);
      if (l->stage != PCF_STAGE_RAW_MATERIALS || strcmp(l->unit, "kg") != 0) continue;
      char named[600];
      snprintf(named, sizeof named, "%s (%s)", l->component, l->dataset);
      if (!strstr(text, named)) continue;
      pcf_family fam = family_of(c, l);
      if (fam == PCF_FAMILY_PLASTIC)
        *plastic_kg += l->amount, ++*n_plastic;
      else if (fam == PCF_FAMILY_METAL)
        *metal_kg += l->amount, ++*n_metal;
    }
  }
}

/* The "Leaves out: ..." sentence of a dataset's general comment into buf, "" when none. It ends
 * at the first ". " followed by a capital letter. */
static const char *leaves_out(const ilcd_process *p, char *buf, size_t size) {
  buf[0] = 0;
  const char *s = p && p->general_comment ? strstr(p->general_comment, "Leaves out: ") : NULL;
  if (!s) return buf;
  s += 12;
  const char *e = s;
  while (*e && !(e[0] == '.' && e[1] == ' ' && isupper((unsigned char)e[2]))) e++;
  size_t n = (size_t)(e - s);
  snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), s);
  return buf;
}

/* Inputs whose upstream burden a dataset does not include, scaled by amount (the line's amount of
 * the dataset's reference unit): "0.02722 l Diesel, at refinery; ..." -> "0.01878 l Diesel, at
 * refinery; ...". Writes nothing when the sentence names none. */
static void scaled_inputs(FILE *f, const char *sentence, double amount) {
  const char *s = strstr(sentence, "upstream burden is not included: ");
  if (!s) return;
  s += strlen("upstream burden is not included: ");
  int first = 1;
  while (*s) {
    char *end;
    double v = strtod(s, &end);
    if (end == s) break;
    const char *next = strstr(end, "; ");
    size_t n = next ? (size_t)(next - end) : strlen(end);
    const char *via = strstr(end, " (via ");
    if (via && via < end + n) n = (size_t)(via - end);
    fputs(first ? "" : "; ", f);
    pcf__html_num(f, v * amount, 4);
    fprintf(f, "%.*s", (int)n, end);
    first = 0;
    if (!next) break;
    s = next + 2;
  }
}

int pcf__html_cutoff(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<h2 id=\"cutoff\">4 Cut-off criteria and what was left out</h2>\n<p><b>Criteria.</b> pcf applies no mass, "
      "energy or significance cut-off of its own: every line of the bill of materials and every input of the "
      "scenario is counted with its dataset's whole supply chain. What the study leaves out is what the datasets "
      "leave out and what the product file does not describe; the table gives each with its size where the "
      "loaded data can value it.",
      f);
  const char *ex = pcf__html_prof(c, "footprint", "exempted_emissions_percent", NULL),
             *exd = pcf__html_prof(c, "footprint", "exempted_emissions_description", NULL);
  if (ex || exd) {
    fputs(" The company declares exempted emissions", f);
    if (ex) fputs(" of ", f), pcf__html_text(f, ex), fputs(" %", f);
    if (exd) fputs(": ", f), pcf__html_text(f, exd);
    fputs(".", f);
  }
  fputs(
      "</p>\n<table class=\"small\"><tr><th>Left out</th><th>Where</th><th>Amount per declared unit</th>"
      "<th>Estimated size</th></tr>\n",
      f);
  double sized_lo = 0, sized_hi = 0;
  size_t rows = 0;
  /* forming steps */
  double plastic, metal;
  size_t np, nm;
  unformed(c, &plastic, &metal, &np, &nm);
  if (np) {
    double lo, hi;
    size_t k = moulding_range(c, &lo, &hi);
    fputs("<tr><td>Forming of plastic parts (moulding)</td><td>", f);
    fprintf(f, "%zu plastic line%s valued as unformed resin</td><td>", np, np > 1 ? "s" : "");
    pcf__html_num(f, plastic, 4);
    fputs(" kg of plastic</td><td>", f);
    if (k) {
      pcf__html_num(f, plastic * lo, 3), fputs(" to ", f), pcf__html_num(f, plastic * hi, 3);
      fputs(" kg CO2e (", f), pcf__html_pct(f, c->total ? plastic * lo / c->total : 0), fputs(" to ", f);
      pcf__html_pct(f, c->total ? plastic * hi / c->total : 0);
      fprintf(f, " of the total): the %zu injection-moulding datasets of the data, ", k);
      pcf__html_num(f, lo, 3), fputs(" to ", f), pcf__html_num(f, hi, 3), fputs(" kg CO2e per kg", f);
      sized_lo += plastic * lo, sized_hi += plastic * hi;
    } else {
      fputs("not valued: no injection-moulding dataset in the loaded data", f);
    }
    fputs("</td></tr>\n", f);
    rows++;
  }
  if (nm) {
    fprintf(f,
            "<tr><td>Forming of metal parts (rolling, drawing, casting, machining)</td><td>%zu metal line%s valued "
            "as unformed metal</td><td>",
            nm, nm > 1 ? "s" : "");
    pcf__html_num(f, metal, 4);
    fputs(" kg of metal</td><td>not valued: the loaded data hold no metal-forming dataset</td></tr>\n", f);
    rows++;
  }
  /* what each dataset leaves out, once per dataset, with the amounts of its lines summed */
  size_t n = pcf_result_line_count(r);
  for (size_t i = 0; i < n; i++) {
    const pcf_line *l = pcf_result_line(r, i);
    const ilcd_process *p = pcf__html_process(c, l);
    char sentence[1200];
    if (!p || !*leaves_out(p, sentence, sizeof sentence)) continue;
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++) seen = pcf__html_process(c, pcf_result_line(r, j)) == p;
    if (seen) continue;
    double amount = 0;
    for (size_t j = i; j < n; j++)
      if (pcf__html_process(c, pcf_result_line(r, j)) == p) amount += pcf_result_line(r, j)->amount;
    fputs("<tr><td>", f);
    pcf__html_text(f, sentence);
    fputs("</td><td>dataset ", f);
    pcf__html_text(f, p->name);
    fputs("</td><td>", f);
    scaled_inputs(f, sentence, amount);
    fputs("</td><td>not valued (outside the dataset; the data hold no dataset for it)</td></tr>\n", f);
    rows++;
  }
  /* flows of the chain without a provider */
  double mass = c->product ? pcf_product_mass_kg(c->product) : NAN;
  for (size_t i = 0; i < pcf_result_cut_off_count(r); i++) {
    const pcf_contribution *x = pcf_result_cut_off(r, i);
    fputs("<tr><td>", f);
    pcf__html_text(f, x->name);
    fputs("</td><td>a flow of the supply chain that no loaded process provides</td><td>", f);
    pcf__html_num(f, x->total, 4);
    fputs(" ", f), pcf__html_text(f, x->unit);
    fputs("</td><td>", f);
    if (x->unit && !strcmp(x->unit, "kg") && mass > 0)
      pcf__html_pct(f, x->total / mass), fputs(" of the product's mass; ", f);
    fputs("not valued (no provider)</td></tr>\n", f);
    rows++;
  }
  if (pcf_result_uncharacterised_count(r)) {
    fprintf(f,
            "<tr><td>%zu elementary flows without a characterisation factor in the GWP method</td><td>the "
            "datasets' emissions</td><td>largest: ",
            pcf_result_uncharacterised_count(r));
    const pcf_contribution *x = pcf_result_uncharacterised(r, 0);
    pcf__html_text(f, x->name), fputs(" ", f), pcf__html_num(f, x->total, 3), fputs(" ", f), pcf__html_text(f, x->unit);
    fputs("</td><td>not valued: the method gives them no factor (not greenhouse gases, or gases it lacks)</td></tr>\n",
          f);
    rows++;
  }
  fputs(
      "<tr><td>Parts, processes and inputs the product file does not name</td><td>the product model</td><td>not "
      "known to pcf</td><td>",
      f);
  fputs(exd ? "as the company declares above"
            : "<span class=\"todo\">not stated</span> (the profile's "
              "exempted_emissions_description)",
        f);
  fputs("</td></tr>\n</table>\n<p>", f);
  if (sized_hi > 0) {
    fputs("<b>Estimated size of what pcf could value:</b> ", f);
    pcf__html_num(f, sized_lo, 3), fputs(" to ", f), pcf__html_num(f, sized_hi, 3);
    fputs(" kg CO2e, ", f), pcf__html_pct(f, c->total ? sized_lo / c->total : 0), fputs(" to ", f);
    pcf__html_pct(f, c->total ? sized_hi / c->total : 0);
    fputs(" of the total. The rest is named with its amount, not valued.", f);
  } else {
    fprintf(f,
            "None of the %zu exclusions above could be valued with the loaded data: they are named with their "
            "amounts.",
            rows);
  }
  fputs("</p>\n", f);
  return 0;
}
