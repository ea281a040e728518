/* bom_tree.c: the structure of a BOM (pcf/bom.h): links the rows by level or by parent part
 * number, checks assemblies and leaves, finds cycles, and expands every path from the top into
 * a leaf with its total quantity, masses and scrap, per ONE unit of the product.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bom_internal.h"

#define MAX_DEPTH 64
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
/* fuzz/run.sh: the same code with limits reached sooner, so that a mutated BOM whose shared
 * sub-assemblies expand to most of a million leaves costs milliseconds, not seconds. */
#define MAX_LEAVES 20000
#define MAX_PATH_BYTES ((size_t)1 << 20)
#else
#define MAX_LEAVES 1000000
#define MAX_PATH_BYTES ((size_t)64 << 20) /* all leaf paths together */
#endif

typedef struct walk {
  pcf_bom *bom;
  const char *file;
  bom_structure structure;
  size_t stack[MAX_DEPTH]; /* rows from the top to the current one */
  unsigned char *on_path;  /* by part id */
  unsigned char *visited;  /* by row */
  pcf_error *err;
} walk;

static const char *label(const bom_row *row) { return row->name[0] ? row->name : row->part; }

/* Level column: the parent of a row is the last row one level up. */
static int link_levels(pcf_bom *bom, pcf_error *err) {
  const char *file = pcf_csv_name(bom->csv);
  long last_at[MAX_DEPTH];
  int top = bom->rows[0].level, prev = -1;
  for (size_t r = 0; r < bom->nrows; r++) {
    bom_row *row = &bom->rows[r];
    int d = row->level - top;
    if (d < 0)
      return pcf_error_set(err, PCF_ERR_INPUT, file, row->line,
                           "level %d is above the top level %d set by the first line (line %ld)", row->level, top,
                           bom->rows[0].line);
    if (d > prev + 1)
      return pcf_error_set(err, PCF_ERR_INPUT, file, row->line,
                           "level jumps from %d to %d: a line can be at most one level below the "
                           "line before it",
                           prev + top, row->level);
    if (d >= MAX_DEPTH) return pcf_error_set(err, PCF_ERR_INPUT, file, row->line, "deeper than %d levels", MAX_DEPTH);
    row->parent_id = d ? last_at[d - 1] : -1;
    last_at[d] = (long)r;
    prev = d;
  }
  return 0;
}

static size_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return (size_t)h;
}

/* Parent column: part ids are the first row of each part number; parents are looked up. */
static int link_parents(pcf_bom *bom, pcf_error *err) {
  const char *file = pcf_csv_name(bom->csv);
  size_t nslots = 16;
  while (nslots < 2 * bom->nrows) nslots *= 2;
  long *slots = malloc(nslots * sizeof *slots);
  if (!slots) return pcf_error_set(err, PCF_ERR_NOMEM, file, 0, "out of memory");
  for (size_t i = 0; i < nslots; i++) slots[i] = -1;
  for (size_t r = 0; r < bom->nrows; r++) {
    bom_row *row = &bom->rows[r];
    if (!row->part[0]) continue;
    size_t i = hash(row->part) & (nslots - 1);
    while (slots[i] >= 0 && strcmp(bom->rows[slots[i]].part, row->part)) i = (i + 1) & (nslots - 1);
    if (slots[i] < 0) slots[i] = (long)r;
    row->part_id = slots[i];
  }
  int rc = 0;
  for (size_t r = 0; r < bom->nrows && !rc; r++) {
    bom_row *row = &bom->rows[r];
    if (!row->parent[0]) continue;
    size_t i = hash(row->parent) & (nslots - 1);
    while (slots[i] >= 0 && strcmp(bom->rows[slots[i]].part, row->parent)) i = (i + 1) & (nslots - 1);
    row->parent_id = slots[i];
    if (slots[i] < 0)
      rc = pcf_error_set(err, PCF_ERR_NOT_FOUND, file, row->line, "parent '%s' of '%s' is no line's part number",
                         row->parent, label(row));
  }
  free(slots);
  return rc;
}

/* Children lists: rows grouped by parent_id; a row's children are the group of its own row
 * (level) or of its part id (parent column, so that every row of a part shares them). */
static int build_kids(pcf_bom *bom, bom_structure structure, pcf_error *err) {
  size_t n = bom->nrows;
  size_t *start = calloc(n + 1, sizeof *start);
  bom->kids = malloc((n ? n : 1) * sizeof *bom->kids);
  if (!start || !bom->kids) {
    free(start);
    return pcf_error_set(err, PCF_ERR_NOMEM, pcf_csv_name(bom->csv), 0, "out of memory");
  }
  for (size_t r = 0; r < n; r++)
    if (bom->rows[r].parent_id >= 0) start[bom->rows[r].parent_id + 1]++;
  for (size_t g = 0; g < n; g++) start[g + 1] += start[g];
  for (size_t g = 0; g < n; g++) {
    bom->rows[g].kid_start = start[g];
    bom->rows[g].nkids = 0;
  }
  for (size_t r = 0; r < n; r++) {
    long p = bom->rows[r].parent_id;
    if (p >= 0) bom->kids[start[p] + bom->rows[p].nkids++] = r;
  }
  if (structure == BS_PARENT)
    for (size_t r = 0; r < n; r++) {
      bom_row *row = &bom->rows[r];
      if (row->part_id >= 0 && (size_t)row->part_id != r) {
        row->kid_start = bom->rows[row->part_id].kid_start;
        row->nkids = bom->rows[row->part_id].nkids;
      } else if (row->part_id < 0) {
        row->nkids = 0;
      }
    }
  free(start);
  return 0;
}

/* Assemblies are counted in pieces and carry no data of their own; leaves need some. */
static int classify(pcf_bom *bom, pcf_error *err) {
  const char *file = pcf_csv_name(bom->csv);
  for (size_t r = 0; r < bom->nrows; r++) {
    const bom_row *row = &bom->rows[r];
    if (!row->nkids) {
      if (!row->material[0] && !row->dataset[0] && isnan(row->pcf) && isnan(row->factor))
        return pcf_error_set(err, PCF_ERR_INPUT, file, row->line,
                             "'%s' has no material, dataset, supplier pcf or factor", label(row));
      continue;
    }
    if (row->unit.kind != BK_COUNT)
      return pcf_error_set(err, PCF_ERR_UNIT, file, row->line,
                           "assembly '%s' is counted in %s: the lines below it are per piece of "
                           "it, so give its quantity in pieces",
                           label(row), row->unit.canonical);
    if (row->dataset[0] || !isnan(row->pcf) || !isnan(row->factor))
      return pcf_error_set(err, PCF_ERR_INPUT, file, row->line,
                           "assembly '%s' has a %s of its own besides the lines below it, which "
                           "would count it twice; put it on a leaf or remove the lines below",
                           label(row),
                           row->dataset[0]    ? "dataset"
                           : !isnan(row->pcf) ? "supplier pcf"
                                              : "factor");
    if (row->material[0] && pcf_bom_warn(bom,
                                         "%s:%ld: material '%s' of assembly '%s' ignored "
                                         "(the lines below it carry the materials)",
                                         file, row->line, row->material, label(row)))
      return PCF_ERR_NOMEM;
    if (!isnan(row->recycled) &&
        pcf_bom_warn(bom, "%s:%ld: recycled content of assembly '%s' ignored", file, row->line, label(row)))
      return PCF_ERR_NOMEM;
    if (row->forming[0] && pcf_bom_warn(bom,
                                        "%s:%ld: forming step '%s' of assembly '%s' ignored (give it on the "
                                        "lines it forms)",
                                        file, row->line, row->forming, label(row)))
      return PCF_ERR_NOMEM;
  }
  return 0;
}

static int emit_leaf(walk *w, size_t r, int depth, double qty, double keep) {
  pcf_bom *bom = w->bom;
  const bom_row *row = &bom->rows[r];
  if (bom->nleaves >= MAX_LEAVES)
    return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line,
                         "more than %d leaves after expanding the sub-assemblies", MAX_LEAVES);
  if (pcf_grow((void **)&bom->leaves, &bom->leaves_cap, bom->nleaves + 1, sizeof *bom->leaves)) return PCF_ERR_NOMEM;
  if (pcf_grow((void **)&bom->path_offsets, &bom->path_offsets_cap, bom->nleaves + 1, sizeof *bom->path_offsets))
    return PCF_ERR_NOMEM;
  bom->path_offsets[bom->nleaves] = bom->paths_len;
  for (int i = 0; i <= depth; i++) {
    const char *part = label(&bom->rows[w->stack[i]]);
    size_t len = strlen(part);
    if (bom->paths_len + len + 2 > MAX_PATH_BYTES)
      return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line,
                           "the expanded BOM is absurdly large (leaf paths above %zu MiB)", MAX_PATH_BYTES >> 20);
    if (pcf_grow((void **)&bom->paths, &bom->paths_cap, bom->paths_len + len + 2, 1)) return PCF_ERR_NOMEM;
    memcpy(bom->paths + bom->paths_len, part, len);
    bom->paths_len += len;
    bom->paths[bom->paths_len++] = i < depth ? '/' : '\0';
  }
  pcf_bom_line *leaf = &bom->leaves[bom->nleaves++];
  *leaf = (pcf_bom_line){.part = row->part,
                         .name = row->name,
                         .material = row->material,
                         .dataset = row->dataset,
                         .forming = row->forming,
                         .level = depth,
                         .line = row->line,
                         .quantity_total = qty,
                         .unit = row->unit.canonical,
                         .quantity_input = qty / keep,
                         .mass_kg_total = row->mass_kg * qty,
                         .mass_kg_input = row->mass_kg * qty / keep,
                         .recycled_content = row->recycled,
                         .supplier_pcf_kg_co2e_per_unit = row->pcf,
                         .supplier_pcf_unit = row->pcf_unit,
                         .factor_kg_co2e_per_unit = row->factor,
                         .factor_unit = isnan(row->factor)    ? NULL
                                        : bom->factor_unit[0] ? bom->factor_unit
                                                              : row->unit.canonical,
                         .factor_source = row->factor_source,
                         .factor_quality = row->factor_quality,
                         .scrap_rate = 1 - keep};
  return 0;
}

/* The parts of a cycle, "A -> B -> A (lines 3, 5, 3)", from stack[from..depth] and back to
 * the part of row again. */
static int cycle_error(walk *w, int from, int depth, size_t again) {
  char parts[400] = "", lines[200] = "";
  size_t pl = 0, ll = 0;
  for (int i = from; i <= depth + 1; i++) {
    const bom_row *row = &w->bom->rows[i <= depth ? w->stack[i] : again];
    if (pl < sizeof parts)
      pl += (size_t)snprintf(parts + pl, sizeof parts - pl, "%s%s", i > from ? " -> " : "", row->part);
    if (ll < sizeof lines)
      ll += (size_t)snprintf(lines + ll, sizeof lines - ll, "%s%ld", i > from ? ", " : "", row->line);
  }
  return pcf_error_set(w->err, PCF_ERR_CYCLE, w->file, w->bom->rows[again].line,
                       "cyclic parent references: %s (lines %s)", parts, lines);
}

static int expand(walk *w, size_t r, int depth, double mult, double keep) {
  const bom_row *row = &w->bom->rows[r];
  double qty = mult * row->qty;
  keep *= 1 - row->scrap;
  w->stack[depth] = r;
  w->visited[r] = 1;
  if (qty > PCF_BOM_MAX_AMOUNT)
    return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line,
                         "total quantity %g %s of '%s' along its path (the product of the "
                         "quantities above it) is above the limit of %g %s (pcf/bom.h)",
                         qty, row->unit.canonical, label(row), PCF_BOM_MAX_AMOUNT, row->unit.canonical);
  if (!row->nkids) return emit_leaf(w, r, depth, qty, keep);
  if (depth + 1 >= MAX_DEPTH)
    return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line, "deeper than %d levels", MAX_DEPTH);
  if (row->part_id >= 0) w->on_path[row->part_id] = 1;
  int rc = 0;
  for (size_t k = 0; k < row->nkids && !rc; k++) {
    size_t c = w->bom->kids[row->kid_start + k];
    long pid = w->bom->rows[c].part_id;
    if (w->structure == BS_PARENT && pid >= 0 && w->on_path[pid]) {
      int from = depth;
      while (from > 0 && w->bom->rows[w->stack[from]].part_id != pid) from--;
      return cycle_error(w, from, depth, c);
    }
    rc = expand(w, c, depth + 1, qty, keep);
  }
  if (row->part_id >= 0) w->on_path[row->part_id] = 0;
  return rc;
}

/* Sizes before expanding. With a parent column a part can sit under many assemblies, so a few
 * hundred rows can expand to billions of leaves; the expansion would stop at the limits only
 * after doing their work. This pass visits each part once (in the expansion's order, so it meets
 * the same first cycle and, through the heights, the same first row too deep), counts the leaves
 * and path bytes each part expands to, and refuses an oversized BOM at the leaf where the
 * expansion would have stopped, in time proportional to the rows. Quantities along the paths are
 * still checked by the expansion, after the sizes. */
typedef struct extent {
  uint64_t *leaves, *bytes; /* below each part (by part id), saturating */
  int *height;              /* levels of assemblies below each part: 0 when all its kids are leaves */
  unsigned char *state;     /* by part id: 0 unseen, 1 on the path, 2 counted */
} extent;

static uint64_t sat_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
static uint64_t sat_mul(uint64_t a, uint64_t b) { return b && a > UINT64_MAX / b ? UINT64_MAX : a * b; }

/* Leaves and path bytes (every component and its '/' or NUL) of the paths through row r,
 * counting r's own label once per leaf plus `prefix` bytes of the path above it. */
static uint64_t row_leaves(const walk *w, const extent *x, size_t r) {
  const bom_row *row = &w->bom->rows[r];
  return row->nkids ? x->leaves[row->part_id] : 1;
}
static uint64_t row_bytes(const walk *w, const extent *x, size_t r, uint64_t prefix) {
  const bom_row *row = &w->bom->rows[r];
  uint64_t own = sat_add(prefix, strlen(label(row)) + 1);
  return sat_add(sat_mul(row_leaves(w, x, r), own), row->nkids ? x->bytes[row->part_id] : 0);
}

/* The first row at depth MAX_DEPTH - 1 that has kids, below row r (counted) at depth d. */
static int too_deep(walk *w, const extent *x, size_t r, int d) {
  const bom_row *row = &w->bom->rows[r];
  if (d + 1 >= MAX_DEPTH)
    return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line, "deeper than %d levels", MAX_DEPTH);
  for (size_t k = 0; k < row->nkids; k++) {
    size_t c = w->bom->kids[row->kid_start + k];
    const bom_row *kid = &w->bom->rows[c];
    if (kid->nkids && d + 1 + x->height[kid->part_id] >= MAX_DEPTH - 1) return too_deep(w, x, c, d + 1);
  }
  return 0; /* not reached: the heights say some kid is too deep */
}

static int count(walk *w, extent *x, size_t r, int d) {
  const bom_row *row = &w->bom->rows[r];
  if (!row->nkids) return 0;
  long p = row->part_id;
  if (x->state[p] == 2) return d + x->height[p] >= MAX_DEPTH - 1 ? too_deep(w, x, r, d) : 0;
  if (d + 1 >= MAX_DEPTH)
    return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line, "deeper than %d levels", MAX_DEPTH);
  w->stack[d] = r;
  x->state[p] = 1;
  uint64_t leaves = 0, bytes = 0;
  int height = 0;
  for (size_t k = 0; k < row->nkids; k++) {
    size_t c = w->bom->kids[row->kid_start + k];
    const bom_row *kid = &w->bom->rows[c];
    if (kid->part_id >= 0 && x->state[kid->part_id] == 1) {
      int from = d;
      while (from > 0 && w->bom->rows[w->stack[from]].part_id != kid->part_id) from--;
      return cycle_error(w, from, d, c);
    }
    int rc = count(w, x, c, d + 1);
    if (rc) return rc;
    leaves = sat_add(leaves, row_leaves(w, x, c));
    bytes = sat_add(bytes, row_bytes(w, x, c, 0));
    if (kid->nkids && x->height[kid->part_id] + 1 > height) height = x->height[kid->part_id] + 1;
  }
  x->leaves[p] = leaves;
  x->bytes[p] = bytes;
  x->height[p] = height;
  x->state[p] = 2;
  return 0;
}

/* Walks to the leaf where the expansion would stop, skipping whole parts that fit. */
static int find_stop(walk *w, const extent *x, size_t r, uint64_t prefix, uint64_t *nleaves, uint64_t *nbytes) {
  const bom_row *row = &w->bom->rows[r];
  if (!row->nkids) {
    if (*nleaves >= MAX_LEAVES)
      return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line,
                           "more than %d leaves after expanding the sub-assemblies", MAX_LEAVES);
    *nbytes += prefix + strlen(label(row)) + 1;
    if (*nbytes >= MAX_PATH_BYTES)
      return pcf_error_set(w->err, PCF_ERR_INPUT, w->file, row->line,
                           "the expanded BOM is absurdly large (leaf paths above %zu MiB)", MAX_PATH_BYTES >> 20);
    ++*nleaves;
    return 0;
  }
  prefix += strlen(label(row)) + 1;
  for (size_t k = 0; k < row->nkids; k++) {
    size_t c = w->bom->kids[row->kid_start + k];
    uint64_t leaves = row_leaves(w, x, c), bytes = row_bytes(w, x, c, prefix);
    int rc;
    if (sat_add(*nleaves, leaves) <= MAX_LEAVES && sat_add(*nbytes, bytes) < MAX_PATH_BYTES) {
      *nleaves += leaves;
      *nbytes += bytes;
    } else if ((rc = find_stop(w, x, c, prefix, nleaves, nbytes))) {
      return rc;
    }
  }
  return 0;
}

static int check_extent(walk *w) {
  pcf_bom *bom = w->bom;
  size_t n = bom->nrows;
  extent x = {.leaves = malloc(n * sizeof *x.leaves),
              .bytes = malloc(n * sizeof *x.bytes),
              .height = malloc(n * sizeof *x.height),
              .state = calloc(n, 1)};
  int rc = x.leaves && x.bytes && x.height && x.state ? 0 : PCF_ERR_NOMEM;
  uint64_t leaves = 0, bytes = 0;
  for (size_t r = 0; r < n && !rc; r++)
    if (bom->rows[r].parent_id < 0 && !(rc = count(w, &x, r, 0))) {
      leaves = sat_add(leaves, row_leaves(w, &x, r));
      bytes = sat_add(bytes, row_bytes(w, &x, r, 0));
    }
  if (!rc && (leaves > MAX_LEAVES || bytes >= MAX_PATH_BYTES)) {
    uint64_t nleaves = 0, nbytes = 0;
    for (size_t r = 0; r < n && !rc; r++)
      if (bom->rows[r].parent_id < 0) rc = find_stop(w, &x, r, 0, &nleaves, &nbytes);
  }
  free(x.leaves);
  free(x.bytes);
  free(x.height);
  free(x.state);
  return rc;
}

/* With a parent column, rows never reached from the top hang below a cycle: follow parents from
 * the first one until a part repeats. */
static int report_unreached(walk *w) {
  pcf_bom *bom = w->bom;
  size_t r = 0;
  while (r < bom->nrows && w->visited[r]) r++;
  if (r == bom->nrows) return 0;
  memset(w->on_path, 0, bom->nrows);
  int depth = 0;
  for (;;) {
    long pid = bom->rows[r].part_id;
    if (pid >= 0 && w->on_path[pid]) {
      int from = depth - 1;
      while (from > 0 && bom->rows[w->stack[from]].part_id != pid) from--;
      return cycle_error(w, from, depth - 1, r);
    }
    if (depth >= MAX_DEPTH) /* a chain too long to print whole: report where it starts */
      return pcf_error_set(w->err, PCF_ERR_CYCLE, w->file, bom->rows[w->stack[0]].line,
                           "'%s' is not reachable from the top: its parents form a cycle",
                           label(&bom->rows[w->stack[0]]));
    if (pid >= 0) w->on_path[pid] = 1;
    w->stack[depth++] = r;
    r = (size_t)bom->rows[r].parent_id; /* every unreached row has a parent */
  }
}

int pcf_bom_tree_build(pcf_bom *bom, bom_structure structure, pcf_error *err) {
  const char *file = pcf_csv_name(bom->csv);
  int rc = structure == BS_LEVEL ? link_levels(bom, err) : structure == BS_PARENT ? link_parents(bom, err) : 0;
  if (rc || (rc = build_kids(bom, structure, err)) || (rc = classify(bom, err))) return rc;
  walk w = {.bom = bom, .file = file, .structure = structure, .err = err};
  w.on_path = calloc(bom->nrows, 1);
  w.visited = calloc(bom->nrows, 1);
  if (!w.on_path || !w.visited) rc = PCF_ERR_NOMEM;
  if (!rc && structure == BS_PARENT) rc = check_extent(&w);
  for (size_t r = 0; r < bom->nrows && !rc; r++)
    if (bom->rows[r].parent_id < 0) rc = expand(&w, r, 0, 1, 1);
  if (!rc && structure == BS_PARENT) rc = report_unreached(&w);
  free(w.on_path);
  free(w.visited);
  if (rc == PCF_ERR_NOMEM) return pcf_error_set(err, rc, file, 0, "out of memory expanding the BOM");
  if (rc) return rc;
  bom->mass_kg = 0;
  for (size_t i = 0; i < bom->nleaves; i++) {
    bom->leaves[i].path = bom->paths + bom->path_offsets[i];
    bom->mass_kg += bom->leaves[i].mass_kg_total;
  }
  return 0;
}
