"""Chinese figures are found in time in proportion to the paragraph, however long its runs of digits: 30,000
digits with no unit ("１２３４５…") are read in well under a second. A figure was tried at every digit of the run,
each try reading on to the run's end (84 s for 50 KB of them)."""

from __future__ import annotations

import time

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.ingest.repair import parse_text


@pytest.mark.parametrize("run", ["１２３４５" * 6_000, "1," * 15_000, "一二三" * 10_000])
def test_a_run_of_digits_is_read_in_bounded_time(run):
    document = parse_text("标题\n\n" + run + "\n", "digits", "digits.txt", name="digits-2025-01-01.txt")
    start = time.monotonic()
    indicators_in(document)
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.05 s it takes


def test_a_figure_after_a_run_of_digits_is_still_found():
    document = parse_text("标题\n\n编号12345，2023年全省粮食产量达到1,234.5万吨。\n", "figure", "figure.txt",
                          name="figure-2025-01-01.txt")
    assert [f.value for f in indicators_in(document)] == ["1,234.5"]
