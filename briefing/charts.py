"""Charts: the chart type follows the data; each audience's style draws them; PNGs are reproducible.

Planning and drawing are apart. plan_charts() decides from the data alone which charts
a briefing has, of what type, with what title, caption and source note, and in what
order: the same for every audience, so a caption never depends on a style. draw_charts()
turns the plans into PNGs once per distinct style among the audiences (a matplotlib
style file in the template folder), so audiences that look alike share one drawing.

Every text of a drawn chart is checked against the fonts matplotlib actually used for
it: a missing glyph is an error that names the text, never a box in a briefing.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.errors import BuildError, InputError, InputErrors
from briefing.model import Audience, Chart, Indicator, Series

STYLE_FILE = "chart.mplstyle"
BASE_STYLE = "analyst"  # the built-in style every other style is layered on

PAIR, LINE, SHARE = "pair", "line", "share"
MAX_PANELS = 3  # small multiples side by side stay legible at page width up to three
MAX_PER_PANEL = 4  # more bar groups or lines than this in one panel cannot be told apart
MAX_SHARES = 8  # rows of one chart of shares
SCALE_RATIO = 4.0  # series of one unit share a panel when their largest values are within this factor

# Settings a style file may not change, and why; they are applied after every style.
FIXED = {
    "text.parse_math": (False, "a $ in a label must stay a dollar sign"),
    "text.usetex": (False, "LaTeX would replace the bundled font and needs a TeX installation"),
    "savefig.bbox": ("standard", "a chart is as wide as the page, not as its contents"),
    "savefig.format": ("png", "charts are PNG files"),
    "backend": (None, "charts are drawn off-screen"),
}
# Settings matplotlib itself will not take from a style (its style blacklist): refused, not ignored.
NOT_STYLE = {"interactive", "toolbar", "timezone", "date.epoch", "tk.window_focus", "figure.max_open_warning",
             "figure.raise_window", "savefig.directory", "docstring.hardcopy", "backend_fallback"}


# ---------------------------------------------------------------- plans (style-free)


@dataclass(frozen=True)
class Panel:
    """One set of axes: series of one unit and a comparable scale."""

    unit: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class ChartPlan:
    """What a chart shows and says, decided from the data alone (no style, no pixels)."""

    key: str
    kind: str  # PAIR (grouped bars, before and after), LINE (a time series), SHARE (bars against 100%)
    title: str
    period: str
    caption: str
    source: str  # the source note printed under the chart
    language: str
    panels: tuple[Panel, ...] = ()
    shares: tuple[Indicator, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for p in self.panels for s in p.series) + tuple(i.name for i in self.shares)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(p.unit for p in self.panels) or ("%",)


WORDS = {
    "zh": {"pair_title": "{subject}：{start}年与{end}年", "line_title": "{subject}，{start}—{end}年",
           "several": "主要指标", "unit": "单位：{unit}",
           "share_axis": "占比（%）", "source": "资料来源：{sources}", "sep": "、", "last": "和",
           "source_sep": "；", "with_unit": "{names}（{unit}）", "pair_caption": "{items}，{start}年与{end}年",
           "line_caption": "{items}，{start}—{end}年", "share_name": "{label}（{period}）", "year": "{year}年",
           "points": "{change}个百分点"},
    "en": {"pair_title": "{subject}: {start} and {end}", "line_title": "{subject}, {start}–{end}",
           "several": "Main indicators", "unit": "Unit: {unit}",
           "share_axis": "Share (%)", "source": "Source: {sources}", "sep": ", ", "last": " and ",
           "source_sep": "; ", "with_unit": "{names} ({unit})", "pair_caption": "{items}, {start} and {end}",
           "line_caption": "{items}, {start}–{end}", "share_name": "{label} ({period})", "year": "{year}",
           "points": "{change} pp"},
}


def plan_charts(series: tuple[Series, ...], indicators: tuple[Indicator, ...], language: str) -> tuple[ChartPlan, ...]:
    """Every chart of a briefing, in the order it shows them: comparisons and trends as their series first appear, shares last."""
    words = WORDS.get(language, WORDS["en"])
    groups: dict[tuple, list[Series]] = {}
    for s in series:
        if len(s.points) == 2:  # before and after: one chart per pair of years, so one legend serves
            groups.setdefault((PAIR, s.points[0].period, s.points[-1].period), []).append(s)
        elif len(s.points) >= 3:
            groups.setdefault((LINE,), []).append(s)
    plans = [_series_plan(kind, panels, number, language, words)
             for (kind, *_), members in groups.items() for number, panels in enumerate(_chunks(_panels(members)), 1)]
    charted = {s.name for members in groups.values() for s in members}
    shares = [i for i in _shares(indicators) if i.name not in charted]
    for number, start in enumerate(range(0, len(shares), MAX_SHARES), 1):
        chosen = tuple(shares[start:start + MAX_SHARES])
        plans.append(_share_plan(chosen, _statements(chosen, indicators), number, language, words))
    return tuple(plans)


def _panels(members: list[Series]) -> list[Panel]:
    """Series of one unit and a comparable scale share a panel; different units never share an axis."""
    panels: list[list[Series]] = []
    for s in members:
        home = next((p for p in panels if p[0].unit == s.unit and len(p) < MAX_PER_PANEL
                     and _comparable(p + [s])), None)
        if home is None:
            panels.append([s])
        else:
            home.append(s)
    return [Panel(unit=p[0].unit, series=tuple(p)) for p in panels]


def _comparable(group: list[Series]) -> bool:
    peaks = [max(abs(p.value) for p in s.points) for s in group]
    return min(peaks) > 0 and max(peaks) / min(peaks) <= SCALE_RATIO


def _chunks(panels: list[Panel]) -> list[tuple[Panel, ...]]:
    """At most MAX_PANELS panels, and at most MAX_PER_PANEL * 2 series, a chart."""
    chunks: list[list[Panel]] = [[]]
    for panel in panels:
        full = len(chunks[-1]) == MAX_PANELS or sum(len(p.series) for p in chunks[-1]) + len(panel.series) > 2 * MAX_PER_PANEL
        if chunks[-1] and full:
            chunks.append([])
        chunks[-1].append(panel)
    return [tuple(c) for c in chunks if c]


def _series_plan(kind: str, panels: tuple[Panel, ...], number: int, language: str, words: dict) -> ChartPlan:
    every = [s for p in panels for s in p.series]
    start = min(s.points[0].period for s in every)
    end = max(s.points[-1].period for s in every)
    region = _common_region(every)
    if len(every) == 1:
        subject = _labelled(_stated(every[0]), language)
    else:
        subject = (region + words["several"]) if language == "zh" else words["several"]
    parts = [words["with_unit"].format(names=_names(p.series, language, words, first=i == 0), unit=p.unit)
             for i, p in enumerate(panels)]
    items = _listed(parts, words) if language == "zh" else "; ".join(parts)
    prefix = "compare" if kind == PAIR else "trend"
    return ChartPlan(
        key=_slug(f"{prefix}-{start}-{end}-{number}"), kind=kind,
        title=words[f"{kind}_title"].format(subject=subject, start=start, end=end),
        period=f"{start}—{end}", caption=words[f"{kind}_caption"].format(items=items, start=start, end=end),
        source=words["source"].format(sources=words["source_sep"].join(_sources(
            [i for s in every for p in s.points for i in p.indicators]))),
        language=language, panels=panels)


def _share_plan(shares: tuple[Indicator, ...], statements: list[Indicator], number: int, language: str,
                words: dict) -> ChartPlan:
    region = _common_region(shares)
    if language == "zh":
        title = f"{region}比重与比率"
    else:
        title = f"{region}: shares and rates" if region else "Shares and rates"
    return ChartPlan(
        key=f"shares-{number}", kind=SHARE, title=title,
        period=words["sep"].join(dict.fromkeys(i.period for i in shares)),
        caption=_share_caption(shares, region, language, words),
        source=words["source"].format(sources=words["source_sep"].join(_sources(statements))),
        language=language, shares=shares)


def _share_caption(shares: tuple[Indicator, ...], region: str, language: str, words: dict) -> str:
    """The shares' names, a region they all share said once."""
    names = _listed([share_name(replace(i, region="") if region else i, language) for i in shares], words)
    if not region:
        return names
    return f"{region}{names}" if language == "zh" else f"{region}: {names}"


def _shares(indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Percentages that are parts of a whole (0–100), one per name and period: the first statement,
    with a region if any statement of it names one."""
    seen: dict[tuple[str, str], Indicator] = {}
    for i in indicators:
        if i.unit in ("%", "％") and i.kind in ("share", "level") and 0 <= i.normalized_value <= 100:
            first = seen.setdefault((i.name, i.period), i)
            if i.region and not first.region:
                seen[(i.name, i.period)] = replace(first, region=i.region)
    return list(seen.values())


def _statements(shares: tuple[Indicator, ...], indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Every statement of the shares shown, text and table alike: the chart's sources."""
    shown = {(i.name, i.period) for i in shares}
    return [i for i in indicators if (i.name, i.period) in shown and i.unit in ("%", "％")]


def share_name(indicator: Indicator, language: str) -> str:
    """“西部地区中欧班列占全国总数的比重（2019-2023）”: what the share is of, and when."""
    words = WORDS.get(language, WORDS["en"])
    measure = ""
    if indicator.kind == "share" and indicator.measure:
        measure = indicator.measure.rstrip("的") + ("的比重" if indicator.measure.startswith("占") else "")
    label = _labelled(indicator, language) + ("" if language == "zh" or not measure else " ") + measure
    return words["share_name"].format(label=label, period=indicator.period.replace("/", "—"))


def _common_region(items) -> str:
    """The region all the items share, or ""."""
    regions = {(_stated(i) if isinstance(i, Series) else i).region for i in items}
    return regions.pop() if len(regions) == 1 else ""


def _stated(series: Series) -> Indicator:
    """The statement of a series that names its region, if any does (a table row usually does)."""
    every = [i for p in series.points for i in p.indicators]
    return next((i for i in every if i.region), every[0])


def _labelled(indicator: Indicator, language: str) -> str:
    """Region and name: Indicator.label in Chinese (a shared word said once), "region name" in English."""
    if not indicator.region or language == "zh":
        return indicator.label
    return f"{indicator.region} {indicator.name}"


def _names(series: tuple[Series, ...], language: str, words: dict, first: bool) -> str:
    """The names of a panel's series; the chart's first name carries the region."""
    names = [s.name for s in series]
    if first:
        names[0] = _labelled(_stated(series[0]), language)
    return words["sep"].join(names) if language == "zh" else _listed(names, words)


def _listed(names: list[str], words: dict) -> str:
    if len(names) < 2:
        return "".join(names)
    return words["sep"].join(names[:-1]) + words["last"] + names[-1]


def _sources(indicators: list[Indicator] | tuple[Indicator, ...]) -> list[str]:
    """Where the figures come from: a table's own source column when it has one, else the document or table."""
    found = [i.quote if i.table_row is not None and i.quote else i.source_id for i in indicators]
    return [s for s in dict.fromkeys(found) if s]


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-")


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class ChartStyle:
    """One look of charts: matplotlib settings layered from style files, base first."""

    files: tuple[Path, ...]
    rc: dict[str, Any] = field(compare=False, hash=False)
    id: str = ""  # a digest of the settings, whatever files they came from: equal settings, one drawing

    @property
    def width(self) -> float:
        """The chart's width in inches: the text width of the page (6.3 in: A4, 2.5 cm margins)."""
        return float(self._size[0])

    @property
    def height(self) -> float:
        return float(self._size[1])

    @property
    def _size(self) -> tuple[float, float]:
        import matplotlib

        return self.rc.get("figure.figsize", matplotlib.rcParamsDefault["figure.figsize"])


def load_style(template: Path) -> ChartStyle:
    """The style of a template folder: the built-in base, the built-in of the same name, then the folder's own file.

    Each later file overrides the keys it sets, so a project template can change one
    colour and keep the rest. A wrong key or value is an InputError naming file and line.
    What no file sets is matplotlib's default, never the user's matplotlibrc.
    """
    files = _style_files(template)
    rc: dict[str, Any] = {}
    for path in files:
        rc.update(read_style_file(path))
    rc.update({key: value for key, (value, _) in FIXED.items() if value is not None})
    _check_font_families(rc, files)
    digest = hashlib.sha256(repr(sorted((k, repr(v)) for k, v in rc.items())).encode()).hexdigest()[:12]
    return ChartStyle(files=files, rc=rc, id=f"style-{digest}")


GENERIC_FAMILIES = ("serif", "sans-serif", "cursive", "fantasy", "monospace")


def _check_font_families(rc: dict[str, Any], files: tuple[Path, ...]) -> None:
    """A font family the style names must be installed: matplotlib would quietly draw in DejaVu Sans instead."""
    from matplotlib import font_manager

    _register_fonts()
    installed = set(font_manager.fontManager.get_font_names())
    for family in rc.get("font.family", ["sans-serif"]):
        names = rc.get(f"font.{family}", []) if family in GENERIC_FAMILIES else [family]
        if names and not installed.intersection(names):
            setter = next((f for f in reversed(files) if _sets_font(f)), files[-1] if files else "chart style")
            raise InputError(str(setter), f"no font {', '.join(names)} is installed for font.family {family}",
                             "use the bundled Noto Sans SC or Noto Serif SC, or install the font")


def _sets_font(path: Path) -> bool:
    return any(_strip_comment(line).startswith("font.") for line in path.read_text(encoding="utf-8").splitlines())


def _style_files(template: Path) -> tuple[Path, ...]:
    from briefing.config import BUILTIN_TEMPLATES

    from briefing.templating import chain_folders

    chain = tuple(reversed(chain_folders(template)))
    namesake = BUILTIN_TEMPLATES / template.name  # a project folder named like a built-in layers on it
    layered = () if namesake.resolve() in {f.resolve() for f in chain} else (namesake / STYLE_FILE,)
    candidates = (BUILTIN_TEMPLATES / BASE_STYLE / STYLE_FILE,) + layered + tuple(folder / STYLE_FILE for folder in chain)
    found: list[Path] = []
    for path in candidates:
        if path.is_file() and path.resolve() not in {f.resolve() for f in found}:
            found.append(path)
    return tuple(found)


def read_style_file(path: Path) -> dict[str, Any]:
    """The settings of one style file, validated by matplotlib; every wrong line reported at once."""
    import matplotlib

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the chart style: {exc}", "save it as UTF-8 text") from None
    settings = matplotlib.RcParams()
    errors: list[InputError] = []
    for number, line in enumerate(lines, 1):
        text = _strip_comment(line)
        if not text:
            continue
        key, colon, value = (part.strip() for part in text.partition(":"))
        problem = _style_problem(settings, key, colon, value.strip('"') if value.startswith('"') else value)
        if problem:
            errors.append(InputError(str(path), *problem, number))
    if errors:
        raise InputErrors(errors)
    return dict(settings)


def _style_problem(settings, key: str, colon: str, value: str) -> tuple[str, str] | None:
    if not colon:
        return "expected key: value", "see https://matplotlib.org/stable/users/explain/customizing.html"
    if key in FIXED:
        return f"{key} cannot be set in a chart style", FIXED[key][1]
    if key in NOT_STYLE or key.startswith("webagg."):
        return f"{key} is not a style setting", "a chart style sets how charts look: sizes, fonts, colours, lines"
    try:
        settings[key] = value
    except KeyError:
        return f"unknown setting {key}", "use a matplotlib rcParams key, e.g. font.size or axes.prop_cycle"
    except (ValueError, TypeError) as exc:
        return f"{key}: {exc}", "give a value matplotlib accepts for this key"
    return None


def _strip_comment(line: str) -> str:
    """The line before its first unquoted # (a colour is written without #, or in quotes)."""
    inside = False
    for position, ch in enumerate(line):
        if ch == '"':
            inside = not inside
        elif ch == "#" and not inside:
            return line[:position].strip()
    return line.strip()


# ---------------------------------------------------------------- drawing


def draw_charts(plans: tuple[ChartPlan, ...], audiences: list[Audience], folder: Path) -> tuple[Chart, ...]:
    """Each distinct style among the audiences draws, once, the charts its audiences show.

    A chart lists the audiences that show it (their max_charts applied), so two
    audiences with one style get the very same PNG.
    """
    by_style: dict[str, tuple[ChartStyle, list[Audience]]] = {}
    for audience in audiences:
        style = load_style(audience.template)
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
    import matplotlib.style

    with matplotlib.style.context(style.rc, after_reset=True), warnings.catch_warnings():
        # check_glyphs below names the text and the font; matplotlib's own warning per glyph would only print
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        figure = draw_figure(plan, style)
        png = io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None})
        check_glyphs(figure, plan, style)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.key}.png"
    path.write_bytes(png.getvalue())
    width, height = figure.get_size_inches()
    return Chart(key=plan.key, path=path, filename=f"charts/{plan.key}.png", title=plan.title, caption=plan.caption,
                 series=plan.names, kind=plan.kind, units=plan.units, period=plan.period, source=plan.source,
                 style=style.id, width_in=round(float(width), 3), height_in=round(float(height), 3))


def draw_figure(plan: ChartPlan, style: ChartStyle):
    """The matplotlib Figure of a plan, under the style's settings (call inside its rc context)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _register_fonts()
    words = WORDS.get(plan.language, WORDS["en"])
    height = _share_height(plan) if plan.kind == SHARE else style.height
    figure = Figure(figsize=(style.width, height), layout="constrained")
    FigureCanvasAgg(figure)
    figure.get_layout_engine().set(h_pad=0.04, w_pad=0.06, hspace=0.02, wspace=0.08)
    figure.suptitle(_wrap(plan.title, _ems(style.width, "figure.titlesize")), x=0.005, ha="left")
    figure.supxlabel(_wrap(plan.source, _ems(style.width, "x-small")), x=0.005, ha="left",
                     fontsize="x-small", color="#555555")
    {PAIR: _draw_pairs, LINE: _draw_lines, SHARE: _draw_shares}[plan.kind](figure, plan, style, words)
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


def _unit_axis(ax, text: str) -> None:
    """The unit over the top of the value axis, level, as Chinese statistical charts place it."""
    ax.set_ylabel(text, rotation=0, ha="left", va="bottom")
    ax.yaxis.set_label_coords(0, 1.03)
    ax.yaxis.set_major_formatter(_number_formatter())


def _number_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: _number(value))


def _draw_pairs(figure, plan: ChartPlan, style: ChartStyle, words: dict) -> None:
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
                          label=words["year"].format(year=period))
            ax.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize="small")
        ax.set_xticks(list(positions), [_tick(s, group_width, words) for s in panel.series])
        ax.tick_params(axis="x", length=0)
        _unit_axis(ax, words["unit"].format(unit=panel.unit))
        ax.set_xlim(-0.75, len(panel.series) - 0.25)  # as wide as its width ratio: bars alike in every panel
        ax.margins(y=0.16)
        ax.grid(axis="x", visible=False)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside upper right", ncols=2, frameon=False, fontsize="small")


def _tick(series: Series, width_in: float, words: dict) -> str:
    """The series name wrapped to its group's width, and its change under it (a rate's in percentage points)."""
    name = _wrap(series.name, _ems(width_in, "xtick.labelsize"))
    if series.pct_change is not None:
        return f"{name}\n{series.pct_change:+.1f}%"
    if series.change is not None and series.unit.strip() in ("%", "％"):
        return f"{name}\n" + words["points"].format(change=f"{series.change:+.1f}")
    return name


def _draw_lines(figure, plan: ChartPlan, style: ChartStyle, words: dict) -> None:
    """A line per series, a marker per year; the first and the last value written at the ends."""
    colours = _colours()
    axes = figure.subplots(1, len(plan.panels), squeeze=False)[0]
    several = sum(len(p.series) for p in plan.panels) > 1
    panel_width = style.width / len(plan.panels)
    for ax, panel in zip(axes, plan.panels):
        for number, s in enumerate(panel.series):
            ax.plot(_xs(s), [p.value for p in s.points], marker="o", markersize=3.5, linewidth=1.8,
                    color=_line_colour(colours, number), label=_wrap(s.name, _ems(panel_width * 0.45, "legend.fontsize")))
        _unit_axis(ax, words["unit"].format(unit=panel.unit))
        _year_ticks(ax, panel)
        if several:
            ax.legend(loc="lower right", bbox_to_anchor=(1, 1.0), ncols=min(len(panel.series), 2),
                      frameon=False, fontsize="small", borderaxespad=0.1, handlelength=1.5)
        _pad_for_end_labels(ax, panel, panel_width)
    figure.draw_without_rendering()  # the layout gives each axes its height, which the labels need
    for ax, panel in zip(axes, plan.panels):
        _end_labels(ax, panel, colours)
        if len(panel.series) == 1:
            _extreme_labels(ax, panel.series[0], colours)


def _line_colour(colours: list[str], number: int) -> str:
    return colours[1 + number % (len(colours) - 1)]


def _xs(series: Series) -> list[float]:
    return [float(p.period) if re.fullmatch(r"\d{4}", p.period) else n for n, p in enumerate(series.points)]


def _year_ticks(ax, panel: Panel) -> None:
    """At most eight years marked, the latest always among them."""
    years = sorted({x for s in panel.series for x in _xs(s)})
    step = math.ceil(len(years) / 8)
    marked = years[::-1][::step][::-1]
    ax.set_xticks(marked, [f"{y:.0f}" for y in marked])


def _pad_for_end_labels(ax, panel: Panel, panel_width: float) -> None:
    """Room inside the axes, left and right, for the values written at the ends of the lines."""
    values = [p.value for s in panel.series for p in s.points]
    widest = max(_em_width(_number(v)) for v in values) * _points("small") / 72 + 0.08
    xs = [x for s in panel.series for x in _xs(s)]
    span = (max(xs) - min(xs)) or 1
    share = min(0.3, widest / max(panel_width * 0.75, 0.5))
    pad = span * share / (1 - 2 * share)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    low, high = min(values), max(values)
    room = (high - low) * 0.15 or abs(high) * 0.1 or 1
    ax.set_ylim(low - room, high + room)
    if low < 0 < high:
        ax.axhline(0, color="#777777", linewidth=0.8, zorder=1)  # where gain turns to loss


def _end_labels(ax, panel: Panel, colours: list[str]) -> None:
    """The first and last values, beside their points, nudged apart where they would overlap."""
    height_pt = ax.get_window_extent().height * 72 / ax.figure.dpi
    low, high = ax.get_ylim()
    gap = _points("small") * 1.2 / height_pt  # one line of small type, in axes fractions
    for end, ha, dx in ((0, "right", -5), (-1, "left", 5)):
        points = sorted(((s.points[end].value - low) / (high - low), n, s) for n, s in enumerate(panel.series))
        for (fraction, number, s), target in zip(points, _spread([f for f, _, _ in points], gap)):
            ax.annotate(_number(s.points[end].value), xy=(_xs(s)[end], s.points[end].value),
                        xytext=(dx, (target - fraction) * height_pt), textcoords="offset points",
                        ha=ha, va="center", fontsize="small", color=_line_colour(colours, number))


def _extreme_labels(ax, series: Series, colours: list[str]) -> None:
    """The highest and the lowest value, when they fall between the ends: above and below their points."""
    inner = series.points[1:-1]
    if not inner:
        return
    xs = _xs(series)[1:-1]
    for pick, dy, va in ((max, 5, "bottom"), (min, -5, "top")):
        point = pick(inner, key=lambda p: p.value)
        if pick(p.value for p in series.points) != point.value:
            continue
        ax.annotate(_number(point.value), xy=(xs[inner.index(point)], point.value), xytext=(0, dy),
                    textcoords="offset points", ha="center", va=va, fontsize="small", color=_line_colour(colours, 0))


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


def _draw_shares(figure, plan: ChartPlan, style: ChartStyle, words: dict) -> None:
    """Each share a bar against a 100% track, its name above it and its value at its end."""
    colours = _colours()
    ax = figure.subplots()
    rows = range(len(plan.shares))
    ax.barh(rows, [100] * len(plan.shares), height=0.42, color=colours[0], alpha=0.25)
    bars = ax.barh(rows, [i.normalized_value for i in plan.shares], height=0.42, color=colours[1])
    ax.bar_label(bars, labels=[f"{i.value}%" for i in plan.shares], padding=3, fontsize="small")
    region = _common_region(plan.shares)  # said once, in the title
    for row, indicator in zip(rows, plan.shares):
        name = share_name(replace(indicator, region="") if region else indicator, plan.language)
        ax.text(0, row - 0.3, _wrap(name, _ems(style.width * 0.95, "small")),
                va="bottom", ha="left", fontsize="small")
    ax.set_ylim(len(plan.shares) - 0.5, -0.95)
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.set_xlabel(words["share_axis"])


def _number(value: float) -> str:
    """A value as a briefing writes it: up to two decimals, thousands grouped."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def _em_width(text: str) -> float:
    """Width in ems: a Chinese character is one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


_NO_LINE_START = set("，。、；：？！）》」』”’%.,;:)")


def _wrap(text: str, max_em: float) -> str:
    """Lines no wider than max_em and of even length: at spaces in Latin text, anywhere in Chinese but before closing punctuation."""
    tokens = re.findall(r"[A-Za-z0-9%.,:;()'’\-–/]+\s*|\s+|.", text)
    total = _em_width(text)
    if total <= max_em:
        return text
    needed = math.ceil(total / max_em)
    target = total / needed
    while target < max_em:
        lines = _fill(tokens, target)
        if len(lines) <= needed:
            return "\n".join(lines)
        target *= 1.05
    return "\n".join(_fill(tokens, max_em))


def _fill(tokens: list[str], max_em: float) -> list[str]:
    lines, line = [], ""
    for token in tokens:
        if line.strip() and _em_width(line + token.rstrip()) > max_em and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return lines + [line.rstrip()]


# ---------------------------------------------------------------- fonts and checks


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    """Make the bundled Noto Sans SC and Noto Serif SC known to matplotlib (pip installs them; no system font needed)."""
    import pylopdf_fonts_zh_cn
    from matplotlib import font_manager

    for path in (pylopdf_fonts_zh_cn.sans_path(), pylopdf_fonts_zh_cn.serif_path()):
        font_manager.fontManager.addfont(str(path))


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib import font_manager

    return frozenset(font_manager.get_font([path]).get_charmap())


def check_glyphs(figure, plan: ChartPlan, style: ChartStyle) -> None:
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
            styles = ", ".join(str(f) for f in style.files) or "matplotlib defaults"
            raise BuildError(f"chart {plan.key}: the font {families} has no glyph for {''.join(missing)!r} "
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
