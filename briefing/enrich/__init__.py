"""Enrich, stage 3: series over periods, derived figures (computed, never copied), narratives, chart plans.

No template and no audience here: what enrich adds is the same for every audience.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.enrich.charts import plan_charts
from briefing.enrich.names import canonical_names
from briefing.enrich.narratives import facts
from briefing.enrich.notes import name_sources
from briefing.enrich.series import build_series
from briefing.model import Analysis


def enrich(analysis: Analysis, aliases: dict[str, tuple[str, ...]] | None = None) -> Analysis:
    """The analysis with its figures under their canonical names (the config's `aliases:` and each language's
    synonyms), its series (change, % change, CAGR, flags), the facts its narratives will say, and the charts
    they call for (planned from the data alone; each audience's style draws them in render), each naming its
    sources once."""
    indicators = canonical_names(analysis.indicators, aliases, analysis.language)
    series = build_series(indicators, analysis.language)
    plans = plan_charts(series, indicators, analysis.language)
    return replace(analysis, indicators=indicators, series=series, narratives=facts(series, indicators),
                   chart_plans=name_sources(plans, indicators, analysis.documents, analysis.language))
