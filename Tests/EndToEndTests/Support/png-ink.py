#!/usr/bin/env python3
"""Prints a PNG's width, how much of it is not white (per mille) and how many pixels are near the report's
blue (#1f5f9e) and orange (#a6500a). Standard library only: zlib and the PNG filters of RFC 2083."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour, _, _, interlace = header
assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
bpp = 3 if colour == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
previous = bytearray(stride)
ink = blue = orange = 0
offset = 0
for _ in range(height):
    kind = raw[offset]
    line = bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + a) & 255
        elif kind == 2:
            line[i] = (line[i] + b) & 255
        elif kind == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if r < 235 or g < 235 or bl < 235:
            ink += 1
        if abs(r - 0x1F) < 12 and abs(g - 0x5F) < 12 and abs(bl - 0x9E) < 12:
            blue += 1
        if abs(r - 0xA6) < 12 and abs(g - 0x50) < 12 and abs(bl - 0x0A) < 12:
            orange += 1
    previous = line
print(f"width={width}")
print(f"height={height}")
print(f"ink_permille={ink * 1000 // (width * height)}")
print(f"blue={blue}")
print(f"orange={orange}")
