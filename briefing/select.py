"""Selection: one audience's cut of the analysis, its limits applied."""

from __future__ import annotations

from briefing.enrich.figures import key_figures
from briefing.enrich.narratives import Style, narratives
from briefing.model import Analysis, Audience, Briefing, Changes


def select(analysis: Analysis, audience: Audience, title: str, date: str, changes: Changes | None = None) -> Briefing:
    """One audience's cut: its limits applied to the directives, figures and charts."""
    directives = _limit(analysis.directives, audience.max_directives)
    from briefing.analyse.summary import summarise

    return Briefing(
        title=title,
        date=date,
        audience=audience,
        documents=analysis.documents,
        directives=directives,
        other_remarks=analysis.other_remarks,
        summary=summarise(analysis.documents, audience.summary_chars, analysis.directives),
        figures=_limit(key_figures(analysis.series), audience.max_figures),
        indicators=analysis.indicators,
        series=analysis.series,
        narratives=narratives(analysis.series, analysis.indicators, _language(analysis),
                              Style(audience.phrases, audience.max_narratives, audience.narrative_chars)),
        charts=_limit(analysis.charts, audience.max_charts),
        changes=changes or Changes(),
        failed_sources=analysis.failed_sources,
    )


def _language(analysis: Analysis) -> str:
    return analysis.documents[0].language if analysis.documents else "zh"


def _limit(items: tuple, limit: int | None) -> tuple:
    return items if limit is None else items[:limit]

