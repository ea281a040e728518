/* pact_identity.c: which product a PACT document speaks of (PACT Technical Specification v2.3,
 * ProductFootprint productIds, productCategoryCpc, productNameCompany, productDescription).
 *
 * The product's identity belongs to the product file ([product] ids, category_cpc, description,
 * name_company; pcf/product.h); the profile holds the company and the request. A profile may still
 * carry product keys ([product] ids, id, category_cpc, name_company, description; [footprint] id
 * and the carbon contents) when it answers for one product; then it must name that product, by
 * [product] id (the product file's id), by a URN of [product] ids (one of the product file's ids,
 * or ending in ":<id>"), or by [product] name_company (the product file's name or name_company).
 * A profile naming another product, or product keys without saying which product, are refused:
 * reusing one product's profile for another would otherwise give a document with the first
 * product's identity and the second's numbers.
 *
 * pcf batch (o->product_id set) answers for many products from one profile: the profile's product
 * keys are not used there; the catalogue row's id makes productIds and its cpc column the CPC,
 * else the product file's. A process footprint (no product file) takes the profile's keys as
 * they are. Product file values win over a matching profile's. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pact_internal.h"

static const char *const product_keys[][2] = {{"product", "ids"},
                                              {"product", "id"},
                                              {"product", "category_cpc"},
                                              {"product", "name_company"},
                                              {"product", "description"},
                                              {"footprint", "id"},
                                              {"footprint", "fossil_carbon_content_kg"},
                                              {"footprint", "biogenic_carbon_content_kg"}};

static const char *given(const pcf_profile *p, const char *section, const char *key) {
  const char *v = pcf_profile_get(p, section, key);
  return v && *v ? v : NULL;
}

/* The i-th item of a comma-separated list, trimmed, into buf; NULL after the last. */
static const char *item(const char *list, size_t i, char *buf, size_t size) {
  for (const char *s = list; *s;) {
    while (isspace((unsigned char)*s) || *s == ',') s++;
    size_t n = strcspn(s, ",");
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (!n) break;
    if (i-- == 0) return snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), s), buf;
    s += strcspn(s, ",");
  }
  return NULL;
}

/* 1 when the comma-separated URN list names the product: a URN equal to one of the product
 * file's ids, or ending in ":<id>". */
static int urns_name(const char *list, const char *ids, const char *id) {
  char a[512], b[512];
  size_t idn = id ? strlen(id) : 0;
  for (size_t i = 0; item(list, i, a, sizeof a); i++) {
    size_t len = strlen(a);
    if (idn && len > idn && a[len - idn - 1] == ':' && strcasecmp(a + len - idn, id) == 0) return 1;
    for (size_t k = 0; ids && item(ids, k, b, sizeof b); k++)
      if (strcasecmp(a, b) == 0) return 1;
  }
  return 0;
}

/* Refuses a profile whose product keys belong to another product (single product documents). */
static int check_profile(const pcf_pact_options *o, pcf_error *err) {
  const pcf_profile *p = o->profile;
  const char *first = NULL;
  for (size_t i = 0; i < sizeof product_keys / sizeof *product_keys && !first; i++)
    if (given(p, product_keys[i][0], product_keys[i][1])) first = product_keys[i][1];
  if (!first) return 0;
  const pcf_product *x = o->product;
  const char *id = pcf_product_id(x), *ids = pcf_product_ids(x);
  const char *p_id = given(p, "product", "id"), *p_ids = given(p, "product", "ids"),
             *p_name = given(p, "product", "name_company");
  const char *name = pcf_product_name(x), *name_company = pcf_product_name_company(x);
  int named = p_id || p_ids || p_name;
  int same = (p_id && id && *id && strcasecmp(p_id, id) == 0) || (p_ids && urns_name(p_ids, ids, id)) ||
             (p_name && ((name && strcmp(p_name, name) == 0) || (name_company && strcmp(p_name, name_company) == 0)));
  if (same) return 0;
  if (!named)
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_profile_path(p), 0,
                         "the profile gives product keys (%s) without saying which product they are for; product "
                         "identity (ids, category_cpc, description) belongs in the product file's [product] section "
                         "(%s), the profile holds the company and the request",
                         first, pcf_product_path(x));
  return pcf_error_set(err, PCF_ERR_INPUT, pcf_profile_path(p), 0,
                       "the profile answers for another product (\"%s\"), not for %s (\"%s\"%s%s): move the product "
                       "keys (ids, category_cpc, description, name_company) to the product file's [product] section "
                       "and keep the company and the request in the profile",
                       p_name ? p_name
                       : p_id ? p_id
                              : p_ids,
                       pcf_product_path(x), name, id && *id ? ", id " : "", id && *id ? id : "");
}

int pcf__pact_identity_resolve(pact_identity *out, const pcf_result *r, const pcf_pact_options *o, pcf_error *err) {
  memset(out, 0, sizeof *out);
  const pcf_product *x = o->product;
  const char *id = o->product_id ? o->product_id : x ? pcf_product_id(x) : NULL;
  if (id && *id) snprintf(out->urn, sizeof out->urn, "urn:pathfinder:product:customcode:vendor-assigned:%s", id);
  if (o->product_id) { /* pcf batch: the catalogue row names the product */
    out->ids = out->urn;
    out->cpc = o->category_cpc && *o->category_cpc ? o->category_cpc : x ? pcf_product_cpc(x) : NULL;
    out->description = x && pcf_product_description(x) ? pcf_product_description(x) : pcf_result_name(r);
    out->name = pcf_result_name(r);
    out->cpc_hint = "a cpc column in the catalogue or [product] category_cpc in the product file";
    return 0;
  }
  if (x) {
    if (o->profile && check_profile(o, err)) return err->code;
    out->profile_matches = 1;
    out->ids = pcf_product_ids(x);
    out->cpc = pcf_product_cpc(x);
    out->description = pcf_product_description(x);
    out->name = pcf_product_name_company(x);
    out->cpc_hint = "[product] category_cpc in the product file";
  } else {
    out->profile_matches = 1;
    out->cpc_hint = "[product] category_cpc in the profile";
  }
  /* A matching profile (or a process footprint's) fills what the product file leaves out. */
  if (!out->ids) out->ids = given(o->profile, "product", "ids");
  if (!out->cpc) out->cpc = given(o->profile, "product", "category_cpc");
  if (!out->description) out->description = given(o->profile, "product", "description");
  if (!out->name) out->name = given(o->profile, "product", "name_company");
  if (!out->ids && out->urn[0]) out->ids = out->urn;
  if (!out->description) out->description = pcf_result_name(r);
  if (!out->name) out->name = pcf_result_name(r);
  return 0;
}
