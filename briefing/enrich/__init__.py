"""Enrich, stage 3: series over periods, derived figures (computed, never copied), narratives.

No template and no audience here: what enrich adds is the same for every audience.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.enrich.narratives import narratives
from briefing.enrich.series import build_series
from briefing.model import Analysis


def enrich(analysis: Analysis) -> Analysis:
    """The analysis with its series (change, % change, CAGR, flags) and the narratives they support."""
    language = analysis.documents[0].language if analysis.documents else "zh"
    series = build_series(analysis.indicators, language)
    return replace(analysis, series=series, narratives=narratives(series, analysis.indicators, language))
