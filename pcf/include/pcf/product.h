/* product.h: a product and its life cycle, read from a product file (INI, read with libinih).
 *
 * The file names the product, its declared unit, the bill of materials and the life-cycle
 * scenario; every quantity carries its unit. Example (all sections but [product] optional):
 *
 *   [product]
 *   name = Plastic toy car            ; required
 *   id = TOY-001
 *   declared_unit = 1 piece
 *   bom = bom.csv                     ; relative to this file; required (bom = none: no BOM)
 *   method = AR6                      ; AR6 (default), AR5, AR4 or an LCIA method UUID
 *   data = data                       ; extra ILCD folders/zips, comma-separated, relative
 *   materials = materials.csv         ; extra material map (its names win over the bundled ones)
 *   services = services.csv           ; extra service map (energy, transport, end of life)
 *   bundled = yes                     ; also load the bundled datasets/ (default yes)
 *   service_life_years = 5
 *
 *   [manufacturing]                   ; <service or process UUID> = <amount> <unit>
 *   electricity CN = 0.35 kWh
 *
 *   [packaging]                       ; <material> = <mass> <unit>
 *   corrugated board = 0.05 kg
 *
 *   [distribution]                    ; <transport service> = <distance> km
 *   mass = 0.5 kg                     ; optional: default = BOM mass + packaging
 *   truck = 200 km
 *   sea ship = 18000 km
 *
 *   [use]
 *   years = 5                         ; default: service_life_years (give one of the two)
 *   uses_per_year = 300
 *   electricity EU = 0.1 kWh per use  ; or "... per year", or a whole-life amount
 *   power = 9 W                       ; or: a draw in W or kW while in use,
 *   hours_per_day = 4                 ;   its hours per day (0..24],
 *   days_per_year = 365               ;   days per year (0..366], default 365,
 *   grid = EU                         ;   and the electricity service it draws from:
 *                                     ;   power × hours_per_day × days_per_year × years kWh
 *
 *   [end_of_life]                     ; <family> = <route> <share>, ...
 *   plastic = recycling 0.3, incineration 0.4, landfill 0.3
 *   truck = 100 km                    ; collection transport of the product's mass
 *
 * End-of-life routes name services "<route> <family>" ("landfill plastic"); shares are
 * fractions (or percentages with %), must lie in 0..1 and sum to 1 per family.
 *
 * Origin: [product] origin = <region>[, <transport> <km> km]... (one line, most useful in a
 * variant: `origin = EU, truck 800 km`) moves production to <region>: every [manufacturing]
 * service and BOM forming step whose last word is the region of the first [manufacturing]
 * "electricity X" or "grid X" gets <region> as its last word instead ("electricity CN",
 * "injection moulding CN" become "electricity EU", "injection moulding EU"), and the legs given
 * replace the [distribution] legs (none given: the legs stay). Without such an electricity line
 * only the legs change, with a warning.
 *
 * Amounts are >= 0 and at most PCF_PRODUCT_MAX_AMOUNT (1e12) in the unit written, enough for a
 * plant's batch or year (750 MWh, 1,500 t); beyond it the file is refused naming the key and
 * the limit. The BOM has its own, the same figure in canonical units (pcf/bom.h).
 */
#ifndef PCF_PRODUCT_H
#define PCF_PRODUCT_H

#include "pcf/export.h"

#include <stddef.h>

#include "pcf/eol.h"
#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest amount of a product file's line, in the unit written. */
#define PCF_PRODUCT_MAX_AMOUNT 1e12

typedef enum pcf_stage {
  PCF_STAGE_RAW_MATERIALS,
  PCF_STAGE_PRODUCTION,
  PCF_STAGE_DISTRIBUTION,
  PCF_STAGE_USE,
  PCF_STAGE_END_OF_LIFE,
  PCF_STAGE_COUNT
} pcf_stage;

/* JSON key of a stage: "raw_materials", "production", "distribution", "use", "end_of_life". */
PCF_EXTERN const char *pcf_stage_key(pcf_stage stage);
/* Its title ("Raw material acquisition", "Production", "Distribution", "Use", "End of life"), and
 * the same in lower case for use inside a sentence. */
PCF_EXTERN const char *pcf_stage_title(pcf_stage stage);
PCF_EXTERN const char *pcf_stage_title_lower(pcf_stage stage);

typedef enum pcf_item_kind {
  PCF_ITEM_MATERIAL,  /* dataset named through the material map */
  PCF_ITEM_SERVICE,   /* dataset named through the service map */
  PCF_ITEM_DATASET,   /* a process UUID or name given directly */
  PCF_ITEM_SUPPLIER,  /* primary data: a supplier's own PCF, kg CO2e per unit */
  PCF_ITEM_TRANSPORT, /* a service whose amount is mass × distance */
  PCF_ITEM_FACTOR     /* secondary data: the user's own factor, kg CO2e per factor_unit (a BOM
                         factor column, or NAME.factor in a scenario section) */
} pcf_item_kind;

/* One demand of the life cycle on a dataset. */
typedef struct pcf_item {
  pcf_stage stage;
  pcf_item_kind kind;
  const char *component; /* BOM path, or "Manufacturing", "Packaging", ... */
  const char *dataset;   /* material or service name, process UUID, as written */
  double amount;         /* in unit */
  const char *unit;
  double supplier_kg_co2e_per_unit; /* PCF_ITEM_SUPPLIER only */
  const char *family;               /* material family for end of life ("" if not known yet) */
  double mass_kg;                   /* net mass in the product (BOM lines, packaging), NaN otherwise */
  const char *part;                 /* BOM part number, "" otherwise */
  double quantity;                  /* BOM lines: quantity in one product (net), in quantity_unit */
  const char *quantity_unit;
  double recycled_content; /* R1, fraction 0..1 (BOM column), NaN if not given */
  double scrap_rate;       /* manufacturing scrap fraction of BOM lines, 0 otherwise */
  int bom_leaf;            /* 1: a leaf of the BOM (the product itself, not packaging or a service) */
  const char *file;        /* where the item was written */
  long line;               /* 0 when unknown (INI values) */
  const char *forming;     /* BOM leaves: the forming step (a processing service, bom.h), "" none */
  /* PCF_ITEM_FACTOR only: the factor in kg CO2e per factor_unit (a unit name of the ILCD unit
   * groups, resolved when the footprint converts amount/unit into it), its source and its quality
   * (five ratings as written, "" when not given). dataset is the material (BOM lines, "" when
   * none: it gives the end of life) or the scenario item's name. */
  double factor_kg_co2e_per_unit;
  const char *factor_unit, *factor_source, *factor_quality;
} pcf_item;

typedef struct pcf_product pcf_product;

/* Reads a product file and the BOM it names. Errors name the file, line, section and key.
 * Sections whose name starts with "variant" are left to the variant reader (pcf compare).
 * path may be a folder holding a product.ini. The file is read by the rules of an INI input
 * (pcf/src/ini_file.h: a regular file of at most 1 MiB, UTF-8 without NUL bytes, each key once
 * per section); [product] must come with a name and a bom (bom = none for a product without a
 * bill of materials); [use] years and [product] service_life_years are not both given; amounts
 * use a decimal point (1,5 is an error, not 1). */
PCF_EXTERN int pcf_product_read(pcf_product **out, const char *path, pcf_error *err);

/* A change to a product file, applied while reading it (variants, sensitivity analysis).
 *  - section "product", "manufacturing", "packaging", "distribution", "use", "end_of_life" or a
 *    "material NAME" section: value replaces the file's value of key; a key the file lacks is
 *    added; an empty value removes the key.
 *  - section "bom": key "<match>.<field>" changes the BOM leaves whose part number, name or path
 *    (or last path element) equals <match> (case-insensitive); fields: material, dataset,
 *    mass (per unit, with unit: "0.1 kg"), scale (factor on mass and quantity), quantity (the
 *    line's quantity in one product, in its unit; mass follows), supplier_pcf (kg CO2e per the
 *    line's unit), recycled_content (fraction or %), forming (a forming step, "" none: write
 *    "none"). A match that changes no line is an error. */
typedef struct pcf_override {
  const char *section;
  const char *key;
  const char *value;
} pcf_override;

PCF_EXTERN int pcf_product_read_with(pcf_product **out, const char *path, const pcf_override *overrides,
                                     size_t n_overrides, pcf_error *err);
/* The shortest name a "bom" change can give BOM leaf i by (the one sensitivity, uncertainty and
 * variants all write): its name (last path element) when it names that line alone, else its part
 * number when that does, else its path; copied into buf. NULL when item i is not a BOM leaf. */
PCF_EXTERN const char *pcf_product_part_ref(const pcf_product *p, size_t i, char *buf, size_t size);
PCF_EXTERN void pcf_product_free(pcf_product *p);

PCF_EXTERN const char *pcf_product_name(const pcf_product *p);
PCF_EXTERN const char *pcf_product_id(const pcf_product *p);
PCF_EXTERN const char *pcf_product_declared_unit(const pcf_product *p);
/* The product's identity in PACT answers, as [product] gives it (NULL when not given):
 *   ids = urn:...           comma-separated URNs (PACT productIds; default from id)
 *   category_cpc = 38540    UN CPC code (PACT productCategoryCpc; "cpc" also read)
 *   description = ...       PACT productDescription (default: the name)
 *   name_company = ...      PACT productNameCompany (default: the name) */
PCF_EXTERN const char *pcf_product_ids(const pcf_product *p);
PCF_EXTERN const char *pcf_product_cpc(const pcf_product *p);
PCF_EXTERN const char *pcf_product_description(const pcf_product *p);
PCF_EXTERN const char *pcf_product_name_company(const pcf_product *p);
PCF_EXTERN const char *pcf_product_method(const pcf_product *p);
PCF_EXTERN const char *pcf_product_path(const pcf_product *p);
PCF_EXTERN double pcf_product_service_life_years(const pcf_product *p); /* NaN if not given */
PCF_EXTERN int pcf_product_bundled(const pcf_product *p);
/* Extra data paths, material and service maps, resolved against the product file's folder. */
PCF_EXTERN size_t pcf_product_data_count(const pcf_product *p);
PCF_EXTERN const char *pcf_product_data(const pcf_product *p, size_t i);
PCF_EXTERN const char *pcf_product_materials(const pcf_product *p); /* NULL if none */
PCF_EXTERN const char *pcf_product_services(const pcf_product *p);  /* NULL if none */

/* Items in life-cycle order. Transport items carry mass × distance in amount (t*km) and the
 * distance in distance_km. The end of life of material lines is not an item: it follows from
 * each material's mass, family and the shares of pcf_product_eol_shares. */
PCF_EXTERN size_t pcf_product_item_count(const pcf_product *p);
PCF_EXTERN const pcf_item *pcf_product_item(const pcf_product *p, size_t i);
PCF_EXTERN double pcf_product_item_distance_km(const pcf_product *p, size_t i);

/* ---- recycled content and end of life (see pcf/eol.h) ----
 * [end_of_life] rule = cut-off (default) | 50:50 | avoided-burden | cff; heat = <service> and
 * electricity = <service> (energy substituted by energy recovery), x_heat / x_elec (efficiencies);
 * <family> = <route> <share>, ... with routes recycling, incineration_energy_recovery, incineration,
 * landfill. [material NAME] sections refine one material: recycled = <material> (Erec; default the
 * map's "recycled NAME"), substituted = <material> (E*v; default the material itself), A, B, qsin,
 * qsout (fractions), lhv (MJ/kg), x_heat, x_elec, end_of_life = <route> <share>, ... */
typedef struct pcf_material_params {
  const char *name, *recycled, *substituted;               /* "" when not given */
  double a, b, qsin, qsout, lhv_mj_per_kg, x_heat, x_elec; /* NaN when not given */
} pcf_material_params;

PCF_EXTERN pcf_eol_rule pcf_product_eol_rule(const pcf_product *p);
PCF_EXTERN const char *pcf_product_eol_heat(const pcf_product *p);        /* NULL if none */
PCF_EXTERN const char *pcf_product_eol_electricity(const pcf_product *p); /* NULL if none */
PCF_EXTERN double pcf_product_eol_x_heat(const pcf_product *p);
PCF_EXTERN double pcf_product_eol_x_elec(const pcf_product *p);
PCF_EXTERN const pcf_material_params *pcf_product_material_params(const pcf_product *p, const char *material);
/* Shares of a material's end of life: [0] recycling R2, [1] energy recovery R3, [2] incineration
 * without recovery, [3] landfill. The material's own scenario, else its family's. Returns 0, or -1
 * when neither has one. */
PCF_EXTERN int pcf_product_eol_shares(const pcf_product *p, const char *material, const char *family, double shares[4]);
PCF_EXTERN int pcf_product_has_eol(const pcf_product *p);
/* The end-of-life shares as written, in file order: the i-th share's scope (a family, or the
 * material of a [material NAME] section; NULL when i is out of range), its route and share. */
PCF_EXTERN size_t pcf_product_eol_share_count(const pcf_product *p);
PCF_EXTERN const char *pcf_product_eol_share(const pcf_product *p, size_t i, const char **route, double *share);
/* Every [material NAME] section, in file order (NULL when i is out of range). */
PCF_EXTERN size_t pcf_product_material_params_count(const pcf_product *p);
PCF_EXTERN const pcf_material_params *pcf_product_material_params_at(const pcf_product *p, size_t i);

/* The use scenario as written ([use]): years ([use] years, else service_life_years; NaN when
 * neither), uses per year (NaN when not given) and each input with its amount as written, per
 * use (per 1), per year (2) or for the whole life (0). The items hold the whole-life totals. */
typedef struct pcf_use_input {
  const char *service, *unit;
  double amount;
  int per;
} pcf_use_input;
PCF_EXTERN double pcf_product_use_years(const pcf_product *p);
PCF_EXTERN double pcf_product_uses_per_year(const pcf_product *p);
PCF_EXTERN size_t pcf_product_use_input_count(const pcf_product *p);
/* Returns 0, or -1 when i is out of range. */
PCF_EXTERN int pcf_product_use_input(const pcf_product *p, size_t i, pcf_use_input *out);

/* Warnings met while reading (BOM columns ignored...). */
PCF_EXTERN size_t pcf_product_warning_count(const pcf_product *p);
PCF_EXTERN const char *pcf_product_warning(const pcf_product *p, size_t i);
/* Net mass of the product (BOM) and of its packaging, kg. */
PCF_EXTERN double pcf_product_mass_kg(const pcf_product *p);
PCF_EXTERN double pcf_product_packaging_kg(const pcf_product *p);

#ifdef __cplusplus
}
#endif
#endif
