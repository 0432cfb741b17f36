"""Fonts of charts: the bundled faces registered, and every drawn text checked for its glyphs and its place."""

from __future__ import annotations

from functools import lru_cache

from pathlib import Path

from briefing.errors import BuildError

@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Make the bundled Noto Sans SC and Noto Serif SC known to matplotlib (pip installs them; no system font needed)."""
    import pylopdf_fonts_zh_cn
    from matplotlib import font_manager

    for path in (pylopdf_fonts_zh_cn.sans_path(), pylopdf_fonts_zh_cn.serif_path()):
        font_manager.fontManager.addfont(str(path))


def fonts_known() -> str:
    """The fonts matplotlib can draw with (the bundled ones registered) and its version: what a chart drawn
    before was drawn with, for the cache of drawn charts."""
    import matplotlib
    from matplotlib import font_manager

    register_fonts()
    return repr((matplotlib.__version__, sorted(f.fname for f in font_manager.fontManager.ttflist)))


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib import font_manager

    return frozenset(font_manager.get_font([path]).get_charmap())


STAND_INS = "\u3013\u25a1?"  # drawn for a character no bundled font has: the printer's geta mark first, a box


def bundled_fonts() -> tuple[str, ...]:
    """The faces briefing itself installs: the Noto SC pair (pip), then matplotlib's DejaVu pair."""
    import pylopdf_fonts_zh_cn
    from matplotlib import font_manager

    return (str(pylopdf_fonts_zh_cn.sans_path()), str(pylopdf_fonts_zh_cn.serif_path()),
            font_manager.findfont("DejaVu Sans"), font_manager.findfont("DejaVu Serif"))


def check_glyphs(figure, chart: str, style_files: tuple[Path, ...]) -> list[str]:
    """Every text the figure drew, against the fonts matplotlib chose for it under the style (the same lookup as
    the Agg renderer, font_manager._find_fonts_by_props, with its fallback along the family list).

    A character that a bundled font has but the style's fonts lack is the style's fault: an error naming the
    text and the style. A character no bundled font has (a rare CJK extension character, a script briefing does
    not ship) is drawn as a stand-in (the geta mark U+3013) instead, and the characters so replaced are returned, for a warning: one
    glyph never fails a build. Call after drawing; draw again when something was replaced.
    """
    from matplotlib import font_manager

    replaced: list[str] = []
    for text in visible_texts(figure):
        paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
        charmap = frozenset().union(*(_charmap(str(p)) for p in paths))
        missing = list(dict.fromkeys(ch for ch in text.get_text() if ord(ch) not in charmap and not ch.isspace()))
        unknown = [ch for ch in missing if not any(ord(ch) in _charmap(f) for f in bundled_fonts())]
        ours = [ch for ch in missing if ch not in unknown]
        if ours:
            families = ", ".join(font_manager.get_font([p]).family_name for p in paths)
            styles = ", ".join(str(f) for f in style_files) or "matplotlib defaults"
            raise BuildError(f"chart {chart}: the font {families} has no glyph for {''.join(ours)!r} "
                             f"in {text.get_text()!r} (chart style: {styles}; use a font with these characters, "
                             f"such as the bundled Noto Sans SC)")
        if unknown:
            stand_in = next((ch for ch in STAND_INS if ord(ch) in charmap), "?")
            text.set_text("".join(stand_in if ch in unknown else ch for ch in text.get_text()))
            replaced += [ch for ch in unknown if ch not in replaced]
    return replaced


def visible_texts(figure) -> list:
    """The texts a drawn figure shows: visible and not empty, leaving out tick labels it did not draw."""
    from matplotlib.text import Text

    undrawn = _undrawn_tick_labels(figure)
    return [t for t in figure.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in undrawn]


def _undrawn_tick_labels(figure) -> set[int]:
    """Tick labels that exist as objects but are not drawn: spare ticks, and ticks beyond the view limits."""
    undrawn: set[int] = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            locations = list(axis.get_majorticklocs())
            ticks = axis.get_major_ticks(len(locations))
            for tick in ticks + axis.majorTicks[len(locations):] + axis.minorTicks:
                shown = tick in ticks and low - 1e-9 <= tick.get_loc() <= high + 1e-9
                if not shown:
                    undrawn.update({id(tick.label1), id(tick.label2)})
    return undrawn
