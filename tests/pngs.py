"""pngs.py: PNG files for the image tests, written with zlib and struct
(no imaging library), so that no large or hostile binary is committed.

    python3 tests/pngs.py KIND OUT.png [W H [EXTRA]]

KIND is one of the writers below (noise, plain, rgb, gray1, palette, palette-trns, rgb16,
gray16, interlaced, iccp, ztxt, rgba, rgba-opaque, gray-trns, gray, bomb); W and H
the size (default 60 x 30). Every image of one size shows the same picture
(pixel(x, y) below), whatever its colour type, bit depth or interlacing:
the tests compare what a reader draws of one with another.
"""
import random
import struct
import sys
import zlib

SIG = b'\x89PNG\r\n\x1a\n'
# Adam7: (x0, y0, dx, dy) of each pass
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))


def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, interlace))


def pixel(x, y, w, h):
    """The picture: RGB, four colours in quadrants, a dark diagonal."""
    if abs(x * h - y * w) < max(w, h):
        return (20, 30, 40)
    if x < w // 2:
        return (200, 60, 60) if y < h // 2 else (60, 180, 60)
    return (60, 60, 200) if y < h // 2 else (250, 250, 250)


def gray_of(p):
    return p[0]  # a gray picture: the red channel


def rows_bytes(w, h, sample, interlace=False):
    """The filtered rows (filter 0) of sample(x, y) -> bytes, whole or Adam7."""
    if not interlace:
        return b''.join(b'\0' + b''.join(sample(x, y) for x in range(w)) for y in range(h))
    out = []
    for x0, y0, dx, dy in ADAM7:
        xs = range(x0, w, dx)
        if not xs:
            continue
        for y in range(y0, h, dy):
            out.append(b'\0' + b''.join(sample(x, y) for x in xs))
    return b''.join(out)


def packed_rows(w, h, depth, value):
    """Rows of depth-bit samples value(x, y) (0 .. 2**depth - 1), filter 0."""
    out = []
    for y in range(h):
        bits, n, row = 0, 0, bytearray()
        for x in range(w):
            bits = bits << depth | value(x, y)
            n += depth
            if n == 8:
                row.append(bits)
                bits, n = 0, 0
        if n:
            row.append(bits << (8 - n))
        out.append(b'\0' + bytes(row))
    return b''.join(out)


def png(w, h, depth, ctype, data, extra=b'', before_idat=b'', interlace=0):
    return (SIG + ihdr(w, h, depth, ctype, interlace) + before_idat +
            chunk(b'IDAT', zlib.compress(data, 9)) + extra + chunk(b'IEND', b''))


def rgb(w, h, interlace=False):
    return png(w, h, 8, 2, rows_bytes(w, h, lambda x, y: bytes(pixel(x, y, w, h)), interlace),
               interlace=1 if interlace else 0)


def write(kind, w, h, extra):
    if kind == 'rgb':
        return rgb(w, h)
    if kind == 'interlaced':
        return rgb(w, h, interlace=True)
    if kind == 'noise':  # RGB noise (seeded): as large compressed as raw
        rnd = random.Random(1)
        return png(w, h, 8, 2, b''.join(b'\0' + bytes(rnd.getrandbits(8) for _ in range(3 * w))
                                        for _ in range(h)))
    if kind == 'plain':  # one gray, quickly made at any size (1 x 4000000)
        return png(w, h, 8, 0, (b'\0' + b'\x80' * w) * h)
    if kind == 'gray':
        return png(w, h, 8, 0, rows_bytes(w, h, lambda x, y: bytes([gray_of(pixel(x, y, w, h))])))
    if kind == 'gray1':  # 1 bit: black where the picture is dark
        return png(w, h, 1, 0, packed_rows(w, h, 1, lambda x, y: 0 if pixel(x, y, w, h)[0] < 128 else 1))
    if kind in ('rgb16', 'gray16'):
        # each 8-bit value v as the 16-bit v * 257: scaled back to 8 bits it is v
        if kind == 'rgb16':
            return png(w, h, 16, 2, rows_bytes(w, h, lambda x, y: b''.join(
                struct.pack('>H', v * 257) for v in pixel(x, y, w, h))))
        return png(w, h, 16, 0, rows_bytes(w, h, lambda x, y: struct.pack(
            '>H', gray_of(pixel(x, y, w, h)) * 257)))
    if kind in ('palette', 'palette-trns'):
        colours = [(20, 30, 40), (200, 60, 60), (60, 180, 60), (60, 60, 200), (250, 250, 250)]
        plte = chunk(b'PLTE', b''.join(bytes(c) for c in colours))
        trns = chunk(b'tRNS', bytes([255, 255, 255, 255, 0])) if kind == 'palette-trns' else b''
        data = rows_bytes(w, h, lambda x, y: bytes([colours.index(pixel(x, y, w, h))]))
        return png(w, h, 8, 3, data, before_idat=plte + trns)
    if kind == 'gray-trns':  # the white quadrant transparent by a tRNS colour key
        data = rows_bytes(w, h, lambda x, y: bytes([gray_of(pixel(x, y, w, h))]))
        return png(w, h, 8, 0, data, before_idat=chunk(b'tRNS', struct.pack('>H', 250)))
    if kind in ('rgba', 'rgba-opaque'):
        def px(x, y):
            p = pixel(x, y, w, h)
            a = 255 if kind == 'rgba-opaque' or p != (250, 250, 250) else 0
            return bytes(p) + bytes([a])
        return png(w, h, 8, 6, rows_bytes(w, h, px))
    if kind == 'iccp':
        # an iCCP chunk whose profile inflates to EXTRA bytes (default 9 MB:
        # above libpng's default limit of 8 MB for one chunk)
        size = int(extra or 9 * 1000 * 1000)
        iccp = chunk(b'iCCP', b'profile\0\0' + zlib.compress(b'\0' * size, 9))
        return png(w, h, 8, 2, rows_bytes(w, h, lambda x, y: bytes(pixel(x, y, w, h))),
                   before_idat=iccp)
    if kind == 'ztxt':
        # EXTRA zTXt chunks (default 150) of 8 MB of text each, before the image
        n = int(extra or 150)
        text = zlib.compress(b'a' * (8 * 1000 * 1000), 9)
        z = b''.join(chunk(b'zTXt', b'Comment%d\0\0' % i + text) for i in range(n))
        return png(w, h, 8, 2, rows_bytes(w, h, lambda x, y: bytes(pixel(x, y, w, h))),
                   before_idat=z)
    if kind == 'bomb':
        # a gray image whose IDAT goes on after its rows with EXTRA (default
        # 256) blocks of 16 MB of zeros each, 16 KB compressed: 4 GB to
        # inflate for nothing (the blocks are flushed, each the same bytes;
        # the stream's checksum is not made, a reader stops long before)
        c = zlib.compressobj(9)
        head = c.compress(b'\0\x80' * h) + c.flush(zlib.Z_FULL_FLUSH)
        block = c.compress(b'\0' * (16 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
        data = head + block * int(extra or 256) + c.flush()
        return SIG + ihdr(1, h, 8, 0) + chunk(b'IDAT', data) + chunk(b'IEND', b'')
    raise SystemExit('pngs.py: unknown kind %r' % kind)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    kind, out = argv[1], argv[2]
    w = int(argv[3]) if len(argv) > 3 else 60
    h = int(argv[4]) if len(argv) > 4 else 30
    extra = argv[5] if len(argv) > 5 else None
    with open(out, 'wb') as f:
        f.write(write(kind, w, h, extra))


if __name__ == '__main__':
    main(sys.argv)
