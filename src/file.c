/* file.c: reading a whole file, bounded, with one set of messages. */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
size_text(char *buf, size_t n, size_t bytes)
{
	const size_t mib = (size_t)1 << 20;
	if (bytes >= mib && bytes % mib == 0)
		snprintf(buf, n, "%zu MiB", bytes >> 20);
	else
		snprintf(buf, n, "%zu bytes", bytes);
}

char *
file_read(const char *path, const char *what, size_t max, size_t *len, diag *d)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		diag_at(d, DIAG_SYSERR, path, 0, 0, "cannot open %s: %s", what, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_at(d, DIAG_SYSERR, path, 0, 0, "cannot read %s: not a regular file", what);
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		char lim[32];
		size_text(lim, sizeof lim, max);
		diag_at(d, DIAG_SYSERR, path, 0, 0, "%s larger than %s", what, lim);
		close(fd);
		return NULL;
	}
	size_t n = (size_t)st.st_size, got = 0;
	char *buf = xmalloc(n + 1);
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_at(d, DIAG_SYSERR, path, 0, 0, "cannot read %s: %s", what,
			    r < 0 ? strerror(errno) : "file shrank while reading");
			close(fd);
			free(buf);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}
