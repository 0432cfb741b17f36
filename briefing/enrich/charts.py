"""Chart plans: which charts a briefing has, decided from the data alone.

plan_charts() decides which charts a briefing has, of what type, with what title,
caption and source note, and in what order: the same for every audience, so a caption
never depends on a style. Drawing them is render.charts' work.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing import languages
from briefing.languages import periods
from briefing.languages.common import PERCENT_SIGNS
from briefing.model import ChartPlan, Indicator, Panel, Series

PAIR, LINE, SHARE = "pair", "line", "share"
MAX_PANELS = 3  # small multiples side by side stay legible at page width up to three
MAX_PER_PANEL = 4  # more bar groups or lines than this in one panel cannot be told apart
MAX_SHARES = 8  # rows of one chart of shares
SCALE_RATIO = 4.0  # series of one unit share a panel when their largest values are within this factor
MAX_CHARTS = 8  # charts of one briefing: more is no briefing, and each costs a drawing and a page

def plan_charts(series: tuple[Series, ...], indicators: tuple[Indicator, ...], language: str) -> tuple[ChartPlan, ...]:
    """Every chart of a briefing, in the order it shows them: comparisons and trends as their series first appear, shares last."""
    words = languages.get(language).words.charts
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
    return tuple(plans[:MAX_CHARTS])  # the first, as the series first appear; every figure is still listed


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
    region = common_region(every)
    if len(every) == 1:
        subject = languages.get(language).label(_stated(every[0]))
    else:
        subject = words["several"].format(region=region)
    parts = [words["with_unit"].format(names=_names(p.series, language, words, first=i == 0), unit=p.unit)
             for i, p in enumerate(panels)]
    items = _listed(parts, words["panels_sep"], words["panels_last"])
    prefix = "compare" if kind == PAIR else "trend"
    return ChartPlan(
        key=_slug(f"{prefix}-{start}-{end}-{number}"), kind=kind,
        title=words[f"{kind}_title"].format(subject=subject, start=start, end=end),
        period=periods.span(start, end, language), caption=words[f"{kind}_caption"].format(items=items, start=start, end=end),
        source=words["source"].format(sources=words["source_sep"].join(_sources(
            [i for s in every for p in s.points for i in p.indicators]))),
        language=language, panels=panels)


def _share_plan(shares: tuple[Indicator, ...], statements: list[Indicator], number: int, language: str,
                words: dict) -> ChartPlan:
    region = common_region(shares)
    title = words["shares_title"].format(region=region) if region else words["shares_title_all"]
    return ChartPlan(
        key=f"shares-{number}", kind=SHARE, title=title,
        period=words["sep"].join(dict.fromkeys(periods.show(i.period, language) for i in shares)),
        caption=_share_caption(shares, region, language, words),
        source=words["source"].format(sources=words["source_sep"].join(_sources(statements))),
        language=language, shares=shares)


def _share_caption(shares: tuple[Indicator, ...], region: str, language: str, words: dict) -> str:
    """The shares' names, a region they all share said once."""
    names = _listed([share_name(replace(i, region="") if region else i, language) for i in shares], words["sep"],
                    words["last"])
    return words["in_region"].format(region=region, names=names) if region else names


def _shares(indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Percentages that are parts of a whole (0–100), one per name and period: the first statement,
    with a region if any statement of it names one."""
    seen: dict[tuple[str, str], Indicator] = {}
    for i in indicators:
        if i.unit in PERCENT_SIGNS and i.kind in ("share", "level") and not i.is_target \
                and 0 <= i.normalized_value <= 100:
            first = seen.setdefault((i.name, i.period), i)
            if i.region and not first.region:
                seen[(i.name, i.period)] = replace(first, region=i.region)
    return list(seen.values())


def _statements(shares: tuple[Indicator, ...], indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Every statement of the shares shown, text and table alike: the chart's sources."""
    shown = {(i.name, i.period) for i in shares}
    return [i for i in indicators if (i.name, i.period) in shown and i.unit in PERCENT_SIGNS]


def share_name(indicator: Indicator, language: str) -> str:
    """“西部地区中欧班列占全国总数的比重（2019-2023）”: what the share is of, and when."""
    pack = languages.get(language)
    measure = ""
    if indicator.kind == "share" and indicator.measure:  # worded by the pack of the measure's own language
        measure = languages.for_text(indicator.measure).share_label(indicator.measure)
    label = pack.label(indicator) + (pack.gap if measure else "") + measure
    return pack.words.charts["share_name"].format(label=label, period=periods.show(indicator.period, language))


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

