/* net_run.c: what the long-running network commands (pcf serve, pcf studio) share: --port read
 * one way, and a stop on SIGINT or SIGTERM that lets the server close its connections, with
 * SIGPIPE ignored so that a client hanging up is an error on its socket, not the end of pcf. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig) {
  (void)sig;
  stop_flag = 1;
}

volatile sig_atomic_t *cli_net_stop_flag(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  return &stop_flag;
}

int cli_net_port(const char *arg, int *port) {
  char *end;
  long p = strtol(arg, &end, 10);
  if (*end || p < 0 || p > 65535) return fputs("pcf: --port takes 0 to 65535\n", stderr), EXIT_USAGE;
  *port = (int)p;
  return 0;
}
