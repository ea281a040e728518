/* test_html.c: the ISO 14067 HTML report (pcf/src/html*.c), rendered in headless Chromium (Debian
 * package chromium, installed by scripts/setup.sh): the page must render to a PNG, and the text
 * the browser shows (--dump-dom) must carry the product name, the total, the stage names, the
 * section titles and the data-quality table. The page must also be self-contained: no script,
 * no external reference. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcf/footprint.h"
#include "pcf/html.h"

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

#define FLAGS                                                                                              \
  "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "     \
  "--disable-sync --no-first-run --disable-dev-shm-usage"

typedef struct report {
  char dir[64], html[128];
  double total, stage[PCF_STAGE_COUNT];
  char name[256];
} report;

static void make_report(report *x, const char *product_path, const char *profile_path) {
  snprintf(x->dir, sizeof x->dir, "/tmp/pcf-html-XXXXXX");
  cr_assert(mkdtemp(x->dir));
  snprintf(x->html, sizeof x->html, "%s/report.html", x->dir);
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = NULL;
  pcf_profile *profile = NULL;
  cr_assert_eq(pcf_product_read(&product, product_path, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&data, product, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, product, &err), 0, "%s", err.message);
  if (profile_path) cr_assert_eq(pcf_profile_read(&profile, profile_path, &err), 0, "%s", err.message);
  FILE *f = fopen(x->html, "w");
  cr_assert(f);
  pcf_pact_options po = {.profile = profile, .product = product, .db = pcf_data_db(data),
                         .method = pcf_product_method(product)};
  cr_assert_eq(pcf_html_write(r, &po, f, &err), 0, "%s", err.message);
  fclose(f);
  x->total = pcf_result_value(r, PCF_TOTAL);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) x->stage[s] = pcf_result_stage(r, s, PCF_TOTAL);
  snprintf(x->name, sizeof x->name, "%s", pcf_result_name(r));
  pcf_result_free(r);
  pcf_profile_free(profile);
  pcf_data_free(data);
  pcf_product_free(product);
}

static void remove_report(report *x) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
  cr_expect_eq(system(cmd), 0);
}

Test(html, self_contained) {
  report x;
  make_report(&x, PCF_SOURCE_DIR "/cases/toy-car/product.ini", PCF_SOURCE_DIR "/cases/profile.ini");
  char *page = slurp(x.html, NULL);
  cr_assert(page);
  cr_expect(strncmp(page, "<!DOCTYPE html>", 15) == 0);
  cr_expect(!strstr(page, "<script"), "the report has a script");
  cr_expect(!strstr(page, "http://") && !strstr(page, "https://"), "the report refers to the network");
  cr_expect(!strstr(page, " src=") && !strstr(page, "<link"), "the report loads something");
  cr_expect_geq((int)(strstr(page, "</svg>") != NULL), 1, "no chart");
  free(page);
  remove_report(&x);
}

Test(html, renders_in_headless_chromium, .timeout = 240) {
  const char *browser = chromium();
  cr_assert(browser, "chromium is not installed: scripts/setup.sh installs the Debian package chromium, which "
                     "this test needs to render the report");
  report x;
  make_report(&x, PCF_SOURCE_DIR "/cases/toy-car/product.ini", PCF_SOURCE_DIR "/cases/profile.ini");
  char cmd[2048], png[160], dom[160];
  snprintf(png, sizeof png, "%s/report.png", x.dir);
  snprintf(dom, sizeof dom, "%s/dom.html", x.dir);
  snprintf(cmd, sizeof cmd,
           "timeout 120 %s " FLAGS " --user-data-dir=%s/profile --screenshot=%s --window-size=1200,2000 "
           "file://%s >/dev/null 2>&1",
           browser, x.dir, png, x.html);
  cr_assert_eq(system(cmd), 0, "chromium --screenshot failed: %s", cmd);
  size_t n = 0;
  unsigned char *p = (unsigned char *)slurp(png, &n);
  cr_assert(p && n > 24, "no PNG written");
  cr_expect(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
  unsigned w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
  cr_expect_eq(w, 1200, "PNG width %u", w);
  cr_expect_gt(n, 20000, "the PNG (%zu bytes) looks blank", n);
  free(p);

  snprintf(cmd, sizeof cmd,
           "timeout 120 %s " FLAGS " --user-data-dir=%s/profile2 --dump-dom file://%s > %s 2>/dev/null", browser,
           x.dir, x.html, dom);
  cr_assert_eq(system(cmd), 0, "chromium --dump-dom failed");
  char *text = slurp(dom, NULL);
  cr_assert(text && *text, "empty DOM");
  char want[128];
  snprintf(want, sizeof want, "%.4g kg CO2e", x.total);
  cr_expect(strstr(text, want), "the page does not show the total \"%s\"", want);
  cr_expect(strstr(text, "Plastic toy car (ABS body, PP wheels, steel axles)"), "no product name");
  const char *must[] = {"Raw material acquisition", "Production", "Distribution", "Use", "End of life",
                        "Goal and scope", "Declared unit", "System boundary", "GWP method", "Results (ISO 14067)",
                        "Fossil GHG emissions", "Biogenic GHG removals", "Direct land-use change",
                        "Data quality", "Limitations and warnings", "Example Toys Manufacturing Ltd",
                        "Toy car/Body", "IPCC AR6"};
  for (size_t i = 0; i < sizeof must / sizeof *must; i++)
    cr_expect(strstr(text, must[i]), "the page does not show \"%s\"", must[i]);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    snprintf(want, sizeof want, "%.6f", x.stage[s]);
    cr_expect(strstr(text, want), "stage %d value %s not shown", s, want);
  }
  free(text);
  remove_report(&x);
}

Test(html, report_without_profile) {
  report x;
  make_report(&x, PCF_SOURCE_DIR "/cases/toy-car/product.ini", NULL);
  char *page = slurp(x.html, NULL);
  cr_assert(page);
  cr_expect(strstr(page, "Goal and scope"));
  cr_expect(!strstr(page, "Reference period"), "no period without a profile");
  free(page);
  remove_report(&x);
}
