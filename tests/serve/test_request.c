/* tests/serve/test_request.c: request targets, query parameters, Basic credentials and
 * CloudEvents as pcf serve parses them (pcf/serve/request.h). Expected values are those of the
 * RFCs and the PACT event schemas cited in request.c and event.c. */
#include <criterion/criterion.h>
#include <string.h>

#include "request.h"

Test(request, routes_and_traversal) {
  serve_target t;
  pcf_error err = {0};
  cr_assert_eq(serve_target_parse(&t, "/3/footprints/00000000-0000-4000-8000-000000000001", &err), 0);
  cr_expect_eq(t.route, ROUTE_GET);
  cr_expect_eq(t.api, 3);
  cr_expect_str_eq(t.id, "00000000-0000-4000-8000-000000000001");
  serve_target_free(&t);
  cr_assert_eq(serve_target_parse(&t, "/2/events", &err), 0);
  cr_expect_eq(t.route, ROUTE_EVENTS);
  serve_target_free(&t);
  cr_assert_eq(serve_target_parse(&t, "/4/footprints", &err), 0);
  cr_expect_eq(t.route, ROUTE_NONE);
  serve_target_free(&t);
  const char *bad[] = {"/3/../auth/token",    "/3/%2e%2e/footprints", "/3//footprints",  "footprints",
                       "/3/footprints?a=%zz", "/3/foot%00prints",     "/3/footprints#x", "/a b"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    cr_expect_eq(serve_target_parse(&t, bad[i], &err), PCF_ERR_PARSE, "%s", bad[i]);
}

Test(request, query_repeats_and_decodes) {
  serve_target t;
  serve_list_query q;
  pcf_error err = {0};
  cr_assert_eq(serve_target_parse(&t,
                                  "/3/footprints?companyId=urn:a&companyId=urn%3Ab&status=Active&limit=500"
                                  "&offset=20&validOn=2025-01-01T00:00:00%2B01:00&x-acme-id=1",
                                  &err),
               0);
  cr_assert_eq(serve_list_query_parse(&q, &t, 100, &err), 0, "%s", err.message);
  cr_expect_eq(q.filter.n_company_ids, 2);
  cr_expect_str_eq(q.filter.company_ids[1], "urn:b");
  cr_expect_eq(q.filter.n_statuses, 1);
  cr_expect_eq(q.limit, 100, "a limit above the page size is cut to it");
  cr_expect_eq(q.offset, 20);
  cr_expect_eq(q.filter.valid_on, 20089LL * 86400 - 3600);
  serve_target_free(&t);
  const char *bad[] = {"/3/footprints?limit=0", "/3/footprints?limit=-1", "/3/footprints?validOn=yesterday",
                       "/2/footprints?$filter=created%20ge%20'2023'"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(serve_target_parse(&t, bad[i], &err), 0, "%s", bad[i]);
    cr_expect_eq(serve_list_query_parse(&q, &t, 100, &err), PCF_ERR_INPUT, "%s", bad[i]);
    serve_target_free(&t);
  }
}

Test(request, basic_auth) {
  char id[64], secret[64];
  /* RFC 7617 section 2: "Aladdin:open sesame" is QWxhZGRpbjpvcGVuIHNlc2FtZQ==. */
  cr_assert_eq(serve_basic_auth("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", id, sizeof id, secret, sizeof secret), 0);
  cr_expect_str_eq(id, "Aladdin");
  cr_expect_str_eq(secret, "open sesame");
  cr_expect_neq(serve_basic_auth("Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==", id, sizeof id, secret, sizeof secret), 0);
  cr_expect_neq(serve_basic_auth("Basic QWxhZGRpbg==", id, sizeof id, secret, sizeof secret), 0, "no colon");
  cr_expect_neq(serve_basic_auth("Basic !!!!", id, sizeof id, secret, sizeof secret), 0);
  cr_expect(serve_form_grant_ok("grant_type=client_credentials", 29));
  cr_expect(serve_form_grant_ok("scope=x&grant_type=client_credentials", 37));
  cr_expect(!serve_form_grant_ok("grant_type=password", 19));
}

static int parse(int api, const char *body, serve_event *e) {
  pcf_error err = {0};
  return serve_event_parse(e, api, body, strlen(body), &err);
}

Test(request, events) {
  serve_event e;
  cr_assert_eq(parse(3,
                     "{\"specversion\":\"1.0\",\"id\":\"r1\",\"source\":\"https://a.example\",\"time\":"
                     "\"2025-01-01T00:00:00Z\",\"type\":\"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3\","
                     "\"data\":{\"productId\":[\"urn:p:1\",\"urn:p:2\"],\"geography\":[\"DE\"]}}",
                     &e),
               0);
  cr_expect_eq(e.kind, EVENT_REQUEST_CREATED);
  cr_expect_eq(e.crit.n_product_ids, 2);
  cr_expect_str_eq(e.crit.product_ids[1], "urn:p:2");
  cr_expect_str_eq(e.crit.geographies[0], "DE");
  serve_event_free(&e);
  cr_assert_eq(parse(2,
                     "{\"specversion\":\"1.0\",\"id\":\"r2\",\"source\":\"https://a.example\",\"type\":"
                     "\"org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1\",\"data\":{\"pf\":{\"productIds\":"
                     "[\"urn:p:1\"]},\"comment\":\"x\"}}",
                     &e),
               0);
  cr_expect_eq(e.crit.n_product_ids, 1);
  serve_event_free(&e);
  /* 400s: a pfId that is no UUID (the conformance tool's cases 21 and 40), a v2 type on /3,
   * duplicate keys, no data, bad specversion, a status outside the enum. */
  const char *bad[][2] = {
      {"3",
       "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"type\":"
       "\"org.wbcsd.pact.ProductFootprint.PublishedEvent.3\",\"data\":{\"pfIds\":[\"urn:gtin:4712345060507\"]}}"},
      {"3",
       "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"type\":"
       "\"org.wbcsd.pathfinder.ProductFootprint.Published.v1\",\"data\":{\"pfIds\":[]}}"},
      {"2",
       "{\"specversion\":\"1.0\",\"id\":\"x\",\"id\":\"y\",\"source\":\"s\",\"type\":"
       "\"org.wbcsd.pathfinder.ProductFootprint.Published.v1\",\"data\":{}}"},
      {"2",
       "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"org.wbcsd.pathfinder.ProductFootprint."
       "Published.v1\"}"},
      {"3",
       "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"type\":"
       "\"org.wbcsd.pact.ProductFootprint.PublishedEvent.3\",\"data\":{\"pfIds\":[\"3a6c14a7-4deb-498a-b5ea-"
       "16ce2535b576\"]}}"},
      {"3",
       "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"type\":"
       "\"org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3\",\"data\":{\"status\":[\"Bogus\"]}}"},
      {"3", "[1,2"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    cr_expect_eq(parse(bad[i][0][0] - '0', bad[i][1], &e), PCF_ERR_INPUT, "case %zu", i);
}
