/* ilcd.h: the public API of the ILCD reader.
 *
 * Reads ILCD 1.1 datasets (and the EF 3.x variants) of seven kinds: process, flow, flow property,
 * unit group, LCIA method, source and contact, from a folder, a zip archive or single XML files,
 * into a database indexed by UUID. Everything a database hands out is borrowed: it lives as long
 * as the database and is freed by ilcd_db_free(). Fallible functions return 0 on success or a
 * negative ilcd_status, and fill a caller-owned ilcd_error with the file, line, dataset and a
 * one-line message.
 */
#ifndef ILCD_ILCD_H
#define ILCD_ILCD_H

#include "ilcd/export.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ilcd_status {
  ILCD_OK = 0,
  ILCD_ERR_IO = -1,        /* file or folder cannot be read */
  ILCD_ERR_XML = -2,       /* malformed XML, DTD present, too deep */
  ILCD_ERR_DATA = -3,      /* well-formed XML with invalid content (bad number, missing UUID) */
  ILCD_ERR_ARCHIVE = -4,   /* corrupt zip, hostile entry name, inflation beyond the limits */
  ILCD_ERR_NOT_FOUND = -5, /* a dataset or unit that is not there */
  ILCD_ERR_UNIT = -6,      /* unknown unit or units of different quantities */
  ILCD_ERR_NOMEM = -7,
  ILCD_ERR_ARG = -8
} ilcd_status;

typedef struct ilcd_error {
  int code;       /* an ilcd_status */
  char path[512]; /* file (or "archive.zip:entry") the error is about, "" if none */
  long line;      /* 1-based line in that file, 0 if unknown */
  char uuid[40];  /* dataset concerned, "" if unknown */
  char message[512];
} ilcd_error;

/* A dataset UUID in binary form (16 bytes): compact to store, cheap to hash and compare. */
typedef struct ilcd_uuid {
  uint8_t b[16];
} ilcd_uuid;

/* Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (case-insensitive, surrounding white space
 * allowed). Returns 0, or -1 when text is not a UUID. */
ILCD_EXTERN int ilcd_uuid_parse(ilcd_uuid *out, const char *text);
/* Writes the canonical lower-case form into buf (at least 37 bytes). Returns buf. */
ILCD_EXTERN char *ilcd_uuid_format(const ilcd_uuid *uuid, char *buf);
ILCD_EXTERN int ilcd_uuid_equal(const ilcd_uuid *a, const ilcd_uuid *b);
ILCD_EXTERN int ilcd_uuid_is_nil(const ilcd_uuid *uuid);
/* A 64-bit hash of all 16 bytes, for hash tables keyed by UUID (the library's index and the
 * engine's matrix maps use this one). Random UUIDs would hash well on any 8 bytes, but real and
 * generated data hold sequential ones that differ only in their last bytes: all 16 go through the
 * SplitMix64 finaliser, so every bit reaches the low bits a table masks with. Inline: it sits in
 * the innermost loop of linking. */
static inline uint64_t ilcd_uuid_hash(const ilcd_uuid *uuid) {
  uint64_t a, b;
  memcpy(&a, uuid->b, 8);
  memcpy(&b, uuid->b + 8, 8);
  uint64_t x = a ^ (b * 0x9E3779B97F4A7C15ull) ^ (b >> 32);
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

typedef enum ilcd_kind {
  ILCD_PROCESS,
  ILCD_FLOW,
  ILCD_FLOW_PROPERTY,
  ILCD_UNIT_GROUP,
  ILCD_LCIA_METHOD,
  ILCD_SOURCE,
  ILCD_CONTACT,
  ILCD_KIND_COUNT
} ilcd_kind;

/* "process", "flow", "flow property", ... */
ILCD_EXTERN const char *ilcd_kind_name(ilcd_kind kind);

typedef enum ilcd_direction { ILCD_INPUT = 0, ILCD_OUTPUT = 1 } ilcd_direction;

/* Distribution types as ILCD defines them (ILCD_Common_EnumerationValues.xsd). */
typedef enum ilcd_uncertainty {
  ILCD_UNC_NONE = 0, /* not given */
  ILCD_UNC_UNDEFINED,
  ILCD_UNC_LOGNORMAL,
  ILCD_UNC_NORMAL,
  ILCD_UNC_TRIANGULAR,
  ILCD_UNC_UNIFORM
} ilcd_uncertainty;

/* A reference to another dataset as written: the UUID when refObjectId parses as one. */
typedef struct ilcd_ref {
  ilcd_uuid uuid;
  int valid;           /* 0 when refObjectId was missing or not a UUID ("#REF!", a name) */
  const char *raw_id;  /* refObjectId as written when not valid, "" otherwise */
  const char *version; /* "" when not given */
  const char *text;    /* the shortDescription (English when there is one), "" if none */
} ilcd_ref;

/* One allocation of an exchange of a multi-functional process (ILCD_ProcessDataSet.xsd,
 * AllocationType): the share of this exchange foreseen for one co-product. */
typedef struct ilcd_allocation {
  int co_product;          /* internalReferenceToCoProduct: the co-product exchange's dataSetInternalID */
  double fraction_percent; /* allocatedFraction, in percent (ILCD type Perc), 0..100 */
} ilcd_allocation;

typedef struct ilcd_exchange {
  int internal_id; /* dataSetInternalID */
  ilcd_ref flow;
  ilcd_direction direction;
  double mean_amount;      /* in the reference unit of the flow's reference flow property */
  double resulting_amount; /* = mean_amount when not given */
  int has_resulting_amount;
  ilcd_uncertainty uncertainty;
  double rsd95_percent;    /* relativeStandardDeviation95In, NaN if not given */
  double minimum, maximum; /* minimumAmount / maximumAmount, NaN if not given */
  const char *derivation;  /* dataDerivationTypeStatus, "" if none */
  const char *location;    /* "" if none */
  long line;               /* line of the <exchange> element, for messages */
  size_t n_allocations;    /* <allocations>, in document order; each names an exchange of the
                                 process (checked when read) */
  const ilcd_allocation *allocations;
} ilcd_exchange;

/* An amount per life-cycle module (EN 15804: "A1-A3", "C4", "D"...), from the ILCD+EPD extension
 * (epd:amount in common:other). */
typedef struct ilcd_module_amount {
  const char *module;
  const char *scenario; /* epd:scenario: one of alternative scenarios of the module, "" if none */
  double amount;
  int has_amount; /* empty elements are "not declared", not zero */
} ilcd_module_amount;

typedef struct ilcd_lcia_result {
  ilcd_ref method;
  double mean_amount;  /* in the method's reference quantity per reference flow */
  int has_mean_amount; /* EPD results may carry values per module only */
  size_t n_modules;
  const ilcd_module_amount *modules;
} ilcd_lcia_result;

typedef struct ilcd_process {
  ilcd_uuid uuid;
  const char *version;
  const char *name;           /* baseName and qualifiers joined with "; ", English preferred */
  const char *path;           /* file it was read from */
  const char *type;           /* typeOfDataSet ("Unit process, single operation", "LCI result"...), "" if none */
  const char *location;       /* locationOfOperationSupplyOrProduction */
  int reference_year;         /* 0 if none */
  int valid_until;            /* dataSetValidUntil, 0 if none */
  const char *classification; /* classes joined with " / " */
  const char *technology;     /* technologyDescriptionAndIncludedProcesses */
  const char *lci_method;     /* LCIMethodPrinciple + LCIMethodApproaches */
  const char *allocation;     /* deviationsFromLCIMethodPrinciple + modelling constants notes */
  const char *general_comment;
  size_t n_reference_flows;
  const int *reference_flows; /* dataSetInternalIDs named by referenceToReferenceFlow */
  size_t n_exchanges;
  const ilcd_exchange *exchanges;
  size_t n_lcia_results;
  const ilcd_lcia_result *lcia_results;
  size_t n_sources;
  const ilcd_ref *sources; /* referenceToDataSource */
  size_t n_default_scenarios;
  const char *const *default_scenarios; /* ILCD+EPD: names of the scenarios declared with
                                           epd:default="true" (epd:scenarios) */
} ilcd_process;

typedef enum ilcd_flow_type {
  ILCD_FLOW_OTHER = 0,
  ILCD_FLOW_ELEMENTARY,
  ILCD_FLOW_PRODUCT,
  ILCD_FLOW_WASTE
} ilcd_flow_type;

typedef struct ilcd_flow_property_ref {
  int internal_id;
  ilcd_ref property;
  double mean_value; /* amount of this property per unit of the reference property */
} ilcd_flow_property_ref;

typedef struct ilcd_flow {
  ilcd_uuid uuid;
  const char *version;
  const char *name; /* baseName + qualifiers, English preferred */
  const char *path;
  ilcd_flow_type type;
  const char *cas;            /* "" if none */
  const char *classification; /* categories or classes joined with " / " */
  size_t n_properties;
  const ilcd_flow_property_ref *properties;
  int reference_property; /* index into properties, -1 if the reference is missing */
} ilcd_flow;

typedef struct ilcd_flow_property {
  ilcd_uuid uuid;
  const char *version;
  const char *name;
  const char *path;
  ilcd_ref unit_group;
  size_t n_sources;
  const ilcd_ref *sources; /* referenceToDataSource */
} ilcd_flow_property;

typedef struct ilcd_unit {
  int internal_id;
  const char *name;
  double factor; /* value of one of this unit in the reference unit */
} ilcd_unit;

typedef struct ilcd_unit_group {
  ilcd_uuid uuid;
  const char *version;
  const char *name;
  const char *path;
  size_t n_units;
  const ilcd_unit *units;
  int reference_unit; /* index into units, -1 if missing */
} ilcd_unit_group;

typedef struct ilcd_factor {
  ilcd_ref flow;
  ilcd_direction direction;
  const char *location; /* "" = any */
  double mean_value;    /* per unit of the flow's reference property */
} ilcd_factor;

typedef struct ilcd_lcia_method {
  ilcd_uuid uuid;
  const char *version;
  const char *name;
  const char *path;
  const char *methodology;     /* e.g. "Environmental Footprint" */
  const char *impact_category; /* e.g. "Climate change" */
  const char *indicator;       /* impactIndicator */
  ilcd_ref reference_quantity; /* a flow property (e.g. "kg CO2 eq." is a Mass quantity) */
  size_t n_factors;
  const ilcd_factor *factors;
  size_t n_sources;
  const ilcd_ref *sources; /* referenceToExternalDocumentation */
} ilcd_lcia_method;

/* Sources and contacts: kept for their names (provenance printed in reports). */
typedef struct ilcd_named {
  ilcd_uuid uuid;
  const char *version;
  const char *name; /* shortName, else name */
  const char *path;
  const char *citation; /* sourceCitation for sources, "" otherwise */
} ilcd_named;

/* A reference that points to no loaded dataset, or an anomaly found while loading. */
typedef struct ilcd_problem {
  ilcd_kind from_kind;
  ilcd_uuid from; /* dataset holding the reference */
  ilcd_kind to_kind;
  char target[64];  /* the refObjectId as written (may not be a UUID) */
  const char *what; /* short description: "exchange flow", "flow property", ... */
} ilcd_problem;

/* ---- the database --------------------------------------------------------------------------- */

typedef struct ilcd_db ilcd_db;

/* Loading options, with limits that keep hostile archives and files harmless. Zero fields take
 * the defaults. Always refused besides: an element with more than 256 attributes (libxml2 handles
 * a start tag in quadratic time), zip entries that share compressed bytes, and a dataSetVersion
 * that is not one to four dot-separated groups of digits (versions decide which data set of a
 * UUID answers). */
typedef struct ilcd_options {
  uint64_t max_entry_bytes; /* one XML file, uncompressed; default 256 MiB */
  uint64_t max_total_bytes; /* everything one archive inflates to; default 4 GiB, and never
                                   more than max_ratio times the archive's own size */
  uint32_t max_ratio;       /* uncompressed/compressed per zip entry; default 1000 */
  uint32_t max_depth;       /* XML element nesting; default 256 */
  int keep_going;           /* 1: a file that fails is recorded (ilcd_db_file_error) and
                                   loading goes on; 0 (default): loading stops at it */
} ilcd_options;

/* Creates an empty database. Returns 0 or ILCD_ERR_NOMEM. The caller frees it. */
ILCD_EXTERN int ilcd_db_new(ilcd_db **out);
ILCD_EXTERN void ilcd_db_free(ilcd_db *db);
ILCD_EXTERN void ilcd_db_set_options(ilcd_db *db, const ilcd_options *options);

/* Loads every dataset found at path: a folder (searched recursively, e.g. ILCD/processes/...),
 * a .zip archive (the same layout inside), or one XML file. Each file's kind is read from its
 * root element; XML files of other kinds (category lists, locations) are skipped. A file that
 * fails to parse is an error: loading stops and err names it (unless options.keep_going); what was
 * loaded before stays. An unreadable or hostile archive is always an error. Datasets already present (same UUID and version) are kept once and the
 * duplicate is recorded as a problem. Only folders and regular files are read: a FIFO, device or
 * socket at path is refused at once (ILCD_ERR_IO) rather than read (it would block or never end);
 * in a folder such entries, like symbolic links, are skipped. */
ILCD_EXTERN int ilcd_db_load(ilcd_db *db, const char *path, ilcd_error *err);

/* Loads one XML document from memory (used for single files, tests and fuzzing); name is used in
 * messages. */
ILCD_EXTERN int ilcd_db_load_memory(ilcd_db *db, const char *name, const void *xml, size_t size, ilcd_error *err);

/* Checks every reference between loaded datasets (exchange → flow, flow → flow property,
 * flow property → unit group, factor → flow, LCIA result → method, process and flow property →
 * data source) and records the dangling ones as problems. Call after the last load; calling again recomputes.
 * Returns 0, or ILCD_ERR_NOMEM when a problem could not be recorded (the list is then incomplete). */
ILCD_EXTERN int ilcd_db_check(ilcd_db *db);

ILCD_EXTERN size_t ilcd_db_count(const ilcd_db *db, ilcd_kind kind);
ILCD_EXTERN size_t ilcd_db_problem_count(const ilcd_db *db);
/* Files skipped under keep_going, with why. */
ILCD_EXTERN size_t ilcd_db_file_error_count(const ilcd_db *db);
ILCD_EXTERN const ilcd_error *ilcd_db_file_error(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_problem *ilcd_db_problem(const ilcd_db *db, size_t i);
/* Total XML bytes parsed so far. */
ILCD_EXTERN uint64_t ilcd_db_xml_bytes(const ilcd_db *db);

/* Lookup by UUID: the newest version loaded, or NULL. */
ILCD_EXTERN const ilcd_process *ilcd_db_process(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_flow *ilcd_db_flow(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_flow_property *ilcd_db_flow_property(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_unit_group *ilcd_db_unit_group(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_lcia_method *ilcd_db_lcia_method(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_named *ilcd_db_source(const ilcd_db *db, const ilcd_uuid *uuid);
ILCD_EXTERN const ilcd_named *ilcd_db_contact(const ilcd_db *db, const ilcd_uuid *uuid);

/* Iteration in load order, i < ilcd_db_count(db, kind). */
ILCD_EXTERN const ilcd_process *ilcd_db_process_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_flow *ilcd_db_flow_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_flow_property *ilcd_db_flow_property_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_unit_group *ilcd_db_unit_group_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_lcia_method *ilcd_db_lcia_method_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_named *ilcd_db_source_at(const ilcd_db *db, size_t i);
ILCD_EXTERN const ilcd_named *ilcd_db_contact_at(const ilcd_db *db, size_t i);

/* ---- processes and flows: helpers ----------------------------------------------------------- */

/* The exchange with the given dataSetInternalID, or NULL. */
ILCD_EXTERN const ilcd_exchange *ilcd_process_exchange(const ilcd_process *process, int internal_id);

/* The unit group of a flow's reference flow property and the reference unit's name ("kg").
 * Returns 0, or ILCD_ERR_NOT_FOUND naming what is missing. */
ILCD_EXTERN int ilcd_flow_reference_unit(const ilcd_db *db, const ilcd_flow *flow, const char **unit_name,
                                         ilcd_error *err);

/* ---- units ---------------------------------------------------------------------------------- */

/* Factor of a unit (by name, exact match first, then case-insensitive) to the reference unit of
 * the group. Returns 0 or ILCD_ERR_UNIT. */
ILCD_EXTERN int ilcd_unit_group_factor(const ilcd_unit_group *group, const char *unit, double *factor);

/* The first unit group of the loaded data holding unit (a name as ilcd_unit_group_factor matches
 * it, or the ILCD name of a common one: pcs, piece, item -> Item(s); lb, pound -> lb av; oz,
 * ounce -> oz av; mile -> mi), NULL when none does. */
ILCD_EXTERN const ilcd_unit_group *ilcd_db_unit_group_of(const ilcd_db *db, const char *unit);

/* The names of the group's units, ", "-separated, into buf (cut at size); returns the length. For
 * messages that list the accepted units. */
ILCD_EXTERN size_t ilcd_unit_group_names(const ilcd_unit_group *group, char *buf, size_t size);

/* Converts amount between two units of one unit group of the loaded data (names as
 * ilcd_db_unit_group_of takes them), without a flow: "t" to "kg", "kWh" to "MJ", "Item(s)" to "pcs".
 * Errors (ILCD_ERR_UNIT): a unit no group holds, or two units of different groups (the message lists
 * the units of to's group). */
ILCD_EXTERN int ilcd_db_unit_convert(const ilcd_db *db, double amount, const char *from, const char *to, double *out,
                                     ilcd_error *err);

/* Converts amount of a flow from one unit to another. The units may belong to different flow
 * properties of the flow (piece → kg, MJ → kg): the conversion goes through the flow's property
 * mean values. A unit name no group holds that names a count ("pcs", "piece", "item"...) is the
 * ILCD "Item(s)", and lb, oz and mile are "lb av", "oz av" and "mi" (ilcd_db_unit_group_of). Errors (ILCD_ERR_UNIT) name the flow and both units. */
ILCD_EXTERN int ilcd_flow_convert(const ilcd_db *db, const ilcd_flow *flow, double amount, const char *from_unit,
                                  const char *to_unit, double *out, ilcd_error *err);

/* A conversion of one flow from one unit to another, found once (ilcd_flow_conversion) and applied
 * to many amounts (ilcd_conversion_apply) with exactly the arithmetic of ilcd_flow_convert, so that
 * the results are the same to the last bit. */
typedef struct ilcd_conversion {
  double from_factor, to_factor; /* each unit in its group's reference unit */
  double from_mean, to_mean;     /* the two flow properties' mean values (across only) */
  int across;                    /* 1: the units belong to different flow properties */
} ilcd_conversion;
ILCD_EXTERN int ilcd_flow_conversion(const ilcd_db *db, const ilcd_flow *flow, const char *from_unit,
                                     const char *to_unit, ilcd_conversion *out, ilcd_error *err);
/* amount converted; returns 0, or ILCD_ERR_UNIT when the result is out of range (ilcd_flow_convert
 * then names the flow). */
ILCD_EXTERN int ilcd_conversion_apply(const ilcd_conversion *c, double amount, double *out);

/* Amount of a flow, given in unit, expressed in the reference unit of its reference property
 * (the unit exchanges are written in). */
ILCD_EXTERN int ilcd_flow_to_reference(const ilcd_db *db, const ilcd_flow *flow, double amount, const char *unit,
                                       double *out, ilcd_error *err);

/* Sets err (if not NULL) and returns code. A printf-style helper for the library and its users. */
ILCD_EXTERN int ilcd_error_set(ilcd_error *err, int code, const char *path, long line, const char *uuid,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif
