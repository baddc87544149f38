#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mem.h"

bool file_read_all(const char *path, size_t max_bytes, struct buf *out, struct buf *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		buf_printf(err, "cannot read %s: %s", path, strerror(errno));
		return false;
	}
	char chunk[65536];
	size_t n;
	bool ok = true;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > max_bytes) {
			buf_printf(err, "%s is larger than the %zu MB this command accepts", path,
				   max_bytes / (1024 * 1024));
			ok = false;
			break;
		}
		buf_append(out, chunk, n);
	}
	if (ok && ferror(f)) {
		buf_printf(err, "cannot read %s: %s", path, strerror(errno));
		ok = false;
	}
	if (!out->data)
		buf_append(out, "", 0);
	if (!is_stdin)
		fclose(f);
	return ok;
}

bool file_write_atomic(const char *path, const void *data, size_t len, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	char *tmp_path = buf_detach(&tmp);
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		free(tmp_path);
		return false;
	}
	const char *p = data;
	size_t left = len;
	bool ok = true;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ok = false;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	if (ok && fsync(fd) != 0)
		ok = false;
	if (ok && fchmod(fd, 0600) != 0)
		ok = false;
	if (close(fd) != 0)
		ok = false;
	if (ok && rename(tmp_path, path) != 0)
		ok = false;
	if (!ok) {
		buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp_path);
	}
	free(tmp_path);
	return ok && file_sync_dir(path, err);
}

bool file_sync_dir(const char *path, struct buf *err)
{
	char *copy = xstrdup(path);
	const char *dir = dirname(copy);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;
	if (!ok)
		buf_printf(err, "cannot flush the directory %s to disk: %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(copy);
	return ok;
}

/* Writes all of len bytes, retrying short writes and interruptions. */
static bool write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		len -= (size_t)w;
	}
	return true;
}

bool file_copy_beside(const char *src, const char *path, char **tmp_path, long long *bytes,
		      struct buf *err)
{
	*tmp_path = NULL;
	*bytes = 0;
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		buf_printf(err, "cannot read %s: %s", src, strerror(errno));
		return false;
	}
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	char *name = buf_detach(&tmp);
	int out = mkstemp(name);
	if (out < 0) {
		buf_printf(err, "cannot write beside %s: %s", path, strerror(errno));
		close(in);
		free(name);
		return false;
	}
	char chunk[65536];
	ssize_t n;
	bool ok = true;
	while (ok && (n = read(in, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0 && write_all(out, chunk, (size_t)n);
		if (ok)
			*bytes += n;
	}
	if (ok && fsync(out) != 0)
		ok = false;
	if (!ok)
		buf_printf(err, "cannot copy %s beside %s: %s", src, path, strerror(errno));
	if (close(out) != 0 && ok) {
		buf_printf(err, "cannot copy %s beside %s: %s", src, path, strerror(errno));
		ok = false;
	}
	close(in);
	if (!ok) {
		unlink(name);
		free(name);
		return false;
	}
	*tmp_path = name;
	return true;
}

bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

void file_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(out, 65, hash, sizeof hash);
}

bool atomic_file_open(struct atomic_file *af, const char *path, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	*af = (struct atomic_file){ NULL, xstrdup(path), buf_detach(&tmp) };
	int fd = mkstemp(af->tmp_path);
	if (fd >= 0)
		af->f = fdopen(fd, "w");
	if (!af->f) {
		buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		atomic_file_abort(af);
		return false;
	}
	return true;
}

bool atomic_file_commit(struct atomic_file *af, struct buf *err)
{
	bool ok = fflush(af->f) == 0 && !ferror(af->f) && fsync(fileno(af->f)) == 0;
	if (fclose(af->f) != 0)
		ok = false;
	af->f = NULL;
	if (ok && rename(af->tmp_path, af->path) != 0)
		ok = false;
	if (!ok) {
		buf_printf(err, "cannot write %s: %s", af->path, strerror(errno));
		unlink(af->tmp_path);
	}
	/* The rename itself reaches the disk only with its directory. */
	if (ok)
		ok = file_sync_dir(af->path, err);
	free(af->path);
	free(af->tmp_path);
	af->path = af->tmp_path = NULL;
	return ok;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->tmp_path)
		unlink(af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	*af = (struct atomic_file){ NULL, NULL, NULL };
}
