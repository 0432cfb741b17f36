"""The template context: one Briefing, one context, shared by the Word and Markdown renderers.

Every field a template can use is listed in FIELDS with its meaning; a test keeps
the list and the built context in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing import languages
from briefing.languages import citations, periods
from briefing.enrich.figures import merged, shown
from briefing.model import Briefing, Changes, Chart, Directive, Document, Indicator, SourceFailure
from briefing.templating import SECTIONS

FIELDS = {
    "title": "the briefing's title (config `title`)",
    "date": "the edition's date, YYYY-MM-DD (`{{ date|date }}` writes it in the briefing's language: 23 April 2024)",
    "audience": "the audience: .name (config key) and .title",
    "language": "zh or en: the language of the labels (the audience's `language`, else the sources')",
    "directives": "headline directives in rank order: .rank .speaker .verb .attribution (speaker and verb: "
                  "Ministers agreed) .text .actions .paragraph .source .highlighted .quote (the whole "
                  "source paragraph) .cite (the source by its publisher or title and date, and the paragraph "
                  "where the audience shows sources: Xinhua, 23 April 2024, para. 6) .cite_short (for a table cell or "
                  "a one-line list: Xinhua para. 6; without sources shown, the publisher or short title alone)",
    "other_remarks": "what other speakers said: .speaker .verb .attribution .text .paragraph .source .cite "
                     ".cite_short",
    "summary": "summary sentences, in document order",
    "figures": "key figures (the series that changed most): .label (region and name) .name .region .period .target .value .unit .qualifier .shown (the figure as written, its qualifier in place: more than 70,000) .change (up 39.7% (2019–2023), up 3.2 points (2021–2024)) .source .ref (the place alone: para. 24, row 3) .cite .cite_short (as a directive's; a table by its name and row only where sources are shown)",
    "indicators": "every figure once (text and table merged): .label .name .region .period (in the labels' "
                  "words: 2023, as of 23 April 2024, January–May 2025; a target's says so: 2030 (target)) .value .unit .qualifier .shown .kind .target (whether it is an aim, "
                  "not a result) .measure .source (every place it is stated) .cite (every place, in short) .quote",
    "narratives": "sentences computed from the series",
    "flags": "disagreements found: a stated rate against a computed one, sources that disagree",
    "charts": "charts: .number .title .caption .file (relative path of the PNG) .kind (pair, line, share, rate) .period (in the labels' words) .units .source (the note under it: each source once, by its publisher or title) .width_mm (its width on the page); in Word also .image",
    "changes": "what changed since the previous edition: .previous (its date, empty for a first edition) .first .empty "
               ".new_directives .removed_directives .reworded (.old .new) .new_figures .revised_figures "
               "(.label .period .old .new) .removed_figures",
    "sources": "source documents: .title .date .origin .language .paragraphs (count) .repairs (list of text) "
               ".id .cite (its publisher or title, and date: Xinhua, 23 April 2024)",
    "failed_sources": "sources that could not be read, the others being built: .source (the path or address) "
                      ".reason (what went wrong and what to do, in the briefing's language); empty when all were read",
    "show_actions": "whether this audience lists supporting actions",
    "show_sources": "whether this audience shows source paragraphs, repairs and quotes",
    "labels": "section names (one per section: .summary .directives …), words, and punctuation (.open .close "
              ".sep .comma .colon .list_sep .caption_sep: ( ); , : , in English, their full-width forms in Chinese), in "
              "the briefing's language",
    "sections": "the sections to show, in order, each with something to show: contents, whats_new, summary, "
                "directives, others, figures, narratives, flags, indicators, charts, annex, sources",
    "marking": "the classification marking for the header and masthead, empty for none; a setting of internal, "
               "internal-reference or internal-keep is written in the briefing's language (Internal, For internal reference, …)",
    "issuer": "the issuing unit for a masthead; empty when not set",
    "distribution": "the imprint's lines (the audience's distribution) in GB/T 9704's order, each set: .line (its key) "
                    ".label (its word in the briefing's language) .units (list)",
    "issue": "the issue number for a masthead: .number (1, 2, 3 … in the year, kept with the editions: a rebuild keeps its "
             "number; the audience's first_issue starts a series) .year",
    "annex": "the source paragraphs the briefing cites, quoted whole, in source order: .source .paragraph "
             ".ref (para. 6) .cite (its source: Xinhua, 23 April 2024) .text .cited_by (what cites it: directive numbers and figure labels)",
}


def build_context(briefing: Briefing) -> dict:
    audience = briefing.audience
    language = briefing.language or languages.DEFAULT
    labels = languages.get(language).words.labels
    paragraphs = {(d.source_id, p.index): p.text for d in briefing.documents for p in d.paragraphs}
    cites = _cites(briefing, language)
    context = {
        "title": briefing.title,
        "date": briefing.date,
        "audience": {"name": audience.name, "title": audience.title},
        "language": language,
        "directives": [_directive(d, paragraphs, cites) for d in briefing.directives],
        "other_remarks": [_directive(d, paragraphs, cites) for d in briefing.other_remarks],
        "summary": list(briefing.summary),
        "figures": [_figure(i, labels, cites) for i in briefing.figures],
        "indicators": [_indicator(group, labels, cites) for group in merged(briefing.indicators)],
        "narratives": list(briefing.narratives),
        "flags": [flag for s in briefing.series for flag in s.flags],
        "charts": [_chart(c, n, language) for n, c in enumerate(briefing.charts, 1)],
        "changes": _changes(briefing.changes or Changes(), language),
        "sources": [_source(d, language) for d in briefing.documents],
        "failed_sources": [{"source": f.origin, "reason": _failure(f, labels)} for f in briefing.failed_sources],
        "show_actions": audience.show_actions,
        "show_sources": audience.show_sources,
        "labels": labels,
        "marking": labels.get(f"marking:{audience.marking}", audience.marking),
        "issuer": audience.issuer,
        "distribution": [{"line": line, "label": labels[f"distribution:{line}"], "units": list(units)}
                         for line, units in audience.distribution],
        "issue": _issue(briefing),
        "annex": _annex(briefing, paragraphs, cites),
    }
    context["sections"] = [s for s in (audience.sections or SECTIONS) if _has_content(s, context)]
    return context


@dataclass(frozen=True)
class _Cites:
    """How this edition cites its sources: each document by its publisher or title and date; the places in
    them (第6段, 第4行) only where the audience shows sources."""

    language: str
    places: bool  # the audience shows sources: paragraphs and table rows are cited
    names: dict[str, str]  # a document's id → its name in a citation (新华社2024年4月23日)
    shorts: dict[str, str]  # a document's id → its name in a table cell (新华社)


def _cites(briefing: Briefing, language: str) -> _Cites:
    return _Cites(language, briefing.audience.show_sources,
                  {d.source_id: citations.name(d, language) for d in briefing.documents},
                  {d.source_id: citations.short(d, language) for d in briefing.documents})


def _cite(source_id: str, paragraph: int | None, cites: _Cites) -> tuple[str, str]:
    """A paragraph of a document, cited in full and in short."""
    at = citations.paragraph(paragraph, cites.language) if cites.places and paragraph is not None else ""
    return (citations.place(cites.names.get(source_id, ""), at, cites.language),
            citations.place(cites.shorts.get(source_id, ""), at, cites.language, short_form=True))


def _cite_figure(i: Indicator, cites: _Cites) -> tuple[str, str]:
    """A figure's source: a document's paragraph, or a table: by its name and row where sources are shown,
    else by the source its own column states (no file name)."""
    if i.table_row is None:
        return _cite(i.source_id, i.paragraph, cites)
    if cites.places:
        table = citations.place(_table_name(i.source_id), citations.row(i.table_row, cites.language), cites.language)
        return table, table
    stated = citations.stated(i.quote, cites.language) if i.quote else ""
    return stated, stated


def _table_name(source_id: str) -> str:
    """A table as the analyst knows it: its file's name without the extension, its sheet kept (wide[西部])."""
    return re.sub(r"\.(?:csv|tsv|xlsx?|parquet)(?=\[|$)", "", source_id, flags=re.I)


def _failure(f: SourceFailure, labels: dict) -> str:
    """Why a source could not be read, in the briefing's language (the log keeps the English line)."""
    return labels.get(f"failure:{f.kind}", labels["failure:unreadable"]).format(detail=f.detail)


def _has_content(section: str, context: dict) -> bool:
    """A section is shown when it has something to show; the contents and what's new always are."""
    field = {"others": "other_remarks", "annex": "annex"}.get(section, section)
    failed = section == "sources" and bool(context.get("failed_sources"))
    return section in ("contents", "whats_new") or bool(context.get(field)) or failed


def _issue(briefing: Briefing) -> dict:
    """The edition's 期号 and its year; a briefing not numbered by a build (a trial render) has the first."""
    return {"number": briefing.issue or briefing.audience.first_issue, "year": int(briefing.date[:4])}


def _annex(briefing: Briefing, paragraphs: dict, cites: _Cites) -> list[dict]:
    """The source paragraphs cited by the directives and the key figures, each once, in source order."""
    cited: dict[tuple[str, int], list[str]] = {}
    pack = languages.get(cites.language)
    directive = pack.words.labels["directive"] + pack.gap
    for n, d in enumerate(briefing.directives, 1):
        cited.setdefault((d.source_id, d.paragraph), []).append(f"{directive}{n}")
    for i in briefing.figures:  # one indicator's figures of two periods (May, 1—5月) cite a paragraph once
        if i.table_row is None and i.paragraph is not None and i.label not in cited.get((i.source_id, i.paragraph), ()):
            cited.setdefault((i.source_id, i.paragraph), []).append(i.label)
    order = {d.source_id: n for n, d in enumerate(briefing.documents)}
    return [{"source": source, "paragraph": index, "ref": citations.paragraph(index, cites.language),
             "cite": cites.names.get(source, ""), "text": paragraphs[(source, index)],
             "cited_by": by}
            for (source, index), by in sorted(cited.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1]))
            if (source, index) in paragraphs]


def _changes(c: Changes, language: str) -> dict:
    return {"previous": c.previous, "empty": c.empty, "first": not c.previous,
            "new_directives": list(c.new_directives), "removed_directives": list(c.removed_directives),
            "reworded": [{"old": a, "new": b} for a, b in c.reworded],
            "new_figures": list(c.new_figures), "removed_figures": list(c.removed_figures),
            "revised_figures": [{"label": r.label, "period": periods.show(r.period, language), "old": r.old, "new": r.new}
                                for r in c.revised_figures]}


def _directive(d: Directive, paragraphs: dict, cites: _Cites) -> dict:
    gap = " " if re.search(r"[A-Za-z]$", d.speaker) else ""
    cite, short = _cite(d.source_id, d.paragraph, cites)
    return {"cite": cite, "cite_short": short, "rank": d.rank, "speaker": d.speaker, "verb": d.verb, "attribution": f"{d.speaker}{gap}{d.verb}",
            "text": d.text, "actions": list(d.actions),
            "paragraph": d.paragraph, "source": d.source_id, "highlighted": d.highlighted,
            "quote": paragraphs.get((d.source_id, d.paragraph), "")}


def _figure(i: Indicator, labels: dict, cites: _Cites) -> dict:
    cite, short = _cite_figure(i, cites)
    return {"cite": cite, "cite_short": short, "name": i.name, "region": i.region, "label": i.label, "period": _period(i, labels, cites.language),
            "target": i.is_target, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "shown": shown(i), "change": i.measure, "source": i.origin,
            "ref": _ref(i, cites.language)}


def _ref(i: Indicator, language: str) -> str:
    """The place alone a figure came from: 第24段 of its source, 第3行 of its table."""
    if i.table_row is not None:
        return citations.row(i.table_row, language)
    return citations.paragraph(i.paragraph, language) if i.paragraph is not None else ""


def _period(i: Indicator, labels: dict, language: str) -> str:
    """The period as a row shows it, in the labels' words: a target's says that it is one (2027年（目标）,
    2030 (target))."""
    period = periods.show(i.period, language)
    return labels["target_period"].format(period=period) if i.is_target else period


def _indicator(group: tuple[Indicator, ...], labels: dict, cites: _Cites) -> dict:
    i = group[0]
    return {"name": i.name, "region": i.region, "label": i.label, "period": _period(i, labels, cites.language),
            "target": i.is_target, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "shown": shown(i), "kind": i.kind, "measure": i.measure,
            "source": "; ".join(dict.fromkeys(x.origin for x in group)), "quote": i.quote,
            "cite": labels["sep"].join(c for c in dict.fromkeys(_cite_figure(x, cites)[1] for x in group) if c)}


def _chart(c: Chart, number: int, language: str) -> dict:
    return {"number": number, "title": c.title, "caption": c.caption, "file": c.filename, "path": str(c.path),
            "kind": c.kind, "period": periods.show(c.period, language), "units": list(c.units), "source": c.source,
            "width_mm": round(c.width_in * 25.4, 1)}


def _source(d: Document, language: str) -> dict:
    return {"cite": citations.name(d, language), "title": d.title, "date": d.date or "", "origin": d.origin, "language": d.language,
            "paragraphs": len(d.paragraphs), "repairs": [r.detail for r in d.repairs], "id": d.source_id}
