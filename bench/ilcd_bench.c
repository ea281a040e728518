/* ilcd_bench: how fast and how lean the ILCD reader loads a database, against a baseline.
 *
 *   ilcd_bench [PATH [REPEAT]]     PATH: zip archive, folder or XML file
 *                                  (default ../shared/ilcd/tiangong-lca-2024.zip), REPEAT: 3
 *
 * Pass 1 loads PATH REPEAT times with ilcd_db_load + ilcd_db_check (streaming SAX2 parse, dataset
 * extraction, UUID index, reference check) and prints wall and CPU time of the best run,
 * datasets/s, MB/s of XML, and the peak resident memory (getrusage ru_maxrss) with its ratio to the
 * XML size. Pass 2, in the same process, is the baseline: every XML file of PATH read (inflated)
 * and parsed into a libxml2 DOM with xmlReadMemory, then freed, with no extraction at all; it
 * prints the inflate and parse times and the memory the DOMs take (libxml2's own allocations,
 * counted through xmlMemSetup): the largest single document's and the sum over all documents, which
 * is what a reader keeping DOMs would hold. Targets (issue 2): the whole TianGong archive parsed
 * and indexed in under 2 s on one core, peak memory under 4x the XML size. */
#include <ilcd/ilcd.h>

#include <dirent.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <minizip/unzip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

/* ---- libxml2 allocation accounting ------------------------------------------------------------ */

static size_t xml_live, xml_peak;

static void count_add(void *p) {
  if (!p) return;
  xml_live += malloc_usable_size(p);
  if (xml_live > xml_peak) xml_peak = xml_live;
}
static void count_sub(void *p) {
  if (p) xml_live -= malloc_usable_size(p);
}
static void *c_malloc(size_t n) {
  void *p = malloc(n);
  count_add(p);
  return p;
}
static void c_free(void *p) {
  count_sub(p);
  free(p);
}
static void *c_realloc(void *p, size_t n) {
  size_t old = p ? malloc_usable_size(p) : 0;
  void *q = realloc(p, n);
  if (!q) return NULL;
  xml_live = xml_live - old + malloc_usable_size(q);
  if (xml_live > xml_peak) xml_peak = xml_live;
  return q;
}
static char *c_strdup(const char *s) {
  char *p = strdup(s);
  count_add(p);
  return p;
}

/* ---- clocks and memory ------------------------------------------------------------------------ */

static double wall_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double cpu_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double peak_rss_mb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static double current_rss_mb(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
  }
  return (double)resident * 4096.0 / 1048576.0;
}

/* ---- the baseline: DOM parse of every XML file -------------------------------------------------- */

typedef struct dom_stats {
  size_t files;
  double bytes, read_s, parse_s;
  size_t max_doc, sum_doc; /* libxml2 bytes held by one parsed document */
  size_t failed;
} dom_stats;

static void dom_one(dom_stats *st, const char *name, const char *buf, size_t size) {
  size_t before = xml_live;
  xml_peak = xml_live;
  double t = wall_s();
  xmlDocPtr doc = xmlReadMemory(buf, (int)size, name, NULL, XML_PARSE_NONET);
  size_t held = doc ? xml_live - before : 0;
  if (doc) xmlFreeDoc(doc);
  st->parse_s += wall_s() - t;
  st->failed += !doc;
  st->files++;
  st->bytes += (double)size;
  if (held > st->max_doc) st->max_doc = held;
  st->sum_doc += held;
}

static int dom_zip(dom_stats *st, const char *path) {
  unzFile zf = unzOpen64(path);
  if (!zf) return -1;
  char *buf = NULL;
  size_t cap = 0;
  for (int s = unzGoToFirstFile(zf); s == UNZ_OK; s = unzGoToNextFile(zf)) {
    char name[1024];
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zf, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) break;
    size_t n = strlen(name);
    if (n < 4 || strcasecmp(name + n - 4, ".xml") != 0 || !info.uncompressed_size) continue;
    double t = wall_s();
    size_t size = (size_t)info.uncompressed_size;
    if (size > cap) {
      free(buf);
      cap = size;
      buf = malloc(cap);
      if (!buf) break;
    }
    if (unzOpenCurrentFile(zf) != UNZ_OK) break;
    int got = unzReadCurrentFile(zf, buf, (unsigned)size);
    unzCloseCurrentFile(zf);
    st->read_s += wall_s() - t;
    if (got != (int)size) break;
    dom_one(st, name, buf, size);
  }
  free(buf);
  unzClose(zf);
  return 0;
}

static void dom_file(dom_stats *st, const char *path) {
  double t = wall_s();
  FILE *f = fopen(path, "rb");
  if (!f) return;
  struct stat sb;
  if (fstat(fileno(f), &sb) != 0) {
    fclose(f);
    return;
  }
  char *buf = malloc((size_t)sb.st_size + 1);
  size_t n = buf ? fread(buf, 1, (size_t)sb.st_size, f) : 0;
  fclose(f);
  st->read_s += wall_s() - t;
  if (buf) dom_one(st, path, buf, n);
  free(buf);
}

static void dom_dir(dom_stats *st, const char *path) {
  struct dirent **names;
  int n = scandir(path, &names, NULL, alphasort);
  if (n < 0) return;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (name[0] != '.') {
      char child[4096];
      snprintf(child, sizeof child, "%s/%s", path, name);
      struct stat sb;
      size_t len = strlen(name);
      if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
        dom_dir(st, child);
      else if (S_ISREG(sb.st_mode) && len > 4 && strcasecmp(name + len - 4, ".xml") == 0)
        dom_file(st, child);
    }
    free(names[i]);
  }
  free(names);
}

/* ---- main ------------------------------------------------------------------------------------------ */

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "../shared/ilcd/tiangong-lca-2024.zip";
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  if (repeat < 1 || argc > 3) {
    fprintf(stderr, "usage: ilcd_bench [PATH [REPEAT]]\n");
    return 2;
  }
  xmlMemSetup(c_free, c_malloc, c_realloc, c_strdup);
  xmlInitParser();
  double rss0 = current_rss_mb();

  /* Pass 1: the ILCD reader. */
  double best_wall = 1e30, best_cpu = 0, best_check = 0;
  size_t datasets = 0, problems = 0, file_errors = 0;
  double xml_bytes = 0;
  size_t xml_lib_peak = 0;
  for (int r = 0; r < repeat; r++) {
    ilcd_db *db;
    ilcd_error err = {0};
    if (ilcd_db_new(&db)) return 1;
    ilcd_options o = {.keep_going = 1};
    ilcd_db_set_options(db, &o);
    size_t xml_base = xml_live;
    xml_peak = xml_live;
    double w = wall_s(), c = cpu_s();
    int rc = ilcd_db_load(db, path, &err);
    double wc = wall_s();
    ilcd_db_check(db);
    double w1 = wall_s(), c1 = cpu_s();
    if (rc) {
      fprintf(stderr, "ilcd_bench: %s:%ld: %s\n", err.path, err.line, err.message);
      ilcd_db_free(db);
      return 1;
    }
    if (w1 - w < best_wall) {
      best_wall = w1 - w;
      best_cpu = c1 - c;
      best_check = w1 - wc;
    }
    datasets = 0;
    for (int k = 0; k < ILCD_KIND_COUNT; k++) datasets += ilcd_db_count(db, k);
    problems = ilcd_db_problem_count(db);
    file_errors = ilcd_db_file_error_count(db);
    xml_bytes = (double)ilcd_db_xml_bytes(db);
    if (xml_peak - xml_base > xml_lib_peak) xml_lib_peak = xml_peak - xml_base;
    ilcd_db_free(db);
  }
  double rss_ilcd = peak_rss_mb();
  double mb = xml_bytes / 1e6;
  printf("ilcd_bench %s (best of %d)\n", path, repeat);
  printf("ILCD reader (load + index + reference check)\n");
  printf("  datasets            %zu (%zu dangling references, %zu files skipped)\n", datasets, problems, file_errors);
  printf("  XML                 %.1f MB\n", mb);
  printf("  wall time           %.3f s (reference check %.3f s), CPU %.3f s\n", best_wall, best_check, best_cpu);
  printf("  throughput          %.0f datasets/s, %.1f MB/s of XML\n", (double)datasets / best_wall, mb / best_wall);
  printf("  peak memory         %.1f MB RSS (%.1f MB at start): %.2f x the XML size\n", rss_ilcd, rss0,
         rss_ilcd * 1048576.0 / xml_bytes);
  printf("  libxml2 peak        %.2f MB held by the parser at any time\n", (double)xml_lib_peak / 1e6);

  /* Pass 2: DOM baseline over the same files. */
  dom_stats st = {0};
  double w = wall_s();
  struct stat sb;
  if (stat(path, &sb) != 0) return 1;
  if (S_ISDIR(sb.st_mode))
    dom_dir(&st, path);
  else if (strlen(path) > 4 && strcasecmp(path + strlen(path) - 4, ".zip") == 0)
    dom_zip(&st, path);
  else
    dom_file(&st, path);
  double dom_wall = wall_s() - w;
  printf("Baseline: libxml2 DOM parse of the same %zu files (xmlReadMemory + xmlFreeDoc, no extraction)\n", st.files);
  printf("  wall time           %.3f s: reading/inflating %.3f s, DOM parse + free %.3f s%s\n", dom_wall, st.read_s,
         st.parse_s, st.failed ? " (some files failed)" : "");
  printf("  throughput          %.1f MB/s of XML (parse + free only)\n", st.bytes / 1e6 / st.parse_s);
  printf("  DOM memory          largest document %.1f MB; all documents %.1f MB (%.2f x the XML)\n",
         (double)st.max_doc / 1e6, (double)st.sum_doc / 1e6, (double)st.sum_doc / st.bytes);
  printf(
      "Streaming reader / baseline: %.2f x the time of read + DOM parse; "
      "peak RSS %.2f x the memory all DOMs would hold\n",
      best_wall / dom_wall, rss_ilcd * 1048576.0 / (double)st.sum_doc);
  printf("Targets: < 2 s %s, peak memory < 4 x XML %s\n", best_wall < 2 ? "met" : "MISSED",
         rss_ilcd * 1048576.0 < 4 * xml_bytes ? "met" : "MISSED");
  xmlCleanupParser();
  return 0;
}
