"""English text: sentences (abbreviations are no sentence end), width in words, the scales million to trillion."""

from __future__ import annotations

import functools
import re
from typing import Any

from briefing.languages.common import HALF_MONTHS, QUARTER_MONTHS, as_date, folded, months
from briefing.patterns import lazy

# Not a sentence end: the full stop of an abbreviation ("No. 1", "Sec. 3", "U.S.C. 50", "Sept. 21", "Jr.").
_ABBREVIATION = "".join(f"(?<!\\b{a}\\.)" for a in (
    "No", "Nos", "Sec", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "Art", "para", "Co", "Inc", "Ltd", "Gov", "Gen", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "U.S", "U.S.C", "Fig",
    "approx", "est", "Vol", "pp", "p", "Jr", "Sr")) + r"(?<!\s[A-Z]\.)"  # nor a middle initial: "Joseph R. Biden"
_SENTENCE = lazy(r".+?(?:[.!?;]" + _ABBREVIATION + r"(?:[\"'”’)]*)(?=\s+(?:[\"“'‘(]?[A-Z0-9]|\([a-z0-9]{1,4}\)\s))|$)",
                       re.S)

_GRAM = lazy(r"[a-z0-9]{4,}")  # a run of letters and digits, longer than three: the whole run (it is greedy)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}


def claims(text: str) -> bool:
    """English takes any text the packs before it leave (it is registered last)."""
    return True


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, stripped: every word kept, the spaces between sentences dropped."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    """Split once: the directives, the figures and the summary each read a paragraph's sentences."""
    return tuple(s.strip() for s in _SENTENCE.findall(text) if s.strip())


def width(text: str) -> int:
    """Length as an English reader counts it: words."""
    return len(text.split())


def grams(text: str) -> frozenset[str]:
    """The words longer than three letters, lower-cased, that a summary compares English sentences by."""
    return frozenset(_GRAM.findall(text.lower()))


def scale_of(unit_as_written: str) -> tuple[float, str] | None:
    """Split 'billion yuan' into (1e9, 'yuan'); None when the unit opens with no scale."""
    words = unit_as_written.split(" ", 1)
    if words[0].lower() in SCALES:
        return SCALES[words[0].lower()], words[1] if len(words) > 1 else ""
    return None


def heading_number(number: int) -> str:
    """A section heading's number: 1., 2. …"""
    return f"{number}. "


def date(value: Any) -> str:
    """2024-04-23 → 23 April 2024."""
    day = as_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_MONTH_NAMES = "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS)
_MONTHS = lazy(rf"(?P<first>{_MONTH_NAMES})\.?(?:\s*[-–—]\s*(?P<last>{_MONTH_NAMES})\.?)?,?\s+(?P<year>\d{{4}})", re.I)
_QUARTER = lazy(r"(?:Q(?P<q>[1-4])\s+(?P<year>\d{4})|(?P<nth>first|second|third|fourth) quarter(?: of)? "
                      r"(?P<year2>\d{4}))", re.I)
_HALF = lazy(r"(?:H(?P<h>[12])\s+(?P<year>\d{4})|(?P<nth>first|second) half(?: of)? (?P<year2>\d{4}))", re.I)
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _month(name: str) -> int:
    return next(n for n, month in enumerate(MONTHS, 1) if month.lower().startswith(folded(name)[:3]))


def plain_period(text: str) -> str:
    """A period as English writes it, as the model keeps it: May 2025, January–May 2025, Q1 2025, the first half
    of 2025 → their days (2025-05-01/2025-05-31 …); any other period as it is (already digits and dashes)."""
    text = text.strip()
    if m := _MONTHS.fullmatch(text):
        first = _month(m["first"])
        return months(int(m["year"]), first, _month(m["last"]) if m["last"] else first) or text
    if m := _QUARTER.fullmatch(text):
        first, last = QUARTER_MONTHS[int(m["q"]) if m["q"] else _NTH[folded(m["nth"])]]
        return months(int(m["year"] or m["year2"]), first, last) or text
    if m := _HALF.fullmatch(text):
        first, last = HALF_MONTHS[int(m["h"]) if m["h"] else _NTH[folded(m["nth"])]]
        return months(int(m["year"] or m["year2"]), first, last) or text
    return text
