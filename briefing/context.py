"""The template context: one Briefing, one context, shared by the Word and Markdown renderers.

Every field a template can use is listed in FIELDS with its meaning; a test keeps
the list and the built context in step.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.model import Analysis, Audience, Briefing, Chart, Directive, Document, Indicator, Series

FIELDS = {
    "title": "the briefing's title (config `title`)",
    "date": "the edition's date, YYYY-MM-DD",
    "audience": "the audience: .name (config key) and .title",
    "language": "zh or en: the language of the sources, and of the labels",
    "directives": "headline directives in rank order: .rank .speaker .verb .text .actions .paragraph .source .highlighted",
    "other_remarks": "what other speakers said: .speaker .verb .text .paragraph .source",
    "summary": "summary sentences, in document order",
    "figures": "key figures (the series that changed most): .label (region and name) .name .region .period .value .unit .qualifier .change .source .ref (short: ¶24)",
    "indicators": "every indicator: .label .name .region .period .value .unit .qualifier .kind .measure .source .quote",
    "narratives": "sentences computed from the series",
    "flags": "disagreements found: a stated rate against a computed one, sources that disagree",
    "charts": "charts: .number .title .caption .file (relative path of the PNG) .kind (pair, line, share) .period .units .source (the note under it) .width_mm (its width on the page); in Word also .image",
    "sources": "source documents: .title .date .origin .language .paragraphs (count) .repairs (list of text)",
    "show_actions": "whether this audience lists supporting actions",
    "show_sources": "whether this audience shows source paragraphs, repairs and quotes",
    "labels": "section names and words in the language of the sources: .directives .figures .charts …",
}

LABELS = {
    "zh": {"directives": "重要指示", "figures": "关键数据", "charts": "图表", "summary": "摘要",
           "others": "其他领导讲话", "narratives": "数据解读", "indicators": "指标一览", "sources": "来源与处理",
           "indicator": "指标", "value": "数值", "change": "变化", "source": "出处", "period": "时期",
           "figure": "图", "paragraphs": "段", "repaired": "已处理：", "actions": "具体举措", "flags": "待核对"},
    "en": {"directives": "Directives", "figures": "Key figures", "charts": "Charts", "summary": "Summary",
           "others": "Other speakers", "narratives": "What the figures say", "indicators": "All indicators",
           "sources": "Sources and repairs", "indicator": "Indicator", "value": "Value", "change": "Change",
           "source": "Source", "period": "Period", "figure": "Figure ", "paragraphs": "paragraphs",
           "repaired": "Repaired: ", "actions": "Actions", "flags": "To check"},
}


def select(analysis: Analysis, audience: Audience, title: str, date: str) -> Briefing:
    """One audience's cut: its limits applied to the directives, figures and charts."""
    directives = _limit(analysis.directives, audience.max_directives)
    from briefing.summary import summarise

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
        narratives=analysis.narratives,
        charts=_limit(analysis.charts, audience.max_charts),
    )


def _limit(items: tuple, limit: int | None) -> tuple:
    return items if limit is None else items[:limit]


def key_figures(series: tuple[Series, ...]) -> tuple[Indicator, ...]:
    """The latest figure of each series, the series that changed most first."""
    ranked = sorted((s for s in series if s.points), key=lambda s: -abs(s.pct_change or 0))
    return tuple(replace(s.points[-1].indicators[0], measure=_change(s)) for s in ranked)


def _change(series: Series) -> str:
    if series.pct_change is None:
        return ""
    return f"{series.pct_change:+.1f}% ({series.points[0].period}—{series.points[-1].period})"


def build_context(briefing: Briefing) -> dict:
    language = briefing.documents[0].language if briefing.documents else "zh"
    return {
        "title": briefing.title,
        "date": briefing.date,
        "audience": {"name": briefing.audience.name, "title": briefing.audience.title},
        "language": language,
        "directives": [_directive(d) for d in briefing.directives],
        "other_remarks": [_directive(d) for d in briefing.other_remarks],
        "summary": list(briefing.summary),
        "figures": [_figure(i) for i in briefing.figures],
        "indicators": [_indicator(i) for i in briefing.indicators],
        "narratives": list(briefing.narratives),
        "flags": [flag for s in briefing.series for flag in s.flags],
        "charts": [_chart(c, n) for n, c in enumerate(briefing.charts, 1)],
        "sources": [_source(d) for d in briefing.documents],
        "show_actions": briefing.audience.show_actions,
        "show_sources": briefing.audience.show_sources,
        "labels": LABELS.get(language, LABELS["en"]),
    }


def _directive(d: Directive) -> dict:
    return {"rank": d.rank, "speaker": d.speaker, "verb": d.verb, "text": d.text, "actions": list(d.actions),
            "paragraph": d.paragraph, "source": d.source_id, "highlighted": d.highlighted}


def _figure(i: Indicator) -> dict:
    return {"name": i.name, "region": i.region, "label": i.label, "period": i.period, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "change": i.measure, "source": i.origin, "ref": _ref(i)}


def _ref(i: Indicator) -> str:
    """A short pointer to where a figure came from: ¶24 of the source, or row 3 of a table."""
    return f"¶{i.paragraph}" if i.table_row is None else f"{i.source_id} #{i.table_row}"


def _indicator(i: Indicator) -> dict:
    return {"name": i.name, "region": i.region, "label": i.label, "period": i.period, "value": i.value,
            "unit": i.unit, "qualifier": i.qualifier, "kind": i.kind, "measure": i.measure, "source": i.origin,
            "quote": i.quote}


def _chart(c: Chart, number: int) -> dict:
    return {"number": number, "title": c.title, "caption": c.caption, "file": c.filename, "path": str(c.path),
            "kind": c.kind, "period": c.period, "units": list(c.units), "source": c.source,
            "width_mm": round(c.width_in * 25.4, 1)}


def _source(d: Document) -> dict:
    return {"title": d.title, "date": d.date or "", "origin": d.origin, "language": d.language,
            "paragraphs": len(d.paragraphs), "repairs": [r.detail for r in d.repairs], "id": d.source_id}
