/* serve.c: the HTTPS front of pcf serve (serve.h) on libmicrohttpd with GnuTLS.
 *
 * Transport: TLS 1.2 or 1.3 only; the listening socket speaks nothing else, so a plain-HTTP
 * request fails in the TLS handshake and never reaches a handler (PACT: "MUST NOT" serve over
 * plain HTTP). Limits: at most max_connections at once and max_connections_per_ip from one
 * address, idle connections closed after timeout seconds, request line and headers within
 * max_header bytes (libmicrohttpd answers 431/414 past that), bodies within max_body (413).
 * The raw request target is parsed by request.c, not libmicrohttpd's decoded URL, so that what
 * is checked and fuzzed is what is served; path segments "." and ".." are refused there.
 *
 * Errors follow PACT's Error object {"code", "message"}: 400 BadRequest, 401 BadRequest for a
 * missing or unknown bearer token and TokenExpired for an expired one, 404 NoSuchFootprint (v2)
 * or NotFound (v3), 429 after auth_failures_per_minute failed sign-ins or bad tokens from one
 * address, 500 InternalError. /auth/token answers as RFC 6749 5.1/5.2 does.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "callback.h"
#include "input_file.h"
#include "request.h"
#include "store.h"

typedef struct server {
  serve_config *c;
  pcf_store *store;
  serve_auth *auth;
  serve_callbacks *cb;
  char self_url[300];
  atomic_uint open; /* connections open now, over every worker thread */
} server;

/* max_connections holds for the server as a whole. libmicrohttpd divides its own connection limit
 * evenly among the threads of its pool, so a thread whose share was taken refused a client while
 * the others had room (the load run's "SSL connect error"s, 50 clients on 4 threads sharing 58).
 * Its limit is set to let any thread take them all, and this count admits or refuses. Threads
 * accepting at the same instant may each pass the check: the count may exceed the limit by fewer
 * than the number of threads. */
static enum MHD_Result admit(void *cls, const struct sockaddr *addr, socklen_t len) {
  (void)addr, (void)len;
  server *s = cls;
  return atomic_load(&s->open) < (unsigned)s->c->max_connections ? MHD_YES : MHD_NO;
}

static void count(void *cls, struct MHD_Connection *con, void **socket_context,
                  enum MHD_ConnectionNotificationCode code) {
  (void)con, (void)socket_context;
  server *s = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED)
    atomic_fetch_add(&s->open, 1);
  else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
    atomic_fetch_sub(&s->open, 1);
}

typedef struct req {
  char *raw;
  char *body;
  size_t len;
  int too_big, started;
} req;

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *con) {
  (void)cls, (void)con;
  req *r = calloc(1, sizeof *r);
  if (r) r->raw = strdup(uri ? uri : "");
  return r;
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe) {
  (void)cls, (void)con, (void)toe;
  req *r = *con_cls;
  if (r) free(r->raw), free(r->body), free(r);
  *con_cls = NULL;
}

static enum MHD_Result send_text(struct MHD_Connection *con, unsigned status, const char *type, const char *body,
                                 const char *h1, const char *v1) {
  struct MHD_Response *res = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
  if (!res) return MHD_NO;
  if (type) MHD_add_response_header(res, "Content-Type", type);
  MHD_add_response_header(res, "Cache-Control", "no-store");
  MHD_add_response_header(res, "Strict-Transport-Security", "max-age=31536000");
  if (h1) MHD_add_response_header(res, h1, v1);
  enum MHD_Result ok = MHD_queue_response(con, status, res);
  MHD_destroy_response(res);
  return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *con, unsigned status, const char *code, const char *message) {
  json_t *j = json_pack("{s:s, s:s}", "code", code, "message", message);
  char *t = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
  json_decref(j);
  enum MHD_Result ok =
      send_text(con, status, "application/json", t ? t : "{}", status == 401 ? "WWW-Authenticate" : NULL,
                strcmp(code, "TokenExpired") == 0 ? "Bearer error=\"invalid_token\", "
                                                    "error_description=\"expired\""
                                                  : "Bearer error=\"invalid_token\"");
  free(t);
  return ok;
}

static void client_addr(struct MHD_Connection *con, char *out, size_t size) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(out, size, "?");
  if (!ci || !ci->client_addr) return;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
}

/* The base URL for links: the configured one, else https:// and the request's Host (PACT: the
 * link's host is the request's), when it holds only host-name characters. */
static void base_url(const server *s, struct MHD_Connection *con, char *out, size_t size) {
  if (s->c->base_url) {
    snprintf(out, size, "%s", s->c->base_url);
    return;
  }
  const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host");
  int ok = host && *host && strlen(host) < 256;
  for (const char *p = host; ok && *p; p++)
    ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-:[]", *p);
  if (ok)
    snprintf(out, size, "https://%s", host);
  else
    snprintf(out, size, "%s", s->self_url);
}

/* ---- actions ------------------------------------------------------------------------------ */

static enum MHD_Result token(server *s, struct MHD_Connection *con, req *r, const char *addr) {
  char id[256], secret[512], tok[64];
  const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
  const serve_client *c = NULL;
  if (!serve_basic_auth(h, id, sizeof id, secret, sizeof secret)) c = serve_auth_login(s->auth, id, secret, tok);
  memset(secret, 0, sizeof secret);
  if (!c) {
    serve_auth_failed(s->auth, addr);
    return send_text(con, 401, "application/json",
                     "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
                     "WWW-Authenticate", "Basic realm=\"pcf\", charset=\"UTF-8\"");
  }
  if (!serve_form_grant_ok(r->body ? r->body : "", r->len))
    return send_text(con, 400, "application/json",
                     "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant_type must be "
                     "client_credentials\"}",
                     NULL, NULL);
  char body[200];
  snprintf(body, sizeof body, "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}", tok,
           serve_auth_ttl(s->auth));
  return send_text(con, 200, "application/json", body, "Pragma", "no-cache");
}

typedef struct sb {
  char *s;
  size_t n, cap;
  int oom;
} sb;

static void put(sb *b, const char *t, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = 2 * (b->cap + n + 256);
    char *x = realloc(b->s, cap);
    if (!x) {
      b->oom = 1;
      return;
    }
    b->s = x, b->cap = cap;
  }
  memcpy(b->s + b->n, t, n);
  b->n += n;
  b->s[b->n] = 0;
}

static void puts_(sb *b, const char *t) { put(b, t, strlen(t)); }

static enum MHD_Result list(server *s, struct MHD_Connection *con, const serve_target *t) {
  serve_list_query q;
  pcf_error err = {0};
  if (serve_list_query_parse(&q, t, s->c->page_size, &err)) return send_error(con, 400, "BadRequest", err.message);
  pcf_store_page page;
  if (pcf_store_list(s->store, t->api, &q.filter, q.offset, q.limit, &page, &err)) {
    fprintf(stderr, "pcf serve: %s\n", err.message);
    return send_error(con, 500, "InternalError", "The footprint store could not be read.");
  }
  sb b = {0};
  puts_(&b, "{\"data\":[");
  for (size_t i = 0; i < page.n; i++) {
    if (i) puts_(&b, ",");
    puts_(&b, page.docs[i]);
  }
  puts_(&b, "]}");
  sb link = {0};
  if (page.more) {
    char base[300], num[64];
    base_url(s, con, base, sizeof base);
    puts_(&link, "<");
    puts_(&link, base);
    snprintf(num, sizeof num, "/%d/footprints?", t->api);
    puts_(&link, num);
    /* The same filters as asked (their original encoding), then limit and the next offset. */
    for (const char *p = t->query; *p;) {
      size_t m = strcspn(p, "&");
      if (m && strncasecmp(p, "limit=", 6) && strncasecmp(p, "offset=", 7)) put(&link, p, m), puts_(&link, "&");
      p += m;
      if (*p) p++;
    }
    snprintf(num, sizeof num, "limit=%zu&offset=%zu>; rel=\"next\"", q.limit, q.offset + page.n);
    puts_(&link, num);
  }
  pcf_store_page_free(&page);
  enum MHD_Result ok;
  if (b.oom || link.oom)
    ok = send_error(con, 500, "InternalError", "out of memory");
  else
    ok = send_text(con, 200, "application/json", b.s, link.s ? "Link" : NULL, link.s);
  free(b.s), free(link.s);
  return ok;
}

static int is_uuid(const char *s) {
  if (strlen(s) != 36) return 0;
  for (int i = 0; i < 36; i++) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23
            ? c != '-'
            : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return 0;
  }
  return 1;
}

static enum MHD_Result get(server *s, struct MHD_Connection *con, const serve_target *t) {
  const char *nf = t->api == 2 ? "NoSuchFootprint" : "NotFound";
  char msg[160];
  if (!is_uuid(t->id)) return send_error(con, 400, "BadRequest", "The footprint id must be a UUID.");
  char *doc = NULL;
  pcf_error err = {0};
  int rc = pcf_store_get(s->store, t->api, t->id, &doc, &err);
  if (rc == PCF_ERR_NOT_FOUND) {
    snprintf(msg, sizeof msg, "Footprint with ID '%s' does not exist.", t->id);
    return send_error(con, 404, nf, msg);
  }
  if (rc) {
    fprintf(stderr, "pcf serve: %s\n", err.message);
    return send_error(con, 500, "InternalError", "The footprint store could not be read.");
  }
  sb b = {0};
  puts_(&b, "{\"data\":");
  puts_(&b, doc);
  puts_(&b, "}");
  free(doc);
  enum MHD_Result ok = b.oom ? send_error(con, 500, "InternalError", "out of memory")
                             : send_text(con, 200, "application/json", b.s, NULL, NULL);
  free(b.s);
  return ok;
}

static enum MHD_Result events(server *s, struct MHD_Connection *con, const serve_target *t, req *r,
                              const serve_client *client) {
  const char *type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
  if (!type || strncasecmp(type, "application/cloudevents+json", 28) ||
      (type[28] && type[28] != ';' && type[28] != ' '))
    return send_error(con, 400, "BadRequest", "Events are CloudEvents: Content-Type application/cloudevents+json.");
  serve_event e;
  pcf_error err = {0};
  if (serve_event_parse(&e, t->api, r->body ? r->body : "", r->len, &err))
    return send_error(con, 400, "BadRequest", err.message);
  enum MHD_Result ok;
  if (e.kind == EVENT_REQUEST_CREATED) {
    char *target = serve_callback_target(client, t->api, e.source, &err);
    if (!target)
      ok = send_error(con, 400, "BadRequest", err.message);
    else if (serve_callbacks_submit(s->cb, t->api, client, &e, target))
      ok = send_error(con, 500, "InternalError", "Too many requests are waiting for an answer; try again later.");
    else
      ok = send_text(con, 200, NULL, "", NULL, NULL);
    free(target);
  } else {
    ok = send_text(con, 200, NULL, "", NULL, NULL);
  }
  serve_event_free(&e);
  return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  (void)url, (void)version;
  server *s = cls;
  req *r = *con_cls;
  if (!r) return MHD_NO;
  if (!r->started) {
    r->started = 1;
    return MHD_YES;
  }
  if (*upload_size) {
    if (r->len + *upload_size > s->c->max_body)
      r->too_big = 1;
    else {
      char *b = realloc(r->body, r->len + *upload_size + 1);
      if (!b) return MHD_NO;
      memcpy(b + r->len, upload, *upload_size);
      r->body = b, r->len += *upload_size, r->body[r->len] = 0;
    }
    *upload_size = 0;
    return MHD_YES;
  }
  if (r->too_big) return send_error(con, 413, "BadRequest", "The request body is too large.");
  serve_target t;
  pcf_error err = {0};
  if (serve_target_parse(&t, r->raw, &err)) return send_error(con, 400, "BadRequest", err.message);
  char addr[64];
  client_addr(con, addr, sizeof addr);
  enum MHD_Result ok;
  int post = strcmp(method, "POST") == 0, getm = strcmp(method, "GET") == 0;
  if (t.route == ROUTE_NONE || t.route == ROUTE_OIDC) {
    ok = send_error(con, 404, "NotFound", "No such resource.");
  } else if (serve_auth_blocked(s->auth, addr)) {
    ok = send_text(con, 429, "application/json",
                   "{\"code\":\"AccessDenied\",\"message\":\"Too many failed sign-ins; try again in a minute.\"}",
                   "Retry-After", "60");
  } else if (t.route == ROUTE_TOKEN) {
    ok = post ? token(s, con, r, addr) : send_error(con, 405, "BadRequest", "Use POST.");
  } else {
    const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
    int expired = 0;
    const serve_client *c = h && strncasecmp(h, "Bearer ", 7) == 0 ? serve_auth_bearer(s->auth, h + 7, &expired) : NULL;
    if (!c) {
      serve_auth_failed(s->auth, addr);
      ok = expired ? send_error(con, 401, "TokenExpired", "The access token has expired.")
                   : send_error(con, 401, "BadRequest", "Invalid token provided");
    } else if (t.route == ROUTE_EVENTS) {
      ok = post ? events(s, con, &t, r, c) : send_error(con, 405, "BadRequest", "Use POST.");
    } else if (!getm) {
      ok = send_error(con, 405, "BadRequest", "Use GET.");
    } else {
      ok = t.route == ROUTE_LIST ? list(s, con, &t) : get(s, con, &t);
    }
  }
  serve_target_free(&t);
  return ok;
}

/* A certificate or key file (PEM), by the rule of every input (a regular file; 1 MiB is far more
 * than any chain): a FIFO or a device in its place no longer blocks or feeds the TLS library. */
static char *slurp(const char *path, pcf_error *err) {
  char *b;
  size_t n;
  return pcf_input_read(path, "certificate or key file", (size_t)1 << 20, &b, &n, err) ? NULL : b;
}

int serve_run(serve_config *c, volatile sig_atomic_t *stop, pcf_error *err) {
  server s = {.c = c};
  int rc = 0;
  char *cert = NULL, *key = NULL;
  struct MHD_Daemon *d = NULL;
  if (curl_global_init(CURL_GLOBAL_DEFAULT))
    return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "cannot start libcurl");
  if ((rc = pcf_store_open(&s.store, c->store, 0, err))) goto done;
  if ((rc = serve_auth_new(&s.auth, c->clients, c->n_clients, c->token_ttl, c->failures_per_minute, err))) goto done;
  c->clients = NULL, c->n_clients = 0; /* the auth table owns them now */
  if (!(cert = slurp(c->cert, err)) || !(key = slurp(c->key, err))) {
    rc = err->code;
    goto done;
  }
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)c->port);
  if (inet_pton(AF_INET, c->bind, &sa.sin_addr) != 1) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, c->path, 0, "bind \"%s\" is not an IPv4 address", c->bind);
    goto done;
  }
  /* epoll (MHD_USE_AUTO), so that a thread's limit is not select's FD_SETSIZE */
  unsigned per_thread = (unsigned)c->max_connections * (unsigned)c->threads;
  d = MHD_start_daemon(
      MHD_USE_TLS | MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, (uint16_t)c->port, admit, &s, handle, &s,
      MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_PRIORITIES,
      "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2", MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)c->threads, MHD_OPTION_CONNECTION_LIMIT, per_thread,
      MHD_OPTION_NOTIFY_CONNECTION, count, &s, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->max_per_ip,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, c->max_header,
      MHD_OPTION_URI_LOG_CALLBACK, uri_log, &s, MHD_OPTION_NOTIFY_COMPLETED, completed, &s, MHD_OPTION_END);
  memset(key, 0, strlen(key));
  if (!d) {
    rc = pcf_error_set(err, PCF_ERR_IO, c->path, 0,
                       "cannot listen on %s:%d (port in use, or the certificate and "
                       "key do not load)",
                       c->bind, c->port);
    goto done;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  int port = info ? info->port : c->port;
  snprintf(s.self_url, sizeof s.self_url, "%s", c->base_url ? c->base_url : "");
  if (!c->base_url) snprintf(s.self_url, sizeof s.self_url, "https://%s:%d", c->bind, port);
  if ((rc = serve_callbacks_start(&s.cb, s.store, s.self_url, c->retry_delays, c->n_retries, err))) goto done;
  fprintf(stderr, "pcf serve: listening on https://%s:%d (store %s)\n", c->bind, port, c->store);
  while (!*stop) {
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  fprintf(stderr, "pcf serve: stopping\n");
done:
  if (d) MHD_stop_daemon(d);
  serve_callbacks_stop(s.cb);
  serve_auth_free(s.auth);
  pcf_store_close(s.store);
  free(cert), free(key);
  curl_global_cleanup();
  return rc;
}
