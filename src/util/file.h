/* Reading whole files and replacing files safely. */
#ifndef WAYMARK_FILE_H
#define WAYMARK_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* A file written through a temporary name and renamed into place on
 * commit, for outputs too large to build in memory first. */
struct atomic_file {
	FILE *f;       /* write here */
	char *path;
	char *tmp_path;
};

/* Opens path's temporary twin for writing. false with a message in err. */
bool atomic_file_open(struct atomic_file *af, const char *path, struct buf *err);
/* Flushes, syncs and renames over path. false (and the temporary removed)
 * with a message in err on any write error. */
bool atomic_file_commit(struct atomic_file *af, struct buf *err);
/* Gives up: removes the temporary file. */
void atomic_file_abort(struct atomic_file *af);

/* SHA-256 of data as 64 lowercase hex digits (out needs 65 bytes). */
void file_sha256_hex(const void *data, size_t len, char out[65]);

#endif
