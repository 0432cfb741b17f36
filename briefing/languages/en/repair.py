"""Repairing English sources: open-ended lines, words cut across page breaks, running headers, noise lines.

Each pattern here is a regex of alternatives; ingest/repair.py joins those of every
pack, so that a line of either language is recognised in a document of either.
"""

from __future__ import annotations

import re
from typing import Callable

from briefing.languages.en.text import MONTHS
from briefing.patterns import lazy

# Lines that are no text: credits, advertisements, share and subscribe prompts.
NOISE_LINES = (r"^(?:Editor|Editors|Source|Photo|Advertisement|Related|Read more|Also read)\s*:.{0,80}$"
               r"|^\[?(?:ADVERTISEMENT|Advertisement)\]?$"
               r"|^(?:Share this|Share on|Subscribe to|Sign up for|Follow us|Click here|Read more|Also read)\b.{0,80}$")
# A document's symbol ("A/RES/81/163"): a capital, then a run of its characters with a slash inside. The slash is
# looked for ahead, so the run is read once: "[A-Z][\w./-]*/[\w./-]+" tried every slash of it as the one, each
# reading on to the run's end, time in the square of a line of slashes ("A/A/A/…", 20,000 characters 3.4 s).
_SYMBOL = r"[A-Z](?=[\w./-]*/[\w./-])[\w./-]*"
# "Page 2", "Page 2 of 5", "p. 3", beside a document's symbol ("A/RES/81/163  Page 3"), and the Federal
# Register's "[[Page 30854]]"
PAGE_LINES = (r"(?:" + _SYMBOL + r"\s+)?(?:Page|PAGE|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
              r"(?:\s+" + _SYMBOL + r")?|\[\[Page \d{1,6}\]\]")
LINK_BOXES = r"Related(?: stories| articles| coverage)?|Read more|More on this"
ITEM_STARTS = r"Sec(?:tion|\.)\s*\d|The [A-Z][\w ]+,$"  # a section of an order, a resolution's body line
LIST_ITEMS = ""  # English lists are enumerated with the neutral bullets and "1." alone

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_FULL_DATE = (_WEEKDAY + r"(?:" + _MONTH + r"\s+(?P<day>[12]\d|3[01]|0?[1-9]),?\s+(?P<year>(?:19|20)\d\d)"
              r"|(?P<day2>[12]\d|3[01]|0?[1-9])\s+(?P<month2>" + "|".join(MONTHS) + r")\s+(?P<year2>(?:19|20)\d\d))")
_PLACE = r"(?:[A-Z][A-Za-z.'’ -]{1,40},\s+)?"  # "THE WHITE HOUSE, ", "WASHINGTON, "
# A line that is a date, or a place and a date ("THE WHITE HOUSE, February 13, 2025"), or "Released: …".
STANDALONE = (r"^" + _PLACE + _FULL_DATE + r"\.?$"
              r"|^(?:Date|Dated|Released|Published|Issued|Updated)\s*:\s*\S.{0,40}$")
# The date of a dated line near the top: the line alone or with its place, or a masthead line that carries a date
# ("General Assembly Distr.: General 5 December 2025", "Federal Register … (Friday, June 28, 2019)").
DATELINES = (lazy(r"^" + _PLACE + _FULL_DATE + r"\.?$"),
             lazy(r"^(?=.{0,100}$)(?!.*\b(?:on|since|until|before|after|from|of)\s+" + _WEEKDAY + r"(?:\d|"
                        + "|".join(MONTHS) + r")).*?(?<![\w,])\(?" + _FULL_DATE + r"\)?$"))
DATED_YEARS = lazy(r"\b(?:" + "|".join(MONTHS) + r")\s+(?:\d{1,2},\s+)?((?:19|20)\d\d)\b")


def month_number(text: str) -> int:
    return MONTHS.index(text) + 1 if text in MONTHS else int(text) if text.isdigit() else 0


_ENDS_OPEN = ("of", "the", "and", "or", "to", "a", "an", "in", "for", "with", "by", "on", "at", "from", "as", "that",
              "its", "their", "our", "shall", "will", "is", "are", "be", "has", "have", "than", "into", "under")
_WORD_END = lazy(r"[a-z]{0,4}(?:tion|sion|ment|ness|ity|ance|ence|ture|ing|ous|ive|ally|ies|ice|ency|ancy|able|ible|"
                       r"ical|age|ated|ating|ation|ers|ure|ism|ist)s?")


def is_cut(text: str) -> bool:
    """An English paragraph that ends no sentence is cut when it runs on, or stops at a comma or an open word."""
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return text.count(" ") >= 8 or text.endswith((",", "-")) or (last in _ENDS_OPEN and text.count(" ") >= 2)


def continues(previous: str, text: str) -> bool:
    """Whether the next block carries on an English sentence: it opens in lower case, or the last one left a
    hyphen or an open word ("of", "the")."""
    if text[:1].islower() or previous.endswith("-"):
        return True
    last = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    return not previous.endswith((",", ";")) and last in _ENDS_OPEN


def cut_word(left: str, right: str, count: Callable[[str], int]) -> bool:
    """Whether a page break cut one word in two ("no" + "tice"): the whole word is used elsewhere in the text,
    or neither half is, or the second half looks like the end of a word. `count` says how often a word occurs."""
    head = re.search(r"([A-Za-z]+)$", left)
    tail = re.match(r"([a-z]+)", right)
    if not head or not tail:
        return False
    first, second = head.group(1).lower(), tail.group(1)
    if count(first + second) >= 1:
        return True
    if count(second) > 1:
        return False  # the second half is a word of its own elsewhere: a real word boundary
    return count(first) <= 1 or bool(_WORD_END.fullmatch(second))


def title_like(line: str) -> bool:
    """A running header's look: no Chinese, and every longer word capitalised ("Halifax Leaders' Statement")."""
    if re.search(r"[\u4e00-\u9fff]", line):
        return False
    return not any(word[0].islower() for word in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line))
