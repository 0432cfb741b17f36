"""The Chinese pack's counts made in one pass (runs of letters, runs of Han characters) are the counts made
one character at a time: the same language for every text, the same width."""

from __future__ import annotations

import itertools
import random
import string

import pytest

from briefing.languages.common import CJK
from briefing.languages.zh import text as zh

TRICKY = ["", "abc", "中", "中a", "中abcde", "中abcdef", "中文abcdefghij", "ＡＢＣ中文", "İı中ſK", "中\u3400\u9fff\uf900\ufaff",
          "\u33ff\ua000中", "2024年GDP增长5.2%", "GDP", "新华社北京4月23日电 Xi Jinping", "a中b中c中d中e中f",
          "中" + "x" * 5, "中" + "x" * 6, "中中" + "x" * 10, "中中" + "x" * 11, "e.g. 中。", "\n中\tA"]
ALPHABET = "中文经济增长ABCxyz0123 ，。.,%ＡİıſK\u3400\u9fff\uf900\ufaff\u33ff\ua000"


def _claims_by_characters(text: str) -> bool:
    """The reading before: each letter counted by str.count, the Han characters one match at a time."""
    if not CJK.search(text):
        return False
    latin = sum(map(text.count, string.ascii_letters))
    enough = max(1, -(-latin // 5))
    return sum(1 for _ in itertools.islice(CJK.finditer(text), enough)) >= enough


def _width_by_characters(text: str) -> int:
    return len(CJK.findall(text)) + len(zh._WORD.findall(text))


def _texts() -> list[str]:
    rng = random.Random(15)
    return TRICKY + ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]


@pytest.mark.parametrize("reading", [(zh.claims, _claims_by_characters), (zh.width, _width_by_characters)],
                         ids=["claims", "width"])
def test_one_pass_counts_as_the_characters_do(reading) -> None:
    new, old = reading
    assert [new(t) for t in _texts()] == [old(t) for t in _texts()]
