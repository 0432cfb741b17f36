"""The analysis of one document alone, for pipelines and for checking (`briefing extract`)."""

from __future__ import annotations

from pathlib import Path

from briefing.analyse.summary import fill
from briefing.enrich.narratives import phrase
from briefing.languages import is_percent
from briefing.ingest import read_document
from briefing.model import SUMMARY_CHARS, Indicator, InputLimits, Series
from briefing.pipeline import analyse_document


def analysis_json(path: Path, summary_chars: int | None = None, date: str | None = None,
                  limits: InputLimits = InputLimits()) -> dict:
    """One document's analysis, as a build sees it (pipeline.analyse_document), in plain JSON; a `date` (ISO) is
    the document's, over what it says, and its relative periods (今年, this year) are placed by it. The file is
    read within `limits` (a build's are its config's; `briefing extract` has the defaults)."""
    document = read_document(path, date=date, limits=limits)
    analysis = analyse_document(document)
    summary_chars = SUMMARY_CHARS if summary_chars is None else summary_chars
    by_name = {s.name: s for s in analysis.series}
    return {
        "document": {
            "title": document.title, "language": document.language, "date": document.date,
            "encoding": document.encoding,
            "paragraphs": [{"index": p.index, "text": p.text} for p in document.paragraphs],
            "highlights": list(document.highlights),
            "repairs": [{"kind": r.kind, "detail": r.detail} for r in document.repairs],
        },
        "directives": [_directive(d) for d in analysis.directives],
        "other_remarks": [_directive(d) for d in analysis.other_remarks],
        "summary": list(fill(analysis.summary, summary_chars)),
        "indicators": [_indicator(i, by_name.get(i.name)) for i in analysis.indicators],
        "series": [_series(s) for s in analysis.series],
        "narratives": list(phrase(analysis.narratives, analysis.language)),
    }


def _indicator(i: Indicator, series: Series | None) -> dict:
    found = {
        "name": i.name, "region": i.region, "period": i.period, "period_text": i.period_text,
        "value": i.value, "unit": i.unit, "qualifier": i.qualifier, "kind": i.kind, "status": i.status,
        "measure": i.measure,
        "normalized": {"value": i.normalized_value, "unit": i.normalized_unit},
        "quote": i.quote, "paragraph": i.paragraph,
    }
    if not i.resolved:
        found["resolved"] = False  # the period as written: the document never says its date
    if series is not None and series.change is not None:
        found["derived"] = _derived(series)
    return found


def _series(s: Series) -> dict:
    return {"name": s.name, "unit": s.unit, "points": [{"period": p.period, "value": p.value} for p in s.points],
            **_derived(s)}


def _derived(s: Series) -> dict:
    """The figures computed from a series: never copied from the text."""
    first, last = (s.points[0].period, s.points[-1].period) if s.points else ("", "")
    return {"span": f"{first}-{last}", "change": _round(s.change), "pct_change": _round(s.pct_change),
            "cagr": _round(s.cagr), "change_unit": "percentage points" if is_percent(s.unit) else s.unit,
            "flags": list(s.flags)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _directive(d) -> dict:
    return {"speaker": d.speaker, "verb": d.verb, "text": d.text, "actions": list(d.actions),
            "paragraph": d.paragraph, "rank": d.rank, "kind": d.kind, "highlighted": d.highlighted}


def analysis_markdown(path: Path, summary_chars: int | None = None, date: str | None = None,
                      limits: InputLimits = InputLimits()) -> str:
    data = analysis_json(path, summary_chars, date, limits)
    doc = data["document"]
    lines = [f"# {doc['title']}", "", f"{doc['date'] or ''} · {doc['language']} · {len(doc['paragraphs'])} paragraphs", "",
             "## Directives", ""]
    lines += [f"{d['rank']}. {d['text']} ({d['speaker']} {d['verb']}, ¶{d['paragraph']})" for d in data["directives"]]
    lines += ["", "## Other speakers", ""]
    lines += [f"- {d['speaker']} {d['verb']}: {d['text']} (¶{d['paragraph']})" for d in data["other_remarks"]]
    lines += ["", "## Summary", ""] + data["summary"]
    lines += ["", "## Indicators", "", "| name | period | value | source |", "|---|---|---|---|"]
    lines += [f"| {i['region']}{i['name']} {i['measure']} | {i['period']}{' (target)' if i['status'] == 'target' else ''} "
              f"| {i['qualifier']}{i['value']} {i['unit']} | ¶{i['paragraph']} |" for i in data["indicators"]]
    lines += ["", "## What the figures say", ""] + [f"- {n}" for n in data["narratives"]]
    lines += ["", "## Repairs", ""] + [f"- {r['kind']}: {r['detail']}" for r in doc["repairs"]]
    return "\n".join(lines)
