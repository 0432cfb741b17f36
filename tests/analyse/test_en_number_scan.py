"""English figures are found in time in proportion to the paragraph, however long its runs of digits and commas:
100 KB of "1,1,1,…" is read in well under a second. Whether a number is the front of a longer one ("12" of
"12,34.5") was looked for to the run's end at each number of the run (16,000 characters 1.1 s, 200 KB some 190 s)."""

from __future__ import annotations

import time

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.ingest.repair import parse_text


def _document(paragraph: str):
    return parse_text("Title\n\n" + paragraph + "\n", "numbers", "numbers.txt", name="numbers-2025-01-01.txt")


@pytest.mark.parametrize("run", ["1," * 50_000, "12," * 33_000])
def test_a_run_of_digits_and_commas_is_read_in_bounded_time(run):
    document = _document("In the region " + run + " tons.")
    start = time.monotonic()
    indicators_in(document)
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.3 s it takes


def test_a_number_is_still_not_read_from_the_front_of_a_longer_one():
    found = indicators_in(_document("In 2024 the region produced 1,234.5 million tons of grain, and 12,34.5 tons of salt."))
    assert [f.value for f in found] == ["1,234.5", "34.5"]  # not "12", the front of "12,34.5"
