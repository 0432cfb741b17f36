"""Indicators from English prose: the same rules as the Chinese reader, in English words."""

from __future__ import annotations

import re

from briefing.model import Document, Indicator
from briefing.numbers import EN_SCALES, parse_number
from briefing.text import sentences

_QUALIFIERS = r"more than|over|nearly|almost|about|around|approximately|some|roughly|at least|less than|under|close to"
_MENTION = re.compile(
    r"(?P<before>(?:" + _QUALIFIERS + r")\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>trillion|billion|million|thousand))?"
    r"(?:\s*(?P<unit>percentage points?|percent|per cent|%|(?:US )?dollars|yuan|RMB|euros|tonnes|tons|[a-z]+(?:-[a-z]+)?))?",
)
_UNIT_STOP = {"in", "to", "from", "and", "or", "of", "the", "a", "an", "by", "on", "at", "as", "with", "for",
              "years", "year", "months", "month", "days", "day", "meters", "metres", "am", "pm", "th", "st", "nd"}
_YEAR = re.compile(r"\b(?:in|by|of|for|during)\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\b")
_SPAN = re.compile(r"(?:over|in|during) the (?:past|last) (\w+) years|since ((?:19|20)\d\d)")
_RATE = re.compile(r"(?:(?:average )?(?:annual |yearly |year-on-year )?(?:growth|increase|rise|decline|drop) of|"
                   r"(?:grew|rose|increased|fell|dropped|declined|expanded) (?:by )?)\s*$")
_SHARE = re.compile(r"(?:accounting for|accounted for|share of|making up|or)\s*$")
_SUBJECT_END = re.compile(r"\s+(?:grew|rose|increased|reached|hit|totaled|totalled|stood at|was|were|exceeded|"
                          r"surpassed|climbed|fell|dropped|expanded|jumped|amounted to|topped|made)\b")
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def indicators_in_english(document: Document) -> tuple[Indicator, ...]:
    year = int(document.date[:4]) if document.date else None
    found: list[Indicator] = []
    for paragraph in document.paragraphs:
        for sentence in sentences(paragraph.text, "en"):
            found.extend(_in_sentence(sentence, paragraph.index, document, year))
    return tuple(found)


def _in_sentence(sentence: str, paragraph: int, document: Document, year: int | None) -> list[Indicator]:
    found: list[Indicator] = []
    span = _span(sentence, year)
    for match in _MENTION.finditer(sentence):
        unit = match.group("unit") or ""
        if unit.lower() in _UNIT_STOP or (not unit and not match.group("scale")):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", match.group("num")) and not match.group("scale"):
            continue
        left = sentence[:match.start()]
        kind = "share" if _SHARE.search(left) and "percent" in unit + "%" else (
            "rate" if _RATE.search(left) and ("percent" in unit or unit == "%" or "point" in unit) else "level")
        period = _period(sentence, match, span, kind)
        if not period:
            continue
        previous = found[-1] if found else None
        name = _subject(sentence) or (previous.name if previous else "")
        if not name:
            continue
        found.append(_indicator(match, name, period, kind, sentence, paragraph, document))
    return found


def _span(sentence: str, year: int | None) -> str:
    found = _SPAN.search(sentence)
    if not found or not year:
        return ""
    if found.group(2):
        return f"{found.group(2)}-{year}"
    n = _WORDS.get(found.group(1).lower()) or (int(found.group(1)) if found.group(1).isdigit() else 0)
    return f"{year - n}-{year - 1}" if n else ""


def _period(sentence: str, match: re.Match, span: str, kind: str) -> str:
    after = sentence[match.end():match.end() + 12]
    own = re.match(r"\s+in\s+((?:19|20)\d\d)\b", after)
    if own:
        return own.group(1)
    years = [a or b for a, b in _YEAR.findall(sentence)]
    if kind == "rate" and len(years) >= 2:
        return f"{years[0]}-{years[-1]}"
    if span:
        return span
    left_years = [a or b for a, b in _YEAR.findall(sentence[:match.start()])]
    return left_years[-1] if left_years else (years[-1] if years else "")


def _subject(sentence: str) -> str:
    end = _SUBJECT_END.search(sentence)
    if not end:
        return ""
    subject = sentence[:end.start()]
    subject = re.split(r",\s+", subject)[-1]
    subject = re.sub(r"^(?:the|its|their|a|an)\s+", "", subject.strip(), flags=re.I)
    return subject if 0 < len(subject.split()) <= 8 else ""


def _indicator(match: re.Match, name: str, period: str, kind: str, sentence: str, paragraph: int,
               document: Document) -> Indicator:
    scale = match.group("scale") or ""
    unit = " ".join(u for u in (scale, match.group("unit") or "") if u)
    number = parse_number(match.group("num")) or 0.0
    factor = EN_SCALES.get(scale, 1.0)
    base_unit = (match.group("unit") or "").replace("per cent", "percent")
    return Indicator(
        name=name, period=period, value=match.group("num"), unit=unit, number=number,
        normalized_value=number * factor, normalized_unit=base_unit,
        qualifier=(match.group("before") or "").strip(), kind=kind,
        quote=sentence.strip(), paragraph=paragraph, source_id=document.source_id,
    )
