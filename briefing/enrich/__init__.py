"""Enrich, stage 3: series over periods, derived figures (computed, never copied), narratives, chart plans.

No template and no audience here: what enrich adds is the same for every audience.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.enrich.charts import plan_charts
from briefing.enrich.narratives import facts
from briefing.enrich.notes import name_sources
from briefing.enrich.series import build_series
from briefing.model import Analysis


def enrich(analysis: Analysis) -> Analysis:
    """The analysis with its series (change, % change, CAGR, flags), the facts its narratives will say, and the
    charts they call for (planned from the data alone; each audience's style draws them in render)."""
    series = build_series(analysis.indicators, analysis.language)
    return replace(analysis, series=series, narratives=facts(series, analysis.indicators),
                   chart_plans=name_sources(plan_charts(series, analysis.indicators, analysis.language),
                                            analysis.indicators, analysis.documents, analysis.language))
