/* Reading whole files and replacing files safely. */
#ifndef WAYMARK_FILE_H
#define WAYMARK_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Reads all of path ("-" is standard input) into out, refusing files larger
 * than max_bytes. On failure returns false with a message in err. */
bool file_read_all(const char *path, size_t max_bytes, struct buf *out, struct buf *err);

/* Writes data to path so that a reader sees either the old file or the
 * whole new one, never half of it: a temporary file in the same directory,
 * flushed to disk, then renamed over path. The file is readable by its
 * owner only (0600): what Waymark writes is often pupil data. */
bool file_write_atomic(const char *path, const void *data, size_t len, struct buf *err);

bool file_exists(const char *path);

/* SHA-256 of data as 64 lowercase hex digits (out needs 65 bytes). */
void file_sha256_hex(const void *data, size_t len, char out[65]);

#endif
