/* store_module.c: the module pcfstore.so (store_module.h): the footprint store's functions, with
 * SQLite, for pcf's --store. The only symbol it exports is their table. */
#include "store_module.h"

__attribute__((visibility("default"))) extern const pcf_store_module pcf_store_functions;
const pcf_store_module pcf_store_functions = {PCF_STORE_MODULE_ABI, PCF_VERSION, pcf_store_open, pcf_store_put,
                                              pcf_store_close};
