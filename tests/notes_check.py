#!/usr/bin/env python3
"""notes_check.py DUMP: what footnotes promise, read off a box dump made with
`layout --points` in the Landtag template (body 11 pt, marks 7.33 pt, notes
9 pt under a rule a third of the 467.72 pt measure wide):

  - every note starts on the page of its mark (marks and first note lines
    counted page by page: with the notes in order, the counts agree on every
    page), for sources whose notes always find room for a first line;
  - nothing of the text area (text of another size than the notes', images)
    reaches below the top of the rule over a page's notes.

Prints one line per problem and exits 1 when there is one."""
import re
import sys

MARK, NOTE, RULE_W = 7.33, 9.0, 155.91
pages, order = {}, []
cur = None
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.match(r'page (\d+) items', line)
    if m:
        cur = int(m.group(1))
        pages[cur] = {'marks': 0, 'starts': 0, 'rule': None, 'low': 0.0, 'what': '', 'last': None}
        order.append(cur)
        continue
    if cur is None:
        continue
    pg = pages[cur]
    m = re.match(r'  text ([\d.]+) ([\d.]+) ([\d.]+) [\d.]+ face \w+ size ([\d.]+) "(.*)"', line)
    if m:
        x, y, w, size = (float(m.group(k)) for k in range(1, 5))
        if abs(size - MARK) < 0.01:
            # a mark kerned into several items is one mark
            last = pg['last']
            if not (last and abs(last[1] - y) < 0.01 and abs(last[0] - x) < 1.5):
                pg['marks'] += 1
            pg['last'] = (x + w, y)
        if abs(size - NOTE) > 0.01 and y > 50 and y + 0.22 * size > pg['low']:
            pg['low'], pg['what'] = y + 0.22 * size, m.group(5)
        continue
    m = re.match(r'  image [\d.]+ ([\d.]+) [\d.]+ ([\d.]+)', line)
    if m:
        bottom = float(m.group(1)) + float(m.group(2))
        if bottom > pg['low']:
            pg['low'], pg['what'] = bottom, 'an image'
        continue
    m = re.match(r'  rule [\d.]+ ([\d.]+) ([\d.]+)', line)
    if m and abs(float(m.group(2)) - RULE_W) < 0.01:
        pg['rule'] = float(m.group(1))
        continue
    m = re.match(r'line (\d+) para 0 1/\d+ size ([\d.]+)', line)
    if m and abs(float(m.group(2)) - NOTE) < 0.01:
        pages[int(m.group(1))]['starts'] += 1
bad = 0
marks = starts = 0
for p in order:
    pg = pages[p]
    marks += pg['marks']
    starts += pg['starts']
    if marks != starts:
        print('page %d: %d note(s) not started on the page of their mark' % (p, marks - starts))
        bad += 1
    if pg['rule'] is not None and pg['low'] > pg['rule']:
        print('page %d: %s reaches %.2f pt, below the notes\' rule at %.2f pt' % (p, pg['what'], pg['low'], pg['rule']))
        bad += 1
if not order:
    print('no pages')
    bad += 1
sys.exit(1 if bad else 0)
