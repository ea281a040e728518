/* test_variant.c: reading [variant NAME] sections: the split into overrides, based_on chains and
 * their cycles, and every malformed key named with its variant. No data are loaded. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcf/variant.h"

static char dir[] = "/tmp/pcf-variant-XXXXXX", path[256];

static void cleanup(void) {
  unlink(path);
  rmdir(dir);
}

TestSuite(variant, .fini = cleanup);

/* Writes text as the product file of this test's folder and returns its path. */
static const char *product_file(const char *text) {
  if (!path[0]) cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/product.ini", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("[product]\nname = Thing\n[manufacturing]\nelectricity CN = 0.30 kWh\n[distribution]\ntruck = 150 km\n", f);
  fputs(text, f);
  fclose(f);
  return path;
}

static int read_err(const char *text, pcf_error *err) {
  pcf_variant_set *v = NULL;
  int rc = pcf_variant_set_read(&v, product_file(text), err);
  pcf_variant_set_free(v);
  return rc;
}

Test(variant, changes_split_at_the_first_dot_and_bom_keeps_the_rest) {
  pcf_variant_set *v = NULL;
  pcf_error err = {0};
  int rc = pcf_variant_set_read(&v,
                                product_file("[variant a]\ndescription = lighter\nbom.Toy car/Body.v2.scale = 0.8\n"
                                             "manufacturing.electricity CN = 0.25 kWh\ndistribution.truck =\n"
                                             "material PP.recycled = recycled plastic\n"),
                                &err);
  cr_assert_eq(rc, 0, "%s", err.message);
  cr_assert_eq(pcf_variant_set_count(v), 1);
  cr_expect_str_eq(pcf_variant_set_name(v, 0), "a");
  cr_expect_str_eq(pcf_variant_set_description(v, 0), "lighter");
  cr_assert_eq(pcf_variant_set_change_count(v, 0), 4);
  const pcf_variant_change *c = pcf_variant_set_change(v, 0, 0);
  cr_expect_str_eq(c->override.section, "bom");
  cr_expect_str_eq(c->override.key, "Toy car/Body.v2.scale");
  cr_expect_str_eq(c->override.value, "0.8");
  c = pcf_variant_set_change(v, 0, 1);
  cr_expect_str_eq(c->override.section, "manufacturing");
  cr_expect_str_eq(c->override.key, "electricity CN");
  cr_expect_str_eq(c->text, "manufacturing.electricity CN = 0.25 kWh");
  c = pcf_variant_set_change(v, 0, 2);
  cr_expect_str_eq(c->override.key, "truck");
  cr_expect_str_eq(c->override.value, "");
  c = pcf_variant_set_change(v, 0, 3);
  cr_expect_str_eq(c->override.section, "material PP");
  cr_expect_str_eq(c->override.key, "recycled");
  pcf_variant_set_free(v);
}

Test(variant, based_on_chains_put_ancestors_first) {
  pcf_variant_set *v = NULL;
  pcf_error err = {0};
  int rc = pcf_variant_set_read(&v,
                                product_file("[variant c]\nbased_on = b\nuse.years = 7\n"
                                             "[variant a]\nbom.Body.scale = 0.8\n"
                                             "[variant b]\nbased_on = a\ndistribution.rail = 800 km\n"),
                                &err);
  cr_assert_eq(rc, 0, "%s", err.message);
  long c = pcf_variant_set_find(v, "c");
  cr_assert_eq(c, 0);
  cr_assert_eq(pcf_variant_set_change_count(v, 0), 3);
  cr_expect_str_eq(pcf_variant_set_change(v, 0, 0)->text, "bom.Body.scale = 0.8");
  cr_expect_str_eq(pcf_variant_set_change(v, 0, 0)->variant, "a");
  cr_expect_str_eq(pcf_variant_set_change(v, 0, 1)->text, "distribution.rail = 800 km");
  cr_expect_str_eq(pcf_variant_set_change(v, 0, 2)->text, "use.years = 7");
  cr_expect_str_eq(pcf_variant_set_change(v, 0, 2)->variant, "c");
  cr_expect_eq(pcf_variant_set_find(v, "nope"), -1);
  pcf_variant_set_free(v);
}

Test(variant, cycles_are_errors_naming_the_variants) {
  pcf_error err = {0};
  int rc = read_err(
      "[variant a]\nbased_on = b\nuse.years = 1\n[variant b]\nbased_on = c\nuse.years = 2\n"
      "[variant c]\nbased_on = a\nuse.years = 3\n",
      &err);
  cr_expect_eq(rc, PCF_ERR_CYCLE);
  cr_expect(strstr(err.message, "\"a\" -> \"b\" -> \"c\" -> \"a\""), "%s", err.message);
  rc = read_err("[variant self]\nbased_on = self\nuse.years = 1\n", &err);
  cr_expect_eq(rc, PCF_ERR_CYCLE);
  cr_expect(strstr(err.message, "\"self\" -> \"self\""), "%s", err.message);
}

Test(variant, bad_keys_are_errors_naming_variant_and_key) {
  pcf_error err = {0};
  cr_expect_eq(read_err("[variant v1]\nweight = 3\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "variant \"v1\"") && strstr(err.message, "\"weight\""), "%s", err.message);
  cr_expect_eq(read_err("[variant v2]\nshipping.truck = 3 km\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "variant \"v2\"") && strstr(err.message, "shipping"), "%s", err.message);
  cr_expect_eq(read_err("[variant v3]\nbom.Body.colour = red\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "variant \"v3\"") && strstr(err.message, "bom.Body.colour"), "%s", err.message);
  cr_expect_eq(read_err("[variant v4]\nproduct.colour = red\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "variant \"v4\"") && strstr(err.message, "product.colour"), "%s", err.message);
  cr_expect_eq(read_err("[variant v5]\nproduct.method = AR5\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "would change the loaded data"), "%s", err.message);
  cr_expect_eq(read_err("[variant v6]\nbased_on = ghost\n", &err), PCF_ERR_NOT_FOUND);
  cr_expect(strstr(err.message, "variant \"v6\"") && strstr(err.message, "ghost"), "%s", err.message);
  cr_expect_eq(read_err("[variant]\nuse.years = 1\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "[variant NAME]"), "%s", err.message);
  cr_expect_eq(read_err("[variant v7]\nuse.years = 1\n[use]\nyears = 2\n[variant v7]\nuse.years = 3\n", &err),
               PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "twice"), "%s", err.message);
  cr_expect_eq(read_err("[variant v8]\nbom.Body.scale =\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "no value"), "%s", err.message);
}

Test(variant, removing_a_key_the_design_lacks_is_an_error) {
  pcf_error err = {0};
  cr_expect_eq(read_err("[variant v]\ndistribution.plane =\n", &err), PCF_ERR_NOT_FOUND);
  cr_expect(strstr(err.message, "variant \"v\"") && strstr(err.message, "plane"), "%s", err.message);
  /* a key an ancestor added can be removed */
  cr_expect_eq(
      read_err("[variant a]\ndistribution.rail = 800 km\n[variant b]\nbased_on = a\ndistribution.rail =\n", &err), 0,
      "%s", err.message);
  cr_expect_eq(read_err("[variant c]\ndistribution.truck =\n", &err), 0, "%s", err.message);
}

Test(variant, a_file_without_variants_is_an_empty_set) {
  pcf_variant_set *v = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_variant_set_read(&v, product_file(""), &err), 0, "%s", err.message);
  cr_expect_eq(pcf_variant_set_count(v), 0);
  pcf_variant_set_free(v);
  cr_expect_eq(pcf_variant_set_read(&v, "/nonexistent/product.ini", &err), PCF_ERR_IO);
  cr_expect_null(v);
}
