/* pdf_struct.c: the tagged PDF: the structure tree of ISO 32000-1 14.7 from
 * the engine's nodes (ts_layout.nodes), built through libharu's object layer
 * (libharu 2.3.0 has no API for it), and what PDF/UA-1 asks of the catalog
 * and the pages.
 *
 * While the pages are drawn (pdf_page.c) every tagged marked-content
 * sequence asks pdf_struct_mcid for its MCID: that records, in drawing
 * order, the marked-content reference in the node's kids and, the first
 * time a node gets content, the node in its parent's kids (and so on up to
 * the document): nodes without content are left out of the file. After the
 * last page pdf_struct_finish makes the objects: a /StructElem per node
 * with /S, /P, /Pg (the page of its first content), /Lang, /Alt, and /K;
 * the /ParentTree (page i has /StructParents i: an array of the element of
 * each MCID); /MarkInfo, /ViewerPreferences /DisplayDocTitle; /Tabs /S on
 * every page.
 *
 * Reading order: the content of an element in drawing order; the child
 * elements of an element that holds no content of its own (Document, Sect,
 * Div) in the order the nodes were made, which is the order of the source
 * (compose.c): the signature image, drawn before the text of its page, is
 * still read after the closing. */
#include "pdf_int.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

/* A kid of a node: a child node (node >= 0) or marked content (page, mcid). */
typedef struct st_kid {
	int node;
	size_t page;
	int mcid;
	HPDF_Dict annot;    /* an annotation (node -1): an /OBJR */
	size_t key;         /* the annotation's: its index in annot_owner */
} st_kid;

typedef struct st_node {
	bool live;          /* has content, itself or below */
	bool has_mcr;
	size_t page;        /* of its first content */
	st_kid *kids;
	size_t nkids, cap;
	HPDF_Dict dict;
	HPDF_Dict group;    /* the grouping element holding it (fill_kids), or NULL */
	/* an L of more items than an array holds is written as several L
	 * elements in a row: dict and these, each with the element holding it */
	HPDF_Dict *parts, *part_parent;
	size_t nparts;
} st_node;

typedef struct st_page {
	int *owner;         /* MCID -> node */
	size_t n, cap;
	HPDF_Dict *holder;  /* MCID -> the grouping element holding it, or NULL (fill_kids) */
} st_page;

struct pdf_struct {
	st_node *nodes;
	size_t nnodes;
	st_page *pages;
	size_t npages;
	int *annot_owner;   /* the node of each annotation, /StructParent npages + i */
	size_t nannots, capannots;
	HPDF_Dict *annot_holder; /* annotation -> the grouping element holding it, or NULL */
};

static const char *const role_names[TS_NROLES] = {
	[TS_ROLE_DOCUMENT] = "Document", [TS_ROLE_SECT] = "Sect", [TS_ROLE_DIV] = "Div",
	[TS_ROLE_P] = "P", [TS_ROLE_H1] = "H1", [TS_ROLE_H2] = "H2", [TS_ROLE_H3] = "H3",
	[TS_ROLE_H4] = "H4", [TS_ROLE_H5] = "H5", [TS_ROLE_H6] = "H6", [TS_ROLE_SPAN] = "Span",
	[TS_ROLE_FIGURE] = "Figure", [TS_ROLE_L] = "L", [TS_ROLE_LI] = "LI",
	[TS_ROLE_LBL] = "Lbl", [TS_ROLE_LBODY] = "LBody", [TS_ROLE_TABLE] = "Table",
	[TS_ROLE_TR] = "TR", [TS_ROLE_TH] = "TH", [TS_ROLE_TD] = "TD",
	[TS_ROLE_CAPTION] = "Caption", [TS_ROLE_NOTE] = "Note",
	[TS_ROLE_REFERENCE] = "Reference", [TS_ROLE_LINK] = "Link",
};

const char pdf_ua_claim[] =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
    "   <pdfuaid:part>1</pdfuaid:part>\n"
    "  </rdf:Description>\n";

/* The node an item's tag names (an unknown one: the document). */
static int
node_of(const pdf_ctx *c, int tag)
{
	return tag >= 0 && (size_t)tag < c->doc->nnodes ? tag : 0;
}

const char *
pdf_struct_role(const pdf_ctx *c, int tag)
{
	enum ts_role r = c->doc->nodes ? c->doc->nodes[node_of(c, tag)].role : TS_ROLE_DOCUMENT;
	return (unsigned)r < TS_NROLES && role_names[r] ? role_names[r] : "Span";
}

void
pdf_struct_open(pdf_ctx *c)
{
	pdf_struct *s = xcalloc(1, sizeof *s);
	s->nnodes = c->doc->nnodes ? c->doc->nnodes : 1;
	s->nodes = xcalloc(s->nnodes, sizeof *s->nodes);
	s->npages = c->doc->npages;
	s->pages = xcalloc(s->npages ? s->npages : 1, sizeof *s->pages);
	c->st = s;
}

void
pdf_struct_close(pdf_ctx *c)
{
	pdf_struct *s = c->st;
	if (!s)
		return;
	for (size_t i = 0; i < s->nnodes; i++) {
		free(s->nodes[i].kids);
		free(s->nodes[i].parts);
		free(s->nodes[i].part_parent);
	}
	for (size_t i = 0; i < s->npages; i++) {
		free(s->pages[i].owner);
		free(s->pages[i].holder);
	}
	free(s->nodes);
	free(s->pages);
	free(s->annot_owner);
	free(s->annot_holder);
	free(s);
	c->st = NULL;
}

static void
add_kid(st_node *n, st_kid k)
{
	n->kids = xgrow(n->kids, &n->cap, n->nkids + 1, sizeof *n->kids);
	n->kids[n->nkids++] = k;
}

/* Marks node n and its ancestors live, each added to its parent's kids
 * the first time. */
static void
make_live(pdf_ctx *c, int n, size_t page)
{
	pdf_struct *s = c->st;
	while (n >= 0 && !s->nodes[n].live) {
		s->nodes[n].live = true;
		s->nodes[n].page = page;
		int parent = c->doc->nnodes ? c->doc->nodes[n].parent : -1;
		if (parent >= 0 && (size_t)parent < s->nnodes && parent < n)
			add_kid(&s->nodes[parent], (st_kid){ .node = n });
		else
			parent = -1; /* a malformed parent: the node hangs off the root */
		n = parent;
	}
}

int
pdf_struct_mcid(pdf_ctx *c, size_t page, int tag)
{
	pdf_struct *s = c->st;
	int n = node_of(c, tag);
	st_page *p = &s->pages[page];
	if (p->n >= PDF_ARRAY_MAX)
		return -1; /* the page's array in the parent tree is full */
	int mcid = (int)p->n;
	p->owner = xgrow(p->owner, &p->cap, p->n + 1, sizeof *p->owner);
	p->owner[p->n++] = n;
	make_live(c, n, page);
	add_kid(&s->nodes[n], (st_kid){ .node = -1, .page = page, .mcid = mcid });
	s->nodes[n].has_mcr = true;
	return mcid;
}

bool
pdf_struct_annot(pdf_ctx *c, size_t page, int tag, void *annot)
{
	pdf_struct *s = c->st;
	if (!s)
		return true;
	int n = node_of(c, tag);
	make_live(c, n, page);
	add_kid(&s->nodes[n], (st_kid){ .node = -1, .page = page, .mcid = -1, .annot = annot,
		.key = s->nannots });
	s->nodes[n].has_mcr = true;
	s->annot_owner = xgrow(s->annot_owner, &s->capannots, s->nannots + 1, sizeof *s->annot_owner);
	s->annot_owner[s->nannots] = n;
	return pdf_ok(c, HPDF_Dict_AddNumber(annot, "StructParent",
	    (HPDF_INT32)(s->npages + s->nannots++)), "annotation /StructParent");
}

static int
cmp_kid_node(const void *a, const void *b)
{
	const st_kid *x = a, *y = b;
	return (x->node > y->node) - (x->node < y->node);
}

/* One kid of node n into k, the /K of holder (n's element or a grouping
 * element under it); a kid held by a grouping element remembers it: its
 * /P, or its ParentTree entry. */
static bool
put_kid(pdf_ctx *c, const st_node *n, HPDF_Dict holder, HPDF_Array k, const st_kid *kid)
{
	pdf_struct *s = c->st;
	HPDF_MMgr mm = c->pdf->mmgr;
	bool grouped = holder != n->dict;
	HPDF_STATUS st;
	if (kid->node >= 0) {
		st_node *kn = &s->nodes[kid->node];
		if (grouped)
			kn->group = holder;
		st = HPDF_Array_Add(k, kn->dict);
		for (size_t q = 0; q < kn->nparts && st == HPDF_OK; q++) {
			kn->part_parent[q] = holder;
			st = HPDF_Array_Add(k, kn->parts[q]);
		}
	} else if (kid->annot) {
		if (grouped) {
			if (!s->annot_holder)
				s->annot_holder = xcalloc(s->nannots ? s->nannots : 1, sizeof(HPDF_Dict));
			s->annot_holder[kid->key] = holder;
		}
		HPDF_Dict objr = HPDF_Dict_New(mm);
		if (!pdf_obj(c, objr, "OBJR") || !pdf_ok(c, HPDF_Array_Add(k, objr), "OBJR"))
			return false;
		st = HPDF_Dict_AddName(objr, "Type", "OBJR");
		if (st == HPDF_OK)
			st = HPDF_Dict_Add(objr, "Obj", kid->annot);
		if (st == HPDF_OK)
			st = HPDF_Dict_Add(objr, "Pg", c->pages[kid->page]);
	} else {
		if (grouped) {
			st_page *p = &s->pages[kid->page];
			if (!p->holder)
				p->holder = xcalloc(p->n ? p->n : 1, sizeof(HPDF_Dict));
			p->holder[kid->mcid] = holder;
		}
		if (kid->page == n->page) {
			st = HPDF_Array_AddNumber(k, kid->mcid);
		} else {
			/* content on another page than the element's /Pg */
			HPDF_Dict mcr = HPDF_Dict_New(mm);
			if (!pdf_obj(c, mcr, "MCR") || !pdf_ok(c, HPDF_Array_Add(k, mcr), "MCR"))
				return false;
			st = HPDF_Dict_AddName(mcr, "Type", "MCR");
			if (st == HPDF_OK)
				st = HPDF_Dict_Add(mcr, "Pg", c->pages[kid->page]);
			if (st == HPDF_OK)
				st = HPDF_Dict_AddNumber(mcr, "MCID", kid->mcid);
		}
	}
	return pdf_ok(c, st, "structure element /K");
}

/* The entries a kid takes in a /K array: an L written as several, one. */
static size_t
kid_weight(const pdf_struct *s, const st_kid *kid)
{
	return kid->node >= 0 ? 1 + s->nodes[kid->node].nparts : 1;
}

/* A new structure element of type role under parent, its /K into *k. */
static HPDF_Dict
new_elem(pdf_ctx *c, const char *role, HPDF_Dict parent, size_t page, HPDF_Array *k)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict g = HPDF_Dict_New(mm);
	*k = HPDF_Array_New(mm);
	if (!pdf_obj(c, g, "StructElem") || !pdf_ok(c, HPDF_Xref_Add(c->pdf->xref, g), "StructElem")
	    || !pdf_ok(c, HPDF_Dict_AddName(g, "Type", "StructElem"), "StructElem")
	    || !pdf_ok(c, HPDF_Dict_AddName(g, "S", role), "StructElem")
	    || !pdf_add(c, g, "P", parent) || !pdf_add(c, g, "Pg", c->pages[page])
	    || !pdf_add(c, g, "K", *k))
		return NULL;
	return g;
}

/* The kids [from, to) of node n into k, the /K of holder. */
static bool
put_kids(pdf_ctx *c, const st_node *n, HPDF_Dict holder, HPDF_Array k, size_t from, size_t to)
{
	for (size_t j = from; j < to; j++)
		if (!put_kid(c, n, holder, k, &n->kids[j]))
			return false;
	return true;
}

/* The /K of node i (n->dict made, and the parts of an L split). An array
 * holds at most PDF_ARRAY_MAX elements (PDF/A-1); more kids are grouped
 * as ISO 32000-1 allows where they are:
 *   - a list's items (L holds an optional Caption and LI only, Table 336):
 *     the L is written as several L elements in a row, each with at most
 *     PDF_ARRAY_MAX items (made with its parts in pdf_struct_finish);
 *   - a table's rows (Table holds TR, or THead? TBody+ TFoot?, and a
 *     Caption first or last, Table 337): TBody elements of at most
 *     PDF_ARRAY_MAX rows each, the captions staying where they are;
 *   - anything else (a section of thousands of agreements, a paragraph of
 *     thousands of lines): NonStruct elements, a grouping element that
 *     does not change what is read (14.8.4.2).
 * PDF_ARRAY_MAX groups hold 67 million kids, more than the input limits
 * allow. */
static bool
fill_kids(pdf_ctx *c, size_t i)
{
	pdf_struct *s = c->st;
	st_node *n = &s->nodes[i];
	HPDF_MMgr mm = c->pdf->mmgr;
	enum ts_role role = c->doc->nnodes ? c->doc->nodes[i].role : TS_ROLE_DOCUMENT;
	if (!n->has_mcr)
		qsort(n->kids, n->nkids, sizeof *n->kids, cmp_kid_node);
	HPDF_Array k = HPDF_Array_New(mm);
	if (!pdf_add(c, n->dict, "K", k))
		return false;
	if (n->nparts) { /* an L: its items in chunks, one L element each */
		for (size_t q = 0, first = 0; first < n->nkids; q++, first += PDF_ARRAY_MAX) {
			size_t last = n->nkids - first > PDF_ARRAY_MAX ? first + PDF_ARRAY_MAX : n->nkids;
			HPDF_Dict part = q ? n->parts[q - 1] : n->dict;
			HPDF_Array pk = k;
			if (q) {
				pk = HPDF_Array_New(mm);
				const st_kid *f = &n->kids[first];
				const ts_node *tn = &c->doc->nodes[i];
				if (!pdf_ok(c, HPDF_Dict_AddName(part, "Type", "StructElem"), "StructElem")
				    || !pdf_ok(c, HPDF_Dict_AddName(part, "S", pdf_struct_role(c, (int)i)), "StructElem")
				    || !pdf_add(c, part, "P", n->part_parent[q - 1])
				    || !pdf_add(c, part, "Pg", c->pages[f->node >= 0 ? s->nodes[f->node].page : f->page])
				    || !pdf_add(c, part, "K", pk)
				    || (tn->lang && !pdf_add(c, part, "Lang", pdf_text_obj(c, pdf_fit_text(c->a, tn->lang)))))
					return false;
			}
			if (!put_kids(c, n, part, pk, first, last))
				return false;
		}
		return true;
	}
	size_t entries = 0;
	for (size_t j = 0; j < n->nkids; j++)
		entries += kid_weight(s, &n->kids[j]);
	if (entries <= PDF_ARRAY_MAX)
		return put_kids(c, n, n->dict, k, 0, n->nkids);
	/* a table's captions before and after its rows stay its own kids */
	size_t from = 0, to = n->nkids;
	bool table = role == TS_ROLE_TABLE;
	while (table && from < to && n->kids[from].node >= 0
	    && c->doc->nodes[n->kids[from].node].role == TS_ROLE_CAPTION)
		from++;
	while (table && to > from && n->kids[to - 1].node >= 0
	    && c->doc->nodes[n->kids[to - 1].node].role == TS_ROLE_CAPTION)
		to--;
	if (!put_kids(c, n, n->dict, k, 0, from))
		return false;
	for (size_t first = from; first < to;) {
		size_t last = first, w = 0;
		while (last < to && w + kid_weight(s, &n->kids[last]) <= PDF_ARRAY_MAX)
			w += kid_weight(s, &n->kids[last++]);
		if (last == first)
			last++; /* cannot happen: a kid weighs a handful */
		HPDF_Array gk;
		HPDF_Dict g = new_elem(c, table ? "TBody" : "NonStruct", n->dict, n->page, &gk);
		if (!g || !pdf_ok(c, HPDF_Array_Add(k, g), "StructElem") || !put_kids(c, n, g, gk, first, last))
			return false;
		first = last;
	}
	return put_kids(c, n, n->dict, k, to, n->nkids);
}

/* Number tree leaves of at most this many pages (or annotations): PDF/A-1
 * allows arrays of 8191 elements. */
#define PT_LEAF 1024u

/* The /Nums array for the keys lo to hi of the parent tree: of a new leaf
 * under kids (with its /Limits), or the tree's own when it has no kids. */
static HPDF_Array
pt_nums(pdf_ctx *c, HPDF_Dict tree, HPDF_Array kids, size_t lo, size_t hi)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict leaf = tree;
	if (kids) {
		leaf = HPDF_Dict_New(mm);
		HPDF_Array lim = HPDF_Array_New(mm);
		if (!pdf_obj(c, leaf, "ParentTree") || !pdf_ok(c, HPDF_Xref_Add(c->pdf->xref, leaf), "ParentTree")
		    || !pdf_ok(c, HPDF_Array_Add(kids, leaf), "ParentTree") || !pdf_add(c, leaf, "Limits", lim)
		    || !pdf_ok(c, HPDF_Array_AddNumber(lim, (HPDF_INT32)lo), "ParentTree")
		    || !pdf_ok(c, HPDF_Array_AddNumber(lim, (HPDF_INT32)hi), "ParentTree"))
			return NULL;
	}
	HPDF_Array nums = pdf_dict_get(leaf, "Nums", HPDF_OCLASS_ARRAY);
	if (!nums) {
		nums = HPDF_Array_New(mm);
		if (!pdf_add(c, leaf, "Nums", nums))
			return NULL;
	}
	return nums;
}

static bool
parent_tree(pdf_ctx *c, HPDF_Dict root)
{
	pdf_struct *s = c->st;
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict tree = HPDF_Dict_New(mm);
	if (!pdf_add(c, root, "ParentTree", tree))
		return false;
	HPDF_Array kids = NULL;
	if (s->npages > PT_LEAF || s->nannots > PT_LEAF) {
		kids = HPDF_Array_New(mm);
		if (!pdf_add(c, tree, "Kids", kids))
			return false;
	}
	for (size_t first = 0; first < s->npages; first += PT_LEAF) {
		size_t last = first + PT_LEAF < s->npages ? first + PT_LEAF : s->npages;
		HPDF_Array nums = pt_nums(c, tree, kids, first, last - 1);
		if (!nums)
			return false;
		for (size_t p = first; p < last; p++) {
			HPDF_Array arr = HPDF_Array_New(mm);
			if (!pdf_ok(c, HPDF_Array_AddNumber(nums, (HPDF_INT32)p), "ParentTree")
			    || !pdf_obj(c, arr, "ParentTree") || !pdf_ok(c, HPDF_Array_Add(nums, arr), "ParentTree"))
				return false;
			const st_page *pg = &s->pages[p];
			for (size_t m = 0; m < pg->n; m++)
				if (!pdf_ok(c, HPDF_Array_Add(arr, pg->holder && pg->holder[m] ? pg->holder[m]
				    : s->nodes[pg->owner[m]].dict), "ParentTree"))
					return false;
		}
	}
	/* the annotations' entries, in leaves of their own under Kids */
	for (size_t first = 0; first < s->nannots; first += PT_LEAF) {
		size_t last = first + PT_LEAF < s->nannots ? first + PT_LEAF : s->nannots;
		HPDF_Array nums = pt_nums(c, tree, kids, s->npages + first, s->npages + last - 1);
		if (!nums)
			return false;
		for (size_t i = first; i < last; i++) {
			HPDF_Dict holder = s->annot_holder && s->annot_holder[i] ? s->annot_holder[i]
			    : s->nodes[s->annot_owner[i]].dict;
			if (!pdf_ok(c, HPDF_Array_AddNumber(nums, (HPDF_INT32)(s->npages + i)), "ParentTree")
			    || !pdf_ok(c, HPDF_Array_Add(nums, holder), "ParentTree"))
				return false;
		}
	}
	return pdf_ok(c, HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
	    (HPDF_INT32)(s->npages + s->nannots)), "ParentTreeNextKey");
}

bool
pdf_struct_finish(pdf_ctx *c)
{
	pdf_struct *s = c->st;
	HPDF_Doc pdf = c->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	make_live(c, 0, 0); /* the document element, also of a document without content */
	HPDF_Dict root = HPDF_Dict_New(mm);
	if (!pdf_obj(c, root, "StructTreeRoot") || !pdf_ok(c, HPDF_Xref_Add(pdf->xref, root), "StructTreeRoot")
	    || !pdf_ok(c, HPDF_Dict_AddName(root, "Type", "StructTreeRoot"), "StructTreeRoot"))
		return false;
	for (size_t i = 0; i < s->nnodes; i++) {
		st_node *n = &s->nodes[i];
		if (!n->live)
			continue;
		n->dict = HPDF_Dict_New(mm);
		if (!pdf_obj(c, n->dict, "StructElem")
		    || !pdf_ok(c, HPDF_Xref_Add(pdf->xref, n->dict), "StructElem"))
			return false;
		/* a list of more items than an array holds: the L elements after
		 * the first (fill_kids), beside it in its parent's kids (one hung
		 * off the root, a malformed node, groups them in NonStruct) */
		int parent = c->doc->nnodes ? c->doc->nodes[i].parent : -1;
		if (c->doc->nnodes && c->doc->nodes[i].role == TS_ROLE_L && n->nkids > PDF_ARRAY_MAX
		    && parent >= 0 && (size_t)parent < i && s->nodes[parent].live) {
			n->nparts = (n->nkids - 1) / PDF_ARRAY_MAX;
			n->parts = xcalloc(n->nparts, sizeof *n->parts);
			n->part_parent = xcalloc(n->nparts, sizeof *n->part_parent);
			for (size_t q = 0; q < n->nparts; q++) {
				n->parts[q] = HPDF_Dict_New(mm);
				if (!pdf_obj(c, n->parts[q], "StructElem")
				    || !pdf_ok(c, HPDF_Xref_Add(pdf->xref, n->parts[q]), "StructElem"))
					return false;
			}
		}
	}
	for (size_t i = 0; i < s->nnodes; i++) {
		st_node *n = &s->nodes[i];
		if (!n->live)
			continue;
		const ts_node *tn = c->doc->nnodes ? &c->doc->nodes[i] : NULL;
		int parent = tn ? tn->parent : -1;
		HPDF_Dict p = parent >= 0 && (size_t)parent < i && s->nodes[parent].live
		    ? (n->group ? n->group : s->nodes[parent].dict) : root;
		if (!pdf_ok(c, HPDF_Dict_AddName(n->dict, "Type", "StructElem"), "StructElem")
		    || !pdf_ok(c, HPDF_Dict_AddName(n->dict, "S", pdf_struct_role(c, (int)i)), "StructElem")
		    || !pdf_add(c, n->dict, "P", p) || !pdf_add(c, n->dict, "Pg", c->pages[n->page]))
			return false;
		if (tn && tn->lang && !pdf_add(c, n->dict, "Lang", pdf_text_obj(c, pdf_fit_text(c->a, tn->lang))))
			return false;
		if (tn && tn->alt && !pdf_add(c, n->dict, "Alt", pdf_text_obj(c, pdf_fit_text(c->a, tn->alt))))
			return false;
		if (tn && tn->role == TS_ROLE_TH) { /* a header cell heads its column */
			HPDF_Dict at = HPDF_Dict_New(mm);
			if (!pdf_add(c, n->dict, "A", at)
			    || !pdf_ok(c, HPDF_Dict_AddName(at, "O", "Table"), "StructElem")
			    || !pdf_ok(c, HPDF_Dict_AddName(at, "Scope", "Column"), "StructElem"))
				return false;
		}
		if (!fill_kids(c, i))
			return false;
	}
	/* elements hung off the root: the document and any malformed node */
	HPDF_Array top = HPDF_Array_New(mm);
	if (!pdf_add(c, root, "K", top))
		return false;
	for (size_t i = 0; i < s->nnodes; i++) {
		const ts_node *tn = c->doc->nnodes ? &c->doc->nodes[i] : NULL;
		int parent = tn ? tn->parent : -1;
		bool at_root = parent < 0 || (size_t)parent >= i || !s->nodes[parent].live;
		if (s->nodes[i].live && at_root && !pdf_ok(c, HPDF_Array_Add(top, s->nodes[i].dict), "StructTreeRoot"))
			return false;
	}
	if (!parent_tree(c, root) || !pdf_add(c, pdf->catalog, "StructTreeRoot", root))
		return false;
	HPDF_Dict mark = HPDF_Dict_New(mm), vp = HPDF_Dict_New(mm);
	if (!pdf_add(c, pdf->catalog, "MarkInfo", mark)
	    || !pdf_add(c, mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE))
	    || !pdf_add(c, pdf->catalog, "ViewerPreferences", vp)
	    || !pdf_add(c, vp, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE)))
		return false;
	for (size_t i = 0; i < s->npages; i++)
		if (!pdf_ok(c, HPDF_Dict_AddNumber(c->pages[i], "StructParents", (HPDF_INT32)i), "StructParents")
		    || !pdf_ok(c, HPDF_Dict_AddName(c->pages[i], "Tabs", "S"), "Tabs"))
			return false;
	return true;
}
