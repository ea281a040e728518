/* fuzz_serve_request.c: libFuzzer target for what pcf serve parses from clients
 * (pcf/serve/request.h): the first byte picks the parser (request target and ListFootprints
 * parameters, Basic credentials and token body, a v2 or v3 CloudEvent), the rest is the input.
 * Build and run with fuzz/run.sh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  char *s = malloc(size);
  if (!s) return 0;
  memcpy(s, data + 1, size - 1);
  s[size - 1] = 0;
  pcf_error err;
  switch (data[0] % 4) {
    case 0: {
      serve_target t;
      if (!serve_target_parse(&t, s, &err)) {
        serve_list_query q;
        serve_list_query_parse(&q, &t, 100, &err);
        serve_target_free(&t);
      }
      break;
    }
    case 1: {
      char id[256], secret[512];
      serve_basic_auth(s, id, sizeof id, secret, sizeof secret);
      serve_form_grant_ok(s, size - 1);
      break;
    }
    default: {
      serve_event e;
      if (!serve_event_parse(&e, data[0] % 4 == 2 ? 2 : 3, (const char *)data + 1, size - 1, &err))
        serve_event_free(&e);
      break;
    }
  }
  free(s);
  return 0;
}
