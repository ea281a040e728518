/* data.h: the data a footprint uses, loaded once: ILCD data sets (the bundled package and the
 * user's folders and archives), the material and service maps, and the product system linked and
 * characterised for one GWP method (pcf/system.h). A pcf_data is read-only once open: footprints,
 * solutions and threads share it. */
#ifndef PCF_DATA_H
#define PCF_DATA_H

#include "pcf/export.h"

#include <ilcd/ilcd.h>
#include <stddef.h>

#include "pcf/error.h"
#include "pcf/product.h"
#include "pcf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_data_options {
  int bundled;              /* load the bundled datasets/ package */
  const char *const *paths; /* further ILCD folders, zips or files */
  size_t n_paths;
  const char *const *materials; /* further material maps, in order: a later map's names win */
  size_t n_materials;
  const char *const *services; /* further service maps, likewise */
  size_t n_services;
  const char *method;    /* "AR6" (default when NULL), "AR5", "AR4" or a UUID */
  const char *providers; /* provider map CSV (flow has several providers): column process */
  const char *cache_dir; /* binary caches of the ILCD data (ilcd/cache.h), one file per source;
                               NULL: the bundled package through its own cache (below), the other
                               sources from their XML */
  int no_bundled_cache;  /* with cache_dir NULL: read the bundled package's XML too */
} pcf_data_options;

typedef struct pcf_data pcf_data;

/* Folder of the bundled data: $PCF_DATA when set, else the source tree's datasets/ when it
 * exists, else the installed share/pcf. */
PCF_EXTERN const char *pcf_bundled_dir(void);

/* The folder of the bundled package's binary cache when no cache_dir is given: for the source
 * tree's datasets/ the build tree's cache/, else $XDG_CACHE_HOME/pcf (an absolute
 * XDG_CACHE_HOME), else ~/.cache/pcf; created (0700, with a missing ~/.cache or
 * $XDG_CACHE_HOME) when first used. Its files are written atomically (ilcd_db_save_cache), so
 * processes loading at once are safe. Where the folder cannot be made, is not the user's or may
 * be written by others (ilcd_cache_dir_check), or a cache cannot be written, the bundled package
 * is read from its XML: the same data, only slower. Returns 0 and the folder in buf, or -1 when
 * there is none (no HOME, or the name does not fit). */
PCF_EXTERN int pcf_bundled_cache_dir(char *buf, size_t size);

/* Loads the data and the maps, and links and characterises the system. Returns 0 or an error
 * naming the file; on error *out is NULL. */
PCF_EXTERN int pcf_data_open(pcf_data **out, const pcf_data_options *options, pcf_error *err);
/* The same for a product: its data paths come first (then options->paths), its material and
 * service maps (then options', whose names win), its method unless options->method is set, and
 * the bundled package when both options->bundled and the product ask for it. product NULL:
 * options alone. */
PCF_EXTERN int pcf_data_open_product(pcf_data **out, const pcf_product *product, const pcf_data_options *options,
                                     pcf_error *err);
PCF_EXTERN void pcf_data_free(pcf_data *data);
PCF_EXTERN const ilcd_db *pcf_data_db(const pcf_data *data);
PCF_EXTERN const pcf_system *pcf_data_system(const pcf_data *data);

#ifdef __cplusplus
}
#endif
#endif
