/* unit.h: a minimal harness for the C unit tests. Each TEST prints
 * "ok NAME" or "FAIL NAME: why"; tests/run.sh counts them. */
#ifndef VORLAGE_UNIT_H
#define VORLAGE_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_now;
static int unit_nfailed;

#define EXPECT(cond) do { if (!(cond)) { \
	printf("  %s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
	unit_failed_now = 1; } } while (0)
#define EXPECTF(cond, ...) do { if (!(cond)) { \
	printf("  %s:%d: expected %s: ", __FILE__, __LINE__, #cond); \
	printf(__VA_ARGS__); putchar('\n'); unit_failed_now = 1; } } while (0)
#define EXPECT_STR(a, b) do { const char *ua_ = (a), *ub_ = (b); \
	if (!ua_ || !ub_ || strcmp(ua_, ub_) != 0) { \
	printf("  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, ua_ ? ua_ : "(null)", ub_ ? ub_ : "(null)"); \
	unit_failed_now = 1; } } while (0)

#define RUN(fn) do { unit_failed_now = 0; fn(); \
	if (unit_failed_now) { unit_nfailed++; printf("FAIL %s\n", #fn); } \
	else { printf("ok %s\n", #fn); } \
	fflush(stdout); } while (0)

#define UNIT_EXIT() return unit_nfailed ? 1 : 0

#endif
