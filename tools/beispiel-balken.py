# tools/beispiel-balken.py OUT.png: the bar chart of xml/beispiel-bericht.xml (invented
# numbers), an 8-bit RGB PNG written with zlib alone.
import struct, zlib, sys
W, H = 600, 300
px = [[(255, 255, 255)] * W for _ in range(H)]
def rect(x0, y0, x1, y1, c):
    for y in range(max(0, y0), min(H, y1)):
        row = px[y]
        for x in range(max(0, x0), min(W, x1)):
            row[x] = c
rect(40, 20, 42, 270, (0, 0, 0))          # y axis
rect(40, 268, 580, 270, (0, 0, 0))        # x axis
for g in range(1, 5):                      # grid lines
    rect(42, 268 - g * 50, 580, 269 - g * 50, (200, 200, 200))
vals = [120, 150, 170, 160, 210, 235]
for i, v in enumerate(vals):
    x = 70 + i * 85
    rect(x, 268 - v, x + 50, 268, (40, 90, 160))
raw = b''.join(b'\0' + bytes(c for p in row for c in p) for row in px)
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
