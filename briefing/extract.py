"""The analysis of one document alone, for pipelines and for checking (`briefing extract`)."""

from __future__ import annotations

from pathlib import Path

from briefing.analyse.summary import fill
from briefing.enrich.narratives import phrase
from briefing import languages
from briefing.languages import citations, is_percent, periods
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
    """The analysis as Markdown, in the document's language: its headings, punctuation, periods and citations."""
    data = analysis_json(path, summary_chars, date, limits)
    doc = data["document"]
    code = doc["language"] if doc["language"] in languages.LANGUAGES else languages.DEFAULT
    pack = languages.get(code)
    w = pack.words.labels
    dated = f"{pack.date(doc['date'])} · " if doc["date"] else ""
    lines = [f"# {doc['title']}", "", dated + w["paragraph_count"].format(n=len(doc["paragraphs"])), "",
             f"## {w['directives']}", ""]
    lines += [f"{d['rank']}. {d['text']}{w['open']}{_said(d, pack)}{w['sep']}{citations.paragraph(d['paragraph'], code)}"
              f"{w['close']}" for d in data["directives"]]
    lines += ["", f"## {w['others']}", ""]
    lines += [f"- {_said(d, pack)}{w['colon']}{d['text']}{w['open']}{citations.paragraph(d['paragraph'], code)}"
              f"{w['close']}" for d in data["other_remarks"]]
    lines += ["", f"## {w['summary']}", ""] + data["summary"]
    lines += ["", f"## {w['indicators']}", "", f"| {w['indicator']} | {w['period']} | {w['value']} | {w['source']} |",
              "|---|---|---|---|"]
    lines += [f"| {_named(i, pack)} | {_when(i, code)} | {i['qualifier']}{i['value']}{pack.gap if i['unit'] != '%' else ''}"
              f"{i['unit']} | {citations.paragraph(i['paragraph'], code) if i['paragraph'] is not None else ''} |"
              for i in data["indicators"]]
    lines += ["", f"## {w['narratives']}", ""] + [f"- {n}" for n in data["narratives"]]
    lines += ["", f"## {w['repairs']}", ""] + [f"- {r['detail']}" for r in doc["repairs"]]
    return "\n".join(lines)


def _said(d: dict, pack) -> str:
    """Speaker and verb: 习近平强调, Ministers agreed."""
    gap = pack.gap if d["speaker"][-1:].isascii() else ""
    return f"{d['speaker']}{gap}{d['verb']}"


def _named(i: dict, pack) -> str:
    name = f"{i['region']}{pack.gap if i['region'] else ''}{i['name']}" if pack.gap else i["region"] + i["name"]
    marks = pack.words.labels
    return f"{name}{marks['open']}{i['measure']}{marks['close']}" if i["measure"] else name


def _when(i: dict, code: str) -> str:
    shown = periods.show(i["period"], code)
    return languages.get(code).words.labels["target_period"].format(period=shown) if i["status"] == "target" else shown
