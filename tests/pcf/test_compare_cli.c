/* test_compare_cli.c: the pcf compare command on cases/hk-recycled-plastic: each format, the
 * variant filter, the exit codes of input and usage errors, and --method moving every design as
 * the datasets' published values say, --rule as the aluminium bracket case calculates. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HK PCF_SOURCE_DIR "/cases/hk-recycled-plastic/product.ini"

/* Runs `pcf compare ARGS`, returns the exit status and stdout (caller frees). */
static int run(const char *args, char **out) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "%s compare %s 2>&1", PCF_BINARY, args);
  FILE *p = popen(cmd, "r");
  cr_assert(p);
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  cr_assert(buf);
  for (size_t r; (r = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
    n += r;
    if (n + 1 == cap) cr_assert(buf = realloc(buf, cap *= 2));
  }
  buf[n] = '\0';
  int st = pclose(p);
  *out = buf;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(compare_cli, text_json_csv) {
  char *out;
  cr_expect_eq(run(HK, &out), 0, "%s", out);
  cr_expect(strstr(out, "recycled-200t") && strstr(out, "-180000.0") && strstr(out, "-15.0%"), "%s", out);
  cr_expect(strstr(out, "sequential"), "text output must say the attribution is sequential");
  free(out);

  cr_expect_eq(run(HK " --format json --no-sensitivity", &out), 0, "%s", out);
  json_error_t je;
  json_t *j = json_loads(out, 0, &je);
  cr_assert(j, "%s: %s", je.text, out);
  json_t *designs = json_object_get(j, "designs");
  cr_assert_eq(json_array_size(designs), 2);
  cr_expect_float_eq(json_number_value(json_object_get(json_array_get(designs, 1), "total")), 1020000, 1e-3);
  cr_expect_float_eq(json_number_value(json_object_get(json_object_get(json_array_get(designs, 1), "change"), "total")),
                     -180000, 1e-3);
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(j, "ranking"), 0)), "recycled-200t");
  cr_expect_null(json_object_get(j, "sensitivity"));
  json_decref(j);
  free(out);

  cr_expect_eq(run(HK " --format csv", &out), 0, "%s", out);
  cr_expect(strncmp(out, "kind,design,item,stage,total,fossil,", 36) == 0, "%s", out);
  cr_expect(strstr(out, "\ntotal,recycled-200t,,,1020000,1020000,0,0,0,0,-180000,-0.15,\n"), "%s", out);
  cr_expect(strstr(out, "\nstep,recycled-200t,bom.Resin.recycled_content = 40%,,-180000,"), "%s", out);
  /* the sensitivity names the part as the variant does (bom.Resin...), not by its path */
  cr_expect(strstr(out, "\nsensitivity,base,bom.Resin.scale,"), "%s", out);
  free(out);
}

Test(compare_cli, errors) {
  char *out;
  cr_expect_eq(run(HK " --variant nope", &out), 1);
  cr_expect(strstr(out, "[variant nope]"), "%s", out);
  free(out);
  cr_expect_eq(run(HK " --format pdf", &out), 64);
  free(out);
  cr_expect_eq(run("", &out), 64);
  free(out);
  cr_expect_eq(run("/nonexistent.ini", &out), 1);
  cr_expect(strstr(out, "cannot open"), "%s", out);
  free(out);
}

Test(compare_cli, uncertainty_in_every_format) {
  /* The Monte Carlo belongs to the comparison: with --format json the output is still one JSON
   * document. The case's data carry no distributions (sd 0), so the recycled design, 180 t of CO2e
   * below the base in every draw, is below it with probability 1. */
  char *out;
  cr_expect_eq(run(HK " --format json --no-sensitivity --uncertainty 50 --seed 3", &out), 0, "%s", out);
  json_error_t je;
  json_t *j = json_loads(out, 0, &je);
  cr_assert(j, "not one JSON document: %s\n%s", je.text, out);
  json_t *u = json_object_get(j, "uncertainty");
  cr_expect_eq(json_integer_value(json_object_get(u, "draws")), 50);
  cr_expect_eq(json_integer_value(json_object_get(u, "seed")), 3);
  json_t *designs = json_object_get(u, "designs");
  cr_assert_eq(json_array_size(designs), 2);
  cr_expect(json_is_null(json_object_get(json_array_get(designs, 0), "p_below_base")));
  cr_expect_eq(json_number_value(json_object_get(json_array_get(designs, 1), "p_below_base")), 1.0);
  cr_expect_eq(json_number_value(json_object_get(json_array_get(designs, 1), "mean")), 1020000.0);
  json_decref(j);
  free(out);
  cr_expect_eq(run(HK " --format csv --uncertainty 50", &out), 0, "%s", out);
  cr_expect(strstr(out, "uncertainty,recycled-200t,p_below_base,,1,"), "%s", out);
  free(out);
  cr_expect_eq(run(HK " --format html --uncertainty 50", &out), 0, "%s", out);
  cr_expect(strstr(out, "<h2>Uncertainty</h2>") && strstr(out, "</html>"), "html");
  free(out);
}

Test(compare_cli, data_options_as_every_command) {
  /* --method and --rule, once missing from compare, come from the shared table. */
  char *out;
  cr_expect_eq(run(HK " --method AR5 --rule cff --no-sensitivity --format json", &out), 0, "%s", out);
  cr_expect(strstr(out, "IPCC AR5"), "the AR5 method is used");
  free(out);
  cr_expect_eq(run(HK " --rule 60:40", &out), 64, "%s", out);
  free(out);
}

/* The base total of `compare --method M` for 1 kg of raw cotton fibre (and of a variant with half). */
static double cotton_total(const char *dir, const char *method, size_t design) {
  char args[512], *out;
  snprintf(args, sizeof args, "%s/product.ini --method %s --no-sensitivity --no-contributions --format json", dir,
           method);
  cr_assert_eq(run(args, &out), 0, "%s", out);
  json_error_t je;
  json_t *j = json_loads(out, 0, &je);
  cr_assert(j, "%s: %s", je.text, out);
  double t = json_number_value(json_object_get(json_array_get(json_object_get(j, "designs"), design), "total"));
  json_decref(j);
  free(out);
  return t;
}

Test(compare_cli, method_changes_every_design_as_the_data_say) {
  /* datasets/README.md gives raw cotton fibre's GWP100 per kg under each method: AR6 2.5788, AR5
   * 2.5864, AR4 2.5636 (the biogenic carbon it takes up counts alike under all three). So for 1 kg
   * the base moves by +0.0076 from AR6 to AR5 and by -0.0152 to AR4, and the variant with half the
   * fibre by half of that: +0.0038 and -0.0076 (the README's 4 decimals: within 1e-4). */
  char dir[] = "/tmp/pcf-compare-method-XXXXXX", path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/bom.csv", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("level,name,quantity,unit,material,mass (kg)\n0,Bale,1,pcs,,\n1,Fibre,1,pcs,cotton,1\n", f);
  fclose(f);
  snprintf(path, sizeof path, "%s/product.ini", dir);
  f = fopen(path, "w");
  cr_assert(f);
  fputs("[product]\nname = Bale\nbom = bom.csv\n[variant half]\nbom.Fibre.scale = 0.5\n", f);
  fclose(f);
  double ar6 = cotton_total(dir, "AR6", 0), ar5 = cotton_total(dir, "AR5", 0), ar4 = cotton_total(dir, "AR4", 0);
  cr_expect_float_eq(ar5 - ar6, 2.5864 - 2.5788, 1e-4);
  cr_expect_float_eq(ar4 - ar6, 2.5636 - 2.5788, 1e-4);
  double h6 = cotton_total(dir, "AR6", 1), h5 = cotton_total(dir, "AR5", 1);
  cr_expect_float_eq(h5 - h6, (2.5864 - 2.5788) / 2, 1e-4);
  unlink(path);
  snprintf(path, sizeof path, "%s/bom.csv", dir);
  unlink(path);
  rmdir(dir);
}

Test(compare_cli, rule_changes_every_design_as_the_case_calculates) {
  /* cases/aluminium-bracket (NOTES.md, calc.py, by hand): the virgin bracket 8.956420 kg CO2e under
   * cut-off and 8.959044 under the CFF; half recycled content 4.814977 and 8.130755. The case's
   * product file with that variant added, compared under each --rule. */
  char dir[] = "/tmp/pcf-compare-rule-XXXXXX", cmd[1024], *out;
  cr_assert(mkdtemp(dir));
  snprintf(cmd, sizeof cmd,
           "cp %s/cases/aluminium-bracket/product.ini %s/cases/aluminium-bracket/bom.csv %s && "
           "printf '\\n[variant recycled-50]\\nbom.Bracket.recycled_content = 50%%%%\\n' >> %s/product.ini",
           PCF_SOURCE_DIR, PCF_SOURCE_DIR, dir, dir);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  const char *rules[] = {"cut-off", "cff"};
  const double expected[2][2] = {{8.956420, 4.814977}, {8.959044, 8.130755}};
  for (int r = 0; r < 2; r++) {
    snprintf(cmd, sizeof cmd, "%s/product.ini --rule %s --no-sensitivity --no-contributions --format json", dir,
             rules[r]);
    cr_assert_eq(run(cmd, &out), 0, "%s", out);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    cr_assert(j, "%s: %s", je.text, out);
    for (size_t d = 0; d < 2; d++)
      cr_expect_float_eq(json_number_value(json_object_get(json_array_get(json_object_get(j, "designs"), d), "total")),
                         expected[r][d], 1e-6, "%s, design %zu", rules[r], d);
    json_decref(j);
    free(out);
  }
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}
