#!/usr/bin/env python3
"""Draws Clinic's icon (a white cross on a rounded teal square) into icons/, using only the stdlib.

Run from the repository root: `python3 scripts/make-icons.py`. The PNG/ICO files it writes are committed,
so builds never need this script; it is kept so the icon can be redrawn at other sizes.
"""
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "icons"
SAMPLES = 4  # supersampling per axis, for smooth edges


def coverage(x, y, size):
    """Returns (background alpha, cross alpha) at point (x, y) in a size×size square."""
    s = size
    margin = s * 0.06
    radius = s * 0.22
    # rounded square
    lo, hi = margin, s - margin
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    inside_bg = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 and lo <= x <= hi and lo <= y <= hi
    # plus sign
    arm = s * 0.095  # half the bar width
    reach = s * 0.27  # half the bar length
    mid = s / 2
    in_cross = (abs(x - mid) <= arm and abs(y - mid) <= reach) or (abs(y - mid) <= arm and abs(x - mid) <= reach)
    return inside_bg, in_cross and inside_bg


def render(size):
    top = (20, 160, 150)  # teal, lighter at the top
    bottom = (13, 110, 110)
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            bg = cross = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = px + (sx + 0.5) / SAMPLES
                    y = py + (sy + 0.5) / SAMPLES
                    b, c = coverage(x, y, size)
                    bg += b
                    cross += c
            n = SAMPLES * SAMPLES
            a_bg, a_cross = bg / n, cross / n
            t = py / max(size - 1, 1)
            base = [round(top[i] * (1 - t) + bottom[i] * t) for i in range(3)]
            if a_bg == 0:
                row += bytes(4)
                continue
            # white cross over the teal square; the square's edge fades out
            w = a_cross / a_bg
            color = [round(base[i] * (1 - w) + 255 * w) for i in range(3)]
            row += bytes(color + [round(255 * a_bg)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    """An ICO file whose entries are PNG images (supported since Windows Vista)."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def main():
    OUT.mkdir(exist_ok=True)
    cache = {}
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        cache[size] = render(size)
        (OUT / name).write_bytes(cache[size])
    for size in (16, 24, 48, 64):
        cache[size] = render(size)
    (OUT / "icon.ico").write_bytes(ico([(s, cache[s]) for s in (16, 24, 32, 48, 64, 128, 256)]))


if __name__ == "__main__":
    main()
