"""Analyse, stage 2: documents and table figures become one Analysis.

ANALYSERS run in order, each taking the Analysis so far and returning it with what it
found: the directives of every document (ranked), then the figures its text states
(before the tables' figures, which the Analysis starts with).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from briefing.analyse.directives import find_directives
from briefing.languages.zh.indicators import indicators_in
from briefing.model import Analysis, Directive, Document, Indicator, SourceFailure


def directives(analysis: Analysis) -> Analysis:
    """Every document's headline directives, ranked across the documents, and what others said."""
    headlines: list[Directive] = []
    others: list[Directive] = []
    for document in analysis.documents:
        mine, theirs = find_directives(document)
        headlines.extend(mine)
        others.extend(theirs)
    ranked = tuple(replace(d, rank=i) for i, d in enumerate(headlines, 1))
    return replace(analysis, directives=ranked, other_remarks=tuple(others))


def text_figures(analysis: Analysis) -> Analysis:
    """The figures the documents' text states, each with its quote, ahead of the tables' figures."""
    found = tuple(i for document in analysis.documents for i in indicators_in(document))
    return replace(analysis, indicators=found + analysis.indicators)


Analyser = Callable[[Analysis], Analysis]
ANALYSERS: dict[str, Analyser] = {"directives": directives, "text_figures": text_figures}


def analyse(documents: tuple[Document, ...], tables: tuple[Indicator, ...] = (),
            failures: tuple[SourceFailure, ...] = (), skip: tuple[str, ...] = ()) -> Analysis:
    """Run every analyser not in `skip` over the documents; the tables' figures are kept after the text's."""
    analysis = Analysis(documents=documents, directives=(), other_remarks=(), summary=(), indicators=tables,
                        failed_sources=failures)
    for name, analyser in ANALYSERS.items():
        if name not in skip:
            analysis = analyser(analysis)
    return analysis
