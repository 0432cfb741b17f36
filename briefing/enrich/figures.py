"""Figures as a reader sees them: one row per figure (text and tables merged), the figure as written, the key
figures ranked by how much their series changed."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace

from briefing.enrich.narratives import one_decimal
from briefing.enrich.reconcile import agree, bounds
from briefing import languages
from briefing.languages import LANGUAGES, is_percent, periods
from briefing.languages.common import PERCENT_SIGNS
from briefing.model import Indicator, Series


def key_figures(series: tuple[Series, ...], language: str = languages.DEFAULT) -> tuple[Indicator, ...]:
    """The latest figure of each series, the series that changed most first (a rate by its points), its change
    worded in the briefing's language: 增长39.7%（2019—2023年）, up 3.2 points (2021–2024)."""
    ranked = sorted((s for s in series if s.points and _key_figure(s)), key=lambda s: -abs(_size_of_change(s)))
    return tuple(replace(s.points[-1].indicators[0], measure=_change(s, language)) for s in ranked)


def _key_figure(series: Series) -> bool:
    """A series of periods (years, halves, quarters, months, 1—N月) gives a key figure; a figure stated for a day
    (截至4月23日, 今年以来 to the day the text was written) does when its series shows a change."""
    return series.change is not None or periods.months_whole(series.points[-1].period)


def _size_of_change(series: Series) -> float:
    return (series.change if is_percent(series.unit) else series.pct_change) or 0.0


def _change(series: Series, language: str) -> str:
    """A change in percentage points for a rate, in per cent for a level, and its span, as the language says it."""
    points = is_percent(series.unit) and series.change is not None
    change = series.change if points else series.pct_change
    if change is None:
        return ""
    labels = languages.get(language).words.labels
    kind = "points" if points else "percent"
    return labels[f"change_{kind}"].format(
        direction=labels[f"change_{'up' if change >= 0 else 'down'}_{kind}"], change=one_decimal(abs(change)),
        period=periods.series_span(series.points[0].period, series.points[-1].period, series.grain, language))


def shown(i: Indicator) -> str:
    """A figure as a reader writes it, its qualifier in place: 超过3.7万亿元, 7万多只, 5%左右, nearly 70 percent."""
    written = next((w for pack in LANGUAGES.values() if pack.written and (w := pack.written(i)) is not None), None)
    if written is not None:
        return written
    gap = " " if re.search(r"[A-Za-z]", i.unit + i.qualifier) else ""
    unit = f"{gap}{i.unit}" if i.unit and i.unit not in PERCENT_SIGNS else i.unit
    return f"{i.qualifier}{gap if i.qualifier else ''}{i.value}{unit}"


def merged(indicators: tuple[Indicator, ...]) -> list[tuple[Indicator, ...]]:
    """One row per figure: the same indicator, period and value stated by the text and a table is one row
    citing both; when they disagree (after the rounding each states: reconcile.agree) each keeps its own row,
    citing only itself, and the series flags the disagreement.

    A figure joins the first row it is the same figure as (_same_figure); the rows are looked up by what must be
    equal and then by value, so that a text of thousands of figures is merged in proportion to their number."""
    groups: list[list[Indicator]] = []
    index: dict[tuple[str, str, str, str, str], _Rows] = {}
    for indicator in indicators:
        rows = index.setdefault(_key(indicator), _Rows())
        row = rows.first_same(groups, indicator)
        if row is None:
            rows.add(indicator, len(groups))
            groups.append([indicator])
        else:
            groups[row].append(indicator)
    return [tuple(sorted(g, key=lambda i: (not i.region, i.table_row is not None))) for g in groups]


def _key(i: Indicator) -> tuple[str, str, str, str, str]:
    return i.name, i.period, i.kind, i.status, i.measure


@dataclass
class _Rows:
    """The rows of one key: those a value bounds, sorted by value (with the widest reach of any), and those
    without a bound on one side (超过…, less than …), which any figure may meet."""

    bounded: list[tuple[float, int]] = field(default_factory=list)
    open: list[int] = field(default_factory=list)
    reach: float = 0.0

    def add(self, indicator: Indicator, row: int) -> None:
        low, high = bounds(indicator)
        if math.isinf(low) or math.isinf(high):
            self.open.append(row)
            return
        bisect.insort(self.bounded, (indicator.normalized_value, row))
        self.reach = max(self.reach, indicator.normalized_value - low, high - indicator.normalized_value)

    def first_same(self, groups: list[list[Indicator]], indicator: Indicator) -> int | None:
        """The first row whose figure is the same as this one: only rows within reach of its range can be."""
        low, high = bounds(indicator)
        low, high = (low, high) if not (math.isinf(low) or math.isinf(high)) else (-math.inf, math.inf)
        start = 0 if math.isinf(low) else bisect.bisect_left(self.bounded, (low - self.reach - 1e-8, -1))
        candidates = [row for row in self.open if _same_figure(groups[row][0], indicator)]
        for at in range(start, len(self.bounded)):
            value, row = self.bounded[at]
            if value > high + self.reach + 1e-8:
                break
            if _same_figure(groups[row][0], indicator):
                candidates.append(row)
        return min(candidates) if candidates else None


def _same_figure(a: Indicator, b: Indicator) -> bool:
    close = agree(a, b)
    regions_agree = a.region == b.region or not a.region or not b.region
    return (a.name == b.name and a.period == b.period and a.kind == b.kind and a.status == b.status
            and a.measure == b.measure
            and regions_agree and close)
