/* csv.h: a strict, bounded CSV reader for the files users write (BOMs, material maps).
 *
 * Private to pcf. Follows RFC 4180 with the liberties real spreadsheet exports need:
 * - the separator is `,`, `;` or TAB, detected from the first record (the header): the one that
 *   occurs most often outside quotes wins; on a tie TAB beats `;` beats `,`, because a comma is
 *   the likeliest of the three to appear inside a column name ("mass (kg, net)"). A header with
 *   none of them is a one-column file separated by `,`;
 * - a UTF-8 byte-order mark is skipped; a UTF-16 one, a NUL byte or bytes that are not UTF-8
 *   (a Latin-1 export) are errors that say how to save the file instead;
 * - records end with LF, CRLF or a lone CR; a quoted field may hold separators, doubled quotes
 *   ("") and line breaks (kept as written);
 * - white space (spaces, and tabs unless TAB separates) around a field is trimmed; a quoted
 *   field may have white space before its opening and after its closing quote, anything else
 *   after the closing quote is an error; a quote inside an unquoted field (5" pipe) is literal;
 * - a record whose first byte is `#` is a comment; a record whose fields are all empty (a blank
 *   line, or `;;;` from a spreadsheet) is skipped;
 * - an unterminated quote is an error with the line where the quote opened.
 * Each record keeps the 1-based line where it starts, for messages. Limits guard against absurd
 * input: PCF_CSV_MAX_ROWS records (header included), PCF_CSV_MAX_COLUMNS fields per record,
 * PCF_CSV_MAX_FIELD bytes per field, PCF_CSV_MAX_FILE bytes per file.
 */
#ifndef PCF_CSV_H
#define PCF_CSV_H

#include <stddef.h>

#include "pcf/error.h"

#define PCF_CSV_MAX_ROWS 1000000
#define PCF_CSV_MAX_COLUMNS 256
#define PCF_CSV_MAX_FIELD (64 * 1024)
#define PCF_CSV_MAX_FILE ((size_t)256 * 1024 * 1024)

typedef struct pcf_csv pcf_csv;

/* Grows the array *p of elem-byte elements so that it holds at least need (capacity doubling,
 * overflow-checked). Returns 0 or PCF_ERR_NOMEM (*p and *cap unchanged). */
int pcf_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Reads the whole file at path (by input_file.h's rule: a regular file). sep is ',', ';' or '\t'
 * to force a separator, or 0 to detect it. On success *out is a new table the caller frees with
 * pcf_csv_free(). Returns 0, PCF_ERR_IO (cannot read, not a regular file, or larger than
 * PCF_CSV_MAX_FILE), PCF_ERR_PARSE (encoding, quoting, limits; err has the line) or
 * PCF_ERR_NOMEM. */
int pcf_csv_read(pcf_csv **out, const char *path, char sep, pcf_error *err);

/* The same with what the file is for messages ("BOM") and a size limit of its own. */
int pcf_csv_read_file(pcf_csv **out, const char *path, const char *what, char sep, size_t max_bytes, pcf_error *err);

/* Same for size bytes at data (need not be NUL-terminated); name is the path used in messages.
 */
int pcf_csv_read_memory(pcf_csv **out, const char *name, const char *data, size_t size, char sep, pcf_error *err);

void pcf_csv_free(pcf_csv *csv);

/* Records kept (comments and blank records are not), the header being row 0. */
size_t pcf_csv_rows(const pcf_csv *csv);
/* Fields in row r (rows may have different counts). */
size_t pcf_csv_fields(const pcf_csv *csv, size_t r);
/* Field c of row r, trimmed and unquoted, NUL-terminated; "" when the row has fewer fields.
 * Borrowed: valid until pcf_csv_free(). */
const char *pcf_csv_field(const pcf_csv *csv, size_t r, size_t c);
/* 1-based line where row r starts in the file. */
long pcf_csv_line(const pcf_csv *csv, size_t r);
/* The separator used: ',', ';' or '\t'. */
char pcf_csv_separator(const pcf_csv *csv);
/* The name given at reading (path), borrowed. */
const char *pcf_csv_name(const pcf_csv *csv);

/* Checks that no record has a value beyond the header's columns (empty trailing fields, as
 * spreadsheets write them, are fine). Such a value means a separator inside a value: a name with
 * a comma left unquoted, or a decimal comma in a comma-separated file ("0,6" read as 0 and a 6
 * that shifts every later column). The error names the line, says how many columns the header has
 * and, when a field of a numeric column and the next one are both whole numbers, which value looks
 * like a decimal comma. numeric flags the header's numeric columns (pcf_csv_fields(csv, 0)
 * entries, non-zero for numeric), NULL for any. Returns 0 or PCF_ERR_PARSE. */
int pcf_csv_check_widths(const pcf_csv *csv, const unsigned char *numeric, pcf_error *err);

/* Writes the key of a column name into out (size bytes, truncated): its ASCII letters
 * lower-cased and its digits, everything else dropped, so that "Part No.", "part_no" and
 * "PART NO" all give "partno". For matching headers leniently. */
void pcf_csv_key(const char *name, char *out, size_t size);

/* Parses text as one number, strictly: optional white space around, an optional sign, digits
 * with at most one decimal mark, an optional exponent (1e-3); nothing else (no thousands
 * separators, hex, "nan", "inf" or units). The decimal mark is '.', and ',' too when
 * decimal_comma is non-zero: pass pcf_csv_separator(csv) != ',' (a European export separated by
 * `;` writes 1,5; in a comma-separated file "1,5" is ambiguous, so it is refused). A number
 * holding both '.' and ',' is refused as ambiguous (thousands separator?). The value must be
 * finite with magnitude at most 1e15 and not underflow. On success stores it in *out and returns
 * 0; otherwise returns PCF_ERR_PARSE and, if why is not NULL, points *why to a static one-line
 * reason ("not a number", "decimal comma in a comma-separated file", ...). */
int pcf_parse_number(const char *text, int decimal_comma, double *out, const char **why);

#endif
