/* xsdnames.c: the names an XML schema declares (its elements, the global
 * ones, and each element's attributes and child elements), read from the
 * XSD as a plain document, for the messages that suggest the nearest name
 * (xmlmsg.c). Part of the XML reader: the schemas are ours, read with no
 * network. */
#include "xmlmsg_int.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static const char xsd_ns[] = "http://www.w3.org/2001/XMLSchema";

static bool
is_xs(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	    strcmp((const char *)n->ns->href, xsd_ns) == 0 && strcmp((const char *)n->name, local) == 0;
}

/* The attribute name of a schema element into buf, or NULL. */
static const char *
xsd_attr(const xmlNode *n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	snprintf(buf, size, "%s", (const char *)v);
	xmlFree(v);
	return buf;
}

/* The global declaration of kind (complexType, attributeGroup) named qname. */
static const xmlNode *
xsd_global(const xmlNode *schema, const char *kind, const char *qname)
{
	const char *name = strchr(qname, ':') ? strchr(qname, ':') + 1 : qname;
	char buf[128];
	for (const xmlNode *c = schema->children; c; c = c->next)
		if (is_xs(c, kind) && xsd_attr(c, "name", buf, sizeof buf) && strcmp(buf, name) == 0)
			return c;
	return NULL;
}

/* The attributes and child elements declared under n for the element
 * elem: its own, those of its groups and attribute groups and of the
 * complex types it extends (not those of the elements declared inside it).
 * The schemas are ours, but a cycle must not loop: the depth is bounded. */
static void
xsd_attrs(xm_schema *s, const char *elem, const xmlNode *schema, const xmlNode *n, int depth)
{
	char buf[128];
	if (depth > 16)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_xs(c, "annotation"))
			continue;
		if (is_xs(c, "element")) {
			if (xsd_attr(c, "name", buf, sizeof buf) || xsd_attr(c, "ref", buf, sizeof buf))
				xm_schema_child(s, elem, buf);
			continue;
		}
		if (is_xs(c, "attribute")) {
			if (xsd_attr(c, "name", buf, sizeof buf) || xsd_attr(c, "ref", buf, sizeof buf))
				xm_schema_attr(s, elem, buf);
			continue;
		}
		const xmlNode *t = NULL;
		if (is_xs(c, "attributeGroup") && xsd_attr(c, "ref", buf, sizeof buf))
			t = xsd_global(schema, "attributeGroup", buf);
		else if (is_xs(c, "group") && xsd_attr(c, "ref", buf, sizeof buf))
			t = xsd_global(schema, "group", buf);
		else if ((is_xs(c, "extension") || is_xs(c, "restriction")) &&
		    xsd_attr(c, "base", buf, sizeof buf))
			t = xsd_global(schema, "complexType", buf);
		if (t)
			xsd_attrs(s, elem, schema, t, depth + 1);
		xsd_attrs(s, elem, schema, c, depth + 1);
	}
}

/* The names the XSD at path declares into s (xmlmsg_int.h). */
void
xsd_read_names(const char *path, xm_schema *s)
{
	xmlDoc *x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	const xmlNode *schema = x ? xmlDocGetRootElement(x) : NULL;
	const xmlNode *n = schema;
	char name[128], type[128];
	while (n) { /* every element declaration, in document order */
		if (is_xs(n, "element") && xsd_attr(n, "name", name, sizeof name)) {
			xm_schema_elem(s, name, n->parent == schema);
			xm_schema_attr(s, name, NULL);
			const xmlNode *t = xsd_attr(n, "type", type, sizeof type)
			    ? xsd_global(schema, "complexType", type) : n;
			if (t)
				xsd_attrs(s, name, schema, t, 0);
		}
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n && n != schema && !n->next)
			n = n->parent;
		n = n && n != schema ? n->next : NULL;
	}
	xmlFreeDoc(x);
}
