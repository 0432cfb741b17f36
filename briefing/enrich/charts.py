"""Chart plans: which charts a briefing has, decided from the data alone.

plan_charts() decides which charts a briefing has, of what type, with what title,
caption and source note, and in what order: the same for every audience, so a caption
never depends on a style. Drawing them is render.charts' work.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from briefing import languages
from briefing.languages import is_percent, periods
from briefing.languages.common import PERCENT_SIGNS
from briefing.model import ChartPlan, Indicator, Panel, Series

PAIR, LINE, SHARE, RATE = "pair", "line", "share", "rate"
MAX_PANELS = 3  # small multiples side by side stay legible at page width up to three
MAX_PER_PANEL = 4  # more bar groups or lines than this in one panel cannot be told apart
MAX_SHARES = 8  # rows of one chart of shares
TITLE_EMS = 24  # the most a title's subject takes: the chart's names, or the first of them and how many more
MAX_CHARTS = 8  # charts of one briefing: more is no briefing, and each costs a drawing and a page

def plan_charts(series: tuple[Series, ...], indicators: tuple[Indicator, ...], language: str) -> tuple[ChartPlan, ...]:
    """Every chart of a briefing, in the order it shows them: comparisons and trends as their series first appear, shares last."""
    words = languages.get(language).words.charts
    groups: dict[tuple, list[Series]] = {}
    for s in series:  # a chart is of one grain: months and years are never on one axis
        if len(s.points) == 2:  # before and after: one chart per pair of periods, so one legend serves
            groups.setdefault((PAIR, s.grain, s.points[0].period, s.points[-1].period), []).append(s)
        elif len(s.points) >= 3:
            groups.setdefault((LINE, s.grain), []).append(s)
    plans = [_series_plan(kind, panels, number, language, words)
             for (kind, *_), members in groups.items() for number, panels in enumerate(_chunks(_panels(members)), 1)]
    charted = {s.name for members in groups.values() for s in members}
    for kind, found in _percentages(indicators).items():  # shares of a whole, then rates: never on one axis
        found = [i for i in found if i.name not in charted]
        for number, start in enumerate(range(0, len(found), MAX_SHARES), 1):
            chosen = tuple(found[start:start + MAX_SHARES])
            plans.append(_share_plan(kind, chosen, _statements(chosen, indicators), number, language, words))
    return tuple(plans[:MAX_CHARTS])  # the first, as the series first appear; every figure is still listed


def _panels(members: list[Series]) -> list[Panel]:
    """Series of one unit (and, for a percentage, of one measure) share a panel and its axis; a panel is one
    unit's, so two panels of a chart are two units (a unit with more series than a panel holds goes on)."""
    panels: list[list[Series]] = []
    for s in members:
        home = next((p for p in panels if axis_of(p[0]) == axis_of(s) and len(p) < MAX_PER_PANEL), None)
        if home is None:
            panels.append([s])
        else:
            home.append(s)
    return [Panel(unit=p[0].unit, series=tuple(p)) for p in panels]


def axis_of(series: Series) -> tuple[str, str]:
    """What a value axis measures: the unit, and for a percentage what it is a percentage of."""
    return series.unit, measure_of(_stated(series)) if is_percent(series.unit) else ""


def measure_of(indicator: Indicator) -> str:
    """What a percentage measures, as the pack of its name says: share, rate, growth or target."""
    return languages.for_text(indicator.name).percent_measure(indicator)


def _chunks(panels: list[Panel]) -> list[tuple[Panel, ...]]:
    """At most MAX_PANELS panels, at most MAX_PER_PANEL * 2 series and one panel of each axis, a chart."""
    chunks: list[list[Panel]] = [[]]
    for panel in panels:
        chart = chunks[-1]
        full = len(chart) == MAX_PANELS or sum(len(p.series) for p in chart) + len(panel.series) > 2 * MAX_PER_PANEL
        if chart and (full or axis_of(panel.series[0]) in {axis_of(p.series[0]) for p in chart}):
            chunks.append([])
        chunks[-1].append(panel)
    return [tuple(c) for c in chunks if c]


def _series_plan(kind: str, panels: tuple[Panel, ...], number: int, language: str, words: dict) -> ChartPlan:
    every = [s for p in panels for s in p.series]
    start = min(s.points[0].period for s in every)
    end = max(s.points[-1].period for s in every)
    subject = _subject([languages.get(language).label(_stated(every[0]))] + [s.name for s in every[1:]], words)
    parts = [words["with_unit"].format(names=_names(p.series, language, words, first=i == 0), unit=p.unit)
             for i, p in enumerate(panels)]
    items = _listed(parts, words["panels_sep"], words["panels_last"])
    grain = every[0].grain
    prefix = ("compare" if kind == PAIR else "trend") + ("" if grain == periods.YEAR else f"-{grain}")
    name = (lambda p: periods.show(p, language)) if grain == periods.YEAR else (
        lambda p: periods.axis_label(p, language, grain))
    span = dict(start=name(start), end=name(end),
                period=periods.series_span(start, end, grain, language))
    return ChartPlan(
        key=_slug(f"{prefix}-{_key_period(start)}-{_key_period(end)}-{number}"), kind=kind,
        title=words[f"{kind}_title"].format(subject=subject, **span),
        period=span["period"], caption=words[f"{kind}_caption"].format(items=items, **span),
        source=words["source"].format(sources=words["source_sep"].join(_sources(
            [i for s in every for p in s.points for i in p.indicators]))),
        language=language, panels=panels, ticks=_ticks(every, grain, language) if grain != periods.YEAR else ())


def _ticks(every: list[Series], grain: str, language: str) -> tuple[tuple[str, str, str], ...]:
    """The chart's periods in order, each with its x-axis label in the briefing's words, without its year and
    with it (5月, 2025年5月; May, May 2025)."""
    shown = sorted({p.period for s in every for p in s.points})
    return tuple((p, periods.axis_label(p, language, grain, with_year=False), periods.axis_label(p, language, grain))
                 for p in shown)


def _key_period(period: str) -> str:
    """A period in a chart's key: a year as it is, months and days by their last day (2025-05-31)."""
    return period.rpartition("/")[2]


def _share_plan(kind: str, shares: tuple[Indicator, ...], statements: list[Indicator], number: int, language: str,
                words: dict) -> ChartPlan:
    """A chart of shares of a whole (SHARE) or of rates (RATE), its title what it shows."""
    region = common_region(shares)
    names = _subject([share_label(replace(i, region="") if region else i, language) for i in shares], words,
                     TITLE_EMS - em_width(region))
    title = words["in_region"].format(region=region, names=names) if region else names
    return ChartPlan(
        key=f"{'shares' if kind == SHARE else 'rates'}-{number}", kind=kind, title=title,
        period=words["sep"].join(dict.fromkeys(periods.show(i.period, language) for i in shares)),
        caption=_share_caption(shares, region, language, words),
        source=words["source"].format(sources=words["source_sep"].join(_sources(statements))),
        language=language, shares=shares)


def _share_caption(shares: tuple[Indicator, ...], region: str, language: str, words: dict) -> str:
    """The shares' names, a region they all share said once."""
    names = _listed([share_name(replace(i, region="") if region else i, language) for i in shares], words["sep"],
                    words["last"])
    return words["in_region"].format(region=region, names=names) if region else names


def _percentages(indicators: tuple[Indicator, ...]) -> dict[str, list[Indicator]]:
    """Shares of a whole (0–100) and rates of their own (城镇化率, 失业率), apart: one per name and period, the
    first statement, with a region if any statement of it names one. A growth rate or a target is neither."""
    seen: dict[tuple[str, str], Indicator] = {}
    for i in indicators:
        if i.unit in PERCENT_SIGNS and i.kind in ("share", "level") and 0 <= i.normalized_value <= 100 \
                and measure_of(i) in (SHARE, RATE):
            first = seen.setdefault((i.name, i.period), i)
            if i.region and not first.region:
                seen[(i.name, i.period)] = replace(first, region=i.region)
    found: dict[str, list[Indicator]] = {SHARE: [], RATE: []}
    for i in seen.values():
        found[measure_of(i)].append(i)
    return {kind: members for kind, members in found.items() if members}


def _statements(shares: tuple[Indicator, ...], indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Every statement of the shares shown, text and table alike: the chart's sources."""
    shown = {(i.name, i.period) for i in shares}
    return [i for i in indicators if (i.name, i.period) in shown and i.unit in PERCENT_SIGNS]


def share_name(indicator: Indicator, language: str) -> str:
    """“西部地区中欧班列占全国总数的比重（2019-2023）”: what the share is of, and when."""
    label = share_label(indicator, language)
    return languages.get(language).words.charts["share_name"].format(label=label,
                                                                      period=periods.show(indicator.period, language))


def share_label(indicator: Indicator, language: str) -> str:
    """“西部地区中欧班列占全国总数的比重”: what the share is of."""
    pack = languages.get(language)
    measure = ""
    if indicator.kind == "share" and indicator.measure:  # worded by the pack of the measure's own language
        measure = languages.for_text(indicator.measure).share_label(indicator.measure)
    return pack.label(indicator) + (pack.gap if measure else "") + measure


def _subject(labels: list[str], words: dict, limit: float = TITLE_EMS) -> str:
    """What a chart shows, for its title: its names when they are two or fit in `limit` ems, else the first of
    them that fit and how many there are ("西部地区工业增加值、地区生产总值等4项指标")."""
    listed = _listed(labels, words["sep"], words["last"])
    if len(labels) < 3 or em_width(listed) <= limit:  # two names are always both said
        return listed
    for kept in range(len(labels) - 1, 0, -1):
        shortened = words["more"].format(names=words["sep"].join(labels[:kept]), count=len(labels),
                                         others=len(labels) - kept)
        if em_width(shortened) <= limit or kept == 1:
            return shortened
    return listed


def em_width(text: str) -> float:
    """Width in ems: a Chinese character is one, a Latin letter or digit about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


def common_region(items) -> str:
    """The region all the items share, or ""."""
    regions = {(_stated(i) if isinstance(i, Series) else i).region for i in items}
    return regions.pop() if len(regions) == 1 else ""


def _stated(series: Series) -> Indicator:
    """The statement of a series that names its region, if any does (a table row usually does)."""
    every = [i for p in series.points for i in p.indicators]
    return next((i for i in every if i.region), every[0])


def _names(series: tuple[Series, ...], language: str, words: dict, first: bool) -> str:
    """The names of a panel's series; the chart's first name carries the region."""
    names = [s.name for s in series]
    if first:
        names[0] = languages.get(language).label(_stated(series[0]))
    return _listed(names, words["sep"], words["names_last"])


def _listed(names: list[str], sep: str, last: str) -> str:
    """"A、B和C", "A, B and C": the names with a separator, and the last one before the last name."""
    if len(names) < 2:
        return "".join(names)
    return sep.join(names[:-1]) + last + names[-1]


def _sources(indicators: list[Indicator] | tuple[Indicator, ...]) -> list[str]:
    """Where the figures come from: a table's own source column when it has one, else the document or table."""
    found = [i.quote if i.table_row is not None and i.quote else i.source_id for i in indicators]
    return [s for s in dict.fromkeys(found) if s]


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-")

