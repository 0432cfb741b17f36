"""Chinese figures are found in time in proportion to the sentence however long its runs of digits or numerals,
when the sentence also holds a classifier of living things (只), a 年 or a 半: the count (_COUNTED), the span
of years (_SPAN) and the fraction (_FRACTION) were each tried at every digit of a run, each try reading on to
the run's end (40,000 digits and a 只: 11 s; 40,000 digits and a 年: 17 s; 80,000 and a 半: 13 s)."""

from __future__ import annotations

import time

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.ingest.repair import parse_text


def _read(text: str) -> list[str]:
    document = parse_text("标题\n\n" + text + "\n", "run", "run.txt", name="run-2025-01-01.txt")
    return [f"{f.name}:{f.value}:{f.period}" for f in indicators_in(document)]


@pytest.mark.parametrize("run", ["１" * 40_000 + "，只。", "2023年，" + "5" * 40_000 + "年", "1" * 80_000 + "半",
                                 "三" * 80_000 + "半"])
def test_a_run_of_digits_is_read_in_bounded_time(run):
    start = time.monotonic()
    _read(run)
    assert time.monotonic() - start < 5  # a bound on hostile input, far above the 0.1 s it takes


def test_counts_spans_and_fractions_after_a_run_of_digits_are_still_found():
    assert _read("编号12345，过去5年来全省新建道路1200公里。编号678，约三分之一的村庄通了公交。") == \
        _read("过去5年来全省新建道路1200公里。约三分之一的村庄通了公交。")
