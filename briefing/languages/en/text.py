"""English text: sentences (abbreviations are no sentence end), width in words, the scales million to trillion."""

from __future__ import annotations

import functools
import re
from typing import Any

from briefing.languages.common import as_date

# Not a sentence end: the full stop of an abbreviation ("No. 1", "Sec. 3", "U.S.C. 50", "Sept. 21", "Jr.").
_ABBREVIATION = "".join(f"(?<!\\b{a}\\.)" for a in (
    "No", "Nos", "Sec", "Mr", "Mrs", "Ms", "Dr", "St", "vs", "Art", "para", "Co", "Inc", "Ltd", "Gov", "Gen", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "U.S", "U.S.C", "Fig",
    "approx", "est", "Vol", "pp", "p", "Jr", "Sr")) + r"(?<!\s[A-Z]\.)"  # nor a middle initial: "Joseph R. Biden"
_SENTENCE = re.compile(r".+?(?:[.!?;]" + _ABBREVIATION + r"(?:[\"'”’)]*)(?=\s+(?:[\"“'‘(]?[A-Z0-9]|\([a-z0-9]{1,4}\)\s))|$)",
                       re.S)

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
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3)


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


def plain_period(text: str) -> str:
    """A period as English writes it is already in digits and dashes."""
    return text
