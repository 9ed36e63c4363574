// tests/pdfjs/read.mjs: a PDF as Mozilla's pdf.js reads it, as JSON on
// standard output (tests/t_pdfjs.sh judges it with tests/pdfjs/check.mjs).
//
//   node tests/pdfjs/read.mjs FILE.pdf
//
// pdf.js is the one `make test` installs into build/pdfjs (the version
// tests/pdfjs/package-lock.json pins), or the one in $PDFJS_DIR/node_modules.
// The legacy build, which runs on Node.js 20. For each page: the structure
// tree that page.getStructTree() gives (unchanged: roles, alt, lang and the
// kids, content kids naming marked-content ids "p<page>R_mc<MCID>"), and
// what page.getTextContent({includeMarkedContent: true}) gives, gathered by
// marked content in the order it is painted: each MCID's text, the text of
// artifacts and any text outside all marked content. Nothing here judges.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// pdf.js prints its warnings with console.log, some while it is imported
// (that it cannot load the optional canvas package, which only rendering
// needs): they go to standard error, standard output carries the JSON alone.
console.log = (...args) => console.error(...args);
const dir = process.env.PDFJS_DIR ? resolve(process.env.PDFJS_DIR) : fileURLToPath(new URL("../../build/pdfjs/", import.meta.url));
const pdfjs = await import(pathToFileURL(join(dir, "node_modules/pdfjs-dist/legacy/build/pdf.mjs")).href);
const { getDocument } = pdfjs;

const file = process.argv[2];
if (!file) {
	process.stderr.write("usage: node read.mjs FILE.pdf\n");
	process.exit(2);
}

// verbosity 0: errors only (pdf.js warns that it cannot polyfill the
// canvas classes it needs for rendering; text and tags do not need them)
const doc = await getDocument({
	data: new Uint8Array(readFileSync(file)),
	verbosity: 0,
	isEvalSupported: false,
	disableFontFace: true,
	useSystemFonts: false,
}).promise;

const meta = await doc.getMetadata();
const markInfo = await doc.getMarkInfo();

// the outline, flattened in order, with its depth (0 = top) and where its
// destination is: the page (1-based), the kind of view and its top
const outline = [];
const target = async dest => {
	try {
		const d = typeof dest === "string" ? await doc.getDestination(dest) : dest;
		if (!Array.isArray(d) || d.length < 2) return {};
		const page = (typeof d[0] === "object" ? await doc.getPageIndex(d[0]) : d[0]) + 1;
		const view = d[1]?.name ?? null;
		const top = view === "XYZ" ? d[3] : view === "FitH" || view === "FitBH" ? d[2] : null;
		return { page, view, top: typeof top === "number" ? top : null };
	} catch (e) {
		return { error: String(e) };
	}
};
async function walkOutline(items, depth) {
	for (const o of items || []) {
		outline.push({ title: o.title, depth, ...(o.dest === null ? { url: o.url ?? null } : await target(o.dest)) });
		await walkOutline(o.items, depth + 1);
	}
}
await walkOutline(await doc.getOutline(), 0);

const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
	const page = await doc.getPage(n);
	const ref = page.ref;
	const objId = `p${ref.gen === 0 ? `${ref.num}R` : `${ref.num}R${ref.gen}`}`;
	const tree = await page.getStructTree();
	const tc = await page.getTextContent({ includeMarkedContent: true });

	// Marked content in paint order, from a stack of the open sequences.
	// Each MCID: its text, the baselines of its lines (in paint order), its
	// largest font size, and the text of it that is also inside an artifact
	// (the MCID's sequence inside an artifact's, or one inside the MCID's).
	const mc = []; // {id, tag, text, baselines: [y...], size, artifactText}
	const artifacts = [];
	const untagged = [];
	const stack = [];
	let artifact = null; // the text of the outermost open artifact
	const add = (s, eol, y, size) => {
		const inArtifact = stack.some(e => e.artifact);
		const owner = [...stack].reverse().find(e => e.rec);
		const t = s + (eol ? "\n" : "");
		if (inArtifact) {
			artifact.text += t;
			if (owner) owner.rec.artifactText += t;
		} else if (owner) {
			owner.rec.text += t;
			if (s.trim() !== "") {
				if (!owner.rec.baselines.includes(y)) owner.rec.baselines.push(y);
				owner.rec.size = Math.max(owner.rec.size, size);
			}
		} else if (t.trim() !== "") {
			untagged.push(s);
		}
	};
	for (const it of tc.items) {
		if (it.type === "beginMarkedContent" || it.type === "beginMarkedContentProps") {
			const e = { tag: it.tag, artifact: it.tag === "Artifact", rec: null };
			if (e.artifact && !stack.some(x => x.artifact)) {
				artifact = { text: "" };
				artifacts.push(artifact);
			}
			if (!e.artifact && it.type === "beginMarkedContentProps" && it.id) {
				e.rec = { id: it.id, tag: it.tag, text: "", baselines: [], size: 0, artifactText: "" };
				mc.push(e.rec);
			}
			stack.push(e);
		} else if (it.type === "endMarkedContent") {
			stack.pop();
		} else if (typeof it.str === "string") {
			const [, , c, d, , f] = it.transform;
			add(it.str, it.hasEOL, Math.round(f * 10) / 10, Math.round(Math.hypot(c, d) * 10) / 10);
		}
	}
	pages.push({
		n,
		objId,
		lang: tc.lang ?? null,
		tree,
		mc,
		artifacts: artifacts.map(a => a.text).filter(t => t.trim() !== ""),
		untagged,
	});
	page.cleanup();
}

process.stdout.write(JSON.stringify({
	file,
	pdfjs: pdfjs.version,
	numPages: doc.numPages,
	lang: meta.info?.Language ?? null,
	title: meta.info?.Title ?? null,
	marked: markInfo?.Marked ?? null,
	outline,
	pages,
}, null, 1) + "\n");
await doc.destroy();
