"""Periods shown in the briefing's language: every ISO form the model keeps, in Chinese and in English."""

from __future__ import annotations

import pytest

from briefing.languages import periods

FORMS = [
    # (period as the model keeps it, Chinese, English)
    ("2023", "2023年", "2023"),
    ("2019-2023", "2019—2023年", "2019–2023"),
    ("2019—2023", "2019—2023年", "2019–2023"),
    ("2024-04-23", "截至2024年4月23日", "as of 23 April 2024"),
    ("2024-05", "2024年5月", "May 2024"),
    ("2025-01-01/2025-05-31", "2025年1—5月", "January–May 2025"),
    ("2024-02-01/2024-02-29", "2024年2月", "February 2024"),
    ("2024-01-01/2024-04-23", "2024年1月1日—4月23日", "1 January – 23 April 2024"),
    ("2024-01-01/2024-04-09", "2024年1月1日—4月9日", "1 January – 9 April 2024"),
    ("2023-12-01/2024-01-31", "2023年12月—2024年1月", "December 2023 – January 2024"),
    ("2023-11-15/2024-02-10", "2023年11月15日—2024年2月10日", "15 November 2023 – 10 February 2024"),
    ("2024-01-01/2024-12-31", "2024年", "2024"),
    ("2021-01-01/2024-12-31", "2021—2024年", "2021–2024"),
    ("2024Q1", "2024年第一季度", "Q1 2024"),
    ("2024-Q3", "2024年第三季度", "Q3 2024"),
    ("2024H1", "2024年上半年", "H1 2024"),
    ("2024-H2", "2024年下半年", "H2 2024"),
]


@pytest.mark.parametrize("period,zh,en", FORMS)
def test_every_iso_form_is_shown_in_the_briefings_language(period, zh, en):
    assert periods.show(period, "zh") == zh
    assert periods.show(period, "en") == en


@pytest.mark.parametrize("phrase", ["今年1—11月", "this year", "2024-13", "2024-02-30", ""])
def test_a_period_that_is_no_iso_form_is_shown_as_written(phrase):
    assert periods.show(phrase, "zh") == phrase
    assert periods.show(phrase, "en") == phrase


@pytest.mark.parametrize("start,end,zh,en", [
    ("2019", "2023", "2019—2023年", "2019–2023"),
    ("2023", "2023", "2023年", "2023"),
    ("2024-01", "2024-05", "2024年1—5月", "January–May 2024"),
    ("2024-01-01", "2024-04-23", "2024年1月1日—4月23日", "1 January – 23 April 2024"),
])
def test_a_span_from_one_period_to_another(start, end, zh, en):
    assert periods.span(start, end, "zh") == zh
    assert periods.span(start, end, "en") == en
