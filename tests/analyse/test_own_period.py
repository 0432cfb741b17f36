"""A sentence that states its own period (a month, a quarter, a date) takes that one, never the period of the
sentence before it: "上半年……。2025年5月，……增长5.8%。" is May's figure."""

from __future__ import annotations

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.ingest.repair import parse_text

MAY = "2025-05-01/2025-05-31"
H1 = "2025-01-01/2025-06-30"
Q2 = "2025-04-01/2025-06-30"


def _periods(text: str, date: str | None = "2025-07-15", title: str = "标题") -> dict[str, str]:
    found = indicators_in(parse_text(f"{title}\n\n{text}\n", "release", "release.txt", date=date))
    return {i.value: i.period for i in found}


@pytest.mark.parametrize("second, period", [
    ("2025年5月，全省新能源汽车产量同比增长5.8%。", MAY),
    ("2025年5月份，全省新能源汽车产量同比增长5.8%。", MAY),
    ("5月，全省新能源汽车产量同比增长5.8%。", MAY),
    ("2025年5月全省新能源汽车产量同比增长5.8%。", MAY),
    ("二季度，全省新能源汽车产量同比增长5.8%。", Q2),
])
def test_a_sentence_takes_its_own_period(second: str, period: str):
    text = f"2025年上半年，全省新能源汽车产量同比增长9.6%。{second}"
    assert _periods(text) == {"9.6": H1, "5.8": period}


def test_a_month_stated_holds_for_the_clauses_after_it():
    text = "上半年，全省社会物流总额为3.2万亿元。2025年5月，全省社会物流总额为0.6万亿元，快递业务量为1.9亿件。"
    assert _periods(text) == {"3.2": H1, "0.6": MAY, "1.9": MAY}


def test_a_day_is_no_month():
    """5月20日 is a date: a sentence dated so does not make its figures May's (a deadline, an event)."""
    text = "上半年，全省快递业务量为9.1亿件。5月20日，全省快递业务量为0.4亿件。"
    assert _periods(text)["9.1"] == H1
    assert _periods(text)["0.4"] != MAY


def _english(text: str, date: str | None = "2025-07-15") -> dict[str, str]:
    return _periods(text, date, title="Output review")


@pytest.mark.parametrize("second, period", [
    ("In May 2025, vehicle output rose 5.8 percent.", MAY),
    ("In May, vehicle output rose 5.8 percent.", MAY),
    ("In the second quarter, vehicle output rose 5.8 percent.", Q2),
])
def test_an_english_sentence_takes_its_own_period(second: str, period: str):
    text = f"In the first half of 2025, vehicle output rose 9.6 percent. {second}"
    assert _english(text) == {"9.6": H1, "5.8": period}


def test_a_stated_month_needs_no_date_of_the_document():
    """"In May 2025" says its year: an undated text's figure is May's, not 2025's."""
    text = "In the first half of 2025, vehicle output rose 9.6 percent. In May 2025, vehicle output rose 5.8 percent."
    assert _english(text, date=None) == {"9.6": H1, "5.8": MAY}


def test_the_verb_may_is_no_month():
    assert _english("In the first half of 2025, prices rose 2.1 percent. Prices may rise 3 percent this year.") == {
        "2.1": H1, "3": "2025"}
