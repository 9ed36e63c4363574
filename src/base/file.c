/* file.c: reading a whole file and writing one atomically, bounded, with one
 * set of messages. */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static void
too_large(diag *d, const char *path, const char *what, unsigned long long size, size_t max,
    int exact)
{
	if (what)
		MSG(FILE_TOO_LARGE, d, path, 0, 0, what, size, max);
	else if (exact)
		MSG(TOO_LARGE, d, path, 0, 0, size, max);
	else
		MSG(TOO_LARGE_STREAM, d, path, 0, 0, max);
}

/* Opens path for reading without blocking on a FIFO or a device, and makes
 * sure it is a regular file; -1 after a message, or silently when d is
 * NULL. */
static int
open_regular(const char *path, struct stat *st, diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, st) != 0) {
		if (d)
			MSG(CANNOT_OPEN, d, path, 0, 0, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		if (d && S_ISDIR(st->st_mode))
			MSG(IS_DIRECTORY, d, path, 0, 0);
		else if (d)
			MSG(NOT_REGULAR, d, path, 0, 0);
		close(fd);
		return -1;
	}
	/* a regular file never blocks; reads go on as usual */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
file_probe(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return errno ? errno : EIO;
	struct stat st;
	int rc = fstat(fd, &st) != 0 ? (errno ? errno : EIO) : S_ISREG(st.st_mode) ? 0 : FILE_NOT_REGULAR;
	close(fd);
	return rc;
}

bool
file_check(const char *path, diag *d)
{
	struct stat st;
	int fd = open_regular(path, &st, d);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* read() that retries on EINTR; 0 at the end, -1 on error. */
static ssize_t
read_some(int fd, void *buf, size_t n)
{
	ssize_t r;
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

int
file_open(const char *path, file_id *id, diag *d)
{
	struct stat st;
	int fd = open_regular(path, &st, d);
	if (fd >= 0 && id)
		*id = (file_id){ (uint64_t)st.st_dev, (uint64_t)st.st_ino };
	return fd;
}

char *
file_read_fd(int fd, const char *path, const char *what, size_t max, size_t *len, diag *d)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		MSG(CANNOT_READ, d, path, 0, 0, strerror(errno));
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		too_large(d, path, what, (unsigned long long)st.st_size, max, 1);
		close(fd);
		return NULL;
	}
	/* the file may still grow while we read: read to its end, bounded */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = xgrow(buf, &cap, n + 1, 1);
		ssize_t r = read_some(fd, buf + n, cap - n);
		if (r < 0) {
			MSG(CANNOT_READ, d, path, 0, 0, strerror(errno));
			close(fd);
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			too_large(d, path, what, n, max, 0);
			close(fd);
			free(buf);
			return NULL;
		}
	}
	close(fd);
	if (n == cap)
		buf = xgrow(buf, &cap, n + 1, 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *
file_read(const char *path, const char *what, size_t max, size_t *len, diag *d)
{
	int fd = file_open(path, NULL, d);
	return fd < 0 ? NULL : file_read_fd(fd, path, what, max, len, d);
}

size_t
file_head(const char *path, void *buf, size_t n)
{
	struct stat st;
	int fd = open_regular(path, &st, NULL);
	if (fd < 0)
		return 0;
	size_t got = 0;
	ssize_t r;
	while (got < n && (r = read_some(fd, (char *)buf + got, n - got)) > 0)
		got += (size_t)r;
	close(fd);
	return got;
}


/* ---- atomic writing ---------------------------------------------------- */

/* The temporary file being written, for the signal handler: it may only
 * read these (async-signal-safe). */
static char pending_tmp[PATH_MAX];
static volatile sig_atomic_t pending;

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
enum { NSIGNALS = sizeof cleanup_signals / sizeof cleanup_signals[0] };

static void
on_signal(int sig)
{
	if (pending)
		(void)unlink(pending_tmp);
	pending = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Blocks (or unblocks) the cleanup signals around changes of the pending
 * state. */
static void
block_signals(bool block, sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < NSIGNALS; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(block ? SIG_BLOCK : SIG_SETMASK, block ? &set : old, block ? old : NULL);
}

static bool
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Why path may not be written, or NULL. */
static const char *
refuse_target(const char *path, const char *const *inputs, size_t ninputs)
{
	struct stat o, in;
	if (stat(path, &o) != 0)
		return NULL; /* missing (stat's other failures show at mkstemp or rename) */
	if (!S_ISREG(o.st_mode))
		return S_ISDIR(o.st_mode) ? "is a directory" : "not a regular file";
	for (size_t k = 0; k < ninputs; k++)
		if (inputs[k] && stat(inputs[k], &in) == 0 && in.st_dev == o.st_dev && in.st_ino == o.st_ino)
			return "it is an input of this run";
	return NULL;
}

/* Writes into the open temporary file; 0 or the errno, with the step. */
static int
fill(int fd, const void *data, size_t len, const char **step)
{
	mode_t um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		*step = "chmod";
		return errno;
	}
	*step = "write";
	if (!write_all(fd, data, len))
		return errno;
	*step = "fsync";
	if (fsync(fd) != 0)
		return errno;
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len,
    const char *const *inputs, size_t ninputs, diag *d)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dirlen = slash ? (int)(slash - path) : 0;
	if (!*base) {
		MSG(CANNOT_WRITE, d, path, 0, 0, "not a file name");
		return VL_EXIT_TROUBLE;
	}
	const char *why = refuse_target(path, inputs, ninputs);
	if (why) {
		MSG(CANNOT_WRITE, d, path, 0, 0, why);
		return VL_EXIT_TROUBLE;
	}
	/* ".NAME.XXXXXX" in the same directory, the name cut so that it stays
	 * within NAME_MAX */
	int baselen = (int)strlen(base);
	if (baselen > NAME_MAX - 8)
		baselen = NAME_MAX - 8;
	const char *dir = slash ? (dirlen ? path : "/") : ".";
	int dlen = slash ? (dirlen ? dirlen : 1) : 1;
	sigset_t old;
	block_signals(true, &old);
	if (snprintf(pending_tmp, sizeof pending_tmp, "%.*s%s.%.*s.XXXXXX", dirlen, path,
	    slash ? "/" : "", baselen, base) >= (int)sizeof pending_tmp) {
		block_signals(false, &old);
		MSG(CANNOT_WRITE, d, path, 0, 0, "path too long");
		return VL_EXIT_TROUBLE;
	}
	int fd = mkstemp(pending_tmp);
	if (fd < 0) {
		int e = errno;
		block_signals(false, &old);
		MSG(CANNOT_CREATE_TEMP, d, path, 0, 0, dlen, dir, strerror(e));
		return VL_EXIT_TROUBLE;
	}
	struct sigaction sa, prev[NSIGNALS];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < NSIGNALS; i++) {
		sigaction(cleanup_signals[i], NULL, &prev[i]);
		if (prev[i].sa_handler != SIG_IGN) /* (nohup stays nohup) */
			sigaction(cleanup_signals[i], &sa, NULL);
	}
	pending = 1;
	block_signals(false, &old);

	const char *step;
	int err = fill(fd, data, len, &step);
	if (close(fd) != 0 && !err) {
		err = errno;
		step = "close";
	}
	if (!err && rename(pending_tmp, path) != 0) {
		err = errno;
		step = "rename";
	}
	if (err)
		unlink(pending_tmp);

	block_signals(true, &old);
	pending = 0;
	for (int i = 0; i < NSIGNALS; i++)
		sigaction(cleanup_signals[i], &prev[i], NULL);
	block_signals(false, &old);

	if (err) {
		MSG(CANNOT_WRITE_STEP, d, path, 0, 0, step, strerror(err));
		return VL_EXIT_TROUBLE;
	}
	char dbuf[PATH_MAX];
	snprintf(dbuf, sizeof dbuf, "%.*s", dlen, dir);
	int dfd = open(dbuf, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		(void)fsync(dfd); /* best effort: the rename is durable */
		close(dfd);
	}
	return VL_EXIT_OK;
}
