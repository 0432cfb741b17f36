"""Selection: one audience's cut of the analysis, its limits applied."""

from __future__ import annotations

from briefing.analyse.summary import fill
from briefing.enrich.figures import key_figures
from briefing.enrich.narratives import Style, phrase
from briefing.languages import DEFAULT as LANGUAGES_DEFAULT, LANGUAGES
from briefing.model import Analysis, Audience, Briefing, Changes


def select(analysis: Analysis, audience: Audience, title: str, date: str, changes: Changes | None = None) -> Briefing:
    """One audience's cut: its limits applied to the directives, figures and charts, its summary filled to its
    length, its narratives in its phrases, and its language: the audience's `language`, else the sources'."""
    directives = _limit(analysis.directives, audience.max_directives)
    language = audience.language if audience.language in LANGUAGES else analysis.language
    return Briefing(
        title=title,
        date=date,
        audience=audience,
        documents=analysis.documents,
        directives=directives,
        other_remarks=analysis.other_remarks,
        summary=fill(analysis.summary, audience.summary_chars),
        figures=_limit(key_figures(analysis.series, language or LANGUAGES_DEFAULT), audience.max_figures),
        indicators=analysis.indicators,
        series=analysis.series,
        narratives=phrase(analysis.narratives, analysis.language,
                          Style(audience.phrases, audience.max_narratives, audience.narrative_chars)),
        charts=_limit(analysis.charts, audience.max_charts),
        changes=changes or Changes(),
        failed_sources=analysis.failed_sources,
        language=language,
    )


def _limit(items: tuple, limit: int | None) -> tuple:
    return items if limit is None else items[:limit]

