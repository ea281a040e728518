/* serve_bench.c: a bounded local load run of pcf serve. Fills a store with N footprints
 * (PACT-shaped documents, 10,000 by default), starts `pcf serve` on 127.0.0.1 with the test
 * certificate, and has C clients (50 by default, one thread and one kept-alive HTTPS connection
 * each) send R requests in all (20,000 by default): GetFootprint of a random stored id (v3) for
 * 4 in 5, ListFootprints with a productId filter (v2) for the rest. Prints throughput, p50/p99
 * latency and the count of answers that were not 200. Loopback only; stops by itself.
 * Usage: serve_bench PCF_BINARY FIXTURES_DIR [footprints] [clients] [requests] */
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static char url[128], auth[256], fix[1024];
static int n_fp, n_req_each;
static double *lat;
static int errors;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static size_t sink(char *p, size_t s, size_t n, void *c) {
  (void)p, (void)c;
  return s * n;
}

static void *client(void *arg) {
  long k = (long)arg;
  unsigned seed = (unsigned)k * 2654435761u;
  CURL *h = curl_easy_init();
  struct curl_slist *hd = curl_slist_append(NULL, auth);
  char ca[1100], u[512];
  snprintf(ca, sizeof ca, "%s/ca.pem", fix);
  curl_easy_setopt(h, CURLOPT_CAINFO, ca);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
  int bad = 0;
  for (int i = 0; i < n_req_each; i++) {
    int id = (int)(rand_r(&seed) % (unsigned)n_fp) + 1;
    if (i % 5 == 4)
      snprintf(u, sizeof u, "%s/2/footprints?productId=urn:bench:product:%d", url, id);
    else
      snprintf(u, sizeof u, "%s/3/footprints/00000000-0000-4000-8000-%012d", url, id);
    curl_easy_setopt(h, CURLOPT_URL, u);
    double t0 = now();
    long status = 0;
    CURLcode cc = curl_easy_perform(h);
    if (cc == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    lat[k * n_req_each + i] = now() - t0;
    if (status != 200) /* what failed and when, so that a failure can be explained */
      fprintf(stderr, "serve_bench: client %ld request %d after %.3f s: %s\n", k, i, now() - t0,
              cc != CURLE_OK ? curl_easy_strerror(cc) : status == 0 ? "no answer" : "HTTP status other than 200"),
          cc == CURLE_OK ? fprintf(stderr, "  status %ld, %s\n", status, u) : 0;
    bad += status != 200;
  }
  curl_slist_free_all(hd);
  curl_easy_cleanup(h);
  pthread_mutex_lock(&lock);
  errors += bad;
  pthread_mutex_unlock(&lock);
  return NULL;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return fprintf(stderr, "usage: serve_bench PCF_BINARY FIXTURES_DIR [footprints] [clients] [requests]\n"), 64;
  const char *pcf = argv[1];
  snprintf(fix, sizeof fix, "%s", argv[2]);
  n_fp = argc > 3 ? atoi(argv[3]) : 10000;
  int clients = argc > 4 ? atoi(argv[4]) : 50, total = argc > 5 ? atoi(argv[5]) : 20000;
  n_req_each = total / clients;
  char dir[] = "/tmp/pcf-serve-bench-XXXXXX", path[300], cmd[2048];
  if (!mkdtemp(dir)) return 1;
  snprintf(path, sizeof path, "%s/fp.db", dir);
  pcf_store *s;
  pcf_error err = {0};
  if (pcf_store_open(&s, path, 0, &err)) return fprintf(stderr, "%s\n", err.message), 1;
  double t0 = now();
  for (int i = 1; i <= n_fp; i++) {
    char v2[1024], v3[1024], id[37];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    snprintf(v3, sizeof v3,
             "{\"id\":\"%s\",\"specVersion\":\"3.0.4\",\"created\":\"2025-01-01T00:00:00Z\",\"status\":"
             "\"Active\",\"companyIds\":[\"urn:bench:company\"],\"productIds\":[\"urn:bench:product:%d\"],\"pcf\":{"
             "\"declaredUnitOfMeasurement\":\"kilogram\",\"declaredUnitAmount\":\"1\",\"referencePeriodEnd\":"
             "\"2025-01-01T00:00:00Z\",\"pcfExcludingBiogenicUptake\":\"%d.5\"}}",
             id, i, i);
    snprintf(v2, sizeof v2,
             "{\"id\":\"%s\",\"specVersion\":\"2.3.1\",\"status\":\"Active\",\"productIds\":"
             "[\"urn:bench:product:%d\"],\"pcf\":{\"pCfExcludingBiogenic\":\"%d.5\"}}",
             id, i, i);
    if (pcf_store_put(s, v2, v3, NULL, &err)) return fprintf(stderr, "%s\n", err.message), 1;
  }
  pcf_store_close(s);
  double fill = now() - t0;
  snprintf(cmd, sizeof cmd, "printf 'bench-client-secret-123\\n' | %s serve hash-secret --iterations 1000 > %s/hash",
           pcf, dir);
  if (system(cmd)) return 1;
  char hash[256] = "";
  snprintf(path, sizeof path, "%s/hash", dir);
  FILE *f = fopen(path, "r");
  if (!f || !fgets(hash, sizeof hash, f)) return 1;
  fclose(f);
  hash[strcspn(hash, "\n")] = 0;
  snprintf(path, sizeof path, "%s/serve.ini", dir);
  f = fopen(path, "w");
  fprintf(f,
          "[server]\nstore = fp.db\ncert = %s/localhost.pem\nkey = %s/localhost.key\nport = 0\nthreads = 4\n"
          "max_connections = %d\nmax_connections_per_ip = %d\n[client b]\nid = bench\nsecret = %s\n",
          fix, fix, clients + 8, clients + 8, hash);
  fclose(f);
  char log[300];
  snprintf(log, sizeof log, "%s/serve.log", dir);
  pid_t server = fork();
  if (!server) {
    if (!freopen(log, "w", stderr)) _exit(1);
    execl(pcf, "pcf", "serve", "--config", path, (char *)NULL);
    _exit(127);
  }
  for (int i = 0; i < 100 && !url[0]; i++) {
    usleep(100000);
    f = fopen(log, "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
      char *p = strstr(line, "https://127.0.0.1:");
      if (p) snprintf(url, sizeof url, "https://localhost:%d", atoi(p + 18));
    }
    if (f) fclose(f);
  }
  if (!url[0]) return kill(server, SIGTERM), fprintf(stderr, "pcf serve did not start\n"), 1;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  snprintf(cmd, sizeof cmd,
           "curl -s --cacert %s/ca.pem -u bench:bench-client-secret-123 -d grant_type=client_credentials "
           "%s/auth/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/'",
           fix, url);
  FILE *p = popen(cmd, "r");
  char tok[128] = "";
  if (!p || !fgets(tok, sizeof tok, p)) return kill(server, SIGTERM), 1;
  pclose(p);
  tok[strcspn(tok, "\n")] = 0;
  snprintf(auth, sizeof auth, "Authorization: Bearer %s", tok);
  lat = calloc((size_t)clients * (size_t)n_req_each, sizeof *lat);
  pthread_t *th = calloc((size_t)clients, sizeof *th);
  t0 = now();
  for (long k = 0; k < clients; k++) pthread_create(&th[k], NULL, client, (void *)k);
  for (int k = 0; k < clients; k++) pthread_join(th[k], NULL);
  double wall = now() - t0;
  size_t n = (size_t)clients * (size_t)n_req_each;
  qsort(lat, n, sizeof *lat, cmp);
  printf("store: %d footprints stored in %.1f s (%.0f puts/s, one transaction each)\n", n_fp, fill, n_fp / fill);
  printf("load: %d clients, %zu requests (4/5 GetFootprint v3, 1/5 ListFootprints v2 by productId) in %.2f s\n",
         clients, n, wall);
  printf("throughput %.0f requests/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, non-200 answers %d\n", n / wall,
         1e3 * lat[n / 2], 1e3 * lat[(size_t)(0.99 * (double)n)], 1e3 * lat[n - 1], errors);
  kill(server, SIGTERM);
  waitpid(server, NULL, 0);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd)) return 1;
  curl_global_cleanup();
  return errors ? 1 : 0;
}
