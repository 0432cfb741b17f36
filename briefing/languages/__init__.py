"""The language packs: the only place that knows Chinese from English.

    from briefing import languages
    languages.get("zh").sentences(text)      # a pack by its code
    languages.detect(text)                   # "zh" or "en": the pack that claims the text
    languages.for_text(text).width(text)     # the pack of a text, asked for its part

Each pack is a `Language` (base.py) built in languages/<code>/__init__.py. A new language
is a folder and one line in LANGUAGES; tests/languages/test_contract.py says what it lacks.
"""

from __future__ import annotations

import functools
from collections import Counter

from briefing.languages import en, zh
from briefing.languages.base import Language
from briefing.model import Document

# In the order detect() asks them: English takes whatever no pack before it claims, so it comes last.
LANGUAGES: dict[str, Language] = {"zh": zh.LANGUAGE, "en": en.LANGUAGE}
DEFAULT = "zh"  # the language of a briefing that has no source to tell it


def get(code: str) -> Language:
    """The pack of a language code; a KeyError that names the known codes when there is none."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f'no language "{code}": the packs are {", ".join(LANGUAGES)}') from None


@functools.lru_cache(maxsize=8192)
def detect(text: str) -> str:
    """The code of the first pack that claims the text."""
    return next(pack.code for pack in LANGUAGES.values() if pack.claims(text))


def of_documents(documents: tuple[Document, ...]) -> str:
    """The language most of the documents are in (the first to appear of those tied); DEFAULT with none."""
    counts = Counter(d.language for d in documents)
    if not counts:
        return DEFAULT
    best = max(counts.values())
    return next(d.language for d in documents if counts[d.language] == best)


def for_text(text: str) -> Language:
    """The pack of the language a text is in."""
    return LANGUAGES[detect(text)]


@functools.lru_cache(maxsize=8192)
def width(text: str) -> int:
    """A text's length in the unit its reader counts: characters for Chinese, words for English."""
    return for_text(text).width(text)


def is_percent(unit: str) -> bool:
    """Whether a unit, in any language, says its figure is a percentage ("%", "％", "percent")."""
    return unit.strip() in {u for pack in LANGUAGES.values() for u in pack.percent_units}


def is_annual_rate(measure: str) -> bool:
    """Whether the words before a rate, in any language, make it a yearly average ("年均增长", "annual")."""
    return any(pack.is_annual_rate(measure) for pack in LANGUAGES.values())


def scale_of(unit_as_written: str) -> tuple[float, str]:
    """A unit split into its scale and the rest, as any pack reads it: '万亿元' → (1e12, '元'), 'billion yuan' →
    (1e9, 'yuan'); (1.0, unit) when no pack sees a scale in it."""
    for pack in LANGUAGES.values():
        found = pack.scale_of(unit_as_written)
        if found:
            return found
    return 1.0, unit_as_written
