/* cmd_serve.c: pcf serve --config FILE: the PACT host (pcf/serve/serve.h); pcf serve
 * hash-secret: the hash of a client secret for the configuration. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "cli.h"
#include "serve.h"

static const char usage[] =
    "Usage: pcf serve --config FILE [--port N]\n"
    "       pcf serve hash-secret [--iterations N] < secret\n"
    "\n"
    "Answers customers' PACT requests (WBCSD PACT Technical Specifications v2.3 and v3.0) from a\n"
    "footprint store filled by pcf footprint --store and pcf batch --store: /auth/token (OAuth 2\n"
    "client credentials), /2/footprints and /3/footprints (ListFootprints with pagination and the\n"
    "v3 filters, GetFootprint), /2/events and /3/events (requests answered asynchronously). HTTPS\n"
    "only. The configuration (INI) names the store, certificate, key and clients: see docs/serve.md.\n"
    "\n"
    "Options:\n"
    "  --config FILE        the configuration\n"
    "  --port N             listen on port N instead of the configuration's (0: any free port)\n"
    "  --iterations N       PBKDF2 iterations for hash-secret (default 200000)\n"
    "  -h, --help           this help\n"
    "\n"
    "hash-secret reads one client secret from standard input (its first line) and prints the\n"
    "line to put after 'secret =' in the client's section.\n"
    "\n"
    "Stops on SIGINT or SIGTERM. Exit status: 0 stopped, 1 configuration error, 2 internal error.\n";

static int hash_secret(int argc, char **argv) {
  unsigned long iter = 200000;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
      char *end;
      iter = strtoul(argv[++i], &end, 10);
      if (*end || iter < 1000 || iter > 10000000)
        return fputs("pcf: --iterations takes 1000 to 10000000\n", stderr), EXIT_USAGE;
    } else {
      return fputs(usage, stderr), EXIT_USAGE;
    }
  }
  char secret[512];
  if (!fgets(secret, sizeof secret, stdin)) return fputs("pcf: no secret on standard input\n", stderr), EXIT_INPUT;
  secret[strcspn(secret, "\r\n")] = 0;
  if (strlen(secret) < 16) return fputs("pcf: a client secret needs at least 16 characters\n", stderr), EXIT_INPUT;
  char out[256];
  int rc = serve_hash_secret(secret, (unsigned)iter, out, sizeof out);
  memset(secret, 0, sizeof secret);
  if (rc) return fputs("pcf: cannot hash the secret\n", stderr), EXIT_INTERNAL;
  puts(out);
  return 0;
}

int cmd_serve(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "hash-secret") == 0) return hash_secret(argc - 1, argv + 1);
  static const struct option opts[] = {{"config", required_argument, 0, 'c'},
                                       {"port", required_argument, 0, 'p'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *config = NULL, *port = NULL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'c': config = optarg; break;
      case 'p': port = optarg; break;
      case 'h': fputs(usage, stdout); return 0;
      default: fputs(usage, stderr); return EXIT_USAGE;
    }
  }
  if (!config || optind != argc) return fputs(usage, stderr), EXIT_USAGE;
  serve_config cfg;
  pcf_error err = {0};
  if (serve_config_read(&cfg, config, &err)) {
    cli_report(&err);
    serve_config_free(&cfg);
    return cli_exit_code(&err);
  }
  if (port && cli_net_port(port, &cfg.port)) return serve_config_free(&cfg), EXIT_USAGE;
  int rc = serve_run(&cfg, cli_net_stop_flag(), &err);
  serve_config_free(&cfg);
  if (rc) return cli_report(&err), cli_exit_code(&err);
  return 0;
}
