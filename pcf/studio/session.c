/* session.c: one pcf studio session: the product file it edits, the data loaded once for it, its
 * private folder for the computations' files, and the error answers the page shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "studio.h"

int studio_session_init(studio *s, const char *product_path, const pcf_data *data, pcf_error *err) {
  memset(s, 0, sizeof *s);
  s->data = data;
  if ((size_t)snprintf(s->product_path, sizeof s->product_path, "%s", product_path) >= sizeof s->product_path)
    return pcf_error_set(err, PCF_ERR_INPUT, product_path, 0, "path too long");
  const char *slash = strrchr(product_path, '/');
  if (slash)
    snprintf(s->product_dir, sizeof s->product_dir, "%.*s", slash == product_path ? 1 : (int)(slash - product_path),
             product_path);
  else if (!getcwd(s->product_dir, sizeof s->product_dir))
    return pcf_error_set(err, PCF_ERR_IO, ".", 0, "cannot name the current folder");
  const char *tmp = getenv("TMPDIR");
  snprintf(s->tmp_dir, sizeof s->tmp_dir, "%s/pcf-studio-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
  if (!mkdtemp(s->tmp_dir)) return pcf_error_set(err, PCF_ERR_IO, s->tmp_dir, 0, "cannot create the session's folder");
  return 0;
}

void studio_session_cleanup(studio *s) {
  if (!s->tmp_dir[0]) return;
  char path[4200];
  snprintf(path, sizeof path, "%s/product.ini", s->tmp_dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/bom.csv", s->tmp_dir);
  unlink(path);
  rmdir(s->tmp_dir);
  s->tmp_dir[0] = 0;
}

void studio_data_key(const json_t *design, char *out, size_t size) {
  static const char *const keys[] = {"method", "data", "materials", "services", "bundled"};
  size_t used = 0;
  out[0] = 0;
  for (size_t i = 0; i < sizeof keys / sizeof *keys && used < size; i++) {
    int w = snprintf(out + used, size - used, "%s=%s\n", keys[i], studio_design_product_value(design, keys[i]));
    if (w < 0) return;
    used += (size_t)w;
  }
}

void studio_error_text(const studio *s, const pcf_error *err, char *out, size_t size) {
  const char *path = err->path;
  size_t n = strlen(s->tmp_dir);
  if (n && strncmp(path, s->tmp_dir, n) == 0 && path[n] == '/') path += n + 1;
  if (*path && err->line)
    snprintf(out, size, "%s:%ld: %s", path, err->line, err->message);
  else if (*path)
    snprintf(out, size, "%s: %s", path, err->message);
  else
    snprintf(out, size, "%s", err->message);
  /* messages quote the session's folder too ("cannot read /tmp/pcf-studio-x/bom.csv") */
  char *p;
  while (n && (p = strstr(out, s->tmp_dir)) != NULL)
    memmove(p, p + n + (p[n] == '/'), strlen(p + n + (p[n] == '/')) + 1);
}

int studio_reply_error(studio_reply *reply, unsigned status, const char *message) {
  json_t *o = json_pack("{s:s}", "error", message);
  char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
  json_decref(o);
  if (!text) return PCF_ERR_NOMEM;
  reply->status = status;
  reply->type = "application/json";
  reply->body = text;
  reply->len = strlen(text);
  return 0;
}
