/* Tests of the CSV reader (pcf/src/csv.c) and the strict number parser. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static pcf_csv *parse(const char *text, pcf_error *err) {
  pcf_csv *csv = NULL;
  int rc = pcf_csv_read_memory(&csv, "t.csv", text, strlen(text), 0, err);
  cr_assert_eq(rc, 0, "parse failed: %s (line %ld)", err->message, err->line);
  return csv;
}

static int parse_fails(const char *text, size_t len, pcf_error *err) {
  pcf_csv *csv = NULL;
  int rc = pcf_csv_read_memory(&csv, "t.csv", text, len, 0, err);
  cr_assert_null(csv);
  return rc;
}

Test(csv, comma_basic_lf_and_crlf) {
  pcf_error err = {0};
  pcf_csv *csv = parse("part,qty\r\nA, 2 \r\nB,3\n", &err);
  cr_assert_eq(pcf_csv_separator(csv), ',');
  cr_assert_eq(pcf_csv_rows(csv), 3);
  cr_assert_str_eq(pcf_csv_field(csv, 0, 0), "part");
  cr_assert_str_eq(pcf_csv_field(csv, 1, 1), "2"); /* trimmed */
  cr_assert_str_eq(pcf_csv_field(csv, 2, 0), "B");
  cr_assert_eq(pcf_csv_line(csv, 2), 3);
  cr_assert_str_eq(pcf_csv_field(csv, 2, 9), ""); /* beyond the row: empty */
  pcf_csv_free(csv);
}

Test(csv, semicolon_and_tab_detected) {
  pcf_error err = {0};
  pcf_csv *csv = parse("Teil;Menge;Masse (kg)\nDeckel;1;0,25\n", &err);
  cr_assert_eq(pcf_csv_separator(csv), ';');
  cr_assert_str_eq(pcf_csv_field(csv, 1, 2), "0,25");
  pcf_csv_free(csv);
  csv = parse("a\tb, c\tx\n1\t2\t3\n", &err);
  cr_assert_eq(pcf_csv_separator(csv), '\t');
  cr_assert_str_eq(pcf_csv_field(csv, 0, 1), "b, c");
  pcf_csv_free(csv);
  /* Separators inside quotes do not count: one ',' outside against two ';' inside. */
  csv = parse("\"a;b;c\",d\n", &err);
  cr_assert_eq(pcf_csv_separator(csv), ',');
  cr_assert_eq(pcf_csv_fields(csv, 0), 2);
  pcf_csv_free(csv);
  /* The header decides, after comments and blank lines. */
  csv = parse("# a, b, c, d\n\n x;y\n", &err);
  cr_assert_eq(pcf_csv_separator(csv), ';');
  pcf_csv_free(csv);
}

Test(csv, quoting_rfc4180) {
  pcf_error err = {0};
  pcf_csv *csv = parse(
      "name,note\n\"Lid, top\",\"say \"\"hi\"\"\"\n"
      "\"two\nlines\",x\n  \"padded\"  ,\"\"\nlast,5\" pipe",
      &err);
  cr_assert_eq(pcf_csv_rows(csv), 5);
  cr_assert_str_eq(pcf_csv_field(csv, 1, 0), "Lid, top");
  cr_assert_str_eq(pcf_csv_field(csv, 1, 1), "say \"hi\"");
  cr_assert_str_eq(pcf_csv_field(csv, 2, 0), "two\nlines");
  cr_assert_eq(pcf_csv_line(csv, 2), 3);
  cr_assert_eq(pcf_csv_line(csv, 3), 5); /* the quoted line break counted */
  cr_assert_str_eq(pcf_csv_field(csv, 3, 0), "padded");
  cr_assert_str_eq(pcf_csv_field(csv, 3, 1), "");
  cr_assert_str_eq(pcf_csv_field(csv, 4, 1), "5\" pipe"); /* literal quote, no final EOL */
  pcf_csv_free(csv);
}

Test(csv, bom_comments_blank_lines) {
  pcf_error err = {0};
  pcf_csv *csv = parse(
      "\xEF\xBB\xBFpart;qty\r\n# a comment; with \"quote\r\n\r\n;;\r\n"
      "\"#not a comment\";1\r\n  # neither;2\r\n",
      &err);
  cr_assert_eq(pcf_csv_rows(csv), 3);
  cr_assert_str_eq(pcf_csv_field(csv, 0, 0), "part"); /* BOM skipped */
  cr_assert_str_eq(pcf_csv_field(csv, 1, 0), "#not a comment");
  cr_assert_eq(pcf_csv_line(csv, 1), 5);
  cr_assert_str_eq(pcf_csv_field(csv, 2, 0), "# neither");
  cr_assert_eq(pcf_csv_line(csv, 2), 6);
  pcf_csv_free(csv);
}

Test(csv, lone_cr_line_ends) {
  pcf_error err = {0};
  pcf_csv *csv = parse("a,b\rc,d\r", &err);
  cr_assert_eq(pcf_csv_rows(csv), 2);
  cr_assert_eq(pcf_csv_line(csv, 1), 2);
  cr_assert_str_eq(pcf_csv_field(csv, 1, 1), "d");
  pcf_csv_free(csv);
}

Test(csv, empty_input) {
  pcf_error err = {0};
  pcf_csv *csv = parse("", &err);
  cr_assert_eq(pcf_csv_rows(csv), 0);
  pcf_csv_free(csv);
}

Test(csv, unterminated_quote_names_its_line) {
  pcf_error err = {0};
  const char *t = "a,b\n1,2\n3,\"open\n4,5\n";
  cr_assert_eq(parse_fails(t, strlen(t), &err), PCF_ERR_PARSE);
  cr_assert_eq(err.line, 3);
  cr_assert_str_eq(err.path, "t.csv");
  cr_assert(strstr(err.message, "unterminated"), "%s", err.message);
}

Test(csv, garbage_after_closing_quote) {
  pcf_error err = {0};
  const char *t = "a,b\n\"x\"y,2\n";
  cr_assert_eq(parse_fails(t, strlen(t), &err), PCF_ERR_PARSE);
  cr_assert_eq(err.line, 2);
}

Test(csv, encodings_refused) {
  pcf_error err = {0};
  const char latin1[] = "part,material\nGeh\xE4use,PP\n";
  cr_assert_eq(parse_fails(latin1, strlen(latin1), &err), PCF_ERR_PARSE);
  cr_assert_eq(err.line, 2);
  cr_assert(strstr(err.message, "UTF-8"));
  const char utf16[] = "\xFF\xFEp\0a\0";
  cr_assert_eq(parse_fails(utf16, sizeof utf16 - 1, &err), PCF_ERR_PARSE);
  cr_assert(strstr(err.message, "UTF-16"));
  const char nul[] = "a,b\n1,\0\n";
  cr_assert_eq(parse_fails(nul, sizeof nul - 1, &err), PCF_ERR_PARSE);
  cr_assert_eq(err.line, 2);
  /* Valid multi-byte UTF-8 passes. */
  pcf_csv *csv = parse("part\nGeh\xC3\xA4use \xE2\x82\xAC\n", &err);
  cr_assert_str_eq(pcf_csv_field(csv, 1, 0), "Geh\xC3\xA4use \xE2\x82\xAC");
  pcf_csv_free(csv);
}

Test(csv, limits) {
  pcf_error err = {0};
  /* 257 columns */
  char *t = malloc(1024);
  size_t n = 0;
  for (int i = 0; i < PCF_CSV_MAX_COLUMNS + 1; i++) {
    t[n++] = 'a';
    t[n++] = ',';
  }
  t[n - 1] = '\n';
  cr_assert_eq(parse_fails(t, n, &err), PCF_ERR_PARSE);
  cr_assert(strstr(err.message, "columns"));
  free(t);
  /* a field of 64 KiB + 1 */
  size_t big = PCF_CSV_MAX_FIELD + 1;
  t = malloc(big + 8);
  memset(t, 'x', big);
  cr_assert_eq(parse_fails(t, big, &err), PCF_ERR_PARSE);
  cr_assert(strstr(err.message, "longer"));
  t[0] = '"';
  memset(t + 1, 'x', big);
  t[big + 1] = '"';
  cr_assert_eq(parse_fails(t, big + 2, &err), PCF_ERR_PARSE);
  free(t);
  /* exactly 64 KiB is fine */
  t = malloc(PCF_CSV_MAX_FIELD);
  memset(t, 'y', PCF_CSV_MAX_FIELD);
  pcf_csv *csv = NULL;
  cr_assert_eq(pcf_csv_read_memory(&csv, "t", t, PCF_CSV_MAX_FIELD, 0, &err), 0);
  cr_assert_eq(strlen(pcf_csv_field(csv, 0, 0)), PCF_CSV_MAX_FIELD);
  pcf_csv_free(csv);
  free(t);
  /* one row too many: 1,000,001 lines of "1" */
  n = (size_t)(PCF_CSV_MAX_ROWS + 1) * 2;
  t = malloc(n);
  for (size_t i = 0; i < n; i += 2) {
    t[i] = '1';
    t[i + 1] = '\n';
  }
  cr_assert_eq(parse_fails(t, n, &err), PCF_ERR_PARSE);
  cr_assert_eq(err.line, PCF_CSV_MAX_ROWS + 1);
  cr_assert_eq(pcf_csv_read_memory(&csv, "t", t, n - 2, 0, &err), 0);
  cr_assert_eq(pcf_csv_rows(csv), PCF_CSV_MAX_ROWS);
  pcf_csv_free(csv);
  free(t);
}

Test(csv, read_file_and_missing_file) {
  pcf_error err = {0};
  char path[] = "/tmp/pcf_csv_test_XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("a;b\n1;2\n", f);
  fclose(f);
  pcf_csv *csv = NULL;
  cr_assert_eq(pcf_csv_read(&csv, path, 0, &err), 0);
  cr_assert_str_eq(pcf_csv_name(csv), path);
  cr_assert_str_eq(pcf_csv_field(csv, 1, 1), "2");
  pcf_csv_free(csv);
  /* A forced separator overrides detection. */
  cr_assert_eq(pcf_csv_read(&csv, path, ',', &err), 0);
  cr_assert_str_eq(pcf_csv_field(csv, 1, 0), "1;2");
  pcf_csv_free(csv);
  remove(path);
  cr_assert_eq(pcf_csv_read(&csv, path, 0, &err), PCF_ERR_IO);
  cr_assert_null(csv);
  cr_assert_str_eq(err.path, path);
  cr_assert_eq(pcf_csv_read(&csv, "/", 0, &err), PCF_ERR_IO); /* a directory */
  pcf_csv_free(NULL);
}

Test(number, accepted) {
  double v = 0;
  cr_assert_eq(pcf_parse_number("1.5", 0, &v, NULL), 0);
  cr_assert_eq(v, 1.5);
  cr_assert_eq(pcf_parse_number(" -2e-3 ", 0, &v, NULL), 0);
  cr_assert_eq(v, -0.002);
  cr_assert_eq(pcf_parse_number("+.5", 0, &v, NULL), 0);
  cr_assert_eq(v, 0.5);
  cr_assert_eq(pcf_parse_number("7.", 0, &v, NULL), 0);
  cr_assert_eq(v, 7.0);
  cr_assert_eq(pcf_parse_number("0,25", 1, &v, NULL), 0); /* ';'-separated file */
  cr_assert_eq(v, 0.25);
  cr_assert_eq(pcf_parse_number("1e15", 0, &v, NULL), 0);
  cr_assert_eq(v, 1e15);
}

Test(number, refused) {
  double v = 42;
  const char *why = NULL;
  const char *bad[] = {"",          " ",     "abc",    "1.2.3", "1,234.5", "1.234,5", "nan", "inf",
                       "-infinity", "0x10",  "1e",     "1e+",   "2 kg",    "1 000",   "--1", "1e16",
                       "-2e15",     "1e999", "1e-400", ".",     "+",       "12%"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why = NULL;
    cr_assert_eq(pcf_parse_number(bad[i], 1, &v, &why), PCF_ERR_PARSE, "'%s' accepted", bad[i]);
    cr_assert_not_null(why);
  }
  cr_assert_eq(v, 42); /* untouched */
  cr_assert_eq(pcf_parse_number("1,5", 0, &v, &why), PCF_ERR_PARSE);
  cr_assert(strstr(why, "comma"), "%s", why);
}
