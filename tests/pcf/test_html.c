/* test_html.c: the ISO 14067 CFP study report (pcf footprint --format html; pcf/src/outputs/html*.c).
 *
 * The toy car's report is rendered in headless Chromium (Debian package chromium, installed by
 * scripts/setup.sh): it must render to a PNG, and each section a verifier looks for (ISO
 * 14067:2018 clause 7, html.c) must be in the DOM the browser builds and hold this run's numbers.
 * The expected numbers are worked out by hand from cases/toy-car/NOTES.md (its line table: ABS
 * body 0.120 kg -> 0.473518, PP wheels 0.030 kg -> 0.057542, steel axles 0.020 kg -> 0.046111,
 * LDPE bag 0.010 kg -> 0.022722, China grid 0.30 kWh = 1.08 MJ x 0.149056 -> 0.160980, truck
 * 150 km x 0.180 kg = 0.027 t.km -> 0.002172, ship 18,000 km -> 3.24 t.km -> 0.051647, body
 * incineration 0.120 x 0.4 = 0.048 kg x 2.768342 -> 0.132880; stages 0.599894, 0.160980, 0.053819,
 * 0, 0.183858; total 0.998551) and shown to four significant digits. The kettle's report holds its
 * use scenario (cases/electric-kettle/NOTES.md: 5 years x 1,500 boils x 0.10 kWh = 750 kWh on the
 * EU-27 grid, 210.75 kg CO2e of 215.14). Every case renders a report with every section. The page
 * is self-contained: no script, no external reference. --format pdf prints it with Chromium: an A4
 * PDF whose pages pdftoppm (Debian poppler-utils) renders to images that are not blank; without
 * Chromium, a clear error and no file. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_test.h"
#include "pcf/footprint.h"
#include "pcf/html.h"
#include "../scratch_base.h"

#define PROFILE PCF_SOURCE_DIR "/cases/profile.ini"
#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"
#define KETTLE PCF_SOURCE_DIR "/cases/electric-kettle/product.ini"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) free(s), s = NULL;
  if (s) s[n] = 0;
  if (len) *len = (size_t)n;
  fclose(f);
  return s;
}

static const char *chromium(void) {
  static const char *const names[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (access(names[i], X_OK) == 0) return names[i];
  return NULL;
}

#define FLAGS                                                                                                          \
  "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "                  \
  "--disable-sync --no-first-run --disable-dev-shm-usage"

/* The report of a product file written by the pcf command (extra: more options) into dir. */
static char *report(char dir[static 64], const char *product, const char *extra, char html[static 160]) {
  snprintf(dir, 64, "%s/pcf-html-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
  snprintf(html, 160, "%s/report.html", dir);
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "%s footprint '%s' --format html --profile %s %s -o %s", PCF_BINARY, product, PROFILE,
           extra ? extra : "", html);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  char *page = slurp(html, NULL);
  cr_assert(page && *page, "%s: empty", html);
  return page;
}

static void remove_dir(const char *dir) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

/* The text of the section whose heading has id (up to the next heading with an id), copied into a static
 * buffer; "" when the id is missing. */
static const char *section(const char *page, const char *id) {
  static char buf[200000];
  char want[80];
  snprintf(want, sizeof want, "id=\"%s\"", id);
  const char *at = strstr(page, want);
  buf[0] = 0;
  if (!at) return buf;
  const char *h2 = strstr(at + 1, "<h2 id="), *h3 = strstr(at + 1, "<h3 id="), *end = h2;
  if (!end || (h3 && h3 < end)) end = h3;
  if (!end) end = at + strlen(at);
  size_t n = (size_t)(end - at) < sizeof buf - 1 ? (size_t)(end - at) : sizeof buf - 1;
  memcpy(buf, at, n);
  buf[n] = 0;
  return buf;
}

/* Each of the strings must be in the section. */
static void holds(const char *page, const char *id, const char *const *want, size_t n) {
  const char *s = section(page, id);
  cr_expect(*s, "no section with id \"%s\"", id);
  for (size_t i = 0; *s && i < n; i++) cr_expect(strstr(s, want[i]), "section \"%s\" lacks \"%s\"", id, want[i]);
}
#define HOLDS(page, id, ...)                                                                                           \
  do {                                                                                                                 \
    const char *const w_[] = {__VA_ARGS__};                                                                            \
    holds(page, id, w_, sizeof w_ / sizeof *w_);                                                                       \
  } while (0)

/* v to four significant digits as the report writes it (plain, thousands separated from 10,000):
 * written here from the rule, not with pcf's formatter. */
static void four(char *buf, size_t size, double v) {
  int mag = (int)floor(log10(fabs(v)));
  int dec = 3 - mag;
  if (dec >= 0) {
    snprintf(buf, size, "%.*f", dec, v);
    return;
  }
  double r = round(v / pow(10, -dec)) * pow(10, -dec);
  char digits[64];
  snprintf(digits, sizeof digits, "%.0f", r);
  size_t n = strlen(digits), k = 0;
  for (size_t i = 0; i < n && k + 2 < size; i++) {
    if (i && (n - i) % 3 == 0 && n > 4) buf[k++] = ',';
    buf[k++] = digits[i];
  }
  buf[k] = 0;
}

Test(html, self_contained) {
  char dir[64], html[160];
  char *page = report(dir, TOY, NULL, html);
  cr_expect(strncmp(page, "<!DOCTYPE html>", 15) == 0);
  cr_expect(!strstr(page, "<script"), "the report has a script");
  cr_expect(!strstr(page, "http://") && !strstr(page, "https://"), "the report refers to the network");
  cr_expect(!strstr(page, " src=") && !strstr(page, "<link"), "the report loads something");
  cr_expect(strstr(page, "</svg>") != NULL, "no chart");
  /* no reference to pcf's sources (a verifier cannot read them): no "name.c" anywhere */
  for (const char *p = page; (p = strstr(p, ".c")); p++)
    cr_expect(!(p > page && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z')) && !(p[2] >= 'a' && p[2] <= 'z')),
              "a source file is named: \"%.20s\"", p > page + 12 ? p - 12 : page);
  free(page);
  remove_dir(dir);
}

/* The toy car through the browser: each section in the DOM with its numbers. */
Test(html, toy_car_sections_in_headless_chromium, .timeout = 240) {
  const char *browser = chromium();
  cr_assert(browser,
            "chromium is not installed: scripts/setup.sh installs the Debian package chromium, which "
            "this test needs to render the report");
  char dir[64], html[160];
  free(report(dir, TOY, NULL, html));
  char cmd[2048], png[160], dom[160];
  snprintf(png, sizeof png, "%s/report.png", dir);
  snprintf(dom, sizeof dom, "%s/dom.html", dir);
  /* One start of the browser for both the screenshot and the DOM (Chromium's headless mode does
   * both since version 112: a start is most of this test's time); a browser that does one only
   * is started again for the other. */
  snprintf(cmd, sizeof cmd,
           "timeout 120 %s " FLAGS
           " --user-data-dir=%s/profile --screenshot=%s --window-size=1200,2000 --dump-dom "
           "file://%s > %s 2>/dev/null",
           browser, dir, png, html, dom);
  cr_assert_eq(system(cmd), 0, "chromium --screenshot --dump-dom failed: %s", cmd);
  struct stat st;
  if (stat(png, &st) != 0) {
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s " FLAGS
             " --user-data-dir=%s/profile --screenshot=%s --window-size=1200,2000 "
             "file://%s >/dev/null 2>&1",
             browser, dir, png, html);
    cr_assert_eq(system(cmd), 0, "chromium --screenshot failed: %s", cmd);
  }
  size_t n = 0;
  unsigned char *p = (unsigned char *)slurp(png, &n);
  cr_assert(p && n > 24, "no PNG written");
  cr_expect(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
  unsigned w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
  cr_expect_eq(w, 1200, "PNG width %u", w);
  cr_expect_gt(n, 20000, "the PNG (%zu bytes) looks blank", n);
  free(p);

  if (stat(dom, &st) != 0 || st.st_size == 0) {
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s " FLAGS " --user-data-dir=%s/profile2 --dump-dom file://%s > %s 2>/dev/null", browser, dir,
             html, dom);
    cr_assert_eq(system(cmd), 0, "chromium --dump-dom failed");
  }
  char *t = slurp(dom, NULL);
  cr_assert(t && *t, "empty DOM");

  /* title block: the total 0.998551 and cradle to gate 0.599894 + 0.160980 = 0.760874 */
  HOLDS(t, "title", "Plastic toy car (ABS body, PP wheels, steel axles)", "0.9986 kg CO2e", "0.7609",
        "Example Toys Manufacturing Ltd", "Report version", "1.0", "pcf ", "IPCC AR6", "cut-off");
  /* 6.3.1, 6.2: goal, application, audience, PCR (the profile's [report]); identity from the product file */
  HOLDS(t, "goal", "Quantify the cradle-to-grave carbon footprint", "Answers to customer PCF requests",
        "Customers' purchasing", "None used", "TC-100", "38540", "2024-01-01 to 2025-01-01");
  /* 6.3.3: 1 piece; product 0.120 + 4 x 0.0075 + 2 x 0.010 = 0.170 kg, bag 0.010 kg */
  HOLDS(t, "unit", "1 piece", "0.1700 kg of product", "0.01000 kg of packaging");
  /* 6.3.4: the stages with their sums; no use scenario, so the use stage is excluded */
  HOLDS(t, "boundary", "0.5999", "0.1610", "0.05382", "0.1839", "Excluded", "60.1 %");
  /* 6.3.4 cut-off: the plastic parts valued unformed, 0.120 + 0.030 + 0.010 = 0.160 kg */
  HOLDS(t, "cutoff", "Forming of plastic parts", "3 plastic lines", "0.1600 kg of", "Estimated size");
  /* 6.4.6: the recycling rule named with its parameters */
  HOLDS(t, "allocation", "Cut-off", "A = 1", "Module D");
  /* the BOM: part numbers, masses, datasets, source, years, GWP set, primary/secondary, DQR, result */
  HOLDS(t, "bom", "TC-110", "0.1200", "ABS", "0.4735", "TC-120", "0.03000", "0.05754", "TC-130", "0.02000", "0.04611",
        "LDPE", "0.02272", "US LCI Database", "2003", "IPCC AR6", "secondary", "2/3/2/2/2", "0.1800", "0.5999");
  /* scenarios: moulding electricity, the two legs (t.km = km x 0.180 kg / 1000), end-of-life shares */
  HOLDS(t, "production", "0.3000 kWh", "0.1610");
  HOLDS(t, "transport", "truck", "150.0", "0.02700", "0.002172", "sea ship", "18,000", "3.240", "0.05165");
  HOLDS(t, "eol", "30.0 %", "40.0 %", "90.0 %", "10.0 %", "0.04800 kg", "0.1329", "0.01200 kg", "0.03790");
  /* 6.4.9.4: China grid 0.149056 kg CO2e/MJ x 3.6 = 0.5366 per kWh, 16.1 % of the total */
  HOLDS(t, "electricity", "0.3000", "0.5366", "0.1610", "16.1 %");
  /* 6.5: AR6 GWP100, and the DESNZ datasets that publish an AR5 total only */
  HOLDS(t, "gwp", "AR6", "100 years", "IPCC AR5 GWP100");
  HOLDS(t, "sources", "US LCI Database", "MEE");
  HOLDS(t, "quality", "0.0 %", "2.00");
  /* 7.2: the ISO 14067 split: fossil 0.998548, biogenic emission 3.6162e-6 (the steel) */
  HOLDS(t, "split", "0.9986", "0.9985", "3.616", "Biogenic GHG removals", "dLUC", "aircraft");
  HOLDS(t, "stages", "Raw material acquisition", "0.5999", "Production", "0.1610", "End of life", "0.1839");
  HOLDS(t, "lines", "Toy car/Body", "0.4735", "0.1329");
  /* carbon content: PP 0.030 kg x 0.856277 = 0.025688 kg C; ABS declares none: a lower bound */
  HOLDS(t, "carbon", "0.02569", "lower bound");
  HOLDS(t, "moduled", "None");
  /* 6.6 sensitivity: the body's mass moves its material, its end of life and its share of the
   * freight: (0.473518 + 0.132880 + 0.000431 + 0.120/0.180 x 0.053819) / 0.998551 = 0.644;
   * the moulding electricity 0.160980 / 0.998551 = 0.161 */
  HOLDS(t, "sensitivity", "mass of Body (ABS)", "0.644", "manufacturing amount: electricity CN", "0.161");
  HOLDS(t, "uncertainty", "No uncertainty analysis");
  /* limitations found in this run: the largest stage, the DESNZ AR5 totals, the unformed plastic */
  HOLDS(t, "limitations", "60.1 %", "Other GWP sets", "IPCC AR5 GWP100", "no forming step");
  HOLDS(t, "statements", "not reviewed", "No offsets or credits are claimed", "1.0");
  HOLDS(t, "checklist", "6.3.3", "6.4.6", "7.2");
  /* one statement about the carbon content, not two that disagree */
  cr_expect(!strstr(section(t, "limitations"), "not determined"), "limitations contradict the carbon content");
  /* four significant digits, not six decimals */
  cr_expect(!strstr(t, "0.599894") && !strstr(t, "0.160980"), "six decimals shown");
  free(t);
  remove_dir(dir);
}

/* The kettle's use scenario: what makes 98 % of its footprint is on the page. */
Test(html, kettle_use_scenario) {
  char dir[64], html[160];
  char *page = report(dir, KETTLE, NULL, html);
  HOLDS(page, "unit", "5 years, 1500 uses a year");
  HOLDS(page, "use", "electricity EU", "0.1 kWh per use", "1500 uses a year", "5 years", "750.0 kWh", "210.8");
  /* the use stage 210.75 / 215.14 = 98.0 %; service life elasticity 210.75 / 215.14 = 0.980 */
  HOLDS(page, "boundary", "210.8", "98.0 %");
  HOLDS(page, "sensitivity", "service life", "0.980");
  HOLDS(page, "limitations", "98.0 %", "use scenario");
  HOLDS(page, "electricity", "EU-27", "750");
  free(page);
  remove_dir(dir);
}

/* --uncertainty N --inputs FILE: the draws and the user's distributions in the report. The sea leg
 * 15,000..21,000 km triangular (mean 18,000) and the moulding electricity normal 0.30 +- 0.03 kWh;
 * deterministic total 0.998551 as without them. */
Test(html, uncertainty_in_the_report) {
  char dir[64], html[160], inputs[128], extra[512];
  snprintf(inputs, sizeof inputs, "%s/pcf-html-inputs-%d.ini", scratch_base(), (int)getpid());
  write_file(inputs,
             "[inputs]\ndistribution.sea ship = triangular 15000 18000 21000 km\n"
             "manufacturing.electricity CN = normal 0.30 0.03 kWh\n");
  snprintf(extra, sizeof extra, "--uncertainty 500 --seed 7 --inputs %s", inputs);
  char *page = report(dir, TOY, extra, html);
  HOLDS(page, "uncertainty", "2 inputs of the product file", "distribution.sea ship",
        "triangular 15,000, 18,000, 21,000 km", "manufacturing.electricity CN", "500 draws, seed 7", "0.9986");
  cr_expect(!strstr(section(page, "limitations"), "No uncertainty analysis"), "limitations say none was run");
  free(page);
  unlink(inputs);
  remove_dir(dir);
}

/* --pedigree: the report says which distributions are the ecoinvent default from the data-quality
 * ratings (the toy car's USLCI datasets declare none, so every propagated exchange has the default)
 * and no longer calls the spread a lower bound. */
Test(html, pedigree_said_in_the_report) {
  char dir[64], html[160];
  char *page = report(dir, TOY, "--uncertainty 200 --pedigree", html);
  HOLDS(page, "uncertainty", "Propagated: 0 exchanges of the datasets with a declared distribution",
        "more with the default uncertainty of the ecoinvent method", "not measured spreads");
  cr_expect(!strstr(section(page, "uncertainty"), "lower bound"), "a default spread called a lower bound");
  free(page);
  remove_dir(dir);
}

/* Every case renders a report with every section, the total to four significant digits
 * (expected.json's, from each case's calc.py). */
Test(html, every_case_has_every_section, .timeout = 120) {
  static const char *const ids[] = {"title",       "goal",        "unit",        "boundary",   "cutoff",   "allocation",
                                    "bom",         "scenarios",   "electricity", "gwp",        "sources",  "quality",
                                    "results",     "split",       "stages",      "lines",      "carbon",   "moduled",
                                    "sensitivity", "uncertainty", "limitations", "statements", "checklist"};
  DIR *d = opendir(PCF_SOURCE_DIR "/cases");
  cr_assert(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    char path[1024], exp_path[1024];
    struct stat st;
    snprintf(path, sizeof path, PCF_SOURCE_DIR "/cases/%s/product.ini", e->d_name);
    snprintf(exp_path, sizeof exp_path, PCF_SOURCE_DIR "/cases/%s/expected.json", e->d_name);
    if (e->d_name[0] == '.' || stat(path, &st)) continue;
    char dir[64], html[160];
    char *page = report(dir, path, NULL, html);
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
      char want[64];
      snprintf(want, sizeof want, "id=\"%s\"", ids[i]);
      cr_expect(strstr(page, want), "%s: no section \"%s\"", e->d_name, ids[i]);
    }
    json_error_t je;
    json_t *expected = json_load_file(exp_path, 0, &je);
    if (expected) {
      char total[64];
      four(total, sizeof total, json_number_value(json_object_get(expected, "total")));
      HOLDS(page, "title", total);
      json_decref(expected);
    }
    cr_expect(!strstr(page, "\xe2\x80\xa6"), "%s: a label is cut (an ellipsis)", e->d_name);
    cr_expect(!strstr(page, "not stated") || strstr(page, "exempted_emissions_description"),
              "%s: a statement the profile gives is shown as not stated", e->d_name);
    free(page);
    remove_dir(dir);
    n++;
  }
  closedir(d);
  cr_expect_geq(n, 6, "only %d cases", n);
}

/* Without a profile the report still renders; the statements only the company can make are shown
 * as not stated, and no reference period is invented. */
Test(html, report_without_profile) {
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = NULL;
  cr_assert_eq(pcf_product_read(&product, TOY, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&data, product, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, product, &err), 0, "%s", err.message);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  pcf_pact_options po = {.product = product, .db = pcf_data_db(data), .method = pcf_product_method(product)};
  cr_assert_eq(pcf_html_write(r, &po, f, &err), 0, "%s", err.message);
  fclose(f);
  HOLDS(buf, "goal", "not stated");
  HOLDS(buf, "statements", "not stated");
  cr_expect(!strstr(buf, "2024-01-01"), "a reference period without a profile");
  free(buf);
  pcf_result_free(r);
  pcf_data_free(data);
  pcf_product_free(product);
}

/* A profile that names another product is refused here too, as in the PACT answer. */
Test(html, profile_for_another_product_is_refused) {
  char dir[] = "/tmp/pcf-html-who-XXXXXX", path[256], cmd[2048];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  snprintf(cmd, sizeof cmd,
           "cp '%s' '%s' && printf '[product]\\nid = TC-100\\n' >> '%s' && %s footprint '%s' "
           "--format html --profile '%s' -o %s/r.html 2>%s/err.txt",
           PROFILE, path, path, PCF_BINARY, KETTLE, path, dir, dir);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d", status);
  snprintf(path, sizeof path, "%s/err.txt", dir);
  char *msg = slurp(path, NULL);
  cr_expect(msg && strstr(msg, "answers for another product"), "%s", msg ? msg : "(no message)");
  free(msg);
  remove_dir(dir);
}

/* The PNG's size of the image pdftoppm made of one page: a blank A4 page at 50 dpi compresses to
 * well under 2 KB, a page of the report's tables and text to tens of KB. */
static int has_bytes(const char *buf, size_t n, const char *what) {
  size_t k = strlen(what);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(buf + i, what, k) == 0) return 1;
  return 0;
}

static size_t png_size(const char *path) {
  struct stat st;
  return stat(path, &st) ? 0 : (size_t)st.st_size;
}

Test(html, pdf_pages_render, .timeout = 240) {
  cr_assert(chromium(), "chromium is not installed (scripts/setup.sh installs it)");
  cr_assert(access("/usr/bin/pdftoppm", X_OK) == 0,
            "pdftoppm is not installed (scripts/setup.sh installs "
            "poppler-utils, which this test needs to render the PDF)");
  char dir[] = "/tmp/pcf-pdf-test-XXXXXX", cmd[2048], path[256];
  cr_assert(mkdtemp(dir));
  snprintf(cmd, sizeof cmd, "%s footprint %s --format pdf --profile %s -o %s/report.pdf", PCF_BINARY, TOY, PROFILE,
           dir);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  snprintf(path, sizeof path, "%s/report.pdf", dir);
  size_t n = 0;
  char *pdf = slurp(path, &n);
  cr_assert(pdf && n > 1000, "no PDF");
  cr_expect(memcmp(pdf, "%PDF-", 5) == 0, "not a PDF");
  /* the page's title in the document information, A4 pages (595 x 842 pt, the @page rule) */
  cr_expect(has_bytes(pdf, n, "CFP study report: Plastic toy car"), "no title");
  cr_expect(has_bytes(pdf, n, "/MediaBox [0 0 594.9") || has_bytes(pdf, n, "/MediaBox [0 0 595"), "pages are not A4");
  free(pdf);
  /* pages 1 to 4 as images: the report runs to several pages, none of them blank */
  snprintf(cmd, sizeof cmd, "pdftoppm -r 50 -png -f 1 -l 4 %s/report.pdf %s/page >/dev/null 2>&1", dir, dir);
  cr_assert_eq(system(cmd), 0, "pdftoppm failed");
  for (int i = 1; i <= 4; i++) {
    snprintf(path, sizeof path, "%s/page-%02d.png", dir, i);
    size_t size = png_size(path);
    if (!size) snprintf(path, sizeof path, "%s/page-%d.png", dir, i), size = png_size(path);
    cr_expect_gt(size, 8000, "page %d: %zu bytes, blank or missing", i, size);
  }
  /* without Chromium: exit 2, the reason, and no file */
  snprintf(cmd, sizeof cmd, "PCF_CHROMIUM=%s/none %s footprint %s --format pdf -o %s/none.pdf 2>%s/err.txt", dir,
           PCF_BINARY, TOY, dir, dir);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 2, "status %d", status);
  snprintf(path, sizeof path, "%s/none.pdf", dir);
  cr_expect(access(path, F_OK) != 0, "a PDF was written without Chromium");
  snprintf(path, sizeof path, "%s/err.txt", dir);
  char *msg = slurp(path, NULL);
  cr_expect(msg && strstr(msg, "headless Chromium, which was not found"), "%s", msg ? msg : "");
  free(msg);
  remove_dir(dir);
}

/* Module D stays apart everywhere (cases/fire-partition/NOTES.md: the curtain's EPD C1-C4 4 x
 * 0.4748 = 1.8992 kg CO2e in the end of life, module D 4 x -20.59 = -82.36 kg CO2e beside it):
 * the source table counts the EPD's end-of-life line only, so its shares add up to the total. */
Test(html, module_d_apart) {
  char dir[64], html[160];
  char *page = report(dir, PCF_SOURCE_DIR "/cases/fire-partition/product.ini", NULL, html);
  HOLDS(page, "allocation", "-82.36");
  HOLDS(page, "moduled", "-82.36");
  HOLDS(page, "sources", "1.899");
  cr_expect(!strstr(section(page, "sources"), "-80.46"), "module D counted in a source's share");
  free(page);
  remove_dir(dir);
}
