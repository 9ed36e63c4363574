#!/usr/bin/python3
"""bench.py: `make bench`, the whole program as a user runs it.

For Vorlage 18/1828 (`build`, `run`), synthetic reports of about 10, 100 and
1000 pages (the real source with its agreements repeated) and a batch of 100
sources (one process each, and through the batch mode `build … -d`): wall
time (the median of several runs), pages per second, peak RSS (of the
process, from wait4), bytes per page, and the share of each stage
(parse and validate = `check`; layout = `layout` - `check`; PDF = `build` -
`layout`). Figures are printed, never asserted. The ratio to pdflatex uses
0.81 s, pdflatex's two passes over the same document on the machine where
the targets were set (PDFLATEX_SECONDS overrides it).

Wall times on a shared machine are noisy; instruction counts are not: with
valgrind installed (BENCH_CALLGRIND=0 skips it), `build` and `run` are also
counted under callgrind, for before/after comparisons."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(ROOT)
PROG = os.environ.get('VORLAGE', os.path.join(ROOT, 'build', 'vorlage'))
SRC = 'xml/vorlage-18-1828.xml'
PDFLATEX = float(os.environ.get('PDFLATEX_SECONDS', '0.81'))
RUNS = int(os.environ.get('BENCH_RUNS', '7'))


def timed(args, cwd=None):
    """Wall seconds and peak RSS in KiB of one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, ru = os.wait4(p.pid, 0)
    t = time.perf_counter() - t0
    err = p.stderr.read().decode(errors='replace')
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit('bench: %s failed: %s' % (' '.join(args), err[-400:]))
    return t, ru.ru_maxrss


def median(args, runs=RUNS, cwd=None):
    res = [timed(args, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in res), max(r[1] for r in res)


def pages_of(pdf):
    out = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    m = re.search(r'^Pages:\s+(\d+)', out, re.M)
    return int(m.group(1)) if m else 0


def synthetic(tmp, n):
    """The real source with its agreements repeated n times over."""
    src = open(SRC, encoding='utf-8').read()
    i = src.index('<vereinbarung id="v-2021-ghana"')
    j = src.index('</vereinbarung>', i) + len('</vereinbarung>')
    ag = src[i:j]
    many = ''.join(ag.replace('id="v-2021-ghana"', 'id="v-ghana-%d"' % k) for k in range(n))
    path = os.path.join(tmp, 'synth-%d.xml' % n)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(src[:i] + many + src[j:])
    return path


def row(name, src, tmp, runs=RUNS):
    pdf = os.path.join(tmp, 'out.pdf')
    tc, _ = median([PROG, 'check', src], runs)
    tl, _ = median([PROG, 'layout', src], runs)
    tb, rss = median([PROG, 'build', src, '-o', pdf, '-q'], runs)
    pages = pages_of(pdf)
    size = os.path.getsize(pdf)
    parse, layout, out = tc, max(tl - tc, 0), max(tb - tl, 0)
    total = parse + layout + out or 1
    print('| %s | %d | %.1f ms | %.3f × | %.0f | %.1f MiB | %d KB | %.0f B | %d / %d / %d %% |' % (
        name, pages, tb * 1000, tb / PDFLATEX, pages / tb, rss / 1024, size / 1000,
        size / max(pages, 1), 100 * parse / total, 100 * layout / total, 100 * out / total))


def instructions(args, cwd=None):
    """Instructions the process executes (callgrind's total), or None."""
    if not shutil.which('valgrind'):
        return None
    with tempfile.TemporaryDirectory(prefix='vorlage-cg-') as t:
        p = subprocess.run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + os.path.join(t, 'cg.out')]
                           + args, capture_output=True, text=True, cwd=cwd)
    m = re.search(r'Collected : (\d+)', p.stderr)
    return int(m.group(1)) if p.returncode == 0 and m else None


def main():
    if not os.access(PROG, os.X_OK):
        sys.exit('bench: %s not built (make all)' % PROG)
    tmp = tempfile.mkdtemp(prefix='vorlage-bench-')
    try:
        print('Whole processes, median of %d runs; ratio to pdflatex ×2 = %.2f s.\n' % (RUNS, PDFLATEX))
        print('| input | pages | `build` | × pdflatex | pages/s | peak RSS | PDF | bytes/page | parse / layout / PDF |')
        print('|---|---|---|---|---|---|---|---|---|')
        row('Vorlage 18/1828', SRC, tmp)
        # calibrate: pages per repeated agreement
        probe = synthetic(tmp, 200)
        subprocess.run([PROG, 'build', probe, '-o', os.path.join(tmp, 'p.pdf'), '-q'], check=True)
        base = pages_of(os.path.join(tmp, 'out.pdf'))
        per = (pages_of(os.path.join(tmp, 'p.pdf')) - base) / 200.0
        for target in (10, 100, 1000):
            n = max(1, int(round((target - base) / per))) if target > base else 1
            row('report, ~%d pages' % target, synthetic(tmp, n), tmp, runs=RUNS if target < 1000 else 3)

        d = os.path.join(tmp, 'run')
        t, rss = median([PROG, 'run', os.path.abspath(SRC), '-d', os.path.join(d, 'anlagen')], RUNS, cwd=tmp)
        print('\n`run` (the Vorlage and its 16 annexes): %.1f ms, %.3f × pdflatex, peak RSS %.1f MiB' % (
            t * 1000, t / PDFLATEX, rss / 1024))
        annexes = sorted(os.listdir(os.path.join(d, 'anlagen'))) if os.path.isdir(os.path.join(d, 'anlagen')) else []
        if annexes:
            sizes = [os.path.getsize(os.path.join(d, 'anlagen', a)) for a in annexes]
            print('annex PDFs: %d files, %d to %d KB' % (len(sizes), min(sizes) / 1000, max(sizes) / 1000))

        if os.environ.get('BENCH_CALLGRIND', '1') != '0':
            ib = instructions([PROG, 'build', SRC, '-o', os.path.join(tmp, 'cg.pdf'), '-q'])
            ir = instructions([PROG, 'run', os.path.abspath(SRC), '-q', '-d', os.path.join(tmp, 'cg', 'anlagen')], cwd=tmp)
            if ib and ir:
                print('instructions (callgrind): `build` %.1f M, `run` %.1f M' % (ib / 1e6, ir / 1e6))

        # a batch of 100 sources, one process each, two at a time (make -j2)
        b = os.path.join(tmp, 'batch')
        os.makedirs(b)
        for k in range(100):
            shutil.copy(SRC, os.path.join(b, 'v%03d.xml' % k))
        t0 = time.perf_counter()
        xs = sorted(f for f in os.listdir(b) if f.endswith('.xml'))
        procs = []
        for x in xs:
            procs.append(subprocess.Popen([PROG, 'build', os.path.join(b, x), '-o',
                                           os.path.join(b, x[:-4] + '.pdf'), '-q']))
            if len(procs) == 2:
                procs.pop(0).wait()
        for p in procs:
            p.wait()
        t = time.perf_counter() - t0
        pages = 9 * len(xs)
        print('batch of %d sources (one process per source, 2 at a time): %.2f s, %.0f sources/s, %.0f pages/s' % (
            len(xs), t, len(xs) / t, pages / t))

        # the same batch through the batch mode: one process for all, and
        # two processes with half each (what parallel -X -j2 would do)
        srcs = [os.path.join(b, x) for x in xs]
        t, rss = timed([PROG, 'build'] + srcs + ['-d', os.path.join(b, 'one'), '-q'])
        print('batch of %d sources (`build … -d`, one process): %.2f s, %.0f sources/s, %.0f pages/s, peak RSS %.1f MiB' % (
            len(xs), t, len(xs) / t, pages / t, rss / 1024))
        t0 = time.perf_counter()
        half = len(srcs) // 2
        procs = [subprocess.Popen([PROG, 'build'] + part + ['-d', os.path.join(b, 'two'), '-q'])
                 for part in (srcs[:half], srcs[half:])]
        if any(p.wait() != 0 for p in procs):
            sys.exit('bench: batch build failed')
        t = time.perf_counter() - t0
        print('batch of %d sources (`build … -d`, 2 processes of %d): %.2f s, %.0f sources/s, %.0f pages/s' % (
            len(xs), half, t, len(xs) / t, pages / t))
        if os.environ.get('BENCH_CALLGRIND', '1') != '0':
            i1 = instructions([PROG, 'build', srcs[0], '-o', os.path.join(tmp, 'cg1.pdf'), '-q'])
            i10 = instructions([PROG, 'build'] + srcs[:10] + ['-d', os.path.join(tmp, 'cg10'), '-q'])
            if i1 and i10:
                print('instructions (callgrind): one source %.1f M; a batch of 10 %.1f M, %.1f M a source' % (
                    i1 / 1e6, i10 / 1e6, i10 / 10e6))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
