/* callback.c: the worker behind callback.h. One thread takes queued requests in order; each
 * answer is built from the store at the time it is sent (PACT v3 RequestFulfilledEvent: "the
 * resulting list of ProductFootprints which conform to the set of criteria"; none found:
 * RequestRejectedEvent with code NotFound). Delivery: POST <auth>/auth/token with HTTP Basic
 * for a bearer token, then POST the CloudEvent (application/cloudevents+json) with it, over
 * HTTPS only (libcurl), no redirects followed. A failed delivery is tried again after each of
 * the configured delays (the spec asks for exponential backoff up to 72 hours; the default
 * 2, 4, 8 ... 4096 s covers 2.3 hours) and then given up with a line on stderr. */
#include "callback.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct job {
  int api;
  const serve_client *client;
  serve_event e;
  char *target;
  struct job *next;
} job;

struct serve_callbacks {
  pcf_store *store;
  char *self_url;
  int delays[32];
  size_t n_delays;
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  job *head, *tail;
  size_t queued;
  int stop;
};

#define QUEUE_MAX 1000

static void log_line(const char *fmt, const char *a, const char *b) {
  char when[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(stderr, "%s pcf serve: ", when);
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
}

char *serve_callback_target(const serve_client *c, int api, const char *source, pcf_error *err) {
  if (!c->events_url || !c->callback_id) {
    pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                  "no events endpoint is configured for client %s: requests from it "
                  "cannot be answered",
                  c->name);
    return NULL;
  }
  size_t n = strlen(source);
  while (n && source[n - 1] == '/') n--;
  char *t = malloc(n + 16);
  if (!t) return NULL;
  memcpy(t, source, n);
  t[n] = 0;
  if (!(n >= 7 && strcmp(t + n - 7, "/events") == 0)) snprintf(t + n, 16, "/%d/events", api);
  size_t p = strlen(c->events_url);
  while (p && c->events_url[p - 1] == '/') p--;
  /* Under events_url: the same prefix, then the end or a '/' (https://a.example is not
   * https://a.example.evil). */
  if (strncmp(t, c->events_url, p) || (t[p] && t[p] != '/') || strncmp(t, "https://", 8)) {
    pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                  "event source \"%.200s\" is not the events endpoint configured for "
                  "client %s",
                  source, c->name);
    free(t);
    return NULL;
  }
  return t;
}

int serve_callbacks_submit(serve_callbacks *cb, int api, const serve_client *client, serve_event *e,
                           const char *target) {
  job *j = calloc(1, sizeof *j);
  if (!j || !(j->target = strdup(target))) return free(j), -1;
  j->api = api, j->client = client, j->e = *e;
  pthread_mutex_lock(&cb->lock);
  if (cb->queued >= QUEUE_MAX || cb->stop) {
    pthread_mutex_unlock(&cb->lock);
    free(j->target), free(j);
    return -1;
  }
  memset(e, 0, sizeof *e);
  if (cb->tail)
    cb->tail->next = j;
  else
    cb->head = j;
  cb->tail = j;
  cb->queued++;
  pthread_cond_signal(&cb->cond);
  pthread_mutex_unlock(&cb->lock);
  return 0;
}

/* ---- building the answer ------------------------------------------------------------------ */

static char *answer(serve_callbacks *cb, const job *j, const char **kind) {
  pcf_store_page page;
  pcf_error err = {0};
  int rc = pcf_store_list(cb->store, j->api, &j->e.crit, 0, 100, &page, &err);
  json_t *ev = json_object(), *data = json_object();
  char id[37], when[32];
  unsigned char r[16];
  FILE *u = fopen("/dev/urandom", "rb");
  size_t got = u ? fread(r, 1, sizeof r, u) : 0;
  if (u) fclose(u);
  if (got != sizeof r) memset(r, 0, sizeof r);
  r[6] = (unsigned char)((r[6] & 0x0f) | 0x40), r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
  snprintf(id, sizeof id, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2],
           r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  char source[512];
  snprintf(source, sizeof source, "%s/%d/events", cb->self_url, j->api);
  serve_event_kind k = !rc && page.n ? EVENT_REQUEST_FULFILLED : EVENT_REQUEST_REJECTED;
  *kind = k == EVENT_REQUEST_FULFILLED ? "fulfilled" : "rejected";
  json_object_set_new(ev, "type", json_string(serve_event_type(j->api, k)));
  json_object_set_new(ev, "specversion", json_string("1.0"));
  json_object_set_new(ev, "id", json_string(id));
  json_object_set_new(ev, "source", json_string(source));
  json_object_set_new(ev, "time", json_string(when));
  json_object_set_new(data, "requestEventId", json_string(j->e.id));
  if (k == EVENT_REQUEST_FULFILLED) {
    json_t *pfs = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(pfs, json_loads(page.docs[i], 0, NULL));
    json_object_set_new(data, "pfs", pfs);
  } else {
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(rc ? "InternalError" : "NotFound"));
    json_object_set_new(
        e, "message",
        json_string(rc ? "The footprint store could not be read." : "No footprint matches the requested criteria."));
    json_object_set_new(data, "error", e);
  }
  json_object_set_new(ev, "data", data);
  if (!rc) pcf_store_page_free(&page);
  char *text = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(ev);
  return text;
}

/* ---- delivery ------------------------------------------------------------------------------ */

typedef struct buf {
  char *s;
  size_t n;
} buf;

static size_t collect(char *p, size_t size, size_t n, void *ctx) {
  buf *b = ctx;
  size_t k = size * n;
  if (b->n + k > 1 << 20) return 0;
  char *t = realloc(b->s, b->n + k + 1);
  if (!t) return 0;
  memcpy(t + b->n, p, k);
  b->s = t, b->n += k, b->s[b->n] = 0;
  return k;
}

static CURL *client_handle(const serve_client *c, const char *url, buf *out) {
  CURL *h = curl_easy_init();
  if (!h) return NULL;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (c->callback_ca) curl_easy_setopt(h, CURLOPT_CAINFO, c->callback_ca);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
  return h;
}

/* Returns the HTTP status, or 0 when nothing was received (with why in err). */
static long deliver(const job *j, const char *event, char *why, size_t why_size) {
  const serve_client *c = j->client;
  char auth_url[1100];
  if (c->callback_auth_url)
    snprintf(auth_url, sizeof auth_url, "%s", c->callback_auth_url);
  else {
    size_t p = strlen(c->events_url);
    while (p && c->events_url[p - 1] == '/') p--;
    snprintf(auth_url, sizeof auth_url, "%.*s/auth/token", (int)p, c->events_url);
  }
  buf b = {0};
  long status = 0;
  CURL *h = client_handle(c, auth_url, &b);
  if (!h) return snprintf(why, why_size, "no curl handle"), 0;
  curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
  curl_easy_setopt(h, CURLOPT_USERNAME, c->callback_id);
  curl_easy_setopt(h, CURLOPT_PASSWORD, c->callback_secret ? c->callback_secret : "");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "grant_type=client_credentials");
  CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(h);
  json_t *tok = status == 200 && b.s ? json_loads(b.s, 0, NULL) : NULL;
  free(b.s), b.s = NULL, b.n = 0;
  const char *access = json_string_value(json_object_get(tok, "access_token"));
  if (!access) {
    if (rc != CURLE_OK)
      snprintf(why, why_size, "%.300s: %s", auth_url, curl_easy_strerror(rc));
    else
      snprintf(why, why_size, "%.300s: no access token (HTTP %ld)", auth_url, status);
    json_decref(tok);
    return 0;
  }
  char bearer[2100];
  snprintf(bearer, sizeof bearer, "Authorization: Bearer %s", access);
  json_decref(tok);
  status = 0;
  h = client_handle(c, j->target, &b);
  if (!h) return snprintf(why, why_size, "no curl handle"), 0;
  struct curl_slist *hd = curl_slist_append(NULL, "Content-Type: application/cloudevents+json; charset=UTF-8");
  hd = curl_slist_append(hd, bearer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, event);
  rc = curl_easy_perform(h);
  if (rc == CURLE_OK)
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  else
    snprintf(why, why_size, "%.300s: %s", j->target, curl_easy_strerror(rc));
  curl_slist_free_all(hd);
  curl_easy_cleanup(h);
  free(b.s);
  return status;
}

static void *worker(void *arg) {
  serve_callbacks *cb = arg;
  for (;;) {
    pthread_mutex_lock(&cb->lock);
    while (!cb->head && !cb->stop) pthread_cond_wait(&cb->cond, &cb->lock);
    if (cb->stop) {
      pthread_mutex_unlock(&cb->lock);
      break;
    }
    job *j = cb->head;
    cb->head = j->next;
    if (!cb->head) cb->tail = NULL;
    cb->queued--;
    pthread_mutex_unlock(&cb->lock);
    const char *kind = "";
    char *event = answer(cb, j, &kind);
    int done = 0;
    for (size_t attempt = 0; event && !done; attempt++) {
      char why[600] = "";
      long status = deliver(j, event, why, sizeof why);
      if (status >= 200 && status < 300) {
        char what[160];
        snprintf(what, sizeof what, "%s (%s)", j->e.id, kind);
        log_line("answered request %s at %s", what, j->target);
        done = 1;
        break;
      }
      if (status) snprintf(why, sizeof why, "%.300s answered HTTP %ld", j->target, status);
      if (attempt >= cb->n_delays) {
        log_line("gave up answering request %s: %s", j->e.id, why);
        break;
      }
      log_line("answering request %s failed, will retry: %s", j->e.id, why);
      /* Wait, but wake for a stop. */
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_sec += cb->delays[attempt];
      pthread_mutex_lock(&cb->lock);
      while (!cb->stop && pthread_cond_timedwait(&cb->cond, &cb->lock, &until) != ETIMEDOUT) {
      }
      int stop = cb->stop;
      pthread_mutex_unlock(&cb->lock);
      if (stop) break;
    }
    free(event);
    serve_event_free(&j->e);
    free(j->target);
    free(j);
  }
  return NULL;
}

int serve_callbacks_start(serve_callbacks **out, pcf_store *store, const char *self_url, const int *delays, size_t n,
                          pcf_error *err) {
  serve_callbacks *cb = calloc(1, sizeof *cb);
  if (!cb || !(cb->self_url = strdup(self_url))) return free(cb), pcf_error_nomem(err);
  cb->store = store;
  cb->n_delays = n > 32 ? 32 : n;
  memcpy(cb->delays, delays, cb->n_delays * sizeof *delays);
  pthread_mutex_init(&cb->lock, NULL);
  pthread_cond_init(&cb->cond, NULL);
  if (pthread_create(&cb->thread, NULL, worker, cb)) {
    free(cb->self_url), free(cb);
    return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "cannot start the callback thread");
  }
  *out = cb;
  return 0;
}

void serve_callbacks_stop(serve_callbacks *cb) {
  if (!cb) return;
  pthread_mutex_lock(&cb->lock);
  cb->stop = 1;
  pthread_cond_broadcast(&cb->cond);
  pthread_mutex_unlock(&cb->lock);
  pthread_join(cb->thread, NULL);
  for (job *j = cb->head, *n; j; j = n) {
    n = j->next;
    serve_event_free(&j->e);
    free(j->target), free(j);
  }
  pthread_cond_destroy(&cb->cond);
  pthread_mutex_destroy(&cb->lock);
  free(cb->self_url);
  free(cb);
}
