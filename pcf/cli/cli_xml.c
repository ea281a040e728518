/* cli_xml.c: libxml2 for the pcf executable, loaded on the first XML document instead of at start.
 *
 * libxml2 brings ICU, libstdc++ and liblzma: about half of what a pcf start costs (bench/README.md,
 * "One footprint"), while a footprint read from the bundled package's binary cache (the default)
 * parses no XML at all. So pcf does not link libxml2: this file defines the libxml2 functions that
 * libilcd's reader calls (ilcd/src/sax.c), each forwarding to libxml2's own, which it opens by its
 * SONAME (found at configure time) on the first call. Only the pcf executable has these
 * definitions (the libraries, pcf-serve, the tests and the benchmarks link libxml2 as usual), and
 * an executable does not export them, so libxml2's calls to itself stay inside libxml2. The
 * prototypes are libxml2's headers' own; a function the reader starts to use without a line here
 * fails pcf's link (undefined reference), never silently.
 *
 * libxml2 that cannot be loaded is an installation error, like any missing shared object: pcf says
 * which and exits 2.
 */
#ifdef PCF_LIBXML2_SONAME
#include <dlfcn.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

#define FUNCTIONS(X)                                                                                                   \
  X(inputPush)                                                                                                         \
  X(xmlAllocParserInputBuffer)                                                                                         \
  X(xmlCtxtUseOptions)                                                                                                 \
  X(xmlFreeDoc)                                                                                                        \
  X(xmlFreeInputStream)                                                                                                \
  X(xmlFreeParserCtxt)                                                                                                 \
  X(xmlFreeParserInputBuffer)                                                                                          \
  X(xmlNewIOInputStream)                                                                                               \
  X(xmlNewParserCtxt)                                                                                                  \
  X(xmlParseDocument)                                                                                                  \
  X(xmlParserInputBufferPush)                                                                                          \
  X(xmlSAX2GetLineNumber)                                                                                              \
  X(xmlSetGenericErrorFunc)                                                                                            \
  X(xmlSetStructuredErrorFunc)                                                                                         \
  X(xmlStopParser)                                                                                                     \
  X(__xmlGenericError)                                                                                                 \
  X(__xmlGenericErrorContext)                                                                                          \
  X(__xmlStructuredError)                                                                                              \
  X(__xmlStructuredErrorContext)

#define INDEX(name) I_##name,
enum { FUNCTIONS(INDEX) N_FUNCTIONS };
#define NAME(name) #name,
static const char *const names[N_FUNCTIONS] = {FUNCTIONS(NAME)};
static void *functions[N_FUNCTIONS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void fail(const char *what) {
  fprintf(stderr, "pcf: reading XML needs libxml2 (%s), which cannot be loaded: %s\n", PCF_LIBXML2_SONAME, what);
  fflush(stderr);
  _exit(EXIT_INTERNAL); /* from whichever thread parses first: no handler of the others' runs */
}

static void load(void) {
  /* Never closed: its state (the parser's globals, the error handlers) lives until exit. */
  void *h = dlopen(PCF_LIBXML2_SONAME, RTLD_LAZY | RTLD_LOCAL); /* bound as used, as at a start */
  if (!h) fail(dlerror());
  for (int i = 0; i < N_FUNCTIONS; i++)
    if (!(functions[i] = dlsym(h, names[i]))) fail(dlerror());
}

static void *function(int i) {
  pthread_once(&once, load);
  return functions[i];
}

#define CALL(name, args) ((__typeof__(&name))function(I_##name)) args

int inputPush(xmlParserCtxtPtr ctxt, xmlParserInputPtr value) { return CALL(inputPush, (ctxt, value)); }
xmlParserInputBufferPtr xmlAllocParserInputBuffer(xmlCharEncoding enc) {
  return CALL(xmlAllocParserInputBuffer, (enc));
}
int xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options) { return CALL(xmlCtxtUseOptions, (ctxt, options)); }
void xmlFreeDoc(xmlDocPtr cur) { CALL(xmlFreeDoc, (cur)); }
void xmlFreeInputStream(xmlParserInputPtr input) { CALL(xmlFreeInputStream, (input)); }
void xmlFreeParserCtxt(xmlParserCtxtPtr ctxt) { CALL(xmlFreeParserCtxt, (ctxt)); }
void xmlFreeParserInputBuffer(xmlParserInputBufferPtr in) { CALL(xmlFreeParserInputBuffer, (in)); }
xmlParserInputPtr xmlNewIOInputStream(xmlParserCtxtPtr ctxt, xmlParserInputBufferPtr input, xmlCharEncoding enc) {
  return CALL(xmlNewIOInputStream, (ctxt, input, enc));
}
xmlParserCtxtPtr xmlNewParserCtxt(void) { return CALL(xmlNewParserCtxt, ()); }
int xmlParseDocument(xmlParserCtxtPtr ctxt) { return CALL(xmlParseDocument, (ctxt)); }
int xmlParserInputBufferPush(xmlParserInputBufferPtr in, int len, const char *buf) {
  return CALL(xmlParserInputBufferPush, (in, len, buf));
}
int xmlSAX2GetLineNumber(void *ctx) { return CALL(xmlSAX2GetLineNumber, (ctx)); }
void xmlSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler) { CALL(xmlSetGenericErrorFunc, (ctx, handler)); }
void xmlSetStructuredErrorFunc(void *ctx, xmlStructuredErrorFunc handler) {
  CALL(xmlSetStructuredErrorFunc, (ctx, handler));
}
void xmlStopParser(xmlParserCtxtPtr ctxt) { CALL(xmlStopParser, (ctxt)); }
xmlGenericErrorFunc *__xmlGenericError(void) { return CALL(__xmlGenericError, ()); }
void **__xmlGenericErrorContext(void) { return CALL(__xmlGenericErrorContext, ()); }
xmlStructuredErrorFunc *__xmlStructuredError(void) { return CALL(__xmlStructuredError, ()); }
void **__xmlStructuredErrorContext(void) { return CALL(__xmlStructuredErrorContext, ()); }
#endif
