"""Where a chart's texts go once the layout has sized its axes, and the check that none of them collides.

Every placement here measures the real extents the renderer gives (not estimates), so a
longer name, a larger type or a narrower page moves a legend or thins the ticks instead
of printing one text over another.
"""

from __future__ import annotations

import math

from briefing.enrich.charts import em_width

UNIT_GAP = 3  # points between the top of the plot and the unit written over its value axis
LEGEND_GAP = 2  # points between the unit and a legend stacked over it
BESIDE_GAP = 8  # points that must stay free between the unit and a legend on its line
TICK_GAP = 0.6  # of a year label's own width, kept free between two year labels


def offset(ax, points: float):
    """The axes' own coordinates moved up by some points: a place over the plot that no layout changes."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transAxes + ScaledTranslation(0, points / 72, ax.figure.dpi_scale_trans)


def unit_label(ax, text: str):
    """The unit over the top of the value axis, level, as Chinese statistical charts place it; its Text."""
    ax.set_ylabel(text, rotation=0, ha="left", va="bottom")
    ax.yaxis.set_label_coords(0, 1, transform=offset(ax, UNIT_GAP))
    return ax.yaxis.label


def place_legend(ax, handles: list, labels: list[str], wrap, **style):
    """A legend over the plot: on the unit's line at the right when it fits there, else on a line of its own over
    the unit; in as many columns as the plot's width holds. `wrap(text, ems)` fits a name to a width. Call once
    the layout has sized the axes (figure.draw_without_rendering()): a legend no wider than its axes leaves
    their widths as they are."""
    figure = ax.figure
    renderer = figure.canvas.get_renderer()
    width = ax.get_window_extent(renderer).width
    size = _font_points(style.get("fontsize", "small"))
    names = [wrap(label, max(width * 72 / figure.dpi / size - 3.5, 4)) for label in labels]
    for ncols in range(len(names), 0, -1):
        legend = ax.legend(handles, names, ncols=ncols, loc="lower right", bbox_to_anchor=(1, 1),
                           bbox_transform=offset(ax, UNIT_GAP), borderaxespad=0, borderpad=0, frameon=False,
                           handlelength=1.5, columnspacing=1.2, **style)
        box = legend.get_window_extent(renderer)
        if box.width <= width or ncols == 1:
            break
    unit = ax.yaxis.label.get_window_extent(renderer)
    if unit.width and box.x0 < unit.x1 + BESIDE_GAP * figure.dpi / 72:
        above = UNIT_GAP + unit.height * 72 / figure.dpi + LEGEND_GAP
        legend.set_loc("lower left")
        legend.set_bbox_to_anchor((0, 1), transform=offset(ax, above))
    return legend


def year_ticks(ax, years: list[float], size: str) -> None:
    """Every year when the plot's width shows them apart, else every second, fifth …: whole years, the latest
    always among them (call once the layout has sized the axes and the x limits are set)."""
    figure = ax.figure
    width_pt = ax.get_window_extent(figure.canvas.get_renderer()).width * 72 / figure.dpi
    low, high = ax.get_xlim()
    year_pt = width_pt / max(high - low, 1e-9)  # the distance of two years on the axis
    label_pt = 4 * 0.56 * _font_points(size)
    step = next(s for s in (1, 2, 3, 4, 5, 10, 20, 50, 100, len(years) or 1) if s * year_pt >= label_pt * (1 + TICK_GAP))
    marked = years[::-1][::step][::-1]
    ax.set_xticks(marked, [f"{y:.0f}" for y in marked])
    ax.xaxis.set_minor_locator(_no_ticks())


def period_ticks(ax, ticks, size: str) -> None:
    """The labels of periods at 0, 1, 2 … (months, quarters; ChartPlan.ticks): every one the plot's width shows
    apart, else every second, third …, the latest always among them; the year said on the first label shown and
    where it changes (2024年6月, 8月 … 2025年2月), so thinning never hides which year a label is of."""
    figure = ax.figure
    width_pt = ax.get_window_extent(figure.canvas.get_renderer()).width * 72 / figure.dpi
    low, high = ax.get_xlim()
    step_pt = width_pt / max(high - low, 1e-9)  # the distance of two periods on the axis
    widest = max((em_width(full) for _, _, full in ticks), default=1) * _font_points(size)
    step = next((s for s in range(1, len(ticks) + 1) if s * step_pt >= widest * (1 + TICK_GAP)), len(ticks) or 1)
    marked = list(range(len(ticks)))[::-1][::step][::-1]
    years = [ticks[n][0][:4] for n in marked]
    labels = [ticks[n][2] if i == 0 or years[i] != years[i - 1] else ticks[n][1] for i, n in enumerate(marked)]
    ax.set_xticks(marked, labels)
    ax.xaxis.set_minor_locator(_no_ticks())


def _no_ticks():
    from matplotlib.ticker import NullLocator

    return NullLocator()


def _font_points(size) -> float:
    import matplotlib
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=matplotlib.rcParams.get(size, size)).get_size_in_points()


# ------------------------------------------------------------------ the check


def layout_problems(figure) -> list[str]:
    """What a reader would see as broken in a drawn figure: a text or legend over another, a text over the plot's
    marks (lines, markers, bars) or, outside the plot, over the plot itself, a text off the page."""
    from briefing.render.charts.fonts import visible_texts

    renderer = figure.canvas.get_renderer()
    legends = [legend for legend in _legends(figure) if legend.get_visible()]
    in_legend = {id(t) for legend in legends for t in legend.get_texts()}
    texts = [t for t in visible_texts(figure) if id(t) not in in_legend]
    boxes = [(repr(t.get_text()), t.get_window_extent(renderer), t) for t in texts]
    boxes += [(f"legend {[t.get_text() for t in legend.get_texts()]}", legend.get_window_extent(renderer), legend)
              for legend in legends]
    page = figure.bbox
    problems = [f"cut off: {name}" for name, b, _ in boxes
                if b.x0 < page.x0 - 1 or b.y0 < page.y0 - 1 or b.x1 > page.x1 + 1 or b.y1 > page.y1 + 1]
    for n, (first, a, _) in enumerate(boxes):
        for second, b, _ in boxes[n + 1:]:
            if _overlap_area(a, b) > 4:
                problems.append(f"overlap: {first} and {second}")
    for name, box, artist in boxes:
        problems += [f"{name} over {what}" for what in _covers(figure, artist, box)]
    return problems


def _legends(figure) -> list:
    return list(figure.legends) + [ax.get_legend() for ax in figure.axes if ax.get_legend() is not None]


def _covers(figure, artist, box) -> list[str]:
    """What of the plots a text's box covers: the plot area, for a text outside it (titles, units, ticks,
    legends); the marks drawn in it (lines, markers, bars), for a text inside it (values, names)."""
    inner = box.shrunk(0.9, 0.9) if box.width > 2 and box.height > 2 else box  # anti-aliased edges touch
    found = []
    for ax in figure.axes:
        if artist.axes is ax and _inside(artist):
            found += [f"a line of {ax.get_ylabel() or 'the plot'}" for line in ax.lines
                      if line.get_gid() != "guide" and _crosses(line, inner)]
            found += ["a bar" for bar in ax.patches if bar.get_visible() and bar.get_gid() != "track"
                      and _overlap_area(bar.get_window_extent(), inner) > 4]
        elif not _inside(artist) and _overlap_area(ax.get_window_extent(), inner) > 4:
            found.append("the plot")
    return found


def _inside(artist) -> bool:
    """Whether a text belongs inside its axes' plot (a value, a name over a bar), not around it."""
    from matplotlib.legend import Legend

    if artist.axes is None or isinstance(artist, Legend):
        return False
    ax = artist.axes
    around = {id(ax.yaxis.label), id(ax.xaxis.label), id(ax.title), id(ax._left_title), id(ax._right_title)}
    around |= {id(t.label1) for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks() + axis.get_minor_ticks()}
    around |= {id(t.label2) for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks() + axis.get_minor_ticks()}
    return id(artist) not in around


def _crosses(line, box) -> bool:
    """Whether a drawn line or its markers pass through a box (display coordinates), sampled every pixel."""
    import numpy as np

    if not line.get_visible():
        return False
    points = line.get_transform().transform(np.column_stack(line.get_data()))
    reach = (line.get_markersize() / 2 if line.get_marker() not in (None, "None", "") else 0) * line.figure.dpi / 72
    if any(box.x0 - reach < x < box.x1 + reach and box.y0 - reach < y < box.y1 + reach for x, y in points):
        return True
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        steps = max(int(math.hypot(x1 - x0, y1 - y0)), 1)
        for k in range(steps + 1):
            x, y = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
            if box.x0 < x < box.x1 and box.y0 < y < box.y1:
                return True
    return False


def _overlap_area(a, b) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)
