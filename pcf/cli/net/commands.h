/* commands.h: the commands that run in the program pcf-serve, one line each: its name on pcf's
 * command line and its function (in this folder, which only pcf-serve links).
 *
 * They need the network stack (libmicrohttpd, GnuTLS, libcurl: about 30 shared objects, which
 * would triple the start of every other command if pcf linked them). pcf's main execs pcf-serve
 * for these names with the same arguments (cli_helper.c); pcf-serve's main (main.c) runs them.
 * Include after defining PCF_NET_COMMAND(name, function). */
PCF_NET_COMMAND("serve", cmd_serve)
PCF_NET_COMMAND("studio", cmd_studio)
