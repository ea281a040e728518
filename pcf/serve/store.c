/* store.c: the store interface (store.h): picks the backend by the URI's scheme. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

struct pcf_store {
  const pcf_store_backend *be;
  void *impl;
};

int pcf_store_open(pcf_store **out, const char *uri, int flags, pcf_error *err) {
  *out = NULL;
  if (!uri || !*uri) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "no store given");
  if (strncmp(uri, "postgresql:", 11) == 0 || strncmp(uri, "postgres:", 9) == 0)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "store %s: the PostgreSQL backend is not written yet (docs/serve.md); use a SQLite "
                         "file",
                         uri);
  const char *path = strncmp(uri, "sqlite:", 7) == 0 ? uri + 7 : uri;
  pcf_store *s = calloc(1, sizeof *s);
  if (!s) return pcf_error_nomem(err);
  int rc = pcf_store_sqlite_open(&s->impl, &s->be, path, flags, err);
  if (rc) return free(s), rc;
  *out = s;
  return 0;
}

void pcf_store_close(pcf_store *s) {
  if (!s) return;
  s->be->close(s->impl);
  free(s);
}

int pcf_store_put(pcf_store *s, const char *v2, const char *v3, pcf_store_put_result *res, pcf_error *err) {
  pcf_store_put_result tmp;
  return s->be->put(s->impl, v2, v3, res ? res : &tmp, err);
}

int pcf_store_list(pcf_store *s, int api, const pcf_store_filter *f, size_t offset, size_t limit, pcf_store_page *out,
                   pcf_error *err) {
  memset(out, 0, sizeof *out);
  if (api != 2 && api != 3) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "API version %d: 2 or 3", api);
  return s->be->list(s->impl, api, f, offset, limit, out, err);
}

void pcf_store_page_free(pcf_store_page *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) free(p->docs[i]);
  free(p->docs);
  memset(p, 0, sizeof *p);
}

int pcf_store_get(pcf_store *s, int api, const char *id, char **json, pcf_error *err) {
  *json = NULL;
  if (api != 2 && api != 3) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "API version %d: 2 or 3", api);
  return s->be->get(s->impl, api, id, json, err);
}

int pcf_store_count(pcf_store *s, size_t *n, pcf_error *err) { return s->be->count(s->impl, n, err); }
