/* cli_store.c: --store DB of pcf footprint and pcf batch: a result's PACT documents (v2.3 and
 * v3.0) stored with their history (pcf/serve/store.h) for pcf serve to answer from. The store
 * (SQLite) is the module pcfstore.so, loaded here on the first --store (cli_helper.c says why it
 * is not linked). */
#include <dlfcn.h>
#include <unistd.h>
#include <pcf/pact.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store/store_module.h"

/* Set once, before a batch's threads start (cli_store_open), and only read after. */
static const pcf_store_module *module;

static int load(pcf_error *err) {
  if (module) return 0;
  char path[4096], tried[3 * 4096 + 8];
  if (cli_helper_find(PCF_STORE_MODULE, PCF_STORE_MODULE_RELDIR, PCF_STORE_MODULE_DIR, R_OK, path, sizeof path, tried,
                      sizeof tried))
    return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0,
                         "--store: the footprint store is the module %s, which is missing (looked for %s): "
                         "reinstall pcf",
                         PCF_STORE_MODULE, tried);
  /* Never closed: SQLite keeps its state until exit. */
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) return pcf_error_set(err, PCF_ERR_INTERNAL, path, 0, "--store: cannot load the store module: %s", dlerror());
  const pcf_store_module *m = dlsym(h, PCF_STORE_MODULE_SYMBOL);
  if (!m || m->abi != PCF_STORE_MODULE_ABI || !m->version || strcmp(m->version, PCF_VERSION) != 0) {
    dlclose(h);
    return pcf_error_set(err, PCF_ERR_INTERNAL, path, 0,
                         "--store: not the store module of this pcf (%s): reinstall pcf", PCF_VERSION);
  }
  module = m;
  return 0;
}

int cli_store_open(pcf_store **out, const char *uri, pcf_error *err) {
  *out = NULL;
  int rc = load(err);
  return rc ? rc : module->open(out, uri, 0, err);
}

void cli_store_close(pcf_store *store) {
  if (store) module->close(store);
}

int cli_store_result(pcf_store *store, const pcf_result *r, const pcf_pact_options *o, int quiet, pcf_error *err) {
  char *v2 = NULL, *v3 = NULL;
  int rc = pcf_pact_documents(r, o, &v2, &v3, err);
  pcf_store_put_result res;
  if (!rc) rc = module->put(store, v2, v3, &res, err);
  free(v2);
  free(v3);
  if (!rc && !quiet) {
    if (res.unchanged)
      fprintf(stderr, "pcf: store: %s unchanged (footprint %s, version %ld)\n", pcf_result_name(r), res.id,
              res.version);
    else
      fprintf(stderr, "pcf: store: %s stored as footprint %s, version %ld%s\n", pcf_result_name(r), res.id, res.version,
              res.deprecated ? " (the earlier version deprecated)" : "");
  }
  return rc;
}
