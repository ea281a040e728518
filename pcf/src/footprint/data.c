/* data.c: the data a footprint needs, loaded once and read-only from then on: ILCD datasets (bundled
 * package and the user's), the material and service maps, the provider map, and the system linked
 * and characterised for one method. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <ilcd/cache.h>

#include "csv.h"
#include "data_internal.h"

const char *pcf_bundled_dir(void) {
  const char *env = getenv("PCF_DATA");
  if (env && *env) return env;
  struct stat st;
  if (stat(PCF_SOURCE_DATADIR "/ILCD", &st) == 0) return PCF_SOURCE_DATADIR;
  return PCF_DATADIR;
}

int pcf_bundled_cache_dir(char *buf, size_t size) {
  int w;
  if (strcmp(pcf_bundled_dir(), PCF_SOURCE_DATADIR) == 0) {
    w = snprintf(buf, size, "%s", PCF_BUILD_CACHEDIR); /* a developer's build: beside its binaries */
  } else {
    /* XDG Base Directory Specification 0.8: a relative XDG_CACHE_HOME is ignored. A parent
     * that cannot be made shows up as the cache folder's error, and the XML is read. */
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/') {
      (void)mkdir(xdg, 0700);
      w = snprintf(buf, size, "%s/pcf", xdg);
    } else if (home && home[0] == '/') {
      w = snprintf(buf, size, "%s/.cache", home);
      if (w > 0 && (size_t)w < size) (void)mkdir(buf, 0700);
      w = snprintf(buf, size, "%s/.cache/pcf", home);
    } else {
      return -1;
    }
  }
  return w > 0 && (size_t)w < size ? 0 : -1;
}

static int ilcd_to_pcf(const ilcd_error *ie, int rc, pcf_error *err) {
  /* Out of memory stays an internal error (exit 2), whatever step of the load met it. */
  int code = rc == ILCD_ERR_NOMEM || ie->code == ILCD_ERR_NOMEM ? PCF_ERR_NOMEM
             : rc == ILCD_ERR_IO                                ? PCF_ERR_IO
                                                                : PCF_ERR_INPUT;
  if (ie->uuid[0]) return pcf_error_set(err, code, ie->path, ie->line, "%s (data set %s)", ie->message, ie->uuid);
  return pcf_error_set(err, code, ie->path, ie->line, "%s", ie->message);
}

static int load_map(pcf_matmap *m, const char *path, pcf_error *err) { return pcf_matmap_load(m, path, err); }

/* Provider map: a CSV with a `process` column; each named process becomes the provider of its
 * reference flow. */
static int load_providers(pcf_data *d, const char *path, pcf_error *err) {
  pcf_csv *csv;
  int rc = pcf_csv_read(&csv, path, 0, err);
  if (rc) return rc;
  long col = -1;
  for (size_t c = 0; c < pcf_csv_fields(csv, 0); c++)
    if (strcasecmp(pcf_csv_field(csv, 0, c), "process") == 0) col = (long)c;
  if (col < 0) rc = pcf_error_set(err, PCF_ERR_INPUT, path, 1, "provider map has no \"process\" column");
  for (size_t r = 1; !rc && r < pcf_csv_rows(csv); r++) {
    ilcd_uuid u;
    const char *id = pcf_csv_field(csv, r, (size_t)col);
    if (ilcd_uuid_parse(&u, id))
      rc = pcf_error_set(err, PCF_ERR_INPUT, path, pcf_csv_line(csv, r), "\"%s\" is not a process UUID", id);
    else
      rc = pcf_system_prefer(d->system, &u, err);
  }
  pcf_csv_free(csv);
  return rc;
}

static int load(pcf_data *d, const pcf_data_options *o, pcf_error *err) {
  d->materials = pcf_matmap_new();
  d->services = pcf_matmap_new();
  if (ilcd_db_new(&d->db) || !d->materials || !d->services) return pcf_error_nomem(err);
  ilcd_error ie = {0};
  int rc = 0;
  if (o->bundled) {
    const char *dir = pcf_bundled_dir(), *cache = o->cache_dir;
    char path[1024], own[1024];
    ilcd_error unusable = {0};
    /* The bundled package is the same XML for every footprint: read through its own cache unless
     * told otherwise; a folder that cannot serve means the XML, never an error. */
    if (!cache && !o->no_bundled_cache && pcf_bundled_cache_dir(own, sizeof own) == 0 &&
        ilcd_cache_dir_check(own, &unusable) == 0)
      cache = own;
    snprintf(path, sizeof path, "%s/ILCD", dir);
    if ((rc = ilcd_db_load_cached(d->db, path, cache, NULL, &ie))) return ilcd_to_pcf(&ie, rc, err);
    snprintf(path, sizeof path, "%s/materials.csv", dir);
    if ((rc = load_map(d->materials, path, err))) return rc;
    /* Resolved against the bundled map alone: the defaults belong to the bundled materials. */
    snprintf(path, sizeof path, "%s/cff_defaults.csv", dir);
    struct stat st;
    if (stat(path, &st) == 0 && (rc = pcf_cff_defaults_load(&d->cff_defaults, path, d->materials, err))) return rc;
    snprintf(path, sizeof path, "%s/services.csv", dir);
    if ((rc = load_map(d->services, path, err))) return rc;
  }
  for (size_t i = 0; i < o->n_paths; i++)
    if ((rc = ilcd_db_load_cached(d->db, o->paths[i], o->cache_dir, NULL, &ie))) return ilcd_to_pcf(&ie, rc, err);
  for (size_t i = 0; i < o->n_materials; i++)
    if ((rc = load_map(d->materials, o->materials[i], err))) return rc;
  for (size_t i = 0; i < o->n_services; i++)
    if ((rc = load_map(d->services, o->services[i], err))) return rc;
  if (ilcd_db_check(d->db)) return pcf_error_nomem(err);
  pcf_method_set m;
  if ((rc = pcf_method_find(d->db, o->method, &m, err))) return rc;
  if ((rc = pcf_system_new(&d->system, d->db, &m, err))) return rc;
  if (o->providers && (rc = load_providers(d, o->providers, err))) return rc;
  /* Air transport: services of kind transport named "air" are flagged as aircraft. */
  const pcf_material *air = pcf_matmap_find(d->services, "air");
  ilcd_uuid u;
  if (air && !ilcd_uuid_parse(&u, air->process)) pcf_system_flag_aircraft(d->system, &u);
  if ((rc = pcf_system_finish(d->system, err))) return rc;
  return pcf__material_memo_new(&d->memo, pcf_matmap_count(d->materials), err);
}

int pcf_data_open(pcf_data **out, const pcf_data_options *o, pcf_error *err) {
  *out = NULL;
  pcf_data *d = calloc(1, sizeof *d);
  if (!d) return pcf_error_nomem(err);
  int rc = load(d, o, err);
  if (rc) {
    pcf_data_free(d);
    return rc;
  }
  *out = d;
  return 0;
}

/* list then more, in a new array the caller frees (NULL when out of memory). */
static const char **join(const char *first, const char *const *more, size_t n_more, size_t *n) {
  const char **v = malloc((n_more + 1) * sizeof *v);
  if (!v) return NULL;
  *n = 0;
  if (first && *first) v[(*n)++] = first;
  for (size_t i = 0; i < n_more; i++) v[(*n)++] = more[i];
  return v;
}

int pcf_data_open_product(pcf_data **out, const pcf_product *p, const pcf_data_options *options, pcf_error *err) {
  *out = NULL;
  if (!p) return pcf_data_open(out, options, err);
  pcf_data_options o = *options;
  size_t np = pcf_product_data_count(p), n = np + options->n_paths;
  const char **paths = malloc((n ? n : 1) * sizeof *paths);
  const char **materials = join(pcf_product_materials(p), options->materials, options->n_materials, &o.n_materials);
  const char **services = join(pcf_product_services(p), options->services, options->n_services, &o.n_services);
  int rc;
  if (!paths || !materials || !services) {
    rc = pcf_error_nomem(err);
  } else {
    for (size_t i = 0; i < np; i++) paths[i] = pcf_product_data(p, i);
    for (size_t i = 0; i < options->n_paths; i++) paths[np + i] = options->paths[i];
    o.paths = paths;
    o.n_paths = n;
    o.materials = materials;
    o.services = services;
    o.bundled = options->bundled && pcf_product_bundled(p);
    if (!o.method) o.method = pcf_product_method(p);
    rc = pcf_data_open(out, &o, err);
  }
  free(paths);
  free(materials);
  free(services);
  return rc;
}

void pcf_data_free(pcf_data *d) {
  if (!d) return;
  pcf_system_free(d->system);
  pcf_matmap_free(d->materials);
  pcf_matmap_free(d->services);
  pcf_cff_defaults_free(d->cff_defaults);
  pcf__material_memo_free(d->memo);
  ilcd_db_free(d->db);
  free(d);
}

const ilcd_db *pcf_data_db(const pcf_data *d) { return d->db; }
const pcf_system *pcf_data_system(const pcf_data *d) { return d->system; }
