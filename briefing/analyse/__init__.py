"""Analyse, stage 2: documents and table figures become one Analysis.

ANALYSERS run in order, each taking the Analysis so far and returning it with what it
found: the directives of every document (ranked), the figures its text states (before
the tables' figures, which the Analysis starts with), and the sentences a summary may
take, ranked once (each audience's summary is filled to its length in select).

Each document's directives and figures, and the summary of a set of documents, are remembered
(briefing.analyse.remembered): a build analyses again only what changed. The whole analysis runs
with one BLAS thread (threadpoolctl): numpy's own thread per core would only fight the other
builds and workers on the machine for the summary's small matrices.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Callable

from briefing import languages
from briefing.analyse.directives import find_directives
from briefing.analyse.indicators import indicators_in
from briefing.analyse.remembered import remembered
from briefing.analyse.summary import candidates
from briefing.model import Analysis, Directive, Document, Indicator, SourceFailure


def directives(analysis: Analysis) -> Analysis:
    """Every document's headline directives, ranked across the documents, and what others said."""
    headlines: list[Directive] = []
    others: list[Directive] = []
    for document in analysis.documents:
        mine, theirs = remembered("directives", document, lambda: find_directives(document))
        headlines.extend(mine)
        others.extend(theirs)
    ranked = tuple(replace(d, rank=i) for i, d in enumerate(headlines, 1))
    return replace(analysis, directives=ranked, other_remarks=tuple(others))


def text_figures(analysis: Analysis) -> Analysis:
    """The figures the documents' text states, each with its quote, ahead of the tables' figures."""
    found = tuple(i for document in analysis.documents
                  for i in remembered("figures", document, lambda: tuple(indicators_in(document))))
    return replace(analysis, indicators=found + analysis.indicators)


def summary(analysis: Analysis) -> Analysis:
    """The sentences a summary may take, ranked by centrality, leaning to the openings and the directives."""
    inputs = (analysis.documents, analysis.directives)
    return replace(analysis, summary=remembered("summary", inputs, lambda: candidates(*inputs)))


Analyser = Callable[[Analysis], Analysis]
ANALYSERS: dict[str, Analyser] = {"directives": directives, "text_figures": text_figures, "summary": summary}


def analyse(documents: tuple[Document, ...], tables: tuple[Indicator, ...] = (),
            failures: tuple[SourceFailure, ...] = (), skip: tuple[str, ...] = ()) -> Analysis:
    """Run every analyser not in `skip` over the documents; the tables' figures are kept after the text's."""
    analysis = Analysis(documents=documents, directives=(), other_remarks=(), summary=(), indicators=tables,
                        language=languages.of_documents(documents), failed_sources=failures)
    from threadpoolctl import threadpool_limits

    importlib.import_module("numpy")  # loaded before the limit: threadpoolctl limits only the BLAS libraries loaded then

    with threadpool_limits(limits=1):
        for name, analyser in ANALYSERS.items():
            if name not in skip:
                analysis = analyser(analysis)
    return analysis
