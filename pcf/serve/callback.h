/* callback.h: answering RequestCreated events asynchronously (PACT v2.2+ and v3 "Action
 * Events"): a worker looks the request up in the store and POSTs a RequestFulfilled event (the
 * matching footprints) or a RequestRejected event (NotFound) to the requester's Action Events
 * endpoint, signing in there with the credentials the requester issued (OAuth client
 * credentials), retrying with exponential backoff when it cannot be reached. */
#ifndef PCF_SERVE_CALLBACK_H
#define PCF_SERVE_CALLBACK_H

#include "auth.h"
#include "request.h"
#include "store.h"

typedef struct serve_callbacks serve_callbacks;

/* self_url: this host's base URL, the answers' event source. retry_delays: seconds before each
 * retry (n_retries of them). */
int serve_callbacks_start(serve_callbacks **out, pcf_store *store, const char *self_url, const int *retry_delays,
                          size_t n_retries, pcf_error *err);
/* Queues the answer to e (taken over: e is emptied) for client, to be POSTed to target.
 * Returns 0, or -1 when the queue is full. */
int serve_callbacks_submit(serve_callbacks *cb, int api, const serve_client *client, serve_event *e,
                           const char *target);
/* The requester's events endpoint for an event source: source itself when it ends in /events,
 * else source + "/2/events" or "/3/events"; NULL (after writing why into err) when it does not
 * lie under the client's events_url, so that answers go nowhere else. Caller frees. */
char *serve_callback_target(const serve_client *c, int api, const char *source, pcf_error *err);
void serve_callbacks_stop(serve_callbacks *cb);

#endif
