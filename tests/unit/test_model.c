/* test_model.c: the model's helpers (the loader and checks are tested by
 * tests/t_check.sh). */
#include "front/front.h"
#include "unit.h"
#include "front/front_int.h"

#include <limits.h>

static void
test_date_format(void)
{
	arena *a = arena_new();
	EXPECT_STR(vl_date_format(a, (vl_date){ 2004, 3, 4, { 0, 0 } }, false), "4. März 2004");
	EXPECT_STR(vl_date_format(a, (vl_date){ 2023, 11, 2, { 0, 0 } }, true), "02. November 2023");
	EXPECT_STR(vl_date_format(a, (vl_date){ 2023, 11, 12, { 0, 0 } }, true), "12. November 2023");
	EXPECT_STR(vl_date_format(a, (vl_date){ 2021, 2, 0, { 0, 0 } }, false), "Februar 2021");
	EXPECT_STR(vl_date_format(a, (vl_date){ 2021, 0, 0, { 0, 0 } }, false), "2021");
	arena_free(a);
}

static void
test_partner_kinds(void)
{
	EXPECT_STR(vl_partner_kind_names[VL_PK_STAAT], "staat");
	EXPECT_STR(vl_partner_kind_names[VL_PK_UNION], "union");
	for (int i = 0; i < VL_PK_COUNT; i++)
		EXPECT(vl_partner_kind_names[i] != NULL);
}

static void
test_partner_find(void)
{
	vl_partner ps[2] = { { .id = "japan" }, { .id = "ghana" } };
	vl_doc doc = { .partners = ps, .npartners = 2 };
	EXPECT(vl_partner_find(&doc, "ghana") == 1);
	EXPECT(vl_partner_find(&doc, "japan") == 0);
	EXPECT(vl_partner_find(&doc, "chile") == -1);
	EXPECT(vl_partner_find(&doc, NULL) == -1);
}

/* the checked number reader of the loader: no wrap-around, no sign, no
 * other character, the bound inclusive */
static void
test_uint(void)
{
	unsigned v = 7;
	EXPECT(xs_uint("18", NULL, 99, &v) && v == 18);
	EXPECT(xs_uint("99", NULL, 99, &v) && v == 99);
	EXPECT(!xs_uint("100", NULL, 99, &v) && v == 99);
	EXPECT(!xs_uint("4294967314", NULL, UINT_MAX, &v));
	EXPECT(xs_uint("4294967295", NULL, UINT_MAX, &v) && v == UINT_MAX);
	EXPECT(!xs_uint("4294967296", NULL, UINT_MAX, &v));
	EXPECT(!xs_uint("", NULL, 99, &v) && !xs_uint(NULL, NULL, 99, &v));
	EXPECT(!xs_uint("-1", NULL, 99, &v) && !xs_uint("+1", NULL, 99, &v) && !xs_uint("1a", NULL, 99, &v));
	EXPECT(!xs_uint("5", NULL, 3, &v));
	const char *n = "18/1828";
	EXPECT(xs_uint(n, n + 2, 99, &v) && v == 18);
	EXPECT(xs_uint(n + 3, NULL, 9999, &v) && v == 1828);
}

int
main(void)
{
	RUN(test_date_format);
	RUN(test_partner_kinds);
	RUN(test_partner_find);
	RUN(test_uint);
	UNIT_EXIT();
}
