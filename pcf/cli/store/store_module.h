/* store_module.h: what the module pcfstore.so gives pcf: the footprint store (pcf/serve/store.h) for
 * --store of pcf footprint and pcf batch, loaded only when the option is given so that the other
 * runs never map SQLite (cli_helper.c says why). pcf looks the table up by PCF_STORE_MODULE_SYMBOL
 * and uses it only when abi equals its own PCF_STORE_MODULE_ABI and the version is its own: a
 * module from another build of pcf is refused, never called. */
#ifndef PCF_CLI_STORE_MODULE_H
#define PCF_CLI_STORE_MODULE_H

#include "store.h"

#define PCF_STORE_MODULE_SYMBOL "pcf_store_functions"
enum { PCF_STORE_MODULE_ABI = 1 };

typedef struct pcf_store_module {
  int abi;             /* PCF_STORE_MODULE_ABI */
  const char *version; /* PCF_VERSION of the build */
  int (*open)(pcf_store **out, const char *uri, int flags, pcf_error *err);
  int (*put)(pcf_store *s, const char *v2_json, const char *v3_json, pcf_store_put_result *res, pcf_error *err);
  void (*close)(pcf_store *s);
} pcf_store_module;

#endif
