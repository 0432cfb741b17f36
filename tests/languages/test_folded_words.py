"""English patterns match case-insensitively, and re.IGNORECASE takes four non-ASCII letters for ASCII ones
(İ and ı for i, ſ for s, the Kelvin sign for k). A word such a pattern matched is looked up in the readers' own
lists and tables by its ASCII lower-case form, so an odd letter in a source ("the ſecond quarter", an OCR'd
"SEPTEMBER" with a Kelvin sign) is read as the word it matched, never a traceback (before: ValueError, KeyError)."""

from __future__ import annotations

import re
import string
import sys

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.ingest.repair import parse_text
from briefing.languages.common import folded
from briefing.languages.en.text import plain_period


def test_folded_is_the_word_ignorecase_matched() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = [chr(cp) for cp in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(cp))]
    twins = {c: a for c in odd for a in string.ascii_lowercase if re.fullmatch(a, c, re.IGNORECASE)}
    assert twins  # the letters re.IGNORECASE equates with an ASCII one
    for odd, ascii_letter in twins.items():
        assert folded(f"X{odd}Y") == f"x{ascii_letter}y"
    assert folded("Second QUARTER") == "second quarter"


def figures(sentence: str):
    document = parse_text("Statistical bulletin\n\n" + sentence + "\n", "b", "b.txt", name="b-2025-03-01.txt")
    return [(i.name, i.period, i.number, i.unit) for i in indicators_in(document)]  # the value is as written


@pytest.mark.parametrize("odd", ["ſecond", "SECOND", "Second"])
def test_a_quarter_named_with_an_odd_letter_is_that_quarter(odd: str) -> None:
    assert figures(f"In the {odd} quarter of 2024, exports rose by 5 percent.") == \
        figures("In the second quarter of 2024, exports rose by 5 percent.")


def test_a_table_period_with_an_odd_letter_is_read() -> None:
    assert plain_period("ſecond quarter of 2024") == plain_period("second quarter of 2024") == "2024-04-01/2024-06-30"
    assert plain_period("ſecond half 2024") == "2024-07-01/2024-12-31"
    assert plain_period("ſeptember 2024") == plain_period("September 2024") == "2024-09-01/2024-09-30"


@pytest.mark.parametrize("sentence", ["One in ſeven households owns a car, the 2024 survey found.",
                                      "Exports rose 5 percent in ſeptember 2024.",
                                      "In the firſt ſix months of 2024, exports rose 5 percent."])
def test_odd_letters_anywhere_in_an_english_figure_are_read_as_the_word(sentence: str) -> None:
    plain = sentence.replace("ſ", "s")
    assert figures(sentence) == figures(plain) and figures(plain)
