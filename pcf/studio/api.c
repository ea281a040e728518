/* api.c: the JSON API under the page (openapi.yaml): routes a request to its computation.
 *   GET  /api/design             the product's files as a design (read from disk each time)
 *   POST /api/footprint          {"design"}                  -> pcf footprint --format json
 *   POST /api/compare            {"design", "draws"?}        -> pcf compare --format json
 *   GET  /api/materials?q=TERM                               -> pcf materials TERM --format json
 *   POST /api/save               {"design"}                  -> product.ini and bom.csv written
 *   POST /api/export             {"design", "format"}        -> PACT JSON or the HTML report */
#include <pcf/uncertainty.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

static int design_reply(studio *s, studio_reply *reply) {
  json_t *d = NULL;
  pcf_error err = {0};
  if (studio_design_load(&d, s->product_path, &err)) {
    if (err.code == PCF_ERR_NOMEM) return PCF_ERR_NOMEM;
    char msg[4600];
    studio_error_text(s, &err, msg, sizeof msg);
    return studio_reply_error(reply, 422, msg);
  }
  json_t *o = json_pack("{s:o,s:s}", "design", d, "path", s->product_path);
  char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (!text) return PCF_ERR_NOMEM;
  *reply = (studio_reply){200, "application/json", text, strlen(text)};
  return 0;
}

int studio_api(studio *s, const char *method, const char *path, const char *query, const char *body, size_t len,
               studio_reply *reply) {
  *reply = (studio_reply){0};
  const int get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
  if (strcmp(path, "design") == 0 && get) return design_reply(s, reply);
  if (strcmp(path, "materials") == 0 && get) return studio_materials(s, query ? query : "", reply);
  if (strcmp(path, "footprint") && strcmp(path, "compare") && strcmp(path, "save") && strcmp(path, "export"))
    return studio_reply_error(reply, 404, "no such API: see openapi.yaml");
  if (!post) return studio_reply_error(reply, 405, "this API takes POST");
  json_error_t jerr;
  json_t *req = body ? json_loadb(body, len, 0, &jerr) : NULL;
  if (!req || !json_is_object(json_object_get(req, "design"))) {
    char msg[300];
    snprintf(msg, sizeof msg, "the body is a JSON object with a \"design\" (%s)", req ? "missing" : jerr.text);
    json_decref(req);
    return studio_reply_error(reply, 400, msg);
  }
  const json_t *design = json_object_get(req, "design");
  int rc;
  if (strcmp(path, "footprint") == 0) {
    rc = studio_footprint(s, design, reply);
  } else if (strcmp(path, "compare") == 0) {
    json_int_t draws = json_integer_value(json_object_get(req, "draws"));
    if (draws < 0 || draws > 100000)
      rc = studio_reply_error(reply, 400, "draws: 0 to 100000");
    else
      rc = studio_compare(s, design, (size_t)draws, reply);
  } else if (strcmp(path, "save") == 0) {
    rc = studio_save(s, design, reply);
  } else {
    const char *format = json_string_value(json_object_get(req, "format"));
    rc = studio_export(s, design, format ? format : "", reply);
  }
  json_decref(req);
  return rc;
}
