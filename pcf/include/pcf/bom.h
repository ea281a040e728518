/* bom.h: bills of materials as PLM and ERP tools export them, read from CSV.
 *
 * The file (dialect in pcf/src/csv.h: `,` `;` or TAB detected from the header, quotes, UTF-8
 * with or without a byte-order mark, `#` comment lines) starts with a header row. Column names
 * are matched leniently: case, spaces, underscores and punctuation are ignored, and the
 * synonyms in brackets are accepted. A column that matches nothing is an error listing it (with
 * the column it is within two letters of, "recyled content": recycled content?) and the known
 * ones, since its values would otherwise silently not count; columns named note, comment or remark
 * (plurals too, anything in brackets: "note (colour)") hold text that is not read. Two columns for
 * the same thing are an error, and so is a line with values beyond the header's columns (a comma
 * inside an unquoted value, or a decimal comma in a comma-separated file, "0,6", which would read
 * 0 and shift every later column).
 *
 *   level      structure by indentation: 0, 1, 2 … or dotted ".1", "..2" (the digits count;
 *              a field of dots only counts its dots) [lvl, bom level, depth, indent]
 *   parent     structure by reference: the part number of the parent line, empty at the top
 *              [parent part, parent part number, parent p/n, parent no, parent item]
 *   part       part number [part number, part no, p/n, pn, item, item no, article number]
 *   name       [description, desc, part name, designation, item description]
 *   quantity   per ONE unit of the parent line (REQUIRED) [qty, qty per, quantity per, count]
 *   unit       unit of the quantity, default pcs [uom, unit of measure, qty unit]
 *   material   material name, for the material map [material name, mat]
 *   mass       mass of ONE unit of the line [weight, unit mass, net mass, net weight, mass per
 *              unit]; in kg unless a unit is in the header ("mass_kg", "mass (g)",
 *              "weight [lb]") or in a mass unit column [mass unit, weight unit]
 *   total mass mass of the whole line, quantity × unit mass, instead of or beside mass
 *              [line mass, extended mass, extended weight, total weight]; units as for mass
 *   dataset    the ILCD dataset to use: UUID or name, as written, or a service of the service
 *              map ("electricity CN") [dataset uuid, process, process uuid, uuid]
 *   recycled content  in PERCENT (0–100) unless the header says "fraction" ("recycled
 *              content (fraction)", "recycled_fraction"), then 0–1; a value with a % sign is a
 *              percentage in either [recycled, recycled share, recycled content %]
 *   supplier pcf  primary data: kg CO2e per unit, overriding the generic dataset [pcf,
 *              supplier co2e, supplier footprint]. Per unit of the line's quantity unless the
 *              header gives another ("supplier pcf (kg CO2e/kg)"; "g CO2e" and "t CO2e" are
 *              scaled to kg) or a supplier pcf unit column does, line by line
 *   scrap      manufacturing scrap rate, PERCENT (0 to below 100) unless the header says
 *              "fraction" [scrap rate, scrap %, manufacturing scrap]
 *   factor     an own secondary factor for the line: kg CO2e per the unit in the header ("factor
 *              (kg CO2e/kg)", "factor (g CO2e per kWh)", "factor (kg CO2e/Item(s))"; g and t CO2e
 *              scaled to kg), per unit of the line's quantity without one [own factor, emission
 *              factor]. The unit is resolved at footprint time through the ILCD unit groups of the
 *              loaded data (kg, t, g, lb, oz, kWh, MJ, m, mi, m2, m3, Item(s)...): the line's quantity
 *              is converted into it, or its mass when the factor is per a mass unit. It replaces the
 *              dataset of the line's material, and counts as SECONDARY data (a supplier pcf is
 *              primary); the material, when given, still gives the line's end of life
 *   factor source  where the factor comes from (REQUIRED with a factor: a database and version, a
 *              publication, an EPD) [own factor source, emission factor source, factor reference]
 *   factor quality  optional: five ratings 1..3 (technological, temporal, geographical,
 *              completeness, reliability: "2, 1, 2, 2, 1") for the data-quality table [factor dqr]
 *   forming    the forming step of the part: a processing service of the service map
 *              ("injection moulding CN", "thermoforming EU"), valued per kg of the line's
 *              input mass (scrap included) in the production stage; the line needs a mass
 *              [forming step, forming process, processing step, process step]
 *
 * Structure: a level column gives the tree by indentation: the first line's level is the top
 * (0 or 1, whichever the file uses), each later line is at most one level deeper than the line
 * before it and never above the top. Otherwise a parent column gives it by part number: lines
 * with an empty parent are at the top, and a part that appears as a child of several parents is
 * expanded under each of them (its child lines are those naming its part number as parent).
 * With neither column the BOM is flat: every line is a top-level leaf. With both, level wins
 * and the parent column is reported as ignored.
 *
 * Multiplication: a line's quantity is per one unit of its parent line, so the total quantity of
 * a leaf is the product of the quantities along its path, and its net mass is its mass per unit
 * × that total. A leaf given in a mass unit (kg, g, t, lb …) has the quantity as its mass (a
 * mass column disagreeing by more than 0.1 % is reported and ignored).
 *
 * Units: quantities are converted to one unit per dimension: pcs (pcs, pc, piece, st, stk,
 * ea, each, unit, x, nr), kg (g, mg, t, lb, oz), m (mm, cm, km, in, ft), m2 (mm2, cm2, m²), m3
 * (l, ml, cm3, dm3, m³), MJ (J, kJ, GJ, TJ, Wh, kWh, MWh, GWh: a plant's electricity or heat
 * as a line with a dataset). An unknown unit is PCF_ERR_UNIT. Lines with children (assemblies) must
 * be counted in pcs.
 *
 * Scrap: the scrap rate s is the share of the material INPUT lost in manufacturing, so a net
 * mass m needs an input of m / (1 − s): 20 % scrap on 1 kg net is 1.25 kg bought, 0.25 kg
 * scrap. Scrap on an assembly (assembled units rejected) applies to all its leaves: a leaf's
 * effective rate is 1 − Π(1 − s) over its path.
 *
 * Leaves and assemblies: a leaf needs a material, a dataset, a supplier PCF or a factor. An assembly's
 * material, recycled content or forming step is reported and ignored (its leaves carry them); a
 * dataset or supplier PCF on an assembly is an error, since it would count its leaves twice.
 *
 * Limits and errors (with file and line): a BOM may describe a plant's batch or a year's output,
 * so its amounts are bounded only where no plant reaches: PCF_BOM_MAX_AMOUNT (1e12) of the
 * canonical unit, i.e. 1e12 kg (a million kilotonnes: more than the yearly output of the
 * largest mine or steel works), 1e12 MJ (278 TWh: more than the largest power station makes in
 * a year), 1e12 pieces, m, m2 or m3. Quantities and masses must be > 0; a line's quantity, its
 * mass per unit, its total mass, a leaf's total quantity along its path (the product of the
 * quantities above it) and a supplier pcf (kg CO2e per unit) are at most that limit, else
 * PCF_ERR_INPUT naming the value, its canonical amount and the limit; percentages within their range;
 * numbers strict (pcf_parse_number in csv.h: a decimal comma only in files separated by `;`
 * or TAB); depth at most 64 levels, at most 1,000,000 leaves after expansion and 64 MiB for
 * their paths together (a part shared by many parents multiplies its lines; these sizes are
 * counted before the BOM is expanded, so an oversized one is refused at once, naming the line of
 * the leaf where the limit is crossed). Of several errors in the structure, a cycle or a line too
 * deep is reported before the sizes, and the sizes before a total quantity. Cyclic parent
 * references are PCF_ERR_CYCLE naming the parts and lines of the cycle; a parent that no line
 * has as part number is PCF_ERR_NOT_FOUND; a missing required column is PCF_ERR_NOT_FOUND
 * (quantity; part or name; material, dataset or supplier pcf); a level jump (1 then 3) and bad
 * values are PCF_ERR_INPUT; malformed numbers and CSV are PCF_ERR_PARSE.
 */
#ifndef PCF_BOM_H
#define PCF_BOM_H

#include "pcf/export.h"

#include <stddef.h>

#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_bom pcf_bom;

/* The largest amount a BOM line may hold, in its canonical unit (kg, MJ, pcs, m, m2, m3), and the
 * largest supplier pcf in kg CO2e per unit (see Limits above). */
#define PCF_BOM_MAX_AMOUNT 1e12

/* One leaf of the expanded BOM: a part as it goes into ONE unit of the product, along one path.
 * Strings are borrowed from the BOM and never NULL unless said otherwise. */
typedef struct pcf_bom_line {
  const char *part;                     /* part number, "" if none */
  const char *name;                     /* name or description, "" if none */
  const char *material;                 /* material name as written, "" if none */
  const char *dataset;                  /* dataset UUID or name as written, "" if none */
  const char *forming;                  /* forming step (a processing service) as written, "" if none */
  const char *path;                     /* names from the top, '/'-separated ("Kettle/Body/Lid"); a line
                           without a name shows its part number */
  int level;                            /* depth: 0 for a top-level line */
  long line;                            /* line of the leaf in the file */
  double quantity_total;                /* product of the quantities along the path, in unit */
  const char *unit;                     /* "pcs", "kg", "m", "m2" or "m3" */
  double quantity_input;                /* quantity_total / (1 − scrap_rate): what manufacturing consumes */
  double mass_kg_total;                 /* net mass in one product, kg; NaN if unknown */
  double mass_kg_input;                 /* mass_kg_total / (1 − scrap_rate), kg; NaN if unknown */
  double recycled_content;              /* fraction 0..1; NaN if not given */
  double supplier_pcf_kg_co2e_per_unit; /* kg CO2e per supplier_pcf_unit; NaN if not given */
  const char *supplier_pcf_unit;        /* canonical unit the supplier PCF is per; NULL without one */
  double scrap_rate;                    /* effective fraction 0..1 (see scrap above), 0 if not given */
  double factor_kg_co2e_per_unit;       /* own secondary factor, kg CO2e per factor_unit; NaN if none */
  const char *factor_unit;              /* as the header writes it ("t", "kWh", "Item(s)"), or the line's
                                           canonical unit; NULL without a factor */
  const char *factor_source;            /* where the factor comes from, "" without a factor */
  const char *factor_quality;           /* five ratings 1..3 as written (technological, temporal,
                                           geographical, completeness, reliability), "" when not given */
} pcf_bom_line;

/* Reads the BOM CSV at path. On success *out is the caller's, freed with pcf_bom_free().
 * Returns 0 or a negative pcf_status as listed above (also PCF_ERR_IO, PCF_ERR_NOMEM), with
 * err filled (file, line, message); *out is NULL on error. */
PCF_EXTERN int pcf_bom_read(pcf_bom **out, const char *path, pcf_error *err);

/* Same from size bytes at data; name stands for the path in messages. */
PCF_EXTERN int pcf_bom_read_memory(pcf_bom **out, const char *name, const char *data, size_t size, pcf_error *err);

/* Frees the BOM and everything it handed out. Accepts NULL. */
PCF_EXTERN void pcf_bom_free(pcf_bom *bom);

/* Leaves in file order (a part under several parents: once per path, in the order met). */
PCF_EXTERN size_t pcf_bom_leaf_count(const pcf_bom *bom);
/* Leaf i (borrowed), NULL when i is out of range. */
PCF_EXTERN const pcf_bom_line *pcf_bom_leaf(const pcf_bom *bom, size_t i);

/* Warnings ("bom.csv:1: column 'colour' ignored"), file order, borrowed; NULL out of range. */
PCF_EXTERN size_t pcf_bom_warning_count(const pcf_bom *bom);
PCF_EXTERN const char *pcf_bom_warning(const pcf_bom *bom, size_t i);

/* Net mass of one product: the sum of the leaves' mass_kg_total, in kg; NaN when a leaf's mass
 * is unknown. */
PCF_EXTERN double pcf_bom_mass_kg(const pcf_bom *bom);

/* What a header names, by the lenient matching above: "level", "parent", "part", "name",
 * "quantity", "unit", "material", "mass", "total mass", "mass unit", "dataset", "recycled
 * content", "supplier pcf", "supplier pcf unit", "scrap", "forming", "factor", "factor source" or
 * "factor quality"; NULL when it is not a BOM
 * column. For editors that show a BOM's columns by meaning. */
PCF_EXTERN const char *pcf_bom_column_kind(const char *header);

#ifdef __cplusplus
}
#endif

#endif
