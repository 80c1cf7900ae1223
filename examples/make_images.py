"""Draw the example site's pictures (images/notas/*.png) with the standard library.

Run from anywhere: ``python examples/make_images.py``.  Each picture is a
320x200 RGB PNG made of simple shapes, written with zlib and struct only.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 320, 200
OUT = Path(__file__).resolve().parent / "images" / "notas"


def png_bytes(pixels: list[list[tuple[int, int, int]]]) -> bytes:
    """Encode rows of (r, g, b) tuples as a PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    t = min(1.0, max(0.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def canvas(color: tuple[int, int, int]) -> list[list[tuple[int, int, int]]]:
    return [[color] * WIDTH for _ in range(HEIGHT)]


def sunset() -> list[list[tuple[int, int, int]]]:
    """A vertical sky gradient, a sun and a flat sea."""
    img = canvas((0, 0, 0))
    for y in range(HEIGHT):
        sky = blend((40, 60, 140), (250, 160, 90), y / 130)
        for x in range(WIDTH):
            img[y][x] = sky if y < 130 else (30, 70, 110)
    for y in range(HEIGHT):
        for x in range(WIDTH):
            if y < 130 and (x - 160) ** 2 + (y - 120) ** 2 < 38**2:
                img[y][x] = (255, 220, 120)
    return img


def beaker() -> list[list[tuple[int, int, int]]]:
    """A lab flask: a trapezoid of green liquid on a pale background."""
    img = canvas((236, 240, 232))
    for y in range(40, 180):
        half = 18 if y < 90 else 18 + (y - 90) * 0.7
        for x in range(WIDTH):
            inside = abs(x - 160) <= half
            edge = abs(abs(x - 160) - half) < 2 or y in (40, 179)
            if inside and edge:
                img[y][x] = (60, 60, 70)
            elif inside and y > 120:
                img[y][x] = (90, 190, 120)
    return img


def rings() -> list[list[tuple[int, int, int]]]:
    """Concentric rings, like growth rings of a cut tree trunk."""
    img = canvas((0, 0, 0))
    for y in range(HEIGHT):
        for x in range(WIDTH):
            r = math.hypot(x - 160, y - 100)
            t = round((math.sin(r / 6) + 1) * 1.5) / 3  # four flat shades
            img[y][x] = blend((120, 80, 40), (210, 170, 110), t) if r < 95 else (245, 238, 225)
    return img


def bars() -> list[list[tuple[int, int, int]]]:
    """A small bar chart on a white background."""
    img = canvas((255, 255, 255))
    heights = [60, 110, 85, 150, 40]
    colors = [(66, 133, 244), (219, 68, 55), (244, 180, 0), (15, 157, 88), (150, 80, 200)]
    for i, (h, c) in enumerate(zip(heights, colors)):
        x0 = 30 + i * 56
        for y in range(180 - h, 180):
            for x in range(x0, x0 + 40):
                img[y][x] = c
    for x in range(20, 300):
        img[180][x] = (40, 40, 40)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("atardecer", sunset), ("matraz", beaker), ("anillos", rings), ("barras", bars)):
        path = OUT / f"{name}.png"
        path.write_bytes(png_bytes(draw()))
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
