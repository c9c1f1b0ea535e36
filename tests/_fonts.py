"""Fonts the plot tests make for themselves, so no test depends on the machine's fonts.

``cjk_font(path)`` writes a TrueType font whose one glyph (a filled square) stands for
every CJK ideograph, CJK punctuation and full-width form: enough for matplotlib to
find Chinese glyphs in it, which is all the plotting code asks of a font.
"""
from __future__ import annotations

from pathlib import Path

FAMILY = "Acm Test CJK Sans"
# CJK symbols and punctuation, ideographs (extension A and the main block), full-width forms.
RANGES = ((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def cjk_font(path: Path, family: str = FAMILY) -> Path:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def square(size):
        pen = TTGlyphPen(None)
        if size:
            pen.moveTo((100, -100))
            pen.lineTo((100, size))
            pen.lineTo((900, size))
            pen.lineTo((900, -100))
            pen.closePath()
        return pen.glyph()

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "box"])
    fb.setupCharacterMap({cp: "box" for lo, hi in RANGES for cp in range(lo, hi + 1)})
    fb.setupGlyf({".notdef": square(0), "box": square(800)})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "box": (1000, 100)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return Path(path)
