// tests/pdfjs/check.mjs: judges what pdf.js read (the JSON of read.mjs).
//
//   node check.mjs REPORT.json NAME         one line per case, "ok CASE" or
//                                           "FAIL CASE: why", CASE = CHECK-NAME
//                                           (CHECK-NAME-pN for the checks
//                                           made page by page)
//   node check.mjs REPORT.json --linear N   page N as a screen reader meets
//                                           it: the structure tree in order,
//                                           each element's role and text
//                                           (N = table: the first page with
//                                           a Table)
//
// The checks, as pdf.js reads the file:
//   tree              every page has a structure tree with content of its own
//   words             each page's text in the tree (the marked content the
//                     tree refers to, in tree order) is the page's text that
//                     is not an artifact (all marked content and any text
//                     outside it, in paint order), as multisets of words; no
//                     marked-content id referred to twice or missing, none
//                     with text inside an artifact
//   order-pN          the same words in the same order on page N, except
//                     that each Note (a footnote, placed in the tree right
//                     after its reference, painted at the foot of the page)
//                     is compared on its own
//   headings          H1..H6 present, the first H1, none deeper than one
//                     below the one before it, their order in the tree the
//                     order in which they are painted
//   outline-headings  each outline entry leads to a heading: the first
//                     tagged text below its destination's top is in one
//   figure-alt        each Figure has alternative text
//   table-th          each Table has a TH (a table that runs on over a page
//                     break, its part at the end of one page and at the top
//                     of the next, is one table)
//   table-header-once each Table's header row (a row of TH only) is in the
//                     tree once, not again for each page the table runs on
//   caption-position  a Table's or Figure's Caption is its first kid when it
//                     is printed above the rest, its last when below
//   block-lines-pN    no three or more sibling P elements on page N set
//                     solid, each one's first line one line below the last
//                     of the one before: the lines of one block (an
//                     address, a stamp, a title) read as paragraphs
//   lang              the document's language is set (the catalog's Lang or
//                     the Lang of the tree's top element)
import { readFileSync } from "node:fs";

const [reportFile, arg, arg2] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, "utf8"));

const words = s => s.split(/\s+/).filter(w => w !== "");
const norm = s => words(s).join(" ");
const HEADING = /^H([1-6])?$/;
const isElem = k => typeof k.role === "string";

// One page, prepared: each content kid of this page's own in tree order
// (with the chain of elements above it), how often each MCID is referred
// to, each MCID's record with its place in paint order.
function prepare(page) {
	const mc = new Map(page.mc.map((m, i) => [m.id, { ...m, paint: i }]));
	const own = id => id.startsWith(`${page.objId}_mc`);
	const seq = []; // {id, chain: [elements, outermost first]}
	const refs = new Map(); // id -> count
	(function walk(node, chain) {
		for (const k of node.children || []) {
			if (isElem(k)) {
				walk(k, [...chain, k]);
			} else if (k.type === "content" && own(k.id)) {
				seq.push({ id: k.id, chain });
				refs.set(k.id, (refs.get(k.id) || 0) + 1);
			}
		}
	})(page.tree || { children: [] }, []);
	return { page, mc, own, seq, refs };
}

const text = (P, id) => P.mc.get(id)?.text ?? "";
// the element's text on this page, in tree order
function elemText(P, el) {
	const parts = [];
	(function walk(n) {
		for (const k of n.children || []) {
			if (isElem(k)) walk(k);
			else if (k.type === "content" && P.own(k.id)) parts.push(text(P, k.id));
		}
	})(el);
	return norm(parts.join(" "));
}
function elemIds(P, el) {
	const ids = [];
	(function walk(n) {
		for (const k of n.children || []) {
			if (isElem(k)) walk(k);
			else if (k.type === "content" && P.own(k.id)) ids.push(k.id);
		}
	})(el);
	return ids;
}
function* elements(node) {
	for (const k of node.children || []) {
		if (isElem(k)) {
			yield k;
			yield* elements(k);
		}
	}
}
const baselines = (P, ids) => ids.flatMap(id => P.mc.get(id)?.baselines ?? []);
const where = (P, s) => `p${P.page.n} "${s.slice(0, 50)}"`;

// the first difference of two word lists, for a message
function firstDiff(a, b) {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (i === a.length && i === b.length) return null;
	return `at word ${i}: tree "${a.slice(i, i + 6).join(" ")}", painted "${b.slice(i, i + 6).join(" ")}"`;
}
function multisetDiff(a, b) {
	const m = new Map();
	for (const w of a) m.set(w, (m.get(w) || 0) + 1);
	for (const w of b) m.set(w, (m.get(w) || 0) - 1);
	const more = [], less = [];
	for (const [w, c] of m) {
		if (c > 0) more.push(c > 1 ? `${w}×${c}` : w);
		if (c < 0) less.push(-c > 1 ? `${w}×${-c}` : w);
	}
	return more.length || less.length ? { more, less } : null;
}

const pages = report.pages.map(prepare);

// --- the linearisation --------------------------------------------------
if (arg === "--linear") {
	const hasTable = P => [...elements(P.page.tree || {})].some(e => e.role === "Table");
	const P = arg2 === "table" ? pages.find(hasTable) : pages[Number(arg2) - 1];
	if (!P) {
		process.stderr.write(`no page ${arg2}\n`);
		process.exit(2);
	}
	const out = [];
	(function walk(node, depth) {
		const pad = "  ".repeat(depth);
		let run = [];
		const flush = d => {
			if (run.length) out.push(`${"  ".repeat(d)}"${norm(run.join(" "))}"`);
			run = [];
		};
		for (const k of node.children || []) {
			if (isElem(k)) {
				flush(depth);
				const ids = elemIds(P, k);
				const attrs = [k.lang ? ` lang=${k.lang}` : "", k.alt !== undefined ? ` alt="${norm(k.alt)}"` : ""].join("");
				const onlyText = (k.children || []).every(c => !isElem(c));
				if (onlyText) {
					const t = elemText(P, k);
					out.push(`${pad}${k.role}${attrs}${t ? `: ${t}` : ""}${ids.length ? "" : " (no content on this page)"}`);
				} else {
					out.push(`${pad}${k.role}${attrs}`);
					walk(k, depth + 1);
				}
			} else if (k.type === "content" && P.own(k.id)) {
				const t = text(P, k.id);
				if (t.trim() !== "") run.push(t);
			}
		}
		flush(depth);
	})(P.page.tree || { children: [] }, 0);
	process.stdout.write(out.join("\n") + "\n");
	process.exit(0);
}

// --- the checks ---------------------------------------------------------
const name = arg;
if (!name) {
	process.stderr.write("usage: node check.mjs REPORT.json NAME | --linear PAGE\n");
	process.exit(2);
}
let failed = 0;
const result = (check, problems) => {
	if (problems.length === 0) console.log(`ok ${check}-${name}`);
	else {
		failed++;
		console.log(`FAIL ${check}-${name}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? `; and ${problems.length - 3} more` : ""}`);
	}
};
const resultPage = (check, n, problems) => {
	if (problems.length === 0) console.log(`ok ${check}-${name}-p${n}`);
	else {
		failed++;
		console.log(`FAIL ${check}-${name}-p${n}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? `; and ${problems.length - 3} more` : ""}`);
	}
};

// tree
result("tree", [
	...(report.marked ? [] : ["the catalog's MarkInfo does not say Marked"]),
	...(report.numPages ? [] : ["no pages"]),
	...pages.filter(P => !P.page.tree || P.seq.length === 0).map(P => `p${P.page.n}: no structure tree of its own`),
]);

// words
{
	const problems = [];
	for (const P of pages) {
		for (const [id, c] of P.refs) if (c > 1) problems.push(`p${P.page.n}: ${id} referred to ${c} times`);
		for (const id of P.refs.keys()) if (!P.mc.has(id)) problems.push(`p${P.page.n}: ${id} in the tree, not on the page`);
		for (const m of P.page.mc) {
			if (m.artifactText.trim() !== "") problems.push(`p${P.page.n}: ${m.id} "${norm(m.artifactText).slice(0, 40)}" tagged and an artifact at once`);
			if (!P.refs.has(m.id) && m.text.trim() !== "") problems.push(`p${P.page.n}: ${m.id} "${norm(m.text).slice(0, 40)}" not in the tree`);
		}
		if (P.page.untagged.length) problems.push(`p${P.page.n}: text outside marked content: "${norm(P.page.untagged.join(" ")).slice(0, 40)}"`);
		const tree = words(P.seq.map(s => text(P, s.id)).join(" "));
		const painted = words([...P.page.mc.map(m => m.text), ...P.page.untagged].join(" "));
		const d = multisetDiff(tree, painted);
		if (d) problems.push(`p${P.page.n}: words only in the tree [${d.more.slice(0, 5).join(" ")}], only painted [${d.less.slice(0, 5).join(" ")}]`);
	}
	result("words", problems);
}

// order-pN
for (const P of pages) {
	const isNote = s => s.chain.some(e => e.role === "Note");
	const noteIds = new Set(P.seq.filter(isNote).map(s => s.id));
	const treeMain = P.seq.filter(s => !isNote(s)).map(s => s.id);
	const treeNotes = P.seq.filter(isNote).map(s => s.id);
	const refd = P.page.mc.filter(m => P.refs.has(m.id));
	const paintMain = refd.filter(m => !noteIds.has(m.id)).map(m => m.id);
	const paintNotes = refd.filter(m => noteIds.has(m.id)).map(m => m.id);
	const w = ids => words(ids.map(id => text(P, id)).join(" "));
	const problems = [];
	const d1 = firstDiff(w(treeMain), w(paintMain));
	if (d1) problems.push(d1);
	const d2 = firstDiff(w(treeNotes), w(paintNotes));
	if (d2) problems.push(`notes ${d2}`);
	resultPage("order", P.page.n, problems);
}

// headings
{
	const hs = [];
	for (const P of pages) {
		for (const el of elements(P.page.tree || {})) {
			const m = HEADING.exec(el.role);
			if (!m) continue;
			const ids = elemIds(P, el);
			if (ids.length === 0) continue;
			// the part of a heading that a page break split off
			const foreign = (el.children || []).some(c => c.type === "content" && !P.own(c.id));
			const prev = hs[hs.length - 1];
			if (foreign && prev && prev.page === P.page.n - 1 && prev.role === el.role) {
				prev.text += " " + elemText(P, el);
				continue;
			}
			hs.push({ role: el.role, level: m[1] ? Number(m[1]) : null, page: P.page.n, paint: P.mc.get(ids[0]).paint, text: elemText(P, el) });
		}
	}
	const problems = [];
	if (hs.length === 0) problems.push("no heading");
	else if (hs[0].level !== null && hs[0].level !== 1) problems.push(`the first heading is ${hs[0].role} "${hs[0].text.slice(0, 40)}"`);
	let last = 0;
	for (const h of hs) {
		if (h.text === "") problems.push(`p${h.page}: an empty ${h.role}`);
		if (h.level !== null) {
			if (last > 0 && h.level > last + 1) problems.push(`p${h.page}: ${h.role} "${h.text.slice(0, 40)}" after H${last}`);
			last = h.level;
		}
	}
	const painted = [...hs].sort((a, b) => a.page - b.page || a.paint - b.paint);
	const i = hs.findIndex((h, j) => painted[j] !== h);
	if (i >= 0) problems.push(`heading ${i + 1} in the tree "${hs[i].text.slice(0, 30)}" is painted as "${painted[i].text.slice(0, 30)}"`);
	result("headings", problems);
}

// outline-headings
{
	const problems = [];
	for (const o of report.outline) {
		if (!o.page) {
			problems.push(`"${o.title}": no destination in the document`);
			continue;
		}
		const P = pages[o.page - 1];
		const top = o.top ?? Infinity;
		// the tagged text nearest below the top (the greatest baseline under it)
		let best = null;
		for (const m of P.page.mc) {
			if (!P.refs.has(m.id) || m.text.trim() === "") continue;
			const ys = m.baselines.filter(y => y <= top + 0.5);
			if (!ys.length) continue;
			const y = Math.max(...ys);
			if (!best || y > best.y) best = { id: m.id, y };
		}
		const s = best && P.seq.find(x => x.id === best.id);
		const h = s && s.chain.find(e => HEADING.test(e.role));
		if (!s) problems.push(`"${o.title}" (p${o.page}): no tagged text below the destination`);
		else if (!h) problems.push(`"${o.title}" (p${o.page}) leads to ${s.chain.map(e => e.role).join(">")} "${norm(text(P, s.id)).slice(0, 30)}"`);
	}
	result("outline-headings", problems);
}

// figure-alt
{
	const problems = [];
	for (const P of pages) {
		for (const el of elements(P.page.tree || {})) {
			if (el.role === "Figure" && !(typeof el.alt === "string" && el.alt.trim() !== "")) problems.push(`p${P.page.n}: a Figure without alternative text`);
		}
	}
	result("figure-alt", problems);
}

// tables: each page's Table elements (outermost), joined over page breaks
const tables = [];
for (const P of pages) {
	const own = [];
	for (const el of elements(P.page.tree || {})) {
		if (el.role !== "Table") continue;
		const ids = elemIds(P, el);
		if (ids.length === 0) continue;
		const first = P.seq.findIndex(s => s.id === ids[0]);
		const lastIdx = P.seq.findIndex(s => s.id === ids[ids.length - 1]);
		own.push({ P, el, atStart: first === 0, atEnd: lastIdx === P.seq.length - 1 });
	}
	own.forEach((t, i) => {
		const prev = tables[tables.length - 1];
		const prevPart = prev && prev.parts[prev.parts.length - 1];
		if (i === 0 && t.atStart && prevPart && prevPart.P.page.n === P.page.n - 1 && prevPart.atEnd) prev.parts.push(t);
		else tables.push({ parts: [t] });
	});
}
{
	const noTh = [], twice = [];
	for (const t of tables) {
		const label = where(t.parts[0].P, elemText(t.parts[0].P, t.parts[0].el));
		const ths = t.parts.flatMap(p => [...elements(p.el)].filter(e => e.role === "TH"));
		if (ths.length === 0) noTh.push(`${label}: no TH`);
		const rows = new Map();
		for (const p of t.parts) {
			for (const tr of elements(p.el)) {
				if (tr.role !== "TR") continue;
				const cells = (tr.children || []).filter(isElem);
				if (!cells.length || !cells.every(c => c.role === "TH")) continue;
				const s = elemText(p.P, tr);
				rows.set(s, [...(rows.get(s) || []), p.P.page.n]);
			}
		}
		for (const [s, at] of rows) if (at.length > 1) twice.push(`${label}: header row "${s.slice(0, 30)}" in the tree on p${at.join(", p")}`);
	}
	result("table-th", noTh);
	result("table-header-once", twice);
}

// caption-position
{
	const problems = [];
	for (const P of pages) {
		for (const el of elements(P.page.tree || {})) {
			if (el.role !== "Table" && el.role !== "Figure") continue;
			const kids = (el.children || []).filter(isElem);
			kids.forEach((c, i) => {
				if (c.role !== "Caption") return;
				const mine = baselines(P, elemIds(P, c));
				const rest = baselines(P, kids.filter(k => k !== c).flatMap(k => elemIds(P, k)));
				if (!mine.length || !rest.length) return;
				const above = Math.min(...mine) > Math.max(...rest), below = Math.max(...mine) < Math.min(...rest);
				const t = where(P, elemText(P, c));
				if (above && i !== 0) problems.push(`${t}: printed above the ${el.role}, its kid ${i + 1} of ${kids.length}`);
				if (below && i !== kids.length - 1) problems.push(`${t}: printed below the ${el.role}, its kid ${i + 1} of ${kids.length}`);
			});
		}
	}
	result("caption-position", problems);
}

// block-lines-pN: sibling P elements set solid, the first line of each one
// line below the last of the one before (a baseline distance of at most 1.5
// times the font size), three or more of them: the lines of one block,
// which the tree splits into paragraphs. (Two such P can be two paragraphs
// of a list item, which a template may set without space between them.)
for (const P of pages) {
	const problems = [];
	const lines = k => {
		if (k.role !== "P") return null;
		const ids = elemIds(P, k);
		const ys = baselines(P, ids);
		if (!ys.length) return null;
		return { top: Math.max(...ys), bottom: Math.min(...ys), size: Math.max(...ids.map(id => P.mc.get(id)?.size ?? 0)) };
	};
	for (const el of [P.page.tree || {}, ...elements(P.page.tree || {})]) {
		const kids = (el.children || []).filter(isElem);
		let run = [];
		const flush = () => {
			if (run.length > 2) problems.push(`${el.role || "Root"}: ${run.length} P set as one block, "${run.map(k => elemText(P, k).slice(0, 24)).join(" / ")}"`);
			run = [];
		};
		for (let i = 0; i < kids.length; i++) {
			const a = i > 0 && lines(kids[i - 1]), b = lines(kids[i]);
			if (a && b && a.bottom > b.top && a.bottom - b.top <= 1.5 * Math.max(a.size, b.size)) {
				if (!run.length) run.push(kids[i - 1]);
				run.push(kids[i]);
			} else flush();
		}
		flush();
	}
	resultPage("block-lines", P.page.n, problems);
}

// lang
{
	const top = pages.map(P => (P.page.tree?.children || []).find(isElem)).find(Boolean);
	const lang = report.lang || top?.lang || "";
	result("lang", /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? [] : [lang ? `"${lang}" is not a language tag` : "no Lang in the catalog nor on the tree's top element"]);
}
process.exit(0);
