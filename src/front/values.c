/* values.c: the loader's readers of the source's values that are not
 * inline content: whitespace-separated lists, dates, the distribution
 * codes. Pure functions of a string (memory from an arena); load.c calls
 * them, they call nothing of it. */
#include "front_int.h"

#include <string.h>

const char **
vl_split_list(arena *a, const char *s, size_t *n)
{
	size_t k = 0;
	const char **out;
	*n = 0;
	if (!s)
		return NULL;
	for (const char *p = s; *p;) {
		while (*p && utf8_is_space((unsigned char)*p))
			p++;
		if (!*p)
			break;
		k++;
		while (*p && !utf8_is_space((unsigned char)*p))
			p++;
	}
	out = arena_array(a, k ? k : 1, sizeof *out);
	for (const char *p = s; *p;) {
		while (*p && utf8_is_space((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*p && !utf8_is_space((unsigned char)*p))
			p++;
		out[(*n)++] = arena_strndup(a, q, (size_t)(p - q));
	}
	return out;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

vl_date
vl_parse_date(const char *s, vl_pos pos)
{
	vl_date d = { 0, 0, 0, pos };
	int y, m, dd;
	size_t l = s ? strlen(s) : 0;
	if (l == 7 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m)) {
		d.year = y;
		d.month = m;
	} else if (l == 10 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m) &&
	    s[7] == '-' && digits(s + 8, 2, &dd)) {
		d.year = y;
		d.month = m;
		d.day = dd;
	}
	return d;
}

void
vl_distribution_split(arena *a, const char *v, vl_meta *m)
{
	size_t k = 1;
	for (const char *p = v; p && *p; p++)
		k += *p == ',';
	m->distribution_codes = arena_array(a, k, sizeof *m->distribution_codes);
	m->ndistribution = 0;
	m->distribution = v;
	if (!v)
		return;
	size_t len = 0;
	for (const char *p = v; *p;) {
		while (*p == ',' || utf8_is_space((unsigned char)*p))
			p++;
		const char *q = p;
		while (*p && *p != ',' && !utf8_is_space((unsigned char)*p))
			p++;
		if (p > q) {
			m->distribution_codes[m->ndistribution++] = arena_strndup(a, q,
			    (size_t)(p - q));
			len += (size_t)(p - q) + 2;
		}
	}
	if (m->ndistribution < 2)
		return; /* one code: printed as written */
	char *out = arena_alloc(a, len + 1), *o = out;
	for (size_t i = 0; i < m->ndistribution; i++) {
		size_t n = strlen(m->distribution_codes[i]);
		if (i) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, m->distribution_codes[i], n);
		o += n;
	}
	*o = 0;
	m->distribution = out;
}
