/* input_file.h: the one rule by which pcf opens the files a user hands it (product files, BOMs,
 * material and service maps, profiles, uncertainty inputs, catalogues, provider maps).
 *
 * Private to pcf. An input is read whole into memory, and only if it is a regular file (or a
 * link to one) of at most the caller's size limit:
 *  - a folder, a device (/dev/zero and /dev/urandom never end), a FIFO or a socket is refused
 *    with a message naming the file and what it is; the file is opened with O_NONBLOCK, so
 *    opening a FIFO cannot hang the run either;
 *  - the size is checked before reading (fstat) and again while reading, so a file that grows
 *    meanwhile cannot push past the limit;
 *  - errors name the file and say what the caller reads it as ("product file", "BOM").
 */
#ifndef PCF_INPUT_FILE_H
#define PCF_INPUT_FILE_H

#include <stddef.h>

#include "pcf/error.h"

/* INI files (product files, profiles, uncertainty inputs) are written by hand: 1 MiB is some
 * ten thousand lines, far beyond any real one. */
#define PCF_INI_MAX_FILE ((size_t)1 << 20)

/* Reads the regular file at path, of at most max_bytes bytes, into a new buffer (*data, freed by
 * the caller) NUL-terminated after its *size bytes. what names the file in messages ("product
 * file"). Returns 0, PCF_ERR_IO (cannot open or read; not a regular file; over the limit) or
 * PCF_ERR_NOMEM, with err naming path; *data is NULL on error. */
int pcf_input_read(const char *path, const char *what, size_t max_bytes, char **data, size_t *size, pcf_error *err);

/* 1 when path is a folder (following links), 0 otherwise (missing, a file, a device). */
int pcf_input_is_folder(const char *path);

/* Checks that size bytes at data are UTF-8 text without NUL bytes (a byte-order mark included).
 * name and the line counted from the start go in the message; save_as says how to fix it ("CSV
 * UTF-8"). Returns 0 or PCF_ERR_PARSE. */
int pcf_input_check_text(const char *name, const char *data, size_t size, const char *save_as, pcf_error *err);

#endif
