/* uncertainty_inputs.c: the user's uncertainty on a product's inputs, one distribution per
 * product override key ("bom.Body.scale = lognormal 1.1"), read with libinih (see
 * pcf/uncertainty.h for the syntax). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini_file.h"
#include "input_file.h"
#include "pcf/uncertainty.h"
#include "uncertainty_dist.h"

typedef struct reader {
  pcf_unc_inputs *in;
  size_t cap;
  const char *path;
  pcf_error *err;
  int rc;
} reader;

static int handler(void *user, const char *section, const char *name, const char *value, long line) {
  reader *r = user;
  (void)section;
  const char *dot = strchr(name, '.');
  if (!dot || dot == name || !dot[1]) {
    r->rc = pcf_error_set(r->err, PCF_ERR_PARSE, r->path, line,
                          "\"%s\": the key must be <section>.<key> of the product file (bom.<part>.scale, "
                          "distribution.<transport>, use.years...)",
                          name);
    return 0;
  }
  if (r->in->count == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 8;
    pcf_unc_input *v = realloc(r->in->items, cap * sizeof *v);
    if (!v) {
      r->rc = pcf_error_nomem(r->err);
      return 0;
    }
    r->in->items = v;
    r->cap = cap;
  }
  pcf_unc_input *it = &r->in->items[r->in->count];
  memset(it, 0, sizeof *it);
  size_t ls = (size_t)(dot - name), lk = strlen(dot + 1);
  if (ls >= sizeof it->section || lk >= sizeof it->key) {
    r->rc = pcf_error_set(r->err, PCF_ERR_PARSE, r->path, line, "\"%s\": key too long", name);
    return 0;
  }
  memcpy(it->section, name, ls);
  memcpy(it->key, dot + 1, lk + 1);
  int rc = pcf_dist_parse(&it->dist, value, it->unit, sizeof it->unit, r->err);
  if (rc) {
    char msg[sizeof r->err->message];
    snprintf(msg, sizeof msg, "%.100s: %.600s", name, r->err->message);
    r->rc = pcf_error_set(r->err, rc, r->path, line, "%s", msg);
    return 0;
  }
  it->hash = pcf_rng_hash(name, strlen(name));
  it->line = line;
  snprintf(it->text, sizeof it->text, "%s", value);
  r->in->count++;
  return 1;
}

int pcf_unc_inputs_read(pcf_unc_inputs **out, const char *path, pcf_error *err) {
  *out = calloc(1, sizeof **out);
  if (!*out || !((*out)->path = strdup(path))) return pcf_error_nomem(err);
  reader r = {*out, 0, path, err, 0};
  int rc = pcf_ini_read(path, "uncertainty inputs file", PCF_INI_MAX_FILE, handler, &r, NULL, err);
  if (r.rc) rc = r.rc;
  if (rc) { /* the ownership rule (error.h) */
    pcf_unc_inputs_free(*out);
    *out = NULL;
  }
  return rc;
}

void pcf_unc_inputs_free(pcf_unc_inputs *in) {
  if (!in) return;
  free(in->items);
  free(in->path);
  free(in);
}

size_t pcf_unc_inputs_count(const pcf_unc_inputs *in) { return in ? in->count : 0; }
