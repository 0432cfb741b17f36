"""The source note under each chart: every source once, as a reader cites it (新华社2024年4月23日), never by
the name of its file. A table row counts by the source its own column states; one that states none adds none."""

from __future__ import annotations

from dataclasses import replace

from briefing import languages
from briefing.languages import citations
from briefing.languages.common import PERCENT_SIGNS
from briefing.model import ChartPlan, Document, Indicator


def name_sources(plans: tuple[ChartPlan, ...], indicators: tuple[Indicator, ...], documents: tuple[Document, ...],
                 language: str) -> tuple[ChartPlan, ...]:
    """The plans, each with its source note naming the documents and tables its figures come from, once each."""
    names = {d.source_id: citations.name(d, language) for d in documents}
    return tuple(replace(plan, source=_note(plan, indicators, names, language)) for plan in plans)


def _note(plan: ChartPlan, indicators: tuple[Indicator, ...], names: dict[str, str], language: str) -> str:
    words = languages.get(language).words.charts
    found = [_named(i, names, language) for i in _stated(plan, indicators)]
    unique = [name for name in dict.fromkeys(found) if name]
    return words["source"].format(sources=words["source_sep"].join(unique)) if unique else ""


def _stated(plan: ChartPlan, indicators: tuple[Indicator, ...]) -> list[Indicator]:
    """Every statement of what the chart shows: its series' points, and each share wherever it is stated."""
    shown = {(i.name, i.period) for i in plan.shares}
    return ([i for panel in plan.panels for s in panel.series for point in s.points for i in point.indicators]
            + [i for i in indicators if (i.name, i.period) in shown and i.unit in PERCENT_SIGNS])


def _named(i: Indicator, names: dict[str, str], language: str) -> str:
    if i.table_row is not None:
        return citations.stated(i.quote, language) if i.quote else ""
    return names.get(i.source_id, "")
