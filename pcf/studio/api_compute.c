/* api_compute.c: what the page asks the library: a design's footprint (pcf footprint --format
 * json), its variants compared (pcf compare --format json, with P(design < base) from a Monte
 * Carlo over the default uncertainty of the data-quality ratings when asked), the PACT document
 * and the HTML study report, the materials search (pcf materials TERM --format json) and the
 * save. Every computation writes the design's files into the session's folder and reads them
 * with the product reader: the same path as the command's, so the numbers are the command's. */
#include <pcf/html.h>
#include <pcf/materials.h>
#include <pcf/variant.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

/* Writes design into the session's folder; 0, 1 when reply holds the error, or PCF_ERR_NOMEM. */
/* 1 once reply holds an answer, else studio_reply_error's PCF_ERR_NOMEM. */
static int answered(int rc) { return rc ? rc : 1; }

static int stage_files(studio *s, const json_t *design, char *ini, size_t size, studio_reply *reply) {
  char key[2048], msg[4600];
  studio_data_key(design, key, sizeof key);
  if (strcmp(key, s->data_key) != 0)
    return answered(studio_reply_error(reply, 409,
                                       "this design asks for other data than the session loaded ([product] method, "
                                       "data, materials, services or bundled changed): save it and restart pcf studio "
                                       "on it"));
  char bom[4200];
  snprintf(ini, size, "%s/product.ini", s->tmp_dir);
  snprintf(bom, sizeof bom, "%s/bom.csv", s->tmp_dir);
  pcf_error err = {0};
  int rc = studio_design_write(design, ini, bom, "bom.csv", s->product_dir, NULL, &err);
  if (rc == PCF_ERR_NOMEM) return rc;
  if (rc) return studio_error_text(s, &err, msg, sizeof msg), answered(studio_reply_error(reply, 422, msg));
  return 0;
}

/* The library's error as the page's answer: 1 (reply set) or PCF_ERR_NOMEM. */
static int fail(studio *s, const pcf_error *err, studio_reply *reply) {
  char msg[4600];
  if (err->code == PCF_ERR_NOMEM) return PCF_ERR_NOMEM;
  studio_error_text(s, err, msg, sizeof msg);
  unsigned status = err->code == PCF_ERR_INTERNAL || err->code == PCF_ERR_SINGULAR ? 500 : 422;
  return answered(studio_reply_error(reply, status, msg));
}

static int read_product(studio *s, const char *ini, pcf_product **p, pcf_error *err) {
  const pcf_override rule = {"end_of_life", "rule", s->rule};
  return pcf_product_read_with(p, ini, &rule, s->rule ? 1 : 0, err);
}

/* A writer's text as the reply. */
typedef int (*text_fn)(const void *ctx, FILE *f, pcf_error *err);
static int reply_text(studio *s, text_fn fn, const void *ctx, const char *type, studio_reply *reply) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return PCF_ERR_NOMEM;
  pcf_error err = {0};
  int rc = fn(ctx, f, &err);
  if (fclose(f) && !rc) rc = PCF_ERR_NOMEM;
  if (rc) {
    free(buf);
    if (!err.code) err.code = rc;
    if (!err.message[0]) snprintf(err.message, sizeof err.message, "the answer could not be written");
    return fail(s, &err, reply) > 0 ? 0 : PCF_ERR_NOMEM;
  }
  reply->status = 200;
  reply->type = type;
  reply->body = buf;
  reply->len = len;
  return 0;
}

static int result_json(const void *ctx, FILE *f, pcf_error *err) {
  (void)err;
  return pcf_result_write_json(ctx, f);
}

int studio_footprint(studio *s, const json_t *design, studio_reply *reply) {
  char ini[4200];
  int rc = stage_files(s, design, ini, sizeof ini, reply);
  if (rc) return rc < 0 ? rc : 0;
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  if (read_product(s, ini, &p, &err) || pcf_footprint_product(&r, s->data, p, &err))
    rc = fail(s, &err, reply);
  else
    rc = reply_text(s, result_json, r, "application/json", reply);
  pcf_result_free(r);
  pcf_product_free(p);
  return rc < 0 ? rc : 0;
}

static int comparison_json(const void *ctx, FILE *f, pcf_error *err) {
  (void)err;
  return pcf_comparison_write_json(ctx, f);
}

int studio_compare(studio *s, const json_t *design, size_t draws, studio_reply *reply) {
  char ini[4200];
  int rc = stage_files(s, design, ini, sizeof ini, reply);
  if (rc) return rc < 0 ? rc : 0;
  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_comparison *cmp = NULL;
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  o.rule = s->rule;
  o.uncertainty = draws;
  if (draws) o.pedigree = s->pedigree, o.pedigree_ctx = s->pedigree_ctx;
  if (pcf_variant_set_read(&set, ini, &err) || pcf_compare_run(&cmp, s->data, set, &o, &err))
    rc = fail(s, &err, reply);
  else
    rc = reply_text(s, comparison_json, cmp, "application/json", reply);
  pcf_comparison_free(cmp);
  pcf_variant_set_free(set);
  return rc < 0 ? rc : 0;
}

typedef struct export_ctx {
  const pcf_result *r;
  const pcf_pact_options *pact;
  const pcf_report_extras *extras;
  const char *format;
} export_ctx;

static int export_text(const void *ctx, FILE *f, pcf_error *err) {
  const export_ctx *x = ctx;
  if (strcmp(x->format, "pact") == 0) return pcf_pact_write(x->r, x->pact, f, err);
  if (strcmp(x->format, "pact3") == 0) return pcf_pact_write_v3(x->r, x->pact, f, err);
  return pcf_html_report(x->r, x->pact, x->extras, f, err);
}

int studio_export(studio *s, const json_t *design, const char *format, studio_reply *reply) {
  if (strcmp(format, "pact") && strcmp(format, "pact3") && strcmp(format, "html"))
    return studio_reply_error(reply, 400, "format: pact, pact3 or html");
  if (strcmp(format, "html") && !s->profile)
    return studio_reply_error(reply, 422,
                              "a PACT document needs the company and request details: start pcf studio with "
                              "--profile FILE (see cases/profile.ini)");
  char ini[4200];
  int rc = stage_files(s, design, ini, sizeof ini, reply);
  if (rc) return rc < 0 ? rc : 0;
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  pcf_variant_set *set = NULL;
  pcf_comparison *sens = NULL;
  pcf_compare_options co = PCF_COMPARE_OPTIONS_INIT;
  co.contributions = 0;
  co.rule = s->rule;
  /* the report shows the base design's sensitivity, as pcf footprint --format html does */
  if (read_product(s, ini, &p, &err) || pcf_footprint_product(&r, s->data, p, &err) ||
      (strcmp(format, "html") == 0 &&
       (pcf_variant_set_read(&set, ini, &err) || pcf_compare_run(&sens, s->data, set, &co, &err)))) {
    rc = fail(s, &err, reply);
  } else {
    pcf_pact_options pact = {.profile = s->profile, .product = p, .db = pcf_data_db(s->data), .method = s->method};
    pcf_report_extras extras = {.data = s->data, .sensitivity = sens};
    export_ctx x = {r, &pact, &extras, format};
    rc = reply_text(s, export_text, &x, strcmp(format, "html") == 0 ? "text/html; charset=utf-8" : "application/json",
                    reply);
  }
  pcf_comparison_free(sens);
  pcf_variant_set_free(set);
  pcf_result_free(r);
  pcf_product_free(p);
  return rc < 0 ? rc : 0;
}

static int materials_json(const void *ctx, FILE *f, pcf_error *err) {
  (void)err;
  return pcf_materials_write_json(ctx, f) ? PCF_ERR_IO : 0;
}

int studio_materials(studio *s, const char *term, studio_reply *reply) {
  pcf_material_list list = {0};
  pcf_error err = {0};
  int rc = pcf_materials_find(&list, s->data, term, &err)
               ? fail(s, &err, reply)
               : reply_text(s, materials_json, &list, "application/json", reply);
  pcf_material_list_free(&list);
  return rc < 0 ? rc : 0;
}

int studio_save(studio *s, const json_t *design, studio_reply *reply) {
  /* only a design that footprints is saved (the staged copy must read and find its data), so
   * that the files on disk always give the footprint the page showed */
  char ini[4200], bom[4200];
  int rc = stage_files(s, design, ini, sizeof ini, reply);
  if (rc) return rc < 0 ? rc : 0;
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  rc = read_product(s, ini, &p, &err) || pcf_footprint_product(&r, s->data, p, &err);
  pcf_result_free(r);
  pcf_product_free(p);
  if (rc) return fail(s, &err, reply) < 0 ? PCF_ERR_NOMEM : 0;
  snprintf(bom, sizeof bom, "%s/bom.csv", s->product_dir);
  err = (pcf_error){0};
  rc = studio_design_write(design, s->product_path, bom, "bom.csv", NULL, s->write_file, &err);
  if (rc) return fail(s, &err, reply) < 0 ? PCF_ERR_NOMEM : 0;
  json_t *o = json_pack("{s:s,s:s?}", "product", s->product_path, "bom",
                        json_is_object(json_object_get(design, "bom")) ? bom : NULL);
  char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (!text) return PCF_ERR_NOMEM;
  *reply = (studio_reply){200, "application/json", text, strlen(text)};
  return 0;
}
