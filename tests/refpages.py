"""refpages.py: rendered-page check of the Vorlage against stored references.
`refpages.py PDF check` compares; `refpages.py PDF refresh` rewrites the
references (make refresh-references) after an intended layout change.
Pages are rendered by pdftoppm at 30 dpi in grey (PGM) and compared pixel by
pixel: the share of pixels that differ by more than 64 grey levels must stay
under 0.2 %, so that an unintended layout change (a moved line, another
break) fails while anti-aliasing noise does not."""
import os
import subprocess
import sys

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reference')
PAGES = (1, 3)  # the cover letter and the report's first text page


def render(pdf, page, out_base):
    subprocess.run(['pdftoppm', '-r', '30', '-gray', '-f', str(page), '-l', str(page),
                    '-singlefile', pdf, out_base], check=True)
    return out_base + '.pgm'


def read_pgm(path):
    with open(path, 'rb') as f:
        data = f.read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b'P5', 'not a binary PGM'
    w, h, maxv = int(parts[1]), int(parts[2]), int(parts[3])
    assert maxv == 255, 'not an 8-bit PGM'
    pix = data[len(data) - w * h:]
    return w, h, pix


def main():
    pdf, mode = sys.argv[1], sys.argv[2]
    tmp = os.environ.get('TMPDIR_TESTS', 'tests/scratch')
    bad = 0
    for page in PAGES:
        name = 'page-%d' % page
        ref = os.path.join(REF, name + '.pgm')
        if mode == 'refresh':
            render(pdf, page, os.path.join(REF, name))
            print('refreshed', ref)
            continue
        got = render(pdf, page, os.path.join(tmp, 'render-' + name))
        if not os.path.exists(ref):
            print('FAIL reference-%s: no reference %s' % (name, ref))
            bad += 1
            continue
        w1, h1, p1 = read_pgm(ref)
        w2, h2, p2 = read_pgm(got)
        if (w1, h1) != (w2, h2):
            print('FAIL reference-%s: size %dx%d, reference %dx%d' % (name, w2, h2, w1, h1))
            bad += 1
            continue
        differ = sum(1 for a, b in zip(p1, p2) if abs(a - b) > 64)
        share = differ / (w1 * h1)
        if share < 0.002:
            print('ok reference-%s' % name)
        else:
            print('FAIL reference-%s: %.2f %% of the pixels differ (%s vs %s)'
                  % (name, share * 100, got, ref))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
