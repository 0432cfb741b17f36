"""Drawing: each audience's chart style turns the plans into PNGs; the same plan and style give the same bytes.

draw_charts() draws the plans once per distinct style among the audiences, so audiences
that look alike share one drawing. Every text of a drawn chart is checked against the
fonts matplotlib actually used for it: a missing glyph is an error that names the text,
never a box in a briefing.
"""

from __future__ import annotations

import io
import json
import math
import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import cache, languages
from briefing.languages.base import Words
from briefing.languages.common import NO_LINE_START, PERCENT_SIGNS
from briefing.enrich.charts import LINE, PAIR, RATE, SHARE, axis_of, common_region, em_width, share_name
from briefing.model import Audience, Chart, ChartPlan, Panel, Series
from briefing.render.charts.fonts import STAND_INS, check_glyphs, fonts_known, register_fonts
from briefing.render.charts.layout import period_ticks, place_legend, unit_label, year_ticks
from briefing.render.charts.style import ChartStyle, load_style


class GlyphWarning(UserWarning):
    """A character no bundled font has, drawn as a stand-in: the build goes on and says which."""

def draw_charts(plans: tuple[ChartPlan, ...], audiences: list[Audience], folder: Path) -> tuple[Chart, ...]:
    """Each distinct style among the audiences draws, once, the charts its audiences show.

    A chart lists the audiences that show it (their max_charts applied), so two
    audiences with one style get the very same PNG.
    """
    by_style: dict[str, tuple[ChartStyle, list[Audience]]] = {}
    styles = {template: load_style(template) for template in dict.fromkeys(a.template for a in audiences)}
    for audience in audiences:
        style = styles[audience.template]
        by_style.setdefault(style.id, (style, []))[1].append(audience)
    charts: list[Chart] = []
    for style, members in by_style.values():
        for index, plan in enumerate(plans):
            shown = tuple(a.name for a in members if a.max_charts is None or index < a.max_charts)
            if shown:
                charts.append(replace(draw(plan, style, folder / style.id), audiences=shown))
    return tuple(charts)


def draw(plan: ChartPlan, style: ChartStyle, folder: Path) -> Chart:
    """Draw one chart in one style to folder/<key>.png; the same plan and style give the same bytes."""
    picture = drawn(plan, style)
    if picture.replaced:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in picture.replaced)
        warnings.warn(GlyphWarning(f"chart {plan.key} “{plan.title}”: no bundled font has {shown}; drawn as {STAND_INS[0]} "
                                   f"in the chart (the digest and the Word briefing keep the text as written)"), stacklevel=2)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.key}.png"
    path.write_bytes(picture.png)
    return Chart(key=plan.key, path=path, filename=f"charts/{plan.key}.png", title=plan.title, caption=plan.caption,
                 series=plan.names, kind=plan.kind, units=plan.units, period=plan.period, source=plan.source,
                 style=style.id, width_in=picture.width_in, height_in=picture.height_in)


@dataclass(frozen=True)
class Picture:
    """A drawn chart: its PNG, its size, and the characters drawn as stand-ins."""

    png: bytes
    width_in: float
    height_in: float
    replaced: tuple[str, ...] = ()

    def dumps(self) -> bytes:
        head = {"width_in": self.width_in, "height_in": self.height_in, "replaced": list(self.replaced)}
        return json.dumps(head, ensure_ascii=False).encode() + b"\n" + self.png

    @classmethod
    def loads(cls, data: bytes) -> "Picture | None":
        head, _, png = data.partition(b"\n")
        try:
            fields = json.loads(head)
            return cls(png, float(fields["width_in"]), float(fields["height_in"]), tuple(fields["replaced"]))
        except (ValueError, KeyError, TypeError):
            return None


def drawn(plan: ChartPlan, style: ChartStyle) -> Picture:
    """The chart of a plan in a style: from the user's cache when this plan was drawn in this style, with these
    fonts and this code, before (briefing.cache); else drawn, and kept."""
    entry = cache.key("chart", repr(plan), repr(sorted((k, repr(v)) for k, v in style.rc.items())), fonts_known())
    stored = cache.read(CHARTS, entry)
    picture = Picture.loads(stored) if stored is not None else None
    if picture is None:
        picture = _draw_png(plan, style)
        cache.write(CHARTS, entry, picture.dumps())
    return picture


CHARTS = "charts"  # the cache's folder of drawn charts


def _draw_png(plan: ChartPlan, style: ChartStyle) -> Picture:
    import matplotlib.style

    with matplotlib.style.context(style.rc, after_reset=True), warnings.catch_warnings():
        # check_glyphs below names the text and the font; matplotlib's own warning per glyph would only print
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        figure = draw_figure(plan, style)
        png = io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None})
        replaced = check_glyphs(figure, plan.key, style.files)
        if replaced:  # drawn again with the stand-ins
            png = io.BytesIO()
            figure.savefig(png, format="png", metadata={"Software": None})
    width, height = figure.get_size_inches()
    return Picture(png.getvalue(), round(float(width), 3), round(float(height), 3), tuple(replaced))


def draw_figure(plan: ChartPlan, style: ChartStyle):
    """The matplotlib Figure of a plan, under the style's settings (call inside its rc context)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    register_fonts()
    words = languages.get(plan.language).words
    height = _share_height(plan) if plan.kind in (SHARE, RATE) else style.height
    figure = Figure(figsize=(style.width, height), layout="constrained")
    FigureCanvasAgg(figure)
    figure.get_layout_engine().set(h_pad=0.06, w_pad=0.06, hspace=0.02, wspace=0.08)
    figure.suptitle(_wrap(plan.title, _ems(style.width, "figure.titlesize")), x=0.005, ha="left")
    figure.supxlabel(_wrap(plan.source, _ems(style.width, "x-small")), x=0.005, ha="left",
                     fontsize="x-small", color="#555555")
    {PAIR: _draw_pairs, LINE: _draw_lines, SHARE: _draw_shares, RATE: _draw_shares}[plan.kind](figure, plan, style, words)
    return figure


def _colours() -> list[str]:
    """The style's colour cycle: earlier period or track first, highlight second, then further series."""
    import matplotlib

    colours = list(matplotlib.rcParams["axes.prop_cycle"].by_key().get("color", []))
    return colours + ["#9e9e9e", "#b71c1c", "#1f4e79", "#e08e0b"][len(colours):]


def _points(size: str | float) -> float:
    """A font size of the style (a name such as "small", or rcParams key such as "xtick.labelsize") in points."""
    import matplotlib
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=matplotlib.rcParams.get(size, size)).get_size_in_points()


def _ems(width_in: float, size: str | float) -> float:
    """How many ems of type of this size fit in this width."""
    return width_in * 72 / _points(size)


def _unit_axis(ax, panel: Panel, words: Words) -> None:
    """The unit over the top of the value axis, level, as Chinese statistical charts place it; a percentage
    says what it is a percentage of (a share, a growth), never only "%"."""
    measure = axis_of(panel.series[0])[1]
    label = {SHARE: words.charts["share_axis"], "growth": words.charts["growth_axis"]}.get(measure)
    unit_label(ax, label or words.charts["unit"].format(unit=panel.unit))
    ax.yaxis.set_major_formatter(_number_formatter())


def _number_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: _number(value))


def _draw_pairs(figure, plan: ChartPlan, style: ChartStyle, words: Words) -> None:
    """Grouped bars, the earlier period muted and the later one in the highlight colour; the change under each name."""
    colours = _colours()
    ratios = [len(p.series) + 0.5 for p in plan.panels]
    axes = figure.subplots(1, len(plan.panels), squeeze=False, gridspec_kw={"width_ratios": ratios})[0]
    start, end = plan.panels[0].series[0].points[0].period, plan.panels[0].series[0].points[-1].period
    for ax, panel, ratio in zip(axes, plan.panels, ratios):
        group_width = style.width * 0.72 * ratio / sum(ratios) / len(panel.series)
        positions = range(len(panel.series))
        for offset, colour, index, period in ((-0.2, colours[0], 0, start), (0.2, colours[1], -1, end)):
            values = [s.points[index].value for s in panel.series]
            bars = ax.bar([x + offset for x in positions], values, width=0.38, color=colour,
                          label=_full_label(plan, period) or words.periods["year"].format(year=period))
            ax.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize="small")
        ax.set_xticks(list(positions), [_tick(s, group_width, words) for s in panel.series])
        ax.tick_params(axis="x", length=0)
        _unit_axis(ax, panel, words)
        ax.set_xlim(-0.75, len(panel.series) - 0.25)  # as wide as its width ratio: bars alike in every panel
        ax.margins(y=0.16)
        ax.grid(axis="x", visible=False)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.draw_without_rendering()  # the widths the layout gives the axes, which the legend needs
    place_legend(axes[-1], handles, labels, _wrap, fontsize="small")  # one legend serves: the periods


def _tick(series: Series, width_in: float, words: Words) -> str:
    """The series name wrapped to its group's width, and its change under it (a rate's in percentage points)."""
    name = _wrap(series.name, _ems(width_in, "xtick.labelsize"))
    if series.pct_change is not None:
        return f"{name}\n{series.pct_change:+.1f}%"
    if series.change is not None and series.unit.strip() in PERCENT_SIGNS:
        return f"{name}\n" + words.charts["points"].format(change=f"{series.change:+.1f}")
    return name


def _draw_lines(figure, plan: ChartPlan, style: ChartStyle, words: Words) -> None:
    """A line per series, a marker per year; the first and the last value written at the ends. Each series has
    its own colour over the whole chart, so a colour means one indicator in every panel."""
    colours = _colours()
    axes = figure.subplots(1, len(plan.panels), squeeze=False)[0]
    every = [s for p in plan.panels for s in p.series]
    colour = {id(s): _line_colour(colours, n) for n, s in enumerate(every)}
    at = {tick[0]: float(n) for n, tick in enumerate(plan.ticks)}  # months, quarters …: evenly, in order
    for ax, panel in zip(axes, plan.panels):
        for s in panel.series:
            ax.plot(_xs(s, at), [p.value for p in s.points], marker="o", markersize=3.5, linewidth=1.8,
                    color=colour[id(s)], label=s.name)
        _unit_axis(ax, panel, words)
        _value_limits(ax, panel)
        ax.set_xticks(_years(panel, at), [f"{y:.0f}" for y in _years(panel, at)])
    if len(every) > 1:
        figure.draw_without_rendering()  # the widths the layout gives the axes, which the legends need
        for ax in axes:
            place_legend(ax, *ax.get_legend_handles_labels(), _wrap, fontsize="small")
    figure.draw_without_rendering()  # the layout gives each axes its size, which the ticks and labels need
    for ax, panel in zip(axes, plan.panels):
        _pad_for_end_labels(ax, panel, at)
        if plan.ticks:
            period_ticks(ax, plan.ticks, "xtick.labelsize")
        else:
            year_ticks(ax, _years(panel, at), "xtick.labelsize")
        _end_labels(ax, panel, colour, at)
        if len(panel.series) == 1:
            _extreme_labels(ax, panel.series[0], colour[id(panel.series[0])], at)


def _full_label(plan: ChartPlan, period: str) -> str:
    """A period of a chart of months or quarters, its year said (2025年一季度), for a legend; "" for a year."""
    return next((full for tick, _, full in plan.ticks if tick == period), "")


def _line_colour(colours: list[str], number: int) -> str:
    return colours[1 + number % (len(colours) - 1)]


def _xs(series: Series, at: dict[str, float] | None = None) -> list[float]:
    """Where each point stands on the x axis: a year at its number, another period at its place in the plan's ticks."""
    at = at or {}
    return [float(p.period) if re.fullmatch(r"\d{4}", p.period) else at.get(p.period, n)
            for n, p in enumerate(series.points)]


def _years(panel: Panel, at: dict[str, float] | None = None) -> list[float]:
    return sorted({x for s in panel.series for x in _xs(s, at)})


def _value_limits(ax, panel: Panel) -> None:
    """Room over and under the lines for the values written at their points; a zero line where gain turns to loss."""
    values = [p.value for s in panel.series for p in s.points]
    low, high = min(values), max(values)
    room = (high - low) * 0.15 or abs(high) * 0.1 or 1
    ax.set_ylim(low - room, high + room)
    if low < 0 < high:
        ax.axhline(0, color="#777777", linewidth=0.8, zorder=1, gid="guide")


def _pad_for_end_labels(ax, panel: Panel, at: dict[str, float] | None = None) -> None:
    """Room inside the axes, left and right, for the values written at the ends of the lines (from the width the
    layout gave the axes)."""
    values = [p.value for s in panel.series for p in s.points]
    widest = max(em_width(_number(v)) for v in values) * _points("small") / 72 + 0.1
    xs = _years(panel, at)
    span = (max(xs) - min(xs)) or 1
    share = min(0.3, widest / max(ax.get_window_extent().width / ax.figure.dpi, 0.5))
    pad = span * share / (1 - 2 * share)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)


def _end_labels(ax, panel: Panel, colour: dict[int, str], at: dict[str, float] | None = None) -> None:
    """The first and last values, beside their points, nudged apart where they would overlap."""
    height_pt = ax.get_window_extent().height * 72 / ax.figure.dpi
    low, high = ax.get_ylim()
    gap = _points("small") * 1.2 / height_pt  # one line of small type, in axes fractions
    for end, ha, dx in ((0, "right", -5), (-1, "left", 5)):
        points = sorted(((s.points[end].value - low) / (high - low), n, s) for n, s in enumerate(panel.series))
        for (fraction, number, s), target in zip(points, _spread([f for f, _, _ in points], gap)):
            ax.annotate(_number(s.points[end].value), xy=(_xs(s, at)[end], s.points[end].value),
                        xytext=(dx, (target - fraction) * height_pt), textcoords="offset points",
                        ha=ha, va="center", fontsize="small", color=colour[id(s)])


def _extreme_labels(ax, series: Series, colour: str, at: dict[str, float] | None = None) -> None:
    """The highest and the lowest value, when they fall between the ends: above and below their points."""
    inner = series.points[1:-1]
    if not inner:
        return
    xs = _xs(series, at)[1:-1]
    for pick, dy, va in ((max, 5, "bottom"), (min, -5, "top")):
        point = pick(inner, key=lambda p: p.value)
        if pick(p.value for p in series.points) != point.value:
            continue
        ax.annotate(_number(point.value), xy=(xs[inner.index(point)], point.value), xytext=(0, dy),
                    textcoords="offset points", ha="center", va=va, fontsize="small", color=colour)


def _spread(fractions: list[float], gap: float) -> list[float]:
    """Sorted positions moved apart to at least `gap`, kept below 1 where there is room."""
    placed: list[float] = []
    for f in fractions:
        placed.append(max(f, placed[-1] + gap) if placed else f)
    overflow = placed[-1] - 1 if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for n in range(len(placed) - 2, -1, -1):
            placed[n] = min(placed[n], placed[n + 1] - gap)
    return placed


def _share_height(plan: ChartPlan) -> float:
    """A row per share (its name above a bar), plus title, axis and source note."""
    return round(_points("font.size") / 72 * (7.5 + 3.0 * len(plan.shares)), 2)


def _draw_shares(figure, plan: ChartPlan, style: ChartStyle, words: Words) -> None:
    """Each share a bar against a 100% track (a rate, a bar on its own scale), its name above it and its value at
    its end."""
    colours = _colours()
    ax = figure.subplots()
    rows = range(len(plan.shares))
    values = [i.normalized_value for i in plan.shares]
    top = 100 if plan.kind == SHARE or 100 >= max(values) > 80 else _nice_top(max(values))  # a rate past 80%: of 100
    if plan.kind == SHARE:
        ax.barh(rows, [100] * len(plan.shares), height=0.42, color=colours[0], alpha=0.25, gid="track")
    ax.barh(rows, values, height=0.42, color=colours[1])
    for row, indicator, value in zip(rows, plan.shares, values):  # past the track's end if need be: the layout makes room
        ax.annotate(f"{indicator.value}%", xy=(value, row), xytext=(3, 0), textcoords="offset points", ha="left",
                    va="center", fontsize="small")
    region = common_region(plan.shares)  # said once, in the title
    for row, indicator in zip(rows, plan.shares):
        name = share_name(replace(indicator, region="") if region else indicator, plan.language)
        ax.text(0, row - 0.3, _wrap(name, _ems(style.width * 0.95, "small")),
                va="bottom", ha="left", fontsize="small")
    ax.set_ylim(len(plan.shares) - 0.5, -0.95)
    ax.set_xlim(0, top)
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.set_xlabel(words.charts["share_axis"] if plan.kind == SHARE else words.charts["unit"].format(unit="%"))


def _nice_top(value: float) -> float:
    """The end of a rate's scale: the next round number (1, 1.5, 2 … 8 times a power of ten) a tenth above the largest value."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value * 1.1))
    return next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value * 1.1)


def _number(value: float) -> str:
    """A value as a briefing writes it: up to two decimals, thousands grouped; past a trillion trillion, 1.2e+30
    (a 300-digit label would push the plot off the chart)."""
    if abs(value) >= 1e24:
        return f"{value:.3g}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


_em_width = em_width


MAX_LINES = 3  # of one text in a chart: a longer name is cut with "…" (the digest and Word give it whole)


def _wrap(text: str, max_em: float, max_lines: int = MAX_LINES) -> str:
    """Lines no wider than max_em and of even length: at spaces in Latin text, anywhere in Chinese but before
    closing punctuation; at most max_lines of them, so a name of thousands of characters cannot squeeze the
    plot to nothing (matplotlib's "axes sizes collapsed to zero")."""
    text = _shortened(text, max_em * max_lines)
    tokens = re.findall(r"[A-Za-z0-9%.,:;()'’\-–/]+\s*|\s+|.", text)
    total = _em_width(text)
    if total <= max_em:
        return text
    needed = math.ceil(total / max_em)
    target = total / needed
    while target < max_em:
        lines = _fill(tokens, target)
        if len(lines) <= needed:
            return "\n".join(lines[:max_lines])
        target *= 1.05
    lines = _fill(tokens, max_em)
    return "\n".join(lines[:max_lines - 1] + [_shortened("".join(lines[max_lines - 1:]), max_em)])


def _shortened(text: str, max_em: float) -> str:
    """The text, or as much of it as fits in max_em ems (a tenth kept for the wrapping's slack), ending in "…"."""
    if _em_width(text) <= max_em * 0.9:
        return text
    kept, width = [], 0.0
    for ch in text:
        width += _em_width(ch)
        if width > max_em * 0.9 - 1:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def _fill(tokens: list[str], max_em: float) -> list[str]:
    lines, line = [], ""
    for token in tokens:
        if line.strip() and _em_width(line + token.rstrip()) > max_em and token[0] not in NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return lines + [line.rstrip()]


