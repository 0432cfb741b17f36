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


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib import font_manager

    return frozenset(font_manager.get_font([path]).get_charmap())


def check_glyphs(figure, chart: str, style_files: tuple[Path, ...]) -> None:
    """Every text the figure drew, against the fonts matplotlib chose for it under the style.

    Uses the same lookup as the Agg renderer (font_manager._find_fonts_by_props), so a
    style that switches to a font without Chinese glyphs fails here, naming the text.
    """
    from matplotlib import font_manager

    for text in _texts(figure):
        paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
        charmap = frozenset().union(*(_charmap(str(p)) for p in paths))
        missing = list(dict.fromkeys(ch for ch in text.get_text() if ord(ch) not in charmap and not ch.isspace()))
        if missing:
            families = ", ".join(font_manager.get_font([p]).family_name for p in paths)
            styles = ", ".join(str(f) for f in style_files) or "matplotlib defaults"
            raise BuildError(f"chart {chart}: the font {families} has no glyph for {''.join(missing)!r} "
                             f"in {text.get_text()!r} (chart style: {styles}; use a font with these characters, "
                             f"such as the bundled Noto Sans SC)")


def _texts(figure) -> list:
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


def layout_problems(figure) -> list[str]:
    """Texts of a drawn figure that overlap one another or run off its edge: what a reader would see as broken."""
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    boxes = [(t, t.get_window_extent(renderer)) for t in _texts(figure)]
    problems = [f"cut off: {t.get_text()!r}" for t, b in boxes
                if b.x0 < page.x0 - 1 or b.y0 < page.y0 - 1 or b.x1 > page.x1 + 1 or b.y1 > page.y1 + 1]
    for n, (first, a) in enumerate(boxes):
        for second, b in boxes[n + 1:]:
            if a.overlaps(b) and _overlap_area(a, b) > 4:
                problems.append(f"overlap: {first.get_text()!r} and {second.get_text()!r}")
    return problems


def _overlap_area(a, b) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)
