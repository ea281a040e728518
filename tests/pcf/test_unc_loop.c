/* test_unc_loop.c: uncertainty in the comparison loop (issue 20): `compare --uncertainty` and
 * `footprint --uncertainty` take the user's uncertain inputs (--inputs), so that P(variant beats
 * base) reflects them, and --inputs without --uncertainty is a usage error; a run where nothing is
 * uncertain says so (sd = 0 is not certainty), GSD2 is explained where it is printed, and the
 * inputs that drive the spread are listed with their share of the variance.
 *
 * The product: a kit of two parts with supplier PCFs only (primary data, no data set, so nothing
 * but the user's inputs varies): base A = 2, B = 1 kg CO2e per piece; the variant "swap" has
 * A = 1.5, B = 1.6. Inputs: bom.A.scale and bom.B.scale, each uniform on [0, 2] (mean 1, variance
 * 2²/12 = 1/3), drawn alike in both designs (common random numbers, keyed by the input's name).
 *   base total T0 = 2a + b: mean 3, variance 4/3 + 1/3 = 5/3, sd = √(5/3) = 1.290994
 *   swap total T1 = 1.5a + 1.6b: mean 3.1
 *   T1 < T0  ⇔  1.6b − b < 2a − 1.5a  ⇔  a > 1.2 b. Over the square [0, 2]²: for b in [0, 5/3],
 *   a runs from 1.2b to 2: area ∫₀^{5/3} (2 − 1.2b) db = 10/3 − 0.6·25/9 = 5/3, of 4: P = 5/12
 *   = 0.416667.
 * Tolerances: with N = 4000 draws, P's standard error is √(5/12·7/12/4000) = 0.0078 (allowed
 * 0.035, 4.5 se), a mean's is 1.29/√4000 = 0.020 (allowed 0.09), the sd's about 0.016 (allowed
 * 0.07). The first-order sd is exact for this linear total. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_test.h"
#include "../scratch_base.h"

static char dir[64], ini[128], bom[128], inputs[128];

static void kit(void) {
  snprintf(dir, sizeof dir, "%s/pcf-unc-loop-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
  snprintf(ini, sizeof ini, "%s/product.ini", dir);
  snprintf(bom, sizeof bom, "%s/bom.csv", dir);
  snprintf(inputs, sizeof inputs, "%s/inputs.ini", dir);
  write_file(bom, "level,name,quantity,unit,supplier pcf\n0,Kit,1,pcs,\n1,A,1,pcs,2\n1,B,1,pcs,1\n");
  write_file(ini,
             "[product]\nname = Kit\ndeclared_unit = 1 kit\nbom = bom.csv\n"
             "[variant swap]\nbom.A.supplier_pcf = 1.5\nbom.B.supplier_pcf = 1.6\n");
  write_file(inputs, "bom.A.scale = uniform 0 2\nbom.B.scale = uniform 0 2\n");
}

static void clean(void) {
  unlink(ini);
  unlink(bom);
  unlink(inputs);
  rmdir(dir);
}

static int status_of(const char *cmd) {
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static double at(json_t *j, const char *path) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *save = NULL, *k = strtok_r(buf, "/", &save); k; k = strtok_r(NULL, "/", &save))
    j = json_is_array(j) ? json_array_get(j, (size_t)atoi(k)) : json_object_get(j, k);
  cr_assert(json_is_number(j), "%s is not a number", path);
  return json_number_value(j);
}

Test(unc_loop, compare_draws_the_inputs_alike_in_every_design, .init = kit, .fini = clean) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s compare %s --no-sensitivity --no-contributions --format json --uncertainty 4000 "
           "--inputs %s",
           PCF_BINARY, ini, inputs);
  json_t *j = command_json(cmd);
  json_t *u = json_object_get(j, "uncertainty");
  cr_assert(u, "no uncertainty in %s", cmd);
  cr_expect_float_eq(at(u, "designs/1/p_below_base"), 5.0 / 12, 0.035);
  cr_expect_float_eq(at(u, "designs/0/mean"), 3.0, 0.09);
  cr_expect_float_eq(at(u, "designs/1/mean"), 3.1, 0.09);
  cr_expect_float_eq(at(u, "designs/0/sd"), sqrt(5.0 / 3), 0.07);
  json_decref(j);
}

Test(unc_loop, footprint_uncertainty_takes_the_inputs, .init = kit, .fini = clean) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s --uncertainty 4000 --format json --inputs %s", PCF_BINARY, ini, inputs);
  json_t *j = command_json(cmd);
  cr_expect_eq(at(j, "user_inputs"), 2);
  cr_expect_float_eq(at(j, "analytic/results/total/sd"), sqrt(5.0 / 3), 1e-6);
  cr_expect_float_eq(at(j, "monte_carlo/results/total/mean"), 3.0, 0.09);
  cr_expect_float_eq(at(j, "monte_carlo/results/total/sd"), sqrt(5.0 / 3), 0.07);
  json_decref(j);
}

Test(unc_loop, inputs_without_uncertainty_is_a_usage_error, .init = kit, .fini = clean) {
  char cmd[1024];
  const char *commands[] = {"footprint", "compare"};
  for (int i = 0; i < 2; i++) {
    snprintf(cmd, sizeof cmd, "%s %s %s --inputs %s >/dev/null 2>&1", PCF_BINARY, commands[i], ini, inputs);
    cr_expect_eq(status_of(cmd), 64, "%s", cmd);
  }
}

/* Runs cmd (exit 0) and returns its standard output (caller frees). */
static char *text_of(const char *cmd) {
  FILE *p = popen(cmd, "r");
  cr_assert(p, "%s", cmd);
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (size_t k; (k = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
    n += k;
    if (n + 1 == cap) buf = realloc(buf, cap *= 2);
  }
  buf[n] = '\0';
  cr_assert_eq(pclose(p), 0, "%s", cmd);
  return buf;
}

Test(unc_loop, nothing_uncertain_is_said_not_shown_as_certainty, .init = kit, .fini = clean) {
  /* Supplier PCFs carry no distribution and no --inputs is given: every draw is the footprint, 3. */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s uncertainty %s -n 20 --format json", PCF_BINARY, ini);
  json_t *j = command_json(cmd);
  cr_expect_eq(at(j, "monte_carlo/results/total/sd"), 0);
  json_t *w = json_array_get(json_object_get(j, "warnings"), 0);
  cr_expect(json_is_string(w) && strstr(json_string_value(w), "nothing here is uncertain"), "no warning: %s", cmd);
  json_decref(j);
  snprintf(cmd, sizeof cmd, "%s footprint %s --uncertainty 20", PCF_BINARY, ini);
  char *out = text_of(cmd);
  cr_expect(strstr(out, "  warning: nothing here is uncertain"), "%s", out);
  cr_expect(strstr(out, "GSD2: the geometric standard deviation squared"), "%s", out); /* explained where printed */
  free(out);
  /* compare: P(< base) is then 0 or 1 (swap 3.1 > base 3: 0), and the output says what it means */
  snprintf(cmd, sizeof cmd, "%s compare %s --no-sensitivity --format json --uncertainty 20", PCF_BINARY, ini);
  j = command_json(cmd);
  cr_expect_eq(at(j, "uncertainty/designs/1/p_below_base"), 0);
  w = json_object_get(json_object_get(j, "uncertainty"), "warning");
  cr_expect(json_is_string(w) && strstr(json_string_value(w), "not how likely"), "no warning: %s", cmd);
  json_decref(j);
  /* with the inputs, no such warning */
  snprintf(cmd, sizeof cmd, "%s compare %s --no-sensitivity --format json --uncertainty 20 --inputs %s", PCF_BINARY,
           ini, inputs);
  j = command_json(cmd);
  cr_expect_null(json_object_get(json_object_get(j, "uncertainty"), "warning"));
  json_decref(j);
}

Test(unc_loop, the_inputs_that_drive_the_spread, .init = kit, .fini = clean) {
  /* T = 2a + b, a and b uniform on [0, 2] (variance 1/3 each): first order g_a² Var a = 4/3 and
   * g_b² Var b = 1/3, of 5/3: shares 0.8 and 0.2 (exact: T is linear). */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s uncertainty %s -n 10 --format json --inputs %s", PCF_BINARY, ini, inputs);
  json_t *j = command_json(cmd);
  json_t *list = json_object_get(json_object_get(j, "spread_drivers"), "inputs");
  cr_assert_eq(json_array_size(list), 2);
  cr_expect_str_eq(json_string_value(json_object_get(json_array_get(list, 0), "input")), "bom.A.scale");
  cr_expect_str_eq(json_string_value(json_object_get(json_array_get(list, 0), "kind")), "user input");
  cr_expect_float_eq(at(list, "0/share"), 0.8, 1e-6);
  cr_expect_float_eq(at(list, "0/variance"), 4.0 / 3, 1e-6);
  cr_expect_str_eq(json_string_value(json_object_get(json_array_get(list, 1), "input")), "bom.B.scale");
  cr_expect_float_eq(at(list, "1/share"), 0.2, 1e-6);
  cr_expect_null(json_object_get(j, "warnings"));
  json_decref(j);
  snprintf(cmd, sizeof cmd, "%s uncertainty %s -n 10 --inputs %s", PCF_BINARY, ini, inputs);
  char *out = text_of(cmd);
  cr_expect(strstr(out, "What drives the spread of the total\n"), "%s", out);
  cr_expect(strstr(out, "\n     80.0%  user input  bom.A.scale\n     20.0%  user input  bom.B.scale\n"), "%s", out);
  free(out);
}

Test(unc_loop, pedigree_gives_the_data_a_default_uncertainty_named_as_such) {
  /* The toy car's data sets carry no distribution (uncertain exchanges 0 without --pedigree):
   * with it, every exchange the model varies gets the default, and the output names the method. */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s uncertainty %s/cases/toy-car/product.ini -n 0 --analytic --format json", PCF_BINARY,
           PCF_SOURCE_DIR);
  json_t *j = command_json(cmd);
  cr_expect_eq(at(j, "uncertain_exchanges"), 0);
  cr_expect_null(json_object_get(j, "default_uncertainty"));
  json_decref(j);
  snprintf(cmd, sizeof cmd, "%s footprint %s/cases/toy-car/product.ini --uncertainty 200 --pedigree --format json",
           PCF_BINARY, PCF_SOURCE_DIR);
  j = command_json(cmd);
  double n = at(j, "uncertain_exchanges");
  cr_expect(n > 0);
  cr_expect_eq(at(j, "default_uncertainty/exchanges"), n);
  json_t *method = json_object_get(json_object_get(j, "default_uncertainty"), "method");
  cr_expect(json_is_string(method) && strstr(json_string_value(method), "ecoinvent basic uncertainty and pedigree"));
  cr_expect(at(j, "monte_carlo/results/total/sd") > 0);
  cr_expect_null(json_object_get(j, "warnings"));
  json_decref(j);
}

Test(unc_loop, pedigree_rates_the_data_against_the_profile_period) {
  /* One BOM line, 0.12 kg of ABS: USLCI's ABS resin, reference year 2003, location RNA. The
   * temporal rating compares that year with the profile's reference period (as the report's
   * data-quality table does): period 2003 → temporal rating 1 → ecoinvent score 1, factor 1.00;
   * period 2015 (12 years off) → rating 3 → score 5, factor 1.50 (ecoinvent report No. 1, table
   * 7.2), the same as without a profile (the current year, also more than 6 years off). Every
   * exchange of the chain then has a narrower distribution with the 2003 profile, so the
   * first-order GSD² of the total is smaller; without --profile the ratings were those of an
   * unknown year whatever the profile said. */
  char d[] = "/tmp/pcf-unc-prof-XXXXXX", p[128], b[128], f03[128], f15[128], cmd[1024];
  cr_assert(mkdtemp(d));
  snprintf(p, sizeof p, "%s/product.ini", d);
  snprintf(b, sizeof b, "%s/bom.csv", d);
  snprintf(f03, sizeof f03, "%s/p2003.ini", d);
  snprintf(f15, sizeof f15, "%s/p2015.ini", d);
  write_file(b, "level,name,quantity,unit,material,mass (kg)\n0,Car,1,pcs,,\n1,Body,1,pcs,ABS,0.120\n");
  write_file(p, "[product]\nname = Car\nbom = bom.csv\n");
  write_file(f03,
             "[footprint]\nreference_period_start = 2003-01-01T00:00:00Z\n"
             "reference_period_end = 2004-01-01T00:00:00Z\n");
  write_file(f15,
             "[footprint]\nreference_period_start = 2015-01-01T00:00:00Z\n"
             "reference_period_end = 2016-01-01T00:00:00Z\n");
  const char *profiles[] = {"", f03, f15};
  double gsd2[3];
  for (int i = 0; i < 3; i++) {
    snprintf(cmd, sizeof cmd, "%s footprint %s --uncertainty 10 --pedigree --format json%s%s", PCF_BINARY, p,
             *profiles[i] ? " --profile " : "", profiles[i]);
    json_t *j = command_json(cmd);
    gsd2[i] = at(j, "analytic/results/total/gsd2");
    json_decref(j);
  }
  cr_expect(gsd2[0] > 1, "a default uncertainty: %g", gsd2[0]);
  cr_expect(gsd2[1] < gsd2[0], "2003 data rated for 2003 spread less: %g, %g", gsd2[1], gsd2[0]);
  cr_expect_float_eq(gsd2[2], gsd2[0], 1e-12, "2015 and the current year rate 2003 data alike");
  snprintf(cmd, sizeof cmd, "%s uncertainty %s -n 0 --analytic --pedigree --format json --profile %s", PCF_BINARY, p,
           f03);
  json_t *j = command_json(cmd);
  cr_expect_float_eq(at(j, "analytic/results/total/gsd2"), gsd2[1], 1e-12, "pcf uncertainty reads it alike");
  json_decref(j);
  snprintf(cmd, sizeof cmd, "%s uncertainty %s --profile %s >/dev/null 2>&1", PCF_BINARY, p, f03);
  cr_expect_eq(status_of(cmd), 64, "--profile without --pedigree rates nothing");
  remove(p), remove(b), remove(f03), remove(f15), rmdir(d);
}

Test(unc_loop, compare_with_the_default_uncertainty) {
  /* One BOM line, 0.12 kg of ABS, whose data carry no distribution. With --pedigree every draw
   * moves (sd > 0, no warning), and by common random numbers: "same" (scale 1) draws exactly the
   * base, so it is never below it (P = 0, same mean and sd); "half" (scale 0.5) is half the base
   * in every draw (the line is the whole footprint), so P = 1, mean and sd halved. */
  char d[] = "/tmp/pcf-unc-ped-XXXXXX", p[128], b[128], cmd[1024];
  cr_assert(mkdtemp(d));
  snprintf(p, sizeof p, "%s/product.ini", d);
  snprintf(b, sizeof b, "%s/bom.csv", d);
  write_file(b, "level,name,quantity,unit,material,mass (kg)\n0,Car,1,pcs,,\n1,Body,1,pcs,ABS,0.120\n");
  write_file(p,
             "[product]\nname = Car\nbom = bom.csv\n[variant same]\nbom.Body.scale = 1\n"
             "[variant half]\nbom.Body.scale = 0.5\n");
  snprintf(cmd, sizeof cmd,
           "%s compare %s --no-sensitivity --no-contributions --format json --uncertainty 300 "
           "--pedigree",
           PCF_BINARY, p);
  json_t *j = command_json(cmd);
  json_t *u = json_object_get(j, "uncertainty");
  cr_expect(at(u, "default_uncertainty/exchanges") > 0);
  cr_expect_null(json_object_get(u, "warning"));
  double mean = at(u, "designs/0/mean"), sd = at(u, "designs/0/sd");
  cr_expect(sd > 0);
  cr_expect_eq(at(u, "designs/1/p_below_base"), 0);
  cr_expect_float_eq(at(u, "designs/1/mean"), mean, 1e-12);
  cr_expect_float_eq(at(u, "designs/1/sd"), sd, 1e-12);
  cr_expect_eq(at(u, "designs/2/p_below_base"), 1);
  cr_expect_float_eq(at(u, "designs/2/mean"), mean / 2, 1e-12);
  cr_expect_float_eq(at(u, "designs/2/sd"), sd / 2, 1e-12);
  json_decref(j);
  snprintf(cmd, sizeof cmd, "%s compare %s --no-sensitivity --format html --uncertainty 20 --pedigree", PCF_BINARY, p);
  char *html = text_of(cmd);
  cr_expect(strstr(html, "Default uncertainty (ecoinvent basic uncertainty and pedigree matrix"), "html names it");
  free(html);
  snprintf(cmd, sizeof cmd, "%s compare %s --pedigree >/dev/null 2>&1", PCF_BINARY, p);
  cr_expect_eq(status_of(cmd), 64, "--pedigree without --uncertainty");
  unlink(p);
  unlink(b);
  rmdir(d);
}
