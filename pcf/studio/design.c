/* design.c: a product's files as one design document (studio.h): read from product.ini and the
 * BOM it names, written back for a computation (a private folder) or a save (the product's own
 * folder, each file replaced atomically by the caller's write rule). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "studio.h"

/* Files the page edits are small: the product reader's own limit for INI files is 1 MiB. */
enum { MAX_FILE = 4 << 20 };

static int slurp(const char *path, char **text, size_t *len, pcf_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
  char *buf = malloc(MAX_FILE + 1);
  if (!buf) return fclose(f), pcf_error_nomem(err);
  size_t n = fread(buf, 1, MAX_FILE + 1, f);
  int bad = ferror(f);
  fclose(f);
  if (bad || n > MAX_FILE) {
    free(buf);
    return pcf_error_set(err, PCF_ERR_IO, path, 0, bad ? "cannot be read" : "larger than 4 MiB");
  }
  buf[n] = 0;
  *text = buf;
  *len = n;
  return 0;
}

static const char template_ini[] =
    "; A new product: its name, declared unit and bill of materials (bom.csv)\n"
    "[product]\n"
    "name = New product\n"
    "declared_unit = 1 piece\n"
    "bom = bom.csv\n";
static const char template_bom[] =
    "level,part number,name,quantity,unit,material,mass (kg)\n"
    "0,P-1,New product,1,pcs,,\n";

static const char *sv(const json_t *v) {
  const char *s = json_string_value(v);
  return s ? s : "";
}

const char *studio_design_product_value(const json_t *design, const char *key) {
  const json_t *sec, *e;
  size_t i, k;
  json_array_foreach(json_object_get(json_object_get(design, "ini"), "sections"), i, sec) {
    if (strcmp(sv(json_object_get(sec, "name")), "product")) continue;
    json_array_foreach(json_object_get(sec, "entries"), k, e) {
      const char *name = json_string_value(json_object_get(e, "key"));
      if (name && strcasecmp(name, key) == 0) return sv(json_object_get(e, "value"));
    }
  }
  return "";
}

int studio_design_load(json_t **out, const char *ini_path, pcf_error *err) {
  *out = NULL;
  char *text = NULL, *bom_text = NULL;
  size_t len = 0, bom_len = 0;
  json_t *design = json_object(), *ini = NULL, *bom = NULL;
  if (!design) return pcf_error_nomem(err);
  FILE *probe = fopen(ini_path, "rb");
  int fresh = !probe && errno == ENOENT;
  if (probe) fclose(probe);
  int rc = fresh ? studio_ini_parse(&ini, template_ini, sizeof template_ini - 1, ini_path, err)
                 : slurp(ini_path, &text, &len, err);
  if (!rc && !fresh) rc = studio_ini_parse(&ini, text, len, ini_path, err);
  if (rc || json_object_set_new(design, "ini", ini)) goto fail;
  const char *bom_name = studio_design_product_value(design, "bom");
  if (fresh) {
    rc = studio_csv_parse(&bom, template_bom, sizeof template_bom - 1, "bom.csv", err);
  } else if (*bom_name && strcmp(bom_name, "none") != 0) {
    char path[8192];
    const char *slash = strrchr(ini_path, '/');
    if (*bom_name == '/' || !slash)
      snprintf(path, sizeof path, "%s", bom_name);
    else
      snprintf(path, sizeof path, "%.*s/%s", (int)(slash - ini_path), ini_path, bom_name);
    rc = slurp(path, &bom_text, &bom_len, err);
    if (!rc) rc = studio_csv_parse(&bom, bom_text, bom_len, path, err);
  }
  if (rc || json_object_set_new(design, "bom", bom ? bom : json_null())) goto fail;
  free(text);
  free(bom_text);
  *out = design;
  return 0;
fail:
  if (!rc) rc = pcf_error_nomem(err);
  free(text);
  free(bom_text);
  json_decref(design);
  return rc;
}

typedef struct emit_ctx {
  const json_t *design;
  const char *bom_name, *resolve_dir;
  pcf_error *err;
  int bom;
} emit_ctx;

static int emit(const void *ctx, FILE *f) {
  const emit_ctx *c = ctx;
  int rc = c->bom ? studio_csv_emit(json_object_get(c->design, "bom"), f, c->err)
                  : studio_ini_emit(json_object_get(c->design, "ini"), f, c->bom_name, c->resolve_dir, c->err);
  /* a write rule's writer returns an exit code (> 0) for errors it reported: err holds this one */
  return rc == PCF_ERR_IO ? -1 : rc ? 1 : 0;
}

static int write_one(const char *path, const emit_ctx *c, studio_write_fn write_file, pcf_error *err) {
  if (write_file) {
    char why[256] = "";
    int rc = write_file(path, emit, c, 0, why, sizeof why);
    if (rc > 0) return err->code ? err->code : pcf_error_set(err, PCF_ERR_INPUT, path, 0, "not written");
    if (rc < 0) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot be written: %s", why);
    return 0;
  }
  FILE *f = fopen(path, "w");
  if (!f) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot be written: %s", strerror(errno));
  int rc = emit(c, f);
  if (fclose(f) && !rc) rc = -1;
  if (rc > 0) return err->code;
  return rc ? pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot be written") : 0;
}

int studio_design_write(const json_t *design, const char *ini_path, const char *bom_path, const char *bom_name,
                        const char *resolve_dir, studio_write_fn write_file, pcf_error *err) {
  const json_t *bom = json_object_get(design, "bom");
  if (!json_is_object(json_object_get(design, "ini")))
    return pcf_error_set(err, PCF_ERR_INPUT, "", 0, "the design has no \"ini\" object");
  if (bom && !json_is_null(bom) && !json_is_object(bom))
    return pcf_error_set(err, PCF_ERR_INPUT, "", 0, "the design's \"bom\" is an object or null");
  const int has_bom = json_is_object(bom);
  const char *given = studio_design_product_value(design, "bom");
  if (!has_bom && strcmp(given, "none") != 0)
    return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0, "[product] bom = none for a product without a BOM");
  emit_ctx c = {design, has_bom ? bom_name : NULL, resolve_dir, err, 0};
  err->code = 0;
  int rc = 0;
  if (has_bom) {
    c.bom = 1;
    rc = write_one(bom_path, &c, write_file, err);
    c.bom = 0;
  }
  return rc ? rc : write_one(ini_path, &c, write_file, err);
}
