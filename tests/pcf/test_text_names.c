/* test_text_names.c: text tables write names whole (issue 20: two flows both shown as "carbon
 * dioxide (fossil) (Emissions / Emissions to air / Emis" could not be told apart). A name wider than
 * its column puts its figures on the next line, under the column they belong to. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_test.h"

/* Runs cmd and returns its standard output (caller frees). */
static char *output(const char *cmd) {
  FILE *p = popen(cmd, "r");
  cr_assert(p, "%s", cmd);
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (size_t k; (k = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
    n += k;
    if (n + 1 == cap) buf = realloc(buf, cap *= 2);
  }
  buf[n] = '\0';
  cr_assert_eq(pclose(p), 0, "%s", cmd);
  return buf;
}

/* The line after the one that is exactly `line`, or NULL. */
static const char *next_line(const char *text, const char *line) {
  size_t n = strlen(line);
  for (const char *s = text; (s = strstr(s, line)); s += n)
    if ((s == text || s[-1] == '\n') && s[n] == '\n') return s + n + 1;
  return NULL;
}

Test(text_names, flows_and_processes_are_written_whole_with_figures_aligned) {
  char *out = output(PCF_BINARY " footprint " PCF_SOURCE_DIR "/cases/toy-car/product.ini");
  /* The two fossil CO2 flows differ only after 52 characters (the toy car's EF 3.1 flows). */
  const char *a =
      next_line(out, "  carbon dioxide (fossil) (Emissions / Emissions to air / Emissions to air, unspecified)");
  const char *b =
      next_line(out,
                "  carbon dioxide (fossil) (Emissions / Emissions to air / Emissions to non-urban air or from "
                "high stacks)");
  cr_assert(a && b, "%s", out);
  /* the figure sits where a short name's would: 2 + 60 + 1 + 12 characters, right-aligned */
  const char *short_row = strstr(out, "  freight, combination truck, diesel; USLCI; average; 1 t*km");
  cr_assert(short_row);
  size_t len = (size_t)(strchr(short_row, '\n') - short_row);
  cr_expect_eq(len, 75u);
  cr_expect_eq((size_t)(strchr(a, '\n') - a), len, "%.80s", a);
  cr_expect_eq(strncmp(a, "                                                                     0.", 71), 0, "%.80s",
               a);
  /* a process name of 124 characters is whole too */
  cr_expect(
      strstr(out,
             "\n  electricity, grid mix, China; national average, all generation; consumption mix, at consumer; 1 MJ "
             "electricity (= 1/3.6 kWh)\n"));
  free(out);
}

Test(text_names, compare_columns_are_as_wide_as_the_design_names) {
  char dir[] = "/tmp/pcf-text-names-XXXXXX";
  cr_assert(mkdtemp(dir));
  char ini[300], bom[300], cmd[800];
  snprintf(ini, sizeof ini, "%s/product.ini", dir);
  snprintf(bom, sizeof bom, "%s/bom.csv", dir);
  write_file(bom,
             "level,name,quantity,unit,material,mass (kg)\n0,Car,1,pcs,,\n1,Body,1,pcs,ABS,0.120\n"
             "1,Wheel,4,pcs,PP,0.0075\n");
  /* two names alike in their first 19 characters (columns were 12 and 18 wide) */
  write_file(ini,
             "[product]\nname = Car\nbom = bom.csv\n"
             "[variant wheels-in-recycled-hdpe]\nbom.Wheel.material = HDPE\n"
             "[variant wheels-in-recycled-ps]\nbom.Wheel.material = PS\n");
  snprintf(cmd, sizeof cmd, "%s compare %s --no-sensitivity", PCF_BINARY, ini);
  char *out = output(cmd);
  cr_expect(strstr(out, " wheels-in-recycled-hdpe wheels-in-recycled-ps\n"), "%s", out);
  /* each figure ends under its name */
  const char *head = strstr(out, "By stage and line");
  cr_assert(head);
  const char *hdr = strchr(head, '\n') + 1, *row = strchr(hdr, '\n') + 1;
  cr_expect_eq(strchr(hdr, '\n') - hdr, strchr(row, '\n') - row, "%.300s", hdr);
  cr_expect(strstr(out, "\n     2  wheels-in-recycled-hdpe ") && strstr(out, "\n     3  wheels-in-recycled-ps "), "%s",
            out);
  free(out);
  unlink(ini);
  unlink(bom);
  rmdir(dir);
}
