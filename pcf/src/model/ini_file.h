/* ini_file.h: the INI files users write (product files, profiles, uncertainty inputs), read with
 * libinih under rules that leave no line to chance.
 *
 * Private to pcf. libinih alone reads /dev/zero forever, cuts a line longer than its buffer in two
 * (the rest becoming a key of its own), cuts a section name at 49 bytes, ends a value at a NUL
 * byte, reads an indented line as the continuation of the value above, and hands a key given
 * twice to the handler twice (the last one winning). Here:
 *  - the file is read by input_file.h's rule: a regular file of at most max_bytes bytes;
 *  - it is UTF-8 text without NUL bytes (a UTF-8 byte-order mark is skipped);
 *  - comment lines (starting with ';' or '#') and comments after white space (" ; ...") are
 *    dropped; so is white space at both ends of a line, so an indented line is a line of its own;
 *  - every other line is "[section]" or "key = value" ("key: value" too, as in Python's
 *    configparser); anything else is an error naming the line, as is a line longer than
 *    PCF_INI_MAX_LINE bytes, a section name longer than PCF_INI_MAX_SECTION bytes, and a ':'
 *    before the '=' of a line (libinih would end the key at the ':');
 *  - a key given twice in one section (case-insensitively) is an error naming both lines.
 * The handler gets each key with its 1-based line, in file order.
 */
#ifndef PCF_INI_FILE_H
#define PCF_INI_FILE_H

#include <stddef.h>

#include "pcf/error.h"

/* libinih's line buffer holds INI_MAX_LINE (200) bytes with the line break and NUL, and its
 * section buffer 50 with the NUL. */
#define PCF_INI_MAX_LINE 197
#define PCF_INI_MAX_SECTION 49

/* One key of the file: return 1 to go on, 0 to stop (the handler has recorded why). section is
 * "" for keys before the first section header. */
typedef int (*pcf_ini_handler)(void *user, const char *section, const char *key, const char *value, long line);

/* Reads the INI file at path; what names it in messages ("product file"). When bytes is not NULL
 * it receives the file's size. Returns 0 when every key was handled, 1 when the handler stopped,
 * or a negative pcf_status with err naming the file (and line): PCF_ERR_IO (cannot read, not a
 * regular file, over max_bytes), PCF_ERR_PARSE (not UTF-8, a NUL byte, a malformed or too long
 * line), PCF_ERR_INPUT (a key given twice), PCF_ERR_NOMEM. */
int pcf_ini_read(const char *path, const char *what, size_t max_bytes, pcf_ini_handler handler, void *user,
                 size_t *bytes, pcf_error *err);

#endif
