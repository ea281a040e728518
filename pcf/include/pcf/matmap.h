/* matmap.h: the material map, from the material names BOMs use ("PP", "ABS 10% GF",
 * "Al 6061") to the ILCD process that produces the material, so that a BOM needs no UUIDs.
 *
 * A map is read from CSV files (see pcf/src/csv.h for the dialect: `,` `;` or TAB, quotes,
 * UTF-8, `#` comments) with a header naming the columns, matched case-insensitively:
 *   name     the material name (also "material", "material name"); required
 *   process  the process dataset UUID (also "process uuid", "dataset", "uuid"); required
 *   family   plastic, metal, glass, paper, wood, textile, electronics or other (plurals
 *            accepted); empty means other. Used for end-of-life defaults.
 *   note     free text (also "comment", "notes")
 *   proxy    empty, or why the process only stands in for the material (no dataset of its own):
 *            the footprint warns and the data-quality rating is lowered
 *   forming  the forming step the process includes ("extrusion", "casting"...), empty when it
 *            is unformed material: the footprint notes metal and plastic lines without one
 * Other columns are ignored and listed as warnings (pcf_matmap_warning).
 *
 * Names are compared normalised: leading and trailing white space dropped, ASCII letters
 * lower-cased, and each run of spaces, tabs, underscores and hyphens made one space, so
 * "Al-6061", "al 6061" and " AL__6061 " are one name. (Letters beyond ASCII are compared as
 * written.) Within one file a name may appear twice only with the same process; two different
 * processes for one name is an error naming both lines. Several files can be loaded into one
 * map: an entry of a later file replaces the entry of the same name from an earlier one (so a
 * project map loaded after the bundled one overrides it).
 *
 * Everything a map hands out is borrowed and lives until pcf_matmap_free().
 */
#ifndef PCF_MATMAP_H
#define PCF_MATMAP_H

#include "pcf/export.h"

#include <stddef.h>

#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pcf_family {
  PCF_FAMILY_OTHER = 0,
  PCF_FAMILY_PLASTIC,
  PCF_FAMILY_METAL,
  PCF_FAMILY_GLASS,
  PCF_FAMILY_PAPER,
  PCF_FAMILY_WOOD,
  PCF_FAMILY_TEXTILE,
  PCF_FAMILY_ELECTRONICS,
  PCF_FAMILY_COUNT
} pcf_family;

/* "plastic", "metal", ..., "other"; "?" for a value out of range. Static string. */
PCF_EXTERN const char *pcf_family_name(pcf_family family);

/* Parses a family name (case-insensitive, trimmed, singular or plural; "" is other). Returns
 * 0, or PCF_ERR_INPUT for an unknown name (*out untouched). */
PCF_EXTERN int pcf_family_parse(const char *text, pcf_family *out);

typedef struct pcf_material {
  const char *name;    /* as written in the map file */
  const char *process; /* process dataset UUID, lower case, 36 characters */
  pcf_family family;
  const char *note;    /* "" when none */
  const char *proxy;   /* "" or why the process stands in for the material */
  const char *forming; /* "" or the forming step the process includes */
  const char *source;  /* path of the file the entry comes from */
  long line;           /* its line there */
} pcf_material;

typedef struct pcf_matmap pcf_matmap;

/* A new, empty map, or NULL when out of memory. The caller frees it with pcf_matmap_free(). */
PCF_EXTERN pcf_matmap *pcf_matmap_new(void);

/* Frees the map and everything it handed out. Accepts NULL. */
PCF_EXTERN void pcf_matmap_free(pcf_matmap *m);

/* Adds the entries of the CSV file at path, replacing entries of the same name loaded before.
 * All or nothing: on error the map is as it was. Returns 0; PCF_ERR_IO; PCF_ERR_PARSE (CSV);
 * PCF_ERR_NOT_FOUND (no name or process column); PCF_ERR_INPUT (empty name, process not a
 * UUID, unknown family, one name with two processes in this file); PCF_ERR_NOMEM. err has the
 * file and line. */
PCF_EXTERN int pcf_matmap_load(pcf_matmap *m, const char *path, pcf_error *err);

/* Same from size bytes at data; name stands for the path in messages and in source. */
PCF_EXTERN int pcf_matmap_load_memory(pcf_matmap *m, const char *name, const char *data, size_t size, pcf_error *err);

/* The entry for name (normalised as above), or NULL. */
PCF_EXTERN const pcf_material *pcf_matmap_find(const pcf_matmap *m, const char *name);

/* For "unknown material" messages: the name (as written in its map) of a known name that name
 * contains as whole words (the longest: "recycled PP 30% GF" gives "recycled PP"), else of the
 * entry closest by edit distance when both names have at least 5 characters and the distance is
 * at most a quarter of name's length (a misspelling); otherwise NULL. Short names get no
 * spelling suggestion: one letter turns an acronym into another material (PCB, PC). */
PCF_EXTERN const char *pcf_matmap_suggest(const pcf_matmap *m, const char *name);

/* Entries in the order first loaded (a replaced entry keeps its place). */
PCF_EXTERN size_t pcf_matmap_count(const pcf_matmap *m);
PCF_EXTERN const pcf_material *pcf_matmap_get(const pcf_matmap *m, size_t i);

/* Warnings gathered while loading ("file:line: column 'source' ignored"), oldest first. */
PCF_EXTERN size_t pcf_matmap_warning_count(const pcf_matmap *m);
PCF_EXTERN const char *pcf_matmap_warning(const pcf_matmap *m, size_t i);

#ifdef __cplusplus
}
#endif

#endif
