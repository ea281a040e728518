/* cli_store.c: --store DB of pcf footprint and pcf batch: a result's PACT documents (v2.3 and
 * v3.0) stored with their history (store.h) for pcf serve to answer from. */
#include <pcf/pact.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "store.h"

int cli_store_result(pcf_store *store, const pcf_result *r, const pcf_pact_options *o, int quiet, pcf_error *err) {
  char *v2 = NULL, *v3 = NULL;
  int rc = pcf_pact_documents(r, o, &v2, &v3, err);
  pcf_store_put_result res;
  if (!rc) rc = pcf_store_put(store, v2, v3, &res, err);
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
