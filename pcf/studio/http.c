/* http.c: pcf studio's HTTP server (libmicrohttpd, as pcf serve): plain HTTP on the loopback
 * address only, one thread (requests are answered one at a time, so a session's files are never
 * written by two at once), every request carrying the session's random token (?token=, 403
 * without it) and a Host of the loopback address (403 otherwise: a web page elsewhere cannot
 * reach the server through a DNS name rebound to 127.0.0.1). The page and the API (api.c). */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "studio.h"

enum { MAX_BODY = 4 << 20, TOKEN_BYTES = 16 };

typedef struct server {
  studio *s;
  char token[2 * TOKEN_BYTES + 1];
  char host_ip[64], host_name[64];
} server;

typedef struct body {
  char *data;
  size_t len;
  int too_big;
} body;

static enum MHD_Result send_buf(struct MHD_Connection *con, unsigned status, const char *type, void *data, size_t len,
                                enum MHD_ResponseMemoryMode mode) {
  struct MHD_Response *res = MHD_create_response_from_buffer(len, data, mode);
  if (!res) return MHD_NO;
  MHD_add_response_header(res, "Content-Type", type);
  MHD_add_response_header(res, "Cache-Control", "no-store");
  MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(res, "Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'");
  enum MHD_Result ok = MHD_queue_response(con, status, res);
  MHD_destroy_response(res);
  return ok;
}

static enum MHD_Result send_text(struct MHD_Connection *con, unsigned status, const char *text) {
  return send_buf(con, status, "text/plain; charset=utf-8", (void *)text, strlen(text), MHD_RESPMEM_PERSISTENT);
}

/* Compares without stopping at the first difference. */
static int same_token(const char *given, const char *token) {
  size_t n = strlen(token);
  if (!given || strlen(given) != n) return 0;
  unsigned char d = 0;
  for (size_t i = 0; i < n; i++) d |= (unsigned char)(given[i] ^ token[i]);
  return d == 0;
}

static enum MHD_Result page_asset(server *sv, struct MHD_Connection *con, const char *url) {
  const char *name = strcmp(url, "/") == 0 ? "index.html" : url + 1;
  for (size_t i = 0; i < studio_asset_count; i++) {
    const studio_asset *a = &studio_assets[i];
    if (strcmp(a->path, name) != 0) continue;
    if (strcmp(name, "index.html") != 0)
      return send_buf(con, 200, a->type, (void *)a->data, a->len, MHD_RESPMEM_PERSISTENT);
    /* the page names its scripts and styles with the session's token */
    const char *mark = "{{TOKEN}}";
    size_t marks = 0, used = 0;
    for (const char *m = (const char *)a->data; (m = strstr(m, mark)) != NULL; m += strlen(mark)) marks++;
    char *out = malloc(a->len + marks * strlen(sv->token) + 1);
    if (!out) return send_text(con, 500, "out of memory\n");
    const char *p = (const char *)a->data, *end = p + a->len;
    while (p < end) {
      const char *m = strstr(p, mark);
      size_t n = m && m < end ? (size_t)(m - p) : (size_t)(end - p);
      memcpy(out + used, p, n);
      used += n;
      p += n;
      if (p < end) {
        memcpy(out + used, sv->token, strlen(sv->token));
        used += strlen(sv->token);
        p += strlen(mark);
      }
    }
    return send_buf(con, 200, a->type, out, used, MHD_RESPMEM_MUST_FREE);
  }
  return send_text(con, 404, "not found\n");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  (void)version;
  server *sv = cls;
  body *b = *con_cls;
  if (!b) {
    if (!(b = calloc(1, sizeof *b))) return MHD_NO;
    *con_cls = b;
    return MHD_YES;
  }
  if (*upload_size) {
    if (b->len + *upload_size > MAX_BODY) {
      b->too_big = 1;
    } else if (!b->too_big) {
      char *grown = realloc(b->data, b->len + *upload_size + 1);
      if (!grown) return MHD_NO;
      memcpy(grown + b->len, upload, *upload_size);
      b->data = grown;
      b->len += *upload_size;
      b->data[b->len] = 0;
    }
    *upload_size = 0;
    return MHD_YES;
  }
  const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host");
  if (!host || (strcmp(host, sv->host_ip) && strcmp(host, sv->host_name)))
    return send_text(con, 403, "forbidden: this server answers the loopback address only\n");
  if (!same_token(MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "token"), sv->token))
    return send_text(con, 403, "forbidden: open the address pcf studio printed (it carries the session's token)\n");
  if (b->too_big) return send_text(con, 413, "request body over 4 MiB\n");
  if (strncmp(url, "/api/", 5) != 0) {
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) return send_text(con, 405, "method not allowed\n");
    return page_asset(sv, con, url);
  }
  studio_reply reply;
  const char *q = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "q");
  if (studio_api(sv->s, method, url + 5, q, b->data, b->len, &reply)) return send_text(con, 500, "out of memory\n");
  return send_buf(con, reply.status, reply.type, reply.body, reply.len, MHD_RESPMEM_MUST_FREE);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe) {
  (void)cls, (void)con, (void)toe;
  body *b = *con_cls;
  if (b) free(b->data), free(b);
  *con_cls = NULL;
}

int studio_serve(studio *s, int port, FILE *out, volatile sig_atomic_t *stop, pcf_error *err) {
  server sv = {.s = s};
  unsigned char raw[TOKEN_BYTES];
  if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
    return pcf_error_set(err, PCF_ERR_INTERNAL, "", 0, "no random bytes for the session's token");
  for (size_t i = 0; i < sizeof raw; i++) snprintf(sv.token + 2 * i, 3, "%02x", raw[i]);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL,
                                          NULL, handle, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_LIMIT,
                                          (unsigned)32, MHD_OPTION_NOTIFY_COMPLETED, completed, &sv, MHD_OPTION_END);
  if (!d) return pcf_error_set(err, PCF_ERR_IO, "", 0, "cannot listen on 127.0.0.1:%d", port);
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned bound = info ? info->port : (unsigned)port;
  snprintf(sv.host_ip, sizeof sv.host_ip, "127.0.0.1:%u", bound);
  snprintf(sv.host_name, sizeof sv.host_name, "localhost:%u", bound);
  fprintf(out, "http://127.0.0.1:%u/?token=%s\n", bound, sv.token);
  fflush(out);
  const struct timespec tick = {0, 50 * 1000 * 1000};
  while (!*stop) nanosleep(&tick, NULL);
  MHD_stop_daemon(d);
  return 0;
}
