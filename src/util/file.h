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
 * flushed to disk, then renamed over path, and the directory flushed too.
 * The file is readable by its owner only (0600): what Waymark writes is
 * often pupil data. */
bool file_write_atomic(const char *path, const void *data, size_t len, struct buf *err);

bool file_exists(const char *path);

/* Flushes the directory holding path to disk, so that a file created,
 * renamed or removed there stays so after a power cut. false with a
 * message in err. */
bool file_sync_dir(const char *path, struct buf *err);

/* Copies the file src to a new temporary file beside path (named
 * path.tmp-XXXXXX, readable by its owner only) and flushes it to disk,
 * without renaming it: *tmp_path (the caller frees it and removes or
 * renames the file) names it and *bytes says how much was copied. false
 * (nothing left behind) with a message in err. */
bool file_copy_beside(const char *src, const char *path, char **tmp_path, long long *bytes,
		      struct buf *err);

/* A file written through a temporary name and renamed into place on
 * commit, for outputs too large to build in memory first. */
struct atomic_file {
	FILE *f;       /* write here */
	char *path;
	char *tmp_path;
};

/* Opens path's temporary twin for writing. false with a message in err. */
bool atomic_file_open(struct atomic_file *af, const char *path, struct buf *err);
/* Flushes, syncs and renames over path, then syncs the directory. false
 * (and the temporary removed) with a message in err on any write error. */
bool atomic_file_commit(struct atomic_file *af, struct buf *err);
/* Gives up: removes the temporary file. */
void atomic_file_abort(struct atomic_file *af);

/* SHA-256 of data as 64 lowercase hex digits (out needs 65 bytes). */
void file_sha256_hex(const void *data, size_t len, char out[65]);

#endif
