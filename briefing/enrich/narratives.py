"""Narratives: deterministic sentences from the computed figures, in Chinese or English.

Every sentence is a phrase template filled with figures; an audience can replace any
template (`phrases:` in its config) and limit how many sentences it gets and how
long they may be in total (`max_narratives:`, `narrative_chars:`).

Rounding rules, the same everywhere:
- a stated value keeps the precision the source gave it ("20.5", "26.9");
- a computed percentage, growth rate or change in percentage points has one decimal;
- a computed value (an implied base or total) has the decimals of the value it
  comes from, and at least one;
- halves round away from zero (31.25 → 31.3), not to even.

A series of percentages (a rate such as 城镇化率) changes by percentage points, never
by a percent of a percent; it gets no compound growth rate.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from briefing import languages
from briefing.languages import LANGUAGES, is_annual_rate, is_percent, periods, width
from briefing.languages.base import Language
from briefing.languages.common import in_digits
from briefing.model import Indicator, Narrative, Series


@dataclass(frozen=True)
class Style:
    """How an audience wants its narratives: phrase overrides and length limits."""

    phrases: tuple[tuple[str, str], ...] = ()
    max_sentences: int | None = None
    max_width: int | None = None  # characters (Chinese) or words (English), all sentences together


def check_phrases(phrases: dict[str, str]) -> list[str]:
    """Problems with user phrase overrides: unknown names, unknown or malformed {fields}."""
    problems = []
    known = languages.get(languages.DEFAULT).words.phrases  # every pack has the same phrase names
    for name, text in phrases.items():
        if name not in known:
            problems.append(f'unknown phrase "{name}" (known: {", ".join(sorted(known))})')
            continue
        allowed = {field for pack in LANGUAGES.values() for field in _fields(pack.words.phrases[name])}
        try:
            used = set(_fields(str(text)))
        except ValueError as exc:
            problems.append(f'phrase "{name}": {exc}')
            continue
        if used - allowed:
            problems.append(f'phrase "{name}" uses {{{", ".join(sorted(used - allowed))}}}; it may use '
                            f'{", ".join("{" + f + "}" for f in sorted(allowed)) or "no fields"}')
        problems += [f'phrase "{name}": {{{field}:{spec}}} is a field wider than a sentence needs (at most '
                     f'{MAX_FIELD_WIDTH} characters)' for field, spec in _wide_fields(str(text))]
    return problems


MAX_FIELD_WIDTH = 100  # a phrase's {field:>N}: a sentence is a line or two, never a page of padding


def _wide_fields(template: str) -> list[tuple[str, str]]:
    """(field, spec) of each field whose spec asks for more than MAX_FIELD_WIDTH characters, or nests a field."""
    return [(field, spec) for _, field, spec, _ in string.Formatter().parse(template)
            if field is not None and spec and ("{" in spec or any(int(n) > MAX_FIELD_WIDTH
                                                                    for n in re.findall(r"\d+", spec)))]


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def narratives(series: tuple[Series, ...], indicators: tuple[Indicator, ...], language: str,
               style: Style = Style()) -> tuple[str, ...]:
    """The sentences, the series that changed most first, within the audience's limits."""
    return phrase(facts(series, indicators), language, style)


def facts(series: tuple[Series, ...], indicators: tuple[Indicator, ...]) -> tuple[Narrative, ...]:
    """What the figures support, the series that changed most first, then implied bases and totals."""
    ranked = sorted((s for s in series if s.change is not None), key=lambda s: -abs(_size_of_change(s)))
    found = [Narrative("change", series=s) for s in ranked]
    found += [Narrative("base", figures=(rate, level), value=base) for rate, level, base in implied_bases(indicators)]
    found += [Narrative("total", figures=(share, level), value=total)
              for share, level, total in implied_totals(indicators)]
    return tuple(found)


def phrase(found: tuple[Narrative, ...], language: str, style: Style = Style()) -> tuple[str, ...]:
    """The facts as sentences in the language's phrases (an audience's own over them), within its limits."""
    pack = languages.get(language)
    phrases = {**pack.words.phrases, **dict(style.phrases)}
    return _within(tuple(_sentence(n, phrases, pack) for n in found), style)


def _sentence(fact: Narrative, phrases: dict[str, str], pack: Language) -> str:
    if fact.kind == "change":
        return _series_sentence(fact.series, phrases, pack.code)
    if fact.kind == "base":
        return _implied_base(*fact.figures, fact.value, phrases)
    return _implied_total(*fact.figures, fact.value, phrases, pack)


def _size_of_change(series: Series) -> float:
    if is_percent(series.unit):
        return series.change or 0.0
    return series.pct_change or 0.0


def _within(sentences: tuple[str, ...], style: Style) -> tuple[str, ...]:
    kept: list[str] = []
    used = 0
    for sentence in sentences:
        if style.max_sentences is not None and len(kept) >= style.max_sentences:
            break
        if style.max_width is not None and used + width(sentence) > style.max_width:
            continue
        kept.append(sentence)
        used += width(sentence)
    return tuple(kept)


def _series_sentence(series: Series, phrases: dict[str, str], language: str = languages.DEFAULT) -> str:
    first, last = series.points[0], series.points[-1]
    rising = (series.change or 0) >= 0
    yearly = series.grain == periods.YEAR  # "change" says {start}年; months and quarters are said whole
    start, end = ((first.period, last.period) if yearly else
                  (periods.axis_label(first.period, language, series.grain),
                   periods.axis_label(last.period, language, series.grain)))
    text = phrases["change" if yearly else "change_periods"].format(
        label=series_label(series), start=start, end=end, first=as_stated(first),
        last=as_stated(last), unit=series.unit, verb=phrases["rise" if rising else "fall"])
    if is_percent(series.unit):
        text += phrases["points"].format(direction=phrases["points_up" if rising else "points_down"],
                                         points=one_decimal(abs(series.change or 0)))
    else:
        if series.pct_change is not None:
            text += phrases["percent"].format(direction=phrases["up" if rising else "down"],
                                              percent=one_decimal(abs(series.pct_change)))
        if series.cagr is not None:
            text += phrases["cagr"].format(cagr=one_decimal(series.cagr))
    return text + phrases["end"]


def series_label(series: Series) -> str:
    """The series' name with its region, as the source gave them ("西部地区地区生产总值" → "西部地区生产总值")."""
    return next((i.label for p in series.points for i in p.indicators if i.region), series.name)


def as_stated(point) -> str:
    """A point's value as the source wrote it, or the table's number without trailing zeros."""
    stated = point.indicators[0].value if point.indicators else ""
    if stated and in_digits(stated):
        return stated
    return f"{round(point.value, 2):g}"


def one_decimal(value: float) -> str:
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def like(value: float, stated: str) -> str:
    """A computed value with the decimals of the stated value it comes from, and at least one."""
    decimals = max(1, len(stated.split(".")[1]) if "." in stated else 0)
    return str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def implied_bases(indicators: tuple[Indicator, ...]) -> list[tuple[Indicator, Indicator, float]]:
    """For "X, 较2019年增长37%" with no 2019 level stated: (the rate, the level, the base it implies)."""
    levels = {(i.name, i.period): i for i in indicators if i.kind == "level" and not i.is_target}
    found = []
    for rate in indicators:
        start = _base_year(rate)
        if rate.kind != "rate" or rate.is_target or not start or is_annual_rate(rate.measure) or not is_percent(rate.unit):
            continue
        level = levels.get((rate.name, rate.period.split("-")[-1]))
        if level and (rate.name, start) not in levels:
            found.append((rate, level, level.number / (1 + rate.number / 100)))
    return found


def _base_year(rate: Indicator) -> str:
    found = re.search(r"((?:19|20)\d\d)", rate.measure)
    return found.group(1) if found else ""


def implied_totals(indicators: tuple[Indicator, ...]) -> list[tuple[Indicator, Indicator, float]]:
    """For "3.5万列，占全国总数的50.5%": (the share, the level, the total it implies)."""
    levels = {(i.name, i.period): i for i in indicators if i.kind == "level" and not i.is_target}
    found = []
    for share in indicators:
        if share.kind != "share" or share.is_target or not is_percent(share.unit) or not share.number:
            continue
        level = levels.get((share.name, share.period))
        if level and 0 < share.number < 100:
            found.append((share, level, level.number / (share.number / 100)))
    return found


def _implied_base(rate: Indicator, level: Indicator, base: float, phrases: dict[str, str]) -> str:
    start = _base_year(rate)
    return phrases["implied_base"].format(label=level.label, end=level.period, value=level.value, unit=level.unit,
                                          start=start, rate=rate.value, base=like(base, level.value)) + phrases["end"]


def _implied_total(share: Indicator, level: Indicator, total: float, phrases: dict[str, str], pack: Language) -> str:
    return phrases["implied_total"].format(label=level.label, period=_period_words(level.period, pack),
                                           value=level.value, unit=level.unit, share=share.value,
                                           share_words=_share_words(share.measure, pack),
                                           total=like(total, level.value)) + phrases["end"]


def _share_words(measure: str, pack: Language) -> str:
    """What a share is of, worded by the pack of the measure's own language; the briefing's words when none."""
    return (languages.for_text(measure) if measure else pack).share_words(measure)


def _period_words(period: str, pack: Language) -> str:
    """A period as the language writes it ("2023年", "2019—2023年", "截至2024年4月23日"): languages.periods."""
    return periods.show(period, pack.code)
