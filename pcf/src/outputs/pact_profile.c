/* pact_profile.c: the user's profile (INI, read with libinih): company and request details for
 * PACT documents and reports, kept out of code and out of product files because they belong to
 * the company answering, not to the product. Entries are kept in file order. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini_file.h"
#include "input_file.h"
#include "pcf/pact.h"

typedef struct entry {
  char *section, *key, *value;
} entry;

struct pcf_profile {
  char *path;
  entry *e;
  size_t n, cap;
  int oom;
};

static int on_value(void *user, const char *section, const char *key, const char *value, long line) {
  pcf_profile *p = user;
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 32;
    entry *e = realloc(p->e, cap * sizeof *e);
    if (!e) return p->oom = 1, 0;
    p->e = e;
    p->cap = cap;
  }
  entry *x = &p->e[p->n];
  x->section = strdup(section);
  x->key = strdup(key);
  x->value = strdup(value ? value : "");
  if (!x->section || !x->key || !x->value) {
    free(x->section), free(x->key), free(x->value);
    return p->oom = 1, 0;
  }
  p->n++;
  return 1;
}

int pcf_profile_read(pcf_profile **out, const char *path, pcf_error *err) {
  *out = NULL;
  pcf_profile *p = calloc(1, sizeof *p);
  if (!p || !(p->path = strdup(path))) {
    free(p);
    return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  }
  int rc = pcf_ini_read(path, "profile", PCF_INI_MAX_FILE, on_value, p, NULL, err);
  if (p->oom) rc = pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  if (rc) {
    pcf_profile_free(p);
    return rc;
  }
  *out = p;
  return 0;
}

void pcf_profile_free(pcf_profile *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) free(p->e[i].section), free(p->e[i].key), free(p->e[i].value);
  free(p->e);
  free(p->path);
  free(p);
}

const char *pcf_profile_get(const pcf_profile *p, const char *section, const char *key) {
  if (!p) return NULL;
  /* A key is given once per section (the reader refuses it twice). */
  for (size_t i = p->n; i-- > 0;)
    if (strcasecmp(p->e[i].section, section) == 0 && strcasecmp(p->e[i].key, key) == 0) return p->e[i].value;
  return NULL;
}

size_t pcf_profile_key_count(const pcf_profile *p, const char *section) {
  size_t n = 0;
  for (size_t i = 0; p && i < p->n; i++) n += strcasecmp(p->e[i].section, section) == 0;
  return n;
}

const char *pcf_profile_key(const pcf_profile *p, const char *section, size_t k, const char **value) {
  for (size_t i = 0; p && i < p->n; i++)
    if (strcasecmp(p->e[i].section, section) == 0 && k-- == 0) {
      if (value) *value = p->e[i].value;
      return p->e[i].key;
    }
  return NULL;
}

const char *pcf_profile_path(const pcf_profile *p) { return p ? p->path : ""; }
