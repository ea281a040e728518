/* tests/serve/test_http.c: pcf serve as a client sees it, over HTTPS on 127.0.0.1 with the test
 * CA (tests/fixtures/serve): sign-in failures and the throttle, expired tokens, pagination by
 * Link headers over 1,000 footprints, pcf batch --store writing while the server answers, and
 * kill -9 of a writer and of the server losing no committed footprint. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "../scratch_base.h"

#define FIX PCF_SOURCE_DIR "/tests/fixtures/serve"

static char dir[256], url[128];
static pid_t server;

typedef struct resp {
  long status;
  char body[1 << 20];
  size_t n;
  char link[2048];
} resp;

static size_t on_body(char *p, size_t s, size_t n, void *ctx) {
  resp *r = ctx;
  size_t k = s * n;
  if (r->n + k >= sizeof r->body) return 0;
  memcpy(r->body + r->n, p, k);
  r->n += k;
  r->body[r->n] = 0;
  return k;
}

static size_t on_header(char *p, size_t s, size_t n, void *ctx) {
  resp *r = ctx;
  size_t k = s * n;
  if (k > 6 && strncasecmp(p, "Link: ", 6) == 0) snprintf(r->link, sizeof r->link, "%.*s", (int)(k - 8), p + 6);
  return k;
}

/* GET or POST (body non-NULL) path with an Authorization header value (may be NULL). */
static void call(resp *r, const char *path, const char *auth, const char *body, const char *type) {
  memset(r, 0, sizeof *r);
  CURL *h = curl_easy_init();
  char full[4096], a[512], t[256];
  snprintf(full, sizeof full, "%s%s", strncmp(path, "https://", 8) ? url : "", path);
  struct curl_slist *hd = NULL;
  if (auth) snprintf(a, sizeof a, "Authorization: %s", auth), hd = curl_slist_append(hd, a);
  if (type) snprintf(t, sizeof t, "Content-Type: %s", type), hd = curl_slist_append(hd, t);
  curl_easy_setopt(h, CURLOPT_URL, full);
  curl_easy_setopt(h, CURLOPT_CAINFO, FIX "/ca.pem");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
  if (body) curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
  cr_assert_eq(curl_easy_perform(h), CURLE_OK, "%s", full);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
  curl_slist_free_all(hd);
  curl_easy_cleanup(h);
}

/* "Basic base64(id:secret)" */
static void basic(char *out, size_t n, const char *id, const char *secret) {
  static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char in[256];
  snprintf(in, sizeof in, "%s:%s", id, secret);
  size_t len = strlen(in), o = (size_t)snprintf(out, n, "Basic ");
  for (size_t i = 0; i < len; i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (i + 1 < len ? (unsigned char)in[i + 1] << 8 : 0) |
                 (i + 2 < len ? (unsigned char)in[i + 2] : 0);
    out[o++] = a[v >> 18 & 63], out[o++] = a[v >> 12 & 63];
    out[o++] = i + 1 < len ? a[v >> 6 & 63] : '=', out[o++] = i + 2 < len ? a[v & 63] : '=';
  }
  out[o] = 0;
}

/* The hash of "test-client-secret-123" (pcf serve hash-secret --iterations 1000). */
static void start(const char *extra) {
  snprintf(dir, sizeof dir, "%s/pcf-test-http-%d", scratch_base(), (int)getpid());
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "rm -rf %s && mkdir -p %s && printf 'test-client-secret-123\\n' | %s serve hash-secret "
           "--iterations 1000 > %s/hash",
           dir, dir, PCF_BINARY, dir);
  cr_assert_eq(system(cmd), 0);
  char hash[256] = "", path[300];
  snprintf(path, sizeof path, "%s/hash", dir);
  FILE *f = fopen(path, "r");
  cr_assert(f && fgets(hash, sizeof hash, f));
  fclose(f);
  hash[strcspn(hash, "\n")] = 0;
  snprintf(path, sizeof path, "%s/serve.ini", dir);
  f = fopen(path, "w");
  fprintf(f,
          "[server]\nstore = fp.db\ncert = %s/localhost.pem\nkey = %s/localhost.key\nport = 0\n%s\n"
          "[client t]\nid = tester\nsecret = %s\n",
          FIX, FIX, extra, hash);
  fclose(f);
  pcf_store *s;
  pcf_error err = {0};
  snprintf(path, sizeof path, "%s/fp.db", dir);
  cr_assert_eq(pcf_store_open(&s, path, 0, &err), 0, "%s", err.message);
  pcf_store_close(s);
  char log[300];
  snprintf(log, sizeof log, "%s/serve.log", dir);
  server = fork();
  if (!server) {
    freopen(log, "w", stderr);
    snprintf(path, sizeof path, "%s/serve.ini", dir);
    execl(PCF_BINARY, "pcf", "serve", "--config", path, (char *)NULL);
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
  cr_assert(url[0], "pcf serve did not start");
}

static void stop(void) {
  if (server > 0) kill(server, SIGTERM), waitpid(server, NULL, 0);
  server = 0, url[0] = 0;
  if (dir[0]) { /* the scratch folder goes with the server (it may be on tmpfs) */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
  }
}

static void token(char *out, size_t n) {
  resp *r = malloc(sizeof *r);
  char a[256];
  basic(a, sizeof a, "tester", "test-client-secret-123");
  call(r, "/auth/token", a, "grant_type=client_credentials", NULL);
  cr_assert_eq(r->status, 200, "%s", r->body);
  json_t *j = json_loads(r->body, 0, NULL);
  snprintf(out, n, "Bearer %s", json_string_value(json_object_get(j, "access_token")));
  cr_expect_eq(json_integer_value(json_object_get(j, "expires_in")) > 0, 1);
  json_decref(j);
  free(r);
}

static void fill(int n, int first) {
  pcf_store *s;
  pcf_error err = {0};
  char path[300], v2[1024], v3[1024], id[37];
  snprintf(path, sizeof path, "%s/fp.db", dir);
  cr_assert_eq(pcf_store_open(&s, path, 0, &err), 0);
  for (int i = first; i < first + n; i++) {
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    snprintf(v3, sizeof v3,
             "{\"id\":\"%s\",\"created\":\"2025-01-01T00:00:00Z\",\"status\":\"Active\","
             "\"productIds\":[\"urn:p:%d\"],\"pcf\":{\"referencePeriodEnd\":\"2025-01-01T00:00:00Z\"}}",
             id, i);
    snprintf(v2, sizeof v2, "{\"id\":\"%s\",\"status\":\"Active\",\"productIds\":[\"urn:p:%d\"]}", id, i);
    cr_assert_eq(pcf_store_put(s, v2, v3, NULL, &err), 0, "%s", err.message);
  }
  pcf_store_close(s);
}

Test(http, auth_failures_and_throttle, .fini = stop) {
  start("auth_failures_per_minute = 3");
  resp *r = malloc(sizeof *r);
  char a[256];
  basic(a, sizeof a, "tester", "wrong-secret");
  call(r, "/auth/token", a, "grant_type=client_credentials", NULL);
  cr_expect_eq(r->status, 401);
  cr_expect(strstr(r->body, "\"invalid_client\""), "%s", r->body);
  basic(a, sizeof a, "nobody", "test-client-secret-123");
  call(r, "/auth/token", a, "grant_type=client_credentials", NULL);
  cr_expect_eq(r->status, 401, "unknown client");
  call(r, "/3/footprints", "Bearer not-a-token", NULL, NULL);
  cr_expect_eq(r->status, 401);
  cr_expect(strstr(r->body, "\"BadRequest\""), "%s", r->body);
  /* Three failures within the minute: the fourth attempt, even with the right secret, waits. */
  basic(a, sizeof a, "tester", "test-client-secret-123");
  call(r, "/auth/token", a, "grant_type=client_credentials", NULL);
  cr_expect_eq(r->status, 429, "%s", r->body);
  free(r);
}

Test(http, expired_token, .fini = stop) {
  start("token_ttl = 2"); /* whole seconds: a 1 s token can expire before its first use on a busy machine */
  char tok[128];
  token(tok, sizeof tok);
  resp *r = malloc(sizeof *r);
  call(r, "/3/footprints", tok, NULL, NULL);
  cr_expect_eq(r->status, 200, "%s", r->body);
  sleep(3);
  call(r, "/3/footprints", tok, NULL, NULL);
  cr_expect_eq(r->status, 401);
  cr_expect(strstr(r->body, "\"TokenExpired\""), "%s", r->body);
  free(r);
}

Test(http, pagination_links_over_1000, .fini = stop) {
  start("page_size = 100");
  fill(1000, 1);
  char tok[128];
  token(tok, sizeof tok);
  resp *r = malloc(sizeof *r);
  char next[2048];
  snprintf(next, sizeof next, "/2/footprints?limit=150");
  int pages = 0, total = 0;
  for (;;) {
    call(r, next, tok, NULL, NULL);
    cr_assert_eq(r->status, 200, "%s", next);
    json_t *j = json_loads(r->body, 0, NULL);
    size_t n = json_array_size(json_object_get(j, "data"));
    /* The limit of 150 is more than the page size: the host returns 100 (PACT: MAY return fewer). */
    cr_expect_eq(n, 100, "page %d", pages);
    char id[37];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", total + 1);
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(j, "data"), 0), "id")), id);
    json_decref(j);
    total += (int)n, pages++;
    if (!r->link[0]) break;
    /* <https://localhost:PORT/2/footprints?limit=100&offset=N>; rel="next", absolute, the request's host */
    cr_assert(strncmp(r->link, "<https://localhost:", 19) == 0, "%s", r->link);
    cr_assert(strstr(r->link, "rel=\"next\""), "%s", r->link);
    snprintf(next, sizeof next, "%.*s", (int)(strchr(r->link, '>') - r->link - 1), r->link + 1);
  }
  cr_expect_eq(total, 1000);
  cr_expect_eq(pages, 10);
  free(r);
}

Test(http, batch_store_while_serving, .fini = stop) {
  start("");
  char tok[128], cmd[1024];
  token(tok, sizeof tok);
  snprintf(cmd, sizeof cmd, "%s batch %s/catalogue.csv --profile %s/cases/profile.ini --store %s/fp.db -q -o /dev/null",
           PCF_BINARY, FIX, PCF_SOURCE_DIR, dir);
  FILE *p = popen(cmd, "r");
  resp *r = malloc(sizeof *r);
  int answered = 0;
  /* Reads go on while the batch computes and commits; every one is answered. */
  for (int i = 0; i < 20; i++, answered++) {
    call(r, "/3/footprints", tok, NULL, NULL);
    cr_expect_eq(r->status, 200);
  }
  cr_assert_eq(pclose(p), 0, "%s", cmd);
  call(r, "/3/footprints", tok, NULL, NULL);
  json_t *j = json_loads(r->body, 0, NULL);
  cr_expect_eq(json_array_size(json_object_get(j, "data")), 3, "the catalogue's three toy cars");
  json_decref(j);
  cr_expect_eq(answered, 20);
  free(r);
}

Test(http, kill_9_loses_no_committed_footprint, .fini = stop) {
  start("");
  char path[300];
  snprintf(path, sizeof path, "%s/fp.db", dir);
  int fd[2];
  cr_assert_eq(pipe(fd), 0);
  pid_t w = fork();
  if (!w) {
    /* The writer: reports each footprint after its put has returned (committed). */
    close(fd[0]);
    pcf_store *s;
    pcf_error err = {0};
    if (pcf_store_open(&s, path, 0, &err)) _exit(1);
    for (int i = 1;; i++) {
      char v2[512], v3[512], id[37];
      snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
      snprintf(v3, sizeof v3,
               "{\"id\":\"%s\",\"created\":\"2025-01-01T00:00:00Z\",\"status\":\"Active\","
               "\"productIds\":[\"urn:p:%d\"],\"pcf\":{\"referencePeriodEnd\":\"2025-01-01T00:00:00Z\"}}",
               id, i);
      snprintf(v2, sizeof v2, "{\"id\":\"%s\",\"status\":\"Active\",\"productIds\":[\"urn:p:%d\"]}", id, i);
      if (pcf_store_put(s, v2, v3, NULL, &err)) _exit(1);
      if (write(fd[1], &i, sizeof i) != sizeof i) _exit(1);
    }
  }
  close(fd[1]);
  int last = 0, v;
  while (last < 150 && read(fd[0], &v, sizeof v) == sizeof v) last = v;
  kill(w, SIGKILL);
  waitpid(w, NULL, 0);
  while (read(fd[0], &v, sizeof v) == sizeof v) last = v;
  close(fd[0]);
  /* The server too. */
  kill(server, SIGKILL);
  waitpid(server, NULL, 0);
  server = 0;
  pcf_store *s;
  pcf_error err = {0};
  cr_assert_eq(pcf_store_open(&s, path, 0, &err), 0, "%s", err.message);
  size_t n;
  cr_assert_eq(pcf_store_count(s, &n, &err), 0);
  cr_expect_geq(n, (size_t)last, "%zu stored, %d reported committed", n, last);
  for (int i = 1; i <= last; i++) {
    char id[37], *doc;
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    cr_expect_eq(pcf_store_get(s, 3, id, &doc, &err), 0, "committed footprint %d lost", i);
    free(doc);
  }
  pcf_store_close(s);
}

/* One connection kept open by a handle of its own: 0 when it was answered (any HTTP status). */
static int connect_kept(CURL *h) {
  char u[300];
  snprintf(u, sizeof u, "%s/2/footprints", url);
  curl_easy_setopt(h, CURLOPT_URL, u);
  curl_easy_setopt(h, CURLOPT_CAINFO, FIX "/ca.pem");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  resp *r = calloc(1, sizeof *r);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
  int rc = curl_easy_perform(h) == CURLE_OK ? 0 : -1;
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  free(r);
  return rc == 0 && status == 401 ? 0 : -1; /* no token: 401, from the handler */
}

/* max_connections is the server's, not a share of each thread's: 8 connections on 4 threads are
 * all answered (libmicrohttpd alone gave each thread 2, and a thread that accepted a third refused
 * it in the TLS handshake while others were idle: the load run's "SSL connect error"s); a 9th is
 * refused; once one closes, a new one is answered. */
Test(http, max_connections_hold_for_the_server, .fini = stop) {
  start("threads = 4\nmax_connections = 8\nmax_connections_per_ip = 8");
  CURL *h[9];
  for (int i = 0; i < 9; i++) h[i] = curl_easy_init();
  for (int i = 0; i < 8; i++) cr_expect_eq(connect_kept(h[i]), 0, "connection %d of 8 refused", i + 1);
  cr_expect_neq(connect_kept(h[8]), 0, "a 9th connection over max_connections = 8 answered");
  curl_easy_cleanup(h[0]);
  usleep(300000); /* the server sees the close */
  h[0] = curl_easy_init();
  cr_expect_eq(connect_kept(h[0]), 0, "a connection after one closed refused");
  for (int i = 0; i < 9; i++) curl_easy_cleanup(h[i]);
}
