/* cache_bench: loading an ILCD source from its XML against loading it from the binary cache
 * (ilcd/cache.h), in the same run.
 *
 *   cache_bench [PATH [REPEAT]]    PATH: zip, folder or XML file
 *                                  (default ../shared/ilcd/tiangong-lca-2024.zip), REPEAT: 3
 *
 * Each phase runs in a child process of its own, so that its peak resident memory (ru_maxrss) is
 * its own: phase 1 loads PATH from XML REPEAT times (ilcd_db_load) and writes the cache once
 * (ilcd_db_save_cache, timed); phase 2 loads it REPEAT times with ilcd_db_load_cached, which
 * computes the source's key (for a zip its central directory, size and time) and reads the
 * cache. Printed: best wall times, the ratio, the cache file's size and each phase's peak memory.
 * Both phases must give the same counts. */
#include <ilcd/cache.h>
#include <ilcd/ilcd.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct phase {
  double best_s, save_s, peak_mb;
  size_t datasets;
  int ok;
} phase;

static double wall_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static size_t total(const ilcd_db *db) {
  size_t n = 0;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) n += ilcd_db_count(db, k);
  return n;
}

static void run(phase *r, const char *path, const char *dir, int cached, int repeat) {
  r->best_s = 1e30;
  r->ok = 1;
  for (int i = 0; i < repeat; i++) {
    ilcd_db *db;
    ilcd_error err = {0};
    int hit = 0;
    if (ilcd_db_new(&db)) exit(2);
    double t0 = wall_s();
    int rc = cached ? ilcd_db_load_cached(db, path, dir, &hit, &err) : ilcd_db_load(db, path, &err);
    double t = wall_s() - t0;
    if (rc || (cached && !hit)) {
      fprintf(stderr, "cache_bench: %s: %s (hit %d)\n", err.path, err.message, hit);
      r->ok = 0;
    }
    if (t < r->best_s) r->best_s = t;
    r->datasets = total(db);
    if (!cached && i == 0) {
      uint8_t key[32];
      char file[1024];
      if (ilcd_cache_key(db, path, key, &err)) exit(2);
      int n = snprintf(file, sizeof file, "%s/", dir);
      for (int j = 0; j < 32; j++) n += snprintf(file + n, sizeof file - (size_t)n, "%02x", key[j]);
      snprintf(file + n, sizeof file - (size_t)n, "%s", ILCD_CACHE_SUFFIX);
      t0 = wall_s();
      if (ilcd_db_save_cache(db, file, key, path, &err)) r->ok = 0;
      r->save_s = wall_s() - t0;
    }
    ilcd_db_free(db);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  r->peak_mb = (double)ru.ru_maxrss / 1024.0;
}

/* Runs one phase in a child; its result comes back through a pipe. */
static phase in_child(const char *path, const char *dir, int cached, int repeat) {
  phase r = {0};
  int fd[2];
  if (pipe(fd)) exit(2);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    run(&r, path, dir, cached, repeat);
    ssize_t w = write(fd[1], &r, sizeof r);
    _exit(w == (ssize_t)sizeof r ? 0 : 1);
  }
  close(fd[1]);
  if (read(fd[0], &r, sizeof r) != (ssize_t)sizeof r) r.ok = 0;
  close(fd[0]);
  waitpid(pid, NULL, 0);
  return r;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "../shared/ilcd/tiangong-lca-2024.zip";
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  if (repeat < 1) return fprintf(stderr, "usage: cache_bench [PATH [REPEAT]]\n"), 2;
  char dir[] = "/tmp/cache_bench_XXXXXX";
  if (!mkdtemp(dir)) return perror("mkdtemp"), 2;
  phase xml = in_child(path, dir, 0, repeat), cache = in_child(path, dir, 1, repeat);
  double cache_mb = 0;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d));) {
    char f[1024];
    struct stat st;
    snprintf(f, sizeof f, "%s/%s", dir, e->d_name);
    if (e->d_name[0] != '.' && stat(f, &st) == 0) {
      cache_mb += (double)st.st_size / 1e6;
      remove(f);
    }
  }
  if (d) closedir(d);
  rmdir(dir);
  struct stat st;
  double src_mb = stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
  printf("source        %s (%.1f MB on disk), %zu datasets, best of %d\n", path, src_mb, xml.datasets, repeat);
  printf("XML load      %8.3f s   peak %7.1f MB   (cache written once in %.3f s)\n", xml.best_s, xml.peak_mb,
         xml.save_s);
  printf("cache load    %8.3f s   peak %7.1f MB   (the source's cache key included)\n", cache.best_s, cache.peak_mb);
  printf("ratio         %8.1fx faster from the cache; cache file %.2f MB\n", xml.best_s / cache.best_s, cache_mb);
  if (!xml.ok || !cache.ok || xml.datasets != cache.datasets) {
    printf("FAILED: counts %zu vs %zu\n", xml.datasets, cache.datasets);
    return 1;
  }
  return 0;
}
