/* main.c: pcf-serve, the program behind the pcf commands that need the network stack (commands.h):
 * pcf execs it for them with its own arguments ("pcf serve --config FILE" arrives here as argv
 * unchanged), so their messages, exit codes and signals are those of pcf. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
} commands[] = {
#define PCF_NET_COMMAND(name, function) {name, function},
#include "commands.h"
#undef PCF_NET_COMMAND
};

static int run(int argc, char **argv) {
  for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
  fputs("pcf-serve runs pcf's network commands for pcf: run them as pcf COMMAND (pcf --help)\n", stderr);
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  cli_output_init();
  return cli_close_stdout(run(argc, argv));
}
