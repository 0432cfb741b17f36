"""One audience's briefing: the audience's settings, what changed since the last edition, and the Briefing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.analysis import Chart, Directive, Indicator, Series
from briefing.model.document import Document, SourceFailure


@dataclass(frozen=True)
class Revised:
    """A figure whose value changed for the same indicator and period."""

    label: str
    period: str
    old: str
    new: str


@dataclass(frozen=True)
class Changes:
    """The comparison of an edition with the one before it; `previous` is "" for a first edition."""

    previous: str = ""  # the previous edition's date
    new_directives: tuple[str, ...] = ()
    removed_directives: tuple[str, ...] = ()
    reworded: tuple[tuple[str, str], ...] = ()
    new_figures: tuple[str, ...] = ()  # "label (period): value"
    revised_figures: tuple[Revised, ...] = ()
    removed_figures: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.new_directives or self.removed_directives or self.reworded or self.new_figures
                    or self.revised_figures or self.removed_figures)


SUMMARY_CHARS = 300  # the summary's length when neither the config nor the audience says: characters or words

# The audience settings a config or a template's defaults may give: type and help, declared once.
AUDIENCE_KEYS = {
    "template": (str, "a template name (project templates/, then built-in) or a folder path"),
    "title": (str, "the audience's name as shown in the briefing"),
    "max_directives": (int, "at most this many headline directives"),
    "max_charts": (int, "at most this many charts"),
    "max_figures": (int, "at most this many key figures"),
    "summary_chars": (int, "summary length for this audience"),
    "show_actions": (bool, "list each directive's supporting actions"),
    "show_sources": (bool, "show source paragraphs, repairs and the source annex"),
    "max_narratives": (int, "at most this many narrative sentences (the largest changes first)"),
    "narrative_chars": (int, "all narratives together at most this long, in characters (Chinese) or words (English)"),
    "phrases": (dict, "narrative phrase templates to replace, e.g. {change: \"{label}: {first}{unit} in {start}\"}"),
    "sections": (list, "the sections shown, in order: contents, whats_new, summary, directives, others, figures, "
                       "narratives, flags, indicators, charts, annex, sources"),
    "language": (str, "the language of section names and labels: zh, en, or auto (the sources' language)"),
    "marking": (str, "the classification marking in the header and masthead: internal, internal-reference, "
                     "internal-keep or any text; \"\" for none"),
    "issuer": (str, "the issuing unit printed in a masthead"),
    # 简报 (GB/T 9704): the 期号 and the 版记
    "first_issue": (int, "the issue number of the audience's first edition, to continue a series begun elsewhere (default 1); "
                         "later editions count on from the last one's, from 1 again each year"),
    "distribution": (dict, "the imprint's lines (GB/T 9704), keyed by their words (languages.common.DISTRIBUTION): "
                           "units to superiors, to peers, to those below, each optional, a list or a text"),
    # the files of an edition (FORMATS): pdf is the Word briefing converted by LibreOffice
    "formats": (list, "the files of the edition: docx (briefing.docx), md (digest.md), pdf (briefing.pdf, through "
                      "LibreOffice); default [docx, md]"),
}
FORMATS = ("docx", "md", "pdf")
DEFAULT_FORMATS = ("docx", "md")


@dataclass(frozen=True)
class Audience:
    name: str
    template: Path  # the template folder
    title: str
    max_directives: int | None = None
    max_charts: int | None = None
    max_figures: int | None = None
    summary_chars: int = SUMMARY_CHARS
    show_actions: bool = True
    show_sources: bool = True
    phrases: tuple[tuple[str, str], ...] = ()  # narrative phrase templates this audience replaces
    max_narratives: int | None = None
    narrative_chars: int | None = None  # all narratives together, in characters (Chinese) or words (English)
    sections: tuple[str, ...] = ()  # the sections shown and their order (templating.SECTIONS); () for all
    language: str = "auto"  # the language of the labels: zh, en, or auto (the sources')
    marking: str = ""  # the classification marking printed in the header and masthead
    issuer: str = ""  # the issuing unit (编发单位) of a masthead
    first_issue: int = 1  # the 期号 of the first edition, when no earlier one records its number
    distribution: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the 版记: (报/送/发, units), in that order
    formats: tuple[str, ...] = DEFAULT_FORMATS  # the files of its edition (FORMATS)


@dataclass(frozen=True)
class Briefing:
    """One audience's cut of the analysis: the whole context of both templates."""

    title: str
    date: str
    audience: Audience
    documents: tuple[Document, ...]
    directives: tuple[Directive, ...]
    other_remarks: tuple[Directive, ...]
    summary: tuple[str, ...]
    figures: tuple[Indicator, ...]
    indicators: tuple[Indicator, ...]
    series: tuple[Series, ...]
    narratives: tuple[str, ...]
    charts: tuple[Chart, ...]
    changes: Changes | None = None  # what is new since the previous edition
    failed_sources: tuple[SourceFailure, ...] = ()  # sources that could not be read, named in the edition
    language: str = ""  # of its labels and dates: the audience's `language`, else the sources'
    issue: int = 0  # the edition's 期号 (publish.editions.issue_number); 0 when not numbered: the audience's first_issue
