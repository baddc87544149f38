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
	return ok;
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
