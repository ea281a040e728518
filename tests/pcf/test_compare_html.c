/* test_compare_html.c: the pcf compare HTML page opened in headless Chromium (Debian's chromium,
 * installed by scripts/setup.sh) with the network off: the DOM it builds must show the ranking,
 * the stacked bars, the waterfall with the guide's figures, and nothing may be fetched. Skipped
 * when chromium is not installed. The screenshot is left in the test's /tmp folder (its path is
 * logged) for a person to look at. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcf/compare.h"
#include "pcf/variant.h"

#define HK PCF_SOURCE_DIR "/cases/hk-recycled-plastic/product.ini"
#define FLAGS                                                                                                          \
  "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "                  \
  "--disable-sync --no-first-run"

static char *slurp(FILE *f) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  cr_assert(buf);
  for (size_t r; (r = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
    n += r;
    if (n + 1 == cap) cr_assert(buf = realloc(buf, cap *= 2));
  }
  buf[n] = '\0';
  return buf;
}

static void write_page(const char *path) {
  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_product *base = NULL;
  pcf_data *data = NULL;
  pcf_comparison *c = NULL;
  cr_assert_eq(pcf_variant_set_read(&set, HK, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_variant_set_product(&base, set, (size_t)-1, 0, NULL, 0, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_data_open_product(&data, base, &(pcf_data_options){.bundled = 1}, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_compare_run(&c, data, set, NULL, &err), 0, "%s", err.message);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  cr_assert_eq(pcf_comparison_write_html(c, f), 0);
  fclose(f);
  pcf_comparison_free(c);
  pcf_data_free(data);
  pcf_product_free(base);
  pcf_variant_set_free(set);
}

Test(compare_html, chromium_shows_the_comparison, .timeout = 240) {
  if (system("command -v chromium >/dev/null 2>&1") != 0) cr_skip_test("chromium is not installed");
  char dir[] = "/tmp/pcf-html-XXXXXX";
  cr_assert(mkdtemp(dir));
  char page[256], cmd[2048];
  snprintf(page, sizeof page, "%s/hk.html", dir);
  write_page(page);

  /* no reference to anything outside the page */
  FILE *f = fopen(page, "r");
  char *html = slurp(f);
  fclose(f);
  cr_expect_null(strstr(html, "http://www.w3.org/1999/xlink"));
  cr_expect_null(strstr(html, "<script"));
  cr_expect_null(strstr(html, "src="));
  cr_expect_null(strstr(html, "<link"));
  free(html);

  /* One start of the browser for both the DOM and the screenshot (Chromium's headless mode does
   * both since version 112: a start is most of this test's time); a browser that does one only is
   * started again for the screenshot. */
  char png[300];
  snprintf(png, sizeof png, "%s/compare_hk.png", dir);
  snprintf(cmd, sizeof cmd,
           "timeout 120 chromium " FLAGS
           " --user-data-dir=%s/profile --window-size=1000,1800 --screenshot=%s --dump-dom file://%s 2>/dev/null",
           dir, png, page);
  FILE *p = popen(cmd, "r");
  cr_assert(p);
  char *dom = slurp(p);
  int rc = pclose(p);
  cr_assert_eq(rc, 0, "chromium failed (%d)", rc);
  const char *want[] = {"Plastic products, one batch (500 t of resin): eco-design comparison", /* title shown */
                        "<h2>Ranking</h2>",
                        "recycled-200t",
                        "<td>1,020,000</td>", /* four significant digits, grouped */
                        "<td>-180,000</td>",
                        "-15.0 %",
                        "<svg id=\"stacked\"",
                        "raw material acquisition", /* stacked bars and legend */
                        "class=\"waterfall\"",
                        ">1200000<",
                        ">-180000<",
                        ">1020000<", /* the waterfall's labels */
                        "bom.Resin.recycled_content = 40%",
                        "Contributions are sequential",
                        "<svg id=\"sensitivity\"",
                        "mass of Resin ("};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    cr_expect(strstr(dom, want[i]), "the page does not show \"%s\"", want[i]);
  free(dom);

  struct stat st;
  if (stat(png, &st) != 0) {
    snprintf(cmd, sizeof cmd,
             "timeout 120 chromium " FLAGS
             " --user-data-dir=%s/profile2 --window-size=1000,1800 "
             "--screenshot=%s file://%s >/dev/null 2>&1; true",
             dir, png, page);
    cr_assert_eq(system(cmd), 0);
  }
  cr_assert_eq(stat(png, &st), 0, "no screenshot");
  cr_expect_gt(st.st_size, 10000, "screenshot of %ld bytes", (long)st.st_size);
  unsigned char sig[8] = {0};
  f = fopen(png, "rb");
  cr_assert(f);
  cr_expect_eq(fread(sig, 1, 8, f), 8);
  fclose(f);
  cr_expect(memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0);
  cr_log_info("screenshot: %s", png);
  snprintf(cmd, sizeof cmd, "rm -rf %s/profile %s/profile2", dir, dir); /* keep the page and the PNG */
  cr_expect_eq(system(cmd), 0);
}
