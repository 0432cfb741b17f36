"""The template context: one Briefing, one context, shared by the Word and Markdown renderers.

Every field a template can use is listed in FIELDS with its meaning; a test keeps
the list and the built context in step.
"""

from __future__ import annotations

import re

from briefing import languages
from briefing.enrich.figures import merged, shown
from briefing.model import Briefing, Changes, Chart, Directive, Document, Indicator
from briefing.templating import SECTIONS

FIELDS = {
    "title": "the briefing's title (config `title`)",
    "date": "the edition's date, YYYY-MM-DD (`{{ date|date }}` writes it in the briefing's language: 23 April 2024)",
    "audience": "the audience: .name (config key) and .title",
    "language": "zh or en: the language of the labels (the audience's `language`, else the sources')",
    "directives": "headline directives in rank order: .rank .speaker .verb .attribution (speaker and verb: "
                  "Ministers agreed) .text .actions .paragraph .source .highlighted .quote (the whole "
                  "source paragraph)",
    "other_remarks": "what other speakers said: .speaker .verb .attribution .text .paragraph .source",
    "summary": "summary sentences, in document order",
    "figures": "key figures (the series that changed most): .label (region and name) .name .region .period .target .value .unit .qualifier .shown (the figure as written, its qualifier in place: more than 70,000) .change .source .ref (short: ¶24)",
    "indicators": "every figure once (text and table merged): .label .name .region .period (a target's says so, "
                  "in the labels' words: 2030 (target)) .value .unit .qualifier .shown .kind .target (whether it is an aim, "
                  "not a result) .measure .source (every place it is stated) .quote",
    "narratives": "sentences computed from the series",
    "flags": "disagreements found: a stated rate against a computed one, sources that disagree",
    "charts": "charts: .number .title .caption .file (relative path of the PNG) .kind (pair, line, share, rate) .period .units .source (the note under it) .width_mm (its width on the page); in Word also .image",
    "changes": "what changed since the previous edition: .previous (its date, empty for a first edition) .first .empty "
               ".new_directives .removed_directives .reworded (.old .new) .new_figures .revised_figures "
               "(.label .period .old .new) .removed_figures",
    "sources": "source documents: .title .date .origin .language .paragraphs (count) .repairs (list of text)",
    "failed_sources": "sources that could not be read, the others being built: .source (the path or address) "
                      ".reason (what went wrong and what to do); empty when all were read",
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
             ".ref (¶6) .text .cited_by (what cites it: directive numbers and figure labels)",
}


def build_context(briefing: Briefing) -> dict:
    audience = briefing.audience
    language = briefing.language or languages.DEFAULT
    labels = languages.get(language).words.labels
    paragraphs = {(d.source_id, p.index): p.text for d in briefing.documents for p in d.paragraphs}
    context = {
        "title": briefing.title,
        "date": briefing.date,
        "audience": {"name": audience.name, "title": audience.title},
        "language": language,
        "directives": [_directive(d, paragraphs) for d in briefing.directives],
        "other_remarks": [_directive(d, paragraphs) for d in briefing.other_remarks],
        "summary": list(briefing.summary),
        "figures": [_figure(i, labels) for i in briefing.figures],
        "indicators": [_indicator(group, labels) for group in merged(briefing.indicators)],
        "narratives": list(briefing.narratives),
        "flags": [flag for s in briefing.series for flag in s.flags],
        "charts": [_chart(c, n) for n, c in enumerate(briefing.charts, 1)],
        "changes": _changes(briefing.changes or Changes()),
        "sources": [_source(d) for d in briefing.documents],
        "failed_sources": [{"source": f.origin, "reason": f.reason} for f in briefing.failed_sources],
        "show_actions": audience.show_actions,
        "show_sources": audience.show_sources,
        "labels": labels,
        "marking": labels.get(f"marking:{audience.marking}", audience.marking),
        "issuer": audience.issuer,
        "distribution": [{"line": line, "label": labels[f"distribution:{line}"], "units": list(units)}
                         for line, units in audience.distribution],
        "issue": _issue(briefing),
        "annex": _annex(briefing, paragraphs, language),
    }
    context["sections"] = [s for s in (audience.sections or SECTIONS) if _has_content(s, context)]
    return context


def _has_content(section: str, context: dict) -> bool:
    """A section is shown when it has something to show; the contents and what's new always are."""
    field = {"others": "other_remarks", "annex": "annex"}.get(section, section)
    failed = section == "sources" and bool(context.get("failed_sources"))
    return section in ("contents", "whats_new") or bool(context.get(field)) or failed


def _issue(briefing: Briefing) -> dict:
    """The edition's 期号 and its year; a briefing not numbered by a build (a trial render) has the first."""
    return {"number": briefing.issue or briefing.audience.first_issue, "year": int(briefing.date[:4])}


def _annex(briefing: Briefing, paragraphs: dict, language: str) -> list[dict]:
    """The source paragraphs cited by the directives and the key figures, each once, in source order."""
    cited: dict[tuple[str, int], list[str]] = {}
    pack = languages.get(language)
    directive = pack.words.labels["directive"] + pack.gap
    for n, d in enumerate(briefing.directives, 1):
        cited.setdefault((d.source_id, d.paragraph), []).append(f"{directive}{n}")
    for i in briefing.figures:
        if i.table_row is None and i.paragraph is not None:
            cited.setdefault((i.source_id, i.paragraph), []).append(i.label)
    order = {d.source_id: n for n, d in enumerate(briefing.documents)}
    return [{"source": source, "paragraph": index, "ref": f"¶{index}", "text": paragraphs[(source, index)],
             "cited_by": by}
            for (source, index), by in sorted(cited.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1]))
            if (source, index) in paragraphs]


def _changes(c: Changes) -> dict:
    return {"previous": c.previous, "empty": c.empty, "first": not c.previous,
            "new_directives": list(c.new_directives), "removed_directives": list(c.removed_directives),
            "reworded": [{"old": a, "new": b} for a, b in c.reworded],
            "new_figures": list(c.new_figures), "removed_figures": list(c.removed_figures),
            "revised_figures": [{"label": r.label, "period": r.period, "old": r.old, "new": r.new}
                                for r in c.revised_figures]}


def _directive(d: Directive, paragraphs: dict) -> dict:
    gap = " " if re.search(r"[A-Za-z]$", d.speaker) else ""
    return {"rank": d.rank, "speaker": d.speaker, "verb": d.verb, "attribution": f"{d.speaker}{gap}{d.verb}",
            "text": d.text, "actions": list(d.actions),
            "paragraph": d.paragraph, "source": d.source_id, "highlighted": d.highlighted,
            "quote": paragraphs.get((d.source_id, d.paragraph), "")}


def _figure(i: Indicator, labels: dict) -> dict:
    return {"name": i.name, "region": i.region, "label": i.label, "period": _period(i, labels),
            "target": i.is_target, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "shown": shown(i), "change": i.measure, "source": i.origin,
            "ref": _ref(i)}


def _ref(i: Indicator) -> str:
    """A short pointer to where a figure came from: ¶24 of the source, or row 3 of a table."""
    return f"¶{i.paragraph}" if i.table_row is None else f"{i.source_id} #{i.table_row}"


def _period(i: Indicator, labels: dict) -> str:
    """The period as a row shows it: a target's says that it is one (2027（目标）, 2030 (target))."""
    return labels["target_period"].format(period=i.period) if i.is_target else i.period


def _indicator(group: tuple[Indicator, ...], labels: dict) -> dict:
    i = group[0]
    return {"name": i.name, "region": i.region, "label": i.label, "period": _period(i, labels),
            "target": i.is_target, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "shown": shown(i), "kind": i.kind, "measure": i.measure,
            "source": "; ".join(dict.fromkeys(x.origin for x in group)), "quote": i.quote}


def _chart(c: Chart, number: int) -> dict:
    return {"number": number, "title": c.title, "caption": c.caption, "file": c.filename, "path": str(c.path),
            "kind": c.kind, "period": c.period, "units": list(c.units), "source": c.source,
            "width_mm": round(c.width_in * 25.4, 1)}


def _source(d: Document) -> dict:
    return {"title": d.title, "date": d.date or "", "origin": d.origin, "language": d.language,
            "paragraphs": len(d.paragraphs), "repairs": [r.detail for r in d.repairs], "id": d.source_id}
