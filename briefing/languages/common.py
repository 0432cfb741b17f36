"""Script-neutral text: the scripts, sentence ends, quotation marks, digits of either width, found statements.

What Chinese and English text share lives here; what one language does is in its pack
(languages/zh, languages/en). Punctuation comes in both widths: the full-width forms are
those of Chinese text, and a mixed text uses either.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from briefing.model import Paragraph
from briefing.patterns import lazy

CJK = lazy(r"[\u3400-\u9fff\uf900-\ufaff]")  # Han characters
LATIN = lazy(r"[A-Za-z]")
DISTRIBUTION = ("报", "送", "发")  # the 版记's lines (config keys), in GB/T 9704's order: superiors, peers, below
_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]"  # Han, CJK and full-width punctuation
_SPACE_BETWEEN_WIDE = lazy(rf"(?<={_WIDE})[ \t\u3000]+(?={_WIDE})")

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)\"'"
QUOTES_OPEN = "“\"'‘「『"
QUOTES_CLOSE = "”\"'’」』"

def headline(title: str) -> str:
    """A title as a headline shows it: no space between two Chinese characters or marks (a site's title puts one
    between the parts of a headline, where Chinese typesetting puts none), every other run of spaces one."""
    return re.sub(r"\s+", " ", _SPACE_BETWEEN_WIDE.sub("", title)).strip()


FULL_STOPS = ".。"
COMMAS = ",，"
SEMICOLONS = ";；"
COLONS = ":："
END_MARKS = FULL_STOPS + COMMAS + SEMICOLONS + COLONS + "!！?？"  # what a sentence or a clause ends with
WIDE_BAR = "｜"
WIDE_HYPHEN = "－"
DASHES = "-—–" + WIDE_HYPHEN + "―"
RANGE_MARKS = "—–" + WIDE_HYPHEN + "~～"  # what stands between the two ends of a range: 2019—2023, 2019～2023
PARENS = ("（(", "）)")  # the brackets around an abbreviation spelled out: (GDP), （GDP）
OPENERS = "“‘「『（(\"'"  # what may open a sentence before its first word: quotation marks, brackets

PERCENT_SIGNS = ("%", "％")
NO_LINE_START = set("，。、；：？！）》」』”’%.,;:)")  # closing marks a line of type never begins with

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_WIDE_FORMS = lazy("[０-９．，％]")  # what _FULL_WIDTH changes: looked for once, translated only when found
_SIGNS = str.maketrans({"−": "-", WIDE_HYPHEN: "-", "＋": "+"})


# A figure quotes its sentence; in a sentence longer than this it quotes its clause, and a reader looks no further
# than this around a figure, so that a page-long sentence of figures costs time and output in proportion to its
# length (the longest sentence a real figure comes from is about 700 characters).
LONG_SENTENCE = 1000
QUOTE_REACH = 150  # a clause quote reaches at most this many characters either side of its figure
READ_REACH = 300  # in a long sentence a figure reads at most this many characters either side of it


def reach(sentence: str) -> int:
    """How far either side of a figure its reader looks: the whole of a sentence up to LONG_SENTENCE, else
    READ_REACH (a page-long sentence is read in its figures' neighbourhoods, in time in proportion to its length)."""
    return LONG_SENTENCE if len(sentence) <= LONG_SENTENCE else READ_REACH
_CLAUSE_MARK = lazy(r"[，；。！？;!?]|[,.](?![0-9])|(?<![0-9])[,.]")  # not the "," of 1,234 nor the "." of 3.5


def quote(sentence: str, start: int, end: int) -> str:
    """The exact text a figure at sentence[start:end] is quoted with: its sentence, or in a long sentence
    (LONG_SENTENCE) the clause between the marks around it, at most QUOTE_REACH characters either side."""
    if len(sentence) <= LONG_SENTENCE:
        return sentence.strip()
    low, high = max(0, start - QUOTE_REACH), min(len(sentence), end + QUOTE_REACH)
    before = [m.end() for m in _CLAUSE_MARK.finditer(sentence, low, start)]
    after = _CLAUSE_MARK.search(sentence, end, high)
    return sentence[before[-1] if before else low:after.start() if after else high].strip()


# The letters re.IGNORECASE takes for an ASCII letter that str.lower does not make one (İ and ı for i, ſ for s, the
# Kelvin sign for k): a text that holds one is looked at by the pattern itself (holds_any), and a word matched with
# one is looked up by its ASCII twin (folded).
_ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLDS_TO_ASCII = lazy("[" + "".join(_ASCII_TWINS) + "]")
_FOLD = str.maketrans(_ASCII_TWINS)


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern (re.I) that needs one of these lower-case ASCII words could match the text:
    a cheap look (str.lower and `in`) before a costly pattern, never False where the pattern would match."""
    lowered = text.lower()
    return any(word in lowered for word in words) or _FOLDS_TO_ASCII.search(text) is not None


def lowered(text: str) -> tuple[str, bool]:
    """A text made ready once for several of holds_any's looks (holds): its lower case, and whether it holds one of
    the four letters re.IGNORECASE takes for an ASCII one."""
    return text.lower(), _FOLDS_TO_ASCII.search(text) is not None


def holds(look: tuple[str, bool], words: tuple[str, ...]) -> bool:
    """holds_any(text, words) for a text looked at by `lowered(text)`: a case-insensitive pattern that needs one of
    these lower-case ASCII words could match it."""
    text, folds = look
    return folds or any(word in text for word in words)


def folded(text: str) -> str:
    """A text as a case-insensitive pattern (re.I) saw it, in lower case with each of the four letters it takes
    for an ASCII one made that one (İ ı → i, ſ → s, the Kelvin sign → k): what a matched word is looked up by in a
    reader's own list of words ("the ſecond quarter" is the second)."""
    return text.translate(_FOLD).lower()


def ends_sentence(text: str) -> bool:
    """True when the text ends at the end of a sentence (closing quotes allowed)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped.endswith((".", ":", "：")))


def half_width(text: str) -> str:
    """Full-width digits, point, comma and percent sign as their ASCII forms ("２６．９％" → "26.9%")."""
    if not _WIDE_FORMS.search(text):
        return text
    # Nearly every Chinese sentence holds a "，" and nothing else to change, and str.translate through a dict costs
    # some 30 ns a character of a text that is not ASCII: the comma by str.replace, the rest when there is any.
    text = text.replace("，", ",")
    return text.translate(_FULL_WIDTH) if _WIDE_FORMS.search(text) else text


def plain_signs(text: str) -> str:
    """The minus sign and the full-width minus and plus as ASCII signs ("－5" → "-5")."""
    return text.translate(_SIGNS)


def decimal_of(value: Any) -> Decimal:
    """A number from an int, a float or a figure as written ("1,234.5", "２６．９")."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    try:
        return Decimal(half_width(str(value)).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None


def rounded(number: Decimal, digits: int | None) -> Decimal:
    """Halves away from zero, as the briefing's figures are rounded (never banker's rounding)."""
    return number if digits is None else number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def thousands(value: Any, digits: int | None = None) -> str:
    """1234567.5 → "1,234,567.5"; with digits, rounded to that many decimals (halves away from zero)."""
    number = rounded(decimal_of(value), digits)
    text = f"{number:,f}" if digits is None else f"{number:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if digits is None and "." in text else text


def as_date(value: Any) -> dt.date:
    """A date from a date, a datetime or text that opens YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def in_digits(text: str) -> bool:
    """Whether a figure as written is digits, points and commas alone, of either width ("26.9", "２６．９")."""
    return re.fullmatch(r"[0-9０-９.,．]+", text) is not None


def parse_digits(text: str) -> float | None:
    """The value of '20.5', '３.７' or '35,000'; None when it is no number written in digits."""
    plain = half_width(text).replace(",", "")
    try:
        return float(plain)
    except ValueError:
        return None


@dataclass(frozen=True)
class Statement:
    """One thing a speaker said must be done, found in a paragraph, before ranking.

    `headline` is False for statements that are reported but cannot be headlines:
    a closing organisational remark, a sentence that is not an obligation.
    """

    paragraph: Paragraph
    speaker: str
    verb: str
    text: str  # exactly as in the source, without lead, enumerator or quotation marks
    actions: tuple[str, ...]
    kind: str  # lead, numbered, list-item, quote, operative
    headline: bool = True
    offset: int = 0  # where in the paragraph it starts, to keep document order


def unquote(text: str) -> str:
    """The sentence without the quotation marks that wrap it ("“要……。”" → "要……。")."""
    text = text.strip()
    if text[:1] in QUOTES_OPEN:
        text = text[1:]
        closing = text[-1:]
        if closing and (closing in QUOTES_CLOSE and text.count(closing) <= 1
                        or text.endswith(("。”", ".”", ",”", "，”"))):
            text = text[:-1]
    elif text[-1:] in "”」』" and not any(q in text for q in "“「『"):
        text = text[:-1]
    return text.strip()


def months(year: int, first: int, last: int) -> str | None:
    """The days of months first to last of a year as the model keeps a period (2025, 1, 5 →
    2025-01-01/2025-05-31), as the text readers write 1—5月, 一季度 and 上半年; None when they are no months."""
    import calendar

    if not (1 <= first <= last <= 12) or not 1900 <= year <= 2199:
        return None
    end = calendar.monthrange(year, last)[1]
    return f"{year:04d}-{first:02d}-01/{year:04d}-{last:02d}-{end:02d}"


QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
HALF_MONTHS = {1: (1, 6), 2: (7, 12)}


def percent_measure_by(indicator, target: "re.Pattern", share: "re.Pattern", growth: "re.Pattern") -> str:
    """What a percentage measures, by a pack's words for an aim, a part of a whole and a change in its name:
    "target", "share", "growth", or "rate" (a ratio of its own: an unemployment or an urbanisation rate)."""
    if indicator.is_target or target.search(indicator.name):
        return "target"
    if indicator.kind == "share" or share.search(indicator.name):
        return "share"
    if indicator.kind == "rate" or growth.search(indicator.name):
        return "growth"
    return "rate"
