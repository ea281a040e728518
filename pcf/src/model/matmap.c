/* matmap.c: the material map (pcf/matmap.h), material names to ILCD process UUIDs.
 *
 * Entries live in an array (load order) indexed by an open-addressing hash of their normalised
 * names. A file is first read into a map of its own, which catches duplicates within the file,
 * and then merged into the target with all memory reserved beforehand, so that a failed load
 * leaves the target untouched.
 */
#include "pcf/matmap.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "matmap_internal.h"

typedef struct entry {
  pcf_material pub;
  char *key;   /* normalised name */
  char *block; /* one allocation holding every string of the entry */
} entry;

struct pcf_matmap {
  entry *entries;
  size_t n, cap;
  size_t *slots; /* entry index + 1, 0 for empty */
  size_t nslots; /* a power of two, kept at least twice n */
  char **warnings;
  size_t nwarnings, warnings_cap;
};

static const char *const family_names[PCF_FAMILY_COUNT] = {"other", "plastic", "metal",   "glass",
                                                           "paper", "wood",    "textile", "electronics"};

const char *pcf_family_name(pcf_family family) {
  return (unsigned)family < PCF_FAMILY_COUNT ? family_names[family] : "?";
}

int pcf_family_parse(const char *text, pcf_family *out) {
  char key[32];
  pcf_csv_key(text, key, sizeof key);
  if (!key[0]) {
    *out = PCF_FAMILY_OTHER;
    return 0;
  }
  size_t len = strlen(key);
  for (int f = 0; f < PCF_FAMILY_COUNT; f++) {
    size_t flen = strlen(family_names[f]);
    /* "plastics", "metals", "glasses", "others" */
    if (!strncmp(key, family_names[f], flen) &&
        (len == flen || !strcmp(key + flen, "s") || !strcmp(key + flen, "es"))) {
      *out = (pcf_family)f;
      return 0;
    }
  }
  if (!strcmp(key, "cardboard") || !strcmp(key, "paperboard")) return (*out = PCF_FAMILY_PAPER), 0;
  return PCF_ERR_INPUT;
}

/* Reads a name's normalised form (see pcf/matmap.h) one character at a time, '\0' at its end, so
 * that a lookup needs no memory: one that failed for want of it would read as "not in the map". */
typedef struct norm_reader {
  const char *s;
  int started;
} norm_reader;

static char norm_next(norm_reader *r) {
  int gap = 0;
  for (char c; (c = *r->s); r->s++) {
    if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '\r' || c == '\n') {
      gap = 1;
      continue;
    }
    if (gap && r->started) return ' '; /* c itself comes next call */
    r->s++;
    r->started = 1;
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  return '\0';
}

/* The normalised name, malloc'ed; NULL when out of memory. */
static char *normalise(const char *name) {
  char *out = malloc(strlen(name) + 1);
  if (!out) return NULL;
  norm_reader r = {name, 0};
  size_t n = 0;
  while ((out[n] = norm_next(&r))) n++;
  return out;
}

static size_t hash(const char *key) {
  uint64_t h = 1469598103934665603u;
  for (; *key; key++) h = (h ^ (unsigned char)*key) * 1099511628211u;
  return (size_t)h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t probe(const pcf_matmap *m, const char *key) {
  size_t mask = m->nslots - 1, i = hash(key) & mask;
  while (m->slots[i] && strcmp(m->entries[m->slots[i] - 1].key, key)) i = (i + 1) & mask;
  return i;
}

/* The same for a name not yet normalised: its key is read as it is compared. */
static int equals_normalised(const char *key, const char *name) {
  norm_reader r = {name, 0};
  for (;; key++) {
    char c = norm_next(&r);
    if (*key != c) return 0;
    if (!c) return 1;
  }
}

static size_t probe_name(const pcf_matmap *m, const char *name) {
  /* A name normalisation leaves as it is (no capital, space, tab, '_' or '-': "steel", "mat0042")
   * is its own key: hashed and compared as it stands (a batch looks up every BOM line). */
  const char *at = name;
  while (*at && !(*at >= 'A' && *at <= 'Z') && *at != ' ' && *at != '\t' && *at != '_' && *at != '-' && *at != '\r' &&
         *at != '\n')
    at++;
  if (!*at) return probe(m, name);
  uint64_t h = 1469598103934665603u; /* hash() of the normalised name */
  norm_reader r = {name, 0};
  for (char c; (c = norm_next(&r));) h = (h ^ (unsigned char)c) * 1099511628211u;
  size_t mask = m->nslots - 1, i = (size_t)h & mask;
  while (m->slots[i] && !equals_normalised(m->entries[m->slots[i] - 1].key, name)) i = (i + 1) & mask;
  return i;
}

/* Makes room for extra more entries (array and hash), so that inserting them cannot fail. */
static int reserve(pcf_matmap *m, size_t extra) {
  size_t need = m->n + extra;
  if (need > m->cap) {
    entry *e = realloc(m->entries, need * sizeof *e);
    if (!e) return PCF_ERR_NOMEM;
    m->entries = e;
    m->cap = need;
  }
  if (m->nslots >= 2 * need && m->nslots) return 0;
  size_t nslots = 16;
  while (nslots < 2 * need) nslots *= 2;
  size_t *slots = calloc(nslots, sizeof *slots);
  if (!slots) return PCF_ERR_NOMEM;
  free(m->slots);
  m->slots = slots;
  m->nslots = nslots;
  for (size_t k = 0; k < m->n; k++) m->slots[probe(m, m->entries[k].key)] = k + 1;
  return 0;
}

pcf_matmap *pcf_matmap_new(void) {
  pcf_matmap *m = calloc(1, sizeof *m);
  if (m && reserve(m, 8)) {
    pcf_matmap_free(m); /* the entries may have been allocated before the slots failed */
    return NULL;
  }
  return m;
}

void pcf_matmap_free(pcf_matmap *m) {
  if (!m) return;
  for (size_t k = 0; k < m->n; k++) {
    free(m->entries[k].key);
    free(m->entries[k].block);
  }
  for (size_t k = 0; k < m->nwarnings; k++) free(m->warnings[k]);
  free(m->warnings);
  free(m->entries);
  free(m->slots);
  free(m);
}

static int add_warning(pcf_matmap *m, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (m->nwarnings == m->warnings_cap) {
    size_t cap = m->warnings_cap ? 2 * m->warnings_cap : 8;
    char **w = realloc(m->warnings, cap * sizeof *w);
    if (!w) return PCF_ERR_NOMEM;
    m->warnings = w;
    m->warnings_cap = cap;
  }
  if (!(m->warnings[m->nwarnings] = strdup(buf))) return PCF_ERR_NOMEM;
  m->nwarnings++;
  return 0;
}

/* Checks "8-4-4-4-12" hex and writes it lower-cased into out (37 bytes). */
static int parse_uuid(const char *text, char *out) {
  while (*text == ' ' || *text == '\t') text++;
  size_t i = 0;
  for (; i < 36; i++) {
    char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return -1;
    } else if (c >= 'A' && c <= 'F') {
      c = (char)(c - 'A' + 'a');
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return -1;
    }
    out[i] = c;
  }
  out[36] = '\0';
  for (text += 36; *text == ' ' || *text == '\t'; text++)
    ;
  return *text ? -1 : 0;
}

enum { COL_NAME, COL_PROCESS, COL_FAMILY, COL_NOTE, COL_PROXY, COL_FORMING, COL_COUNT };

/* Finds the columns in the header row; unknown ones become warnings in m. */
static int map_header(pcf_matmap *m, const pcf_csv *csv, long *cols, pcf_error *err) {
  static const char *const synonyms[COL_COUNT][5] = {{"name", "material", "materialname", NULL},
                                                     {"process", "processuuid", "dataset", "uuid", "processid"},
                                                     {"family", "materialfamily", NULL},
                                                     {"note", "notes", "comment", "comments", NULL},
                                                     {"proxy", "proxyreason", NULL},
                                                     {"forming", "formingstep", "formedby", NULL}};
  const char *path = pcf_csv_name(csv);
  for (int c = 0; c < COL_COUNT; c++) cols[c] = -1;
  for (size_t f = 0; f < pcf_csv_fields(csv, 0); f++) {
    char key[64];
    pcf_csv_key(pcf_csv_field(csv, 0, f), key, sizeof key);
    int found = -1;
    for (int c = 0; c < COL_COUNT && found < 0; c++)
      for (int s = 0; s < 5 && synonyms[c][s] && found < 0; s++)
        if (!strcmp(key, synonyms[c][s])) found = c;
    if (found >= 0 && cols[found] >= 0)
      return pcf_error_set(err, PCF_ERR_INPUT, path, pcf_csv_line(csv, 0), "columns %ld and %zu both give the %s",
                           cols[found] + 1, f + 1, synonyms[found][0]);
    if (found >= 0)
      cols[found] = (long)f;
    else if (add_warning(m, "%s:%ld: column '%s' ignored", path, pcf_csv_line(csv, 0), pcf_csv_field(csv, 0, f)))
      return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  }
  for (int c = 0; c < 2; c++)
    if (cols[c] < 0)
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, pcf_csv_line(csv, 0),
                           "no '%s' column in the material map header (columns: name, process, "
                           "family, note)",
                           synonyms[c][0]);
  return 0;
}

/* Appends a new entry to staging m (capacity reserved by the caller). */
static int add_entry(pcf_matmap *m, const char *name, const char *uuid, pcf_family family, const char *note,
                     const char *proxy, const char *forming, const char *source, long line) {
  size_t ln = strlen(name) + 1, lu = strlen(uuid) + 1, lo = strlen(note) + 1, ls = strlen(source) + 1,
         lp = strlen(proxy) + 1, lf = strlen(forming) + 1;
  char *block = malloc(ln + lu + lo + ls + lp + lf);
  char *key = normalise(name);
  if (!block || !key) {
    free(block);
    free(key);
    return PCF_ERR_NOMEM;
  }
  entry *e = &m->entries[m->n];
  e->block = block;
  e->key = key;
  e->pub.name = memcpy(block, name, ln);
  e->pub.process = memcpy(block + ln, uuid, lu);
  e->pub.note = memcpy(block + ln + lu, note, lo);
  e->pub.source = memcpy(block + ln + lu + lo, source, ls);
  e->pub.proxy = memcpy(block + ln + lu + lo + ls, proxy, lp);
  e->pub.forming = memcpy(block + ln + lu + lo + ls + lp, forming, lf);
  e->pub.family = family;
  e->pub.line = line;
  m->slots[probe(m, key)] = ++m->n;
  return 0;
}

/* Reads the rows of csv into the empty map stage. */
static int read_rows(pcf_matmap *stage, const pcf_csv *csv, pcf_error *err) {
  const char *path = pcf_csv_name(csv);
  long cols[COL_COUNT];
  int rc = map_header(stage, csv, cols, err);
  if (rc) return rc;
  for (size_t r = 1; r < pcf_csv_rows(csv); r++) {
    long line = pcf_csv_line(csv, r);
    const char *name = pcf_csv_field(csv, r, (size_t)cols[COL_NAME]);
    const char *process = pcf_csv_field(csv, r, (size_t)cols[COL_PROCESS]);
    const char *family = cols[COL_FAMILY] >= 0 ? pcf_csv_field(csv, r, (size_t)cols[COL_FAMILY]) : "";
    const char *note = cols[COL_NOTE] >= 0 ? pcf_csv_field(csv, r, (size_t)cols[COL_NOTE]) : "";
    const char *proxy = cols[COL_PROXY] >= 0 ? pcf_csv_field(csv, r, (size_t)cols[COL_PROXY]) : "";
    const char *forming = cols[COL_FORMING] >= 0 ? pcf_csv_field(csv, r, (size_t)cols[COL_FORMING]) : "";
    char uuid[37];
    pcf_family fam;
    if (!name[0]) return pcf_error_set(err, PCF_ERR_INPUT, path, line, "empty material name");
    if (parse_uuid(process, uuid))
      return pcf_error_set(err, PCF_ERR_INPUT, path, line, "material '%s': process '%s' is not a UUID", name, process);
    if (pcf_family_parse(family, &fam))
      return pcf_error_set(err, PCF_ERR_INPUT, path, line,
                           "material '%s': unknown family '%s' (plastic, metal, glass, paper, "
                           "wood, textile, electronics, other)",
                           name, family);
    size_t slot = probe_name(stage, name);
    if (stage->slots[slot]) {
      const pcf_material *old = &stage->entries[stage->slots[slot] - 1].pub;
      if (strcmp(old->process, uuid))
        return pcf_error_set(err, PCF_ERR_INPUT, path, line,
                             "material '%s' is mapped twice: to %s on line %ld and to %s here", name, old->process,
                             old->line, uuid);
      continue;
    }
    if (reserve(stage, 1) || add_entry(stage, name, uuid, fam, note, proxy, forming, path, line))
      return pcf_error_set(err, PCF_ERR_NOMEM, path, line, "out of memory");
  }
  return 0;
}

/* Moves the entries and warnings of stage into m, replacing same-named entries. */
static int merge(pcf_matmap *m, pcf_matmap *stage) {
  if (reserve(m, stage->n)) return PCF_ERR_NOMEM;
  if (m->nwarnings + stage->nwarnings > m->warnings_cap) {
    size_t cap = m->nwarnings + stage->nwarnings;
    char **w = realloc(m->warnings, cap * sizeof *w);
    if (!w) return PCF_ERR_NOMEM;
    m->warnings = w;
    m->warnings_cap = cap;
  }
  /* From here on nothing can fail. */
  for (size_t k = 0; k < stage->n; k++) {
    entry *e = &stage->entries[k];
    size_t slot = probe(m, e->key);
    if (m->slots[slot]) {
      entry *old = &m->entries[m->slots[slot] - 1];
      free(old->key);
      free(old->block);
      *old = *e;
    } else {
      m->entries[m->n] = *e;
      m->slots[slot] = ++m->n;
    }
  }
  stage->n = 0;
  for (size_t k = 0; k < stage->nwarnings; k++) m->warnings[m->nwarnings++] = stage->warnings[k];
  stage->nwarnings = 0;
  return 0;
}

static int load_csv(pcf_matmap *m, pcf_csv *csv, pcf_error *err) {
  const char *path = pcf_csv_name(csv);
  if (!pcf_csv_rows(csv)) return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, 0, "empty material map (no header)");
  pcf_matmap *stage = pcf_matmap_new();
  if (!stage) return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  int rc = read_rows(stage, csv, err);
  if (!rc && (rc = merge(m, stage))) pcf_error_set(err, rc, path, 0, "out of memory");
  pcf_matmap_free(stage);
  return rc;
}

int pcf_matmap_load(pcf_matmap *m, const char *path, pcf_error *err) {
  pcf_csv *csv = NULL;
  int rc = pcf_csv_read(&csv, path, 0, err);
  if (!rc) rc = load_csv(m, csv, err);
  pcf_csv_free(csv);
  return rc;
}

int pcf_matmap_load_memory(pcf_matmap *m, const char *name, const char *data, size_t size, pcf_error *err) {
  pcf_csv *csv = NULL;
  int rc = pcf_csv_read_memory(&csv, name, data, size, 0, err);
  if (!rc) rc = load_csv(m, csv, err);
  pcf_csv_free(csv);
  return rc;
}

const pcf_material *pcf_matmap_find(const pcf_matmap *m, const char *name) {
  size_t slot = probe_name(m, name);
  return m->slots[slot] ? &m->entries[m->slots[slot] - 1].pub : NULL;
}

/* Levenshtein distance of a and b (each at most 255 bytes). */
static size_t distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), row[256];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

/* The longest run of whole words of key (normalised) that is a name of the map: "recycled PP 30%
 * GF" holds "recycled pp". Words are split at spaces and at , / ( ) + %. */
static const char *contained_name(const pcf_matmap *m, const char *key) {
  char buf[256];
  size_t len = strlen(key);
  if (len >= sizeof buf) return NULL;
  memcpy(buf, key, len + 1);
  size_t start[64], stop[64], n = 0;
  for (size_t i = 0; i < len && n < 64;) {
    while (i < len && strchr(" ,/()+%", buf[i])) i++;
    if (i >= len) break;
    start[n] = i;
    while (i < len && !strchr(" ,/()+%", buf[i])) i++;
    stop[n++] = i;
  }
  const char *best = NULL;
  size_t best_len = 0;
  for (size_t a = 0; a < n; a++)
    for (size_t b = a; b < n; b++) {
      size_t l = stop[b] - start[a];
      if (l <= best_len || (a == 0 && b == n - 1))
        continue; /* the whole name is not in the map, or was already tried */
      char part[256];
      memcpy(part, buf + start[a], l);
      part[l] = '\0';
      const pcf_material *e = pcf_matmap_find(m, part);
      if (e) {
        best = e->name;
        best_len = l;
      }
    }
  return best;
}

const char *pcf_matmap_suggest(const pcf_matmap *m, const char *name) {
  /* Names of 256 bytes or more (normalised) get no suggestion: no memory to allocate here. */
  char key[256];
  norm_reader r = {name, 0};
  size_t len = 0, best = SIZE_MAX;
  while (len < sizeof key && (key[len] = norm_next(&r))) len++;
  if (len == sizeof key) return NULL;
  const char *found = NULL;
  /* A plural of a known name ("LEDs", "batteries" aside): the singular. */
  if (len > 3 && key[len - 1] == 's') {
    key[len - 1] = '\0';
    const pcf_material *e = pcf_matmap_find(m, key);
    key[len - 1] = 's';
    if (e) found = e->name;
  }
  /* Synonyms and families next: a known name inside the unknown one. */
  if (!found) found = contained_name(m, key);
  /* Then spelling: only names of at least 5 letters, within one edit per 4 letters. Short names
   * are acronyms or distinct words, where one letter makes another material (PCB and PC, LED
   * and PE, tin and zinc, wool and wood, cork and CRC): no suggestion is better than those. */
  if (!found && len >= 5 && len < 256) {
    for (size_t k = 0; k < m->n; k++) {
      size_t lk = strlen(m->entries[k].key);
      if (lk < 5 || lk >= 256) continue;
      size_t d = distance(key, m->entries[k].key);
      if (d < best) {
        best = d;
        found = m->entries[k].pub.name;
      }
    }
    if (best > len / 4) found = NULL;
  }
  return found;
}

size_t pcf_matmap_count(const pcf_matmap *m) { return m->n; }

/* pub is an entry's first member. */
size_t pcf__matmap_index(const pcf_matmap *m, const pcf_material *e) {
  return (size_t)((const entry *)(const void *)e - m->entries);
}

const pcf_material *pcf_matmap_get(const pcf_matmap *m, size_t i) { return i < m->n ? &m->entries[i].pub : NULL; }

size_t pcf_matmap_warning_count(const pcf_matmap *m) { return m->nwarnings; }

const char *pcf_matmap_warning(const pcf_matmap *m, size_t i) { return i < m->nwarnings ? m->warnings[i] : NULL; }
