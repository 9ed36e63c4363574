"""t_annex.py: the per-partner annexes: each holds exactly its partner's text."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import pdfwords as pw  # noqa: E402
from testlib import SRC, TMP, VORLAGE, check, done, run  # noqa: E402



root = pw.parse(SRC)
number = root.get('nummer')
date_text = root.find('metadaten/datum').text
title = root.find('metadaten/titel').text
partners = {p.get('id'): p.text.strip() for p in root.find('partnerverzeichnis')}
main_partners = {p.get('id') for p in root.find('partnerverzeichnis')
                 if p.get('hauptkooperationspartner') == 'true'}
answer = root.find('bericht/antwort')


def expected_words(pid):
    return pw.annex_words(root, pid)


with_agreements = set()
for item in answer:
    if item.tag == 'vereinbarung':
        with_agreements.update(item.get('parteien').split())
    elif item.tag == 'gruppe':
        with_agreements.update(p.get('partner') for p in item.findall('teil'))

outdir = os.path.join(TMP, 'anlagen')
r = run(VORLAGE, 'annex', SRC, '--all', '-d', outdir, '-q')
check('annex-all-exit-0', r.returncode == 0, r.stderr[-400:])
stem = 'vorlage-' + number.replace('/', '-')
written = set(os.listdir(outdir)) if os.path.isdir(outdir) else set()
want = {'%s-anlage-%s.pdf' % (stem, pid) for pid in with_agreements}
check('annex-set-equals-partners-with-agreements', written == want,
      'extra %s missing %s' % (sorted(written - want), sorted(want - written)))
check('annex-count', len(want) == 16, str(len(want)))

for pid in sorted(with_agreements):
    path = os.path.join(outdir, '%s-anlage-%s.pdf' % (stem, pid))
    if not os.path.exists(path):
        check('annex-text-' + pid, False, 'not written')
        continue
    text, err = pw.pdf_text(path)
    exp = expected_words(pid)
    got = pw.pdf_words(text, exp)
    diff = pw.first_difference(exp, got)
    check('annex-text-' + pid, diff is None and not err.strip(),
          (diff and 'word %d: expected [%s] got [%s]' % diff) or err[:200])

# the multi-party and group cases by name
def annex_text(pid):
    p = os.path.join(outdir, '%s-anlage-%s.pdf' % (stem, pid))
    return pw.pdf_text(p)[0] if os.path.exists(p) else ''


weimar = 'Regionalen Weimarer Dreiecks'
check('weimar-in-schlesien', weimar in annex_text('schlesien'))
check('weimar-in-hauts-de-france', weimar in annex_text('hauts-de-france'))
check('weimar-not-in-ungarn', weimar not in annex_text('ungarn'))
jt = annex_text('jiangsu')
check('group-intro-in-jiangsu', 'Es bestehen Partnerschaften' in jt and 'XU Kunlin' in jt)
check('group-other-part-not-in-jiangsu', 'Parteisekretär der Provinz Sichuan' not in jt)
check('annex-seite-x-von-y', 'Seite 1 von' in annex_text('ungarn'))

# a single annex, an unknown id, a partner without agreements
one = os.path.join(TMP, 'one.pdf')
r = run(VORLAGE, 'annex', SRC, '--partner', 'ghana', '-o', one, '-q')
check('annex-partner-one', r.returncode == 0 and os.path.exists(one), r.stderr[-300:])
r = run(VORLAGE, 'annex', SRC, '--partner', 'atlantis', '-o', os.path.join(TMP, 'x.pdf'))
check('annex-unknown-partner-exit-1', r.returncode == 1 and 'atlantis' in r.stderr and
      'hauts-de-france' in r.stderr and not os.path.exists(os.path.join(TMP, 'x.pdf')),
      r.stderr[-300:])
nojp = os.path.join(TMP, 'japan.pdf')
r = run(VORLAGE, 'annex', SRC, '--partner', 'japan', '-o', nojp)
check('annex-main-partner-no-pdf', r.returncode == 1 and not os.path.exists(nojp) and
      'japan' in r.stderr, r.stderr[-300:])
check('main-partners-registered', {'japan', 'israel'} <= main_partners, repr(main_partners))

# partners lists ids and names
r = run(VORLAGE, 'partners', SRC)
check('partners-lists-all', r.returncode == 0 and all(pid in r.stdout for pid in partners),
      r.stdout[:200])

# --all continues past a failing partner and reports it in the exit code
bad = os.path.join(TMP, 'ro')
os.makedirs(bad, exist_ok=True)
blocker = os.path.join(bad, '%s-anlage-ghana.pdf' % stem)
os.makedirs(blocker, exist_ok=True)  # a directory where ghana's annex should go
r = run(VORLAGE, 'annex', SRC, '--all', '-d', bad, '-q')
others = [f for f in os.listdir(bad) if f.endswith('.pdf') and os.path.isfile(os.path.join(bad, f))]
check('annex-all-continues-after-failure', r.returncode == 2 and len(others) == 15 and
      'ghana' in r.stderr, 'rc %d, %d written: %s' % (r.returncode, len(others), r.stderr[-300:]))
done()
