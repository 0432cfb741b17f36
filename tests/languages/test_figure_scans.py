"""The figure readers' own scans give what the patterns they stand for give, on the inputs that could tell them apart."""

from __future__ import annotations

import random

import pytest

from briefing.languages.en import indicators as en

# What may stand before an English figure's number: a qualifier, spaces of any kind and number, a currency; and
# digits that open no figure (COVID-19, a word's digit), numbers glued to a mark the pattern's look-behind refuses.
EN_SENTENCES = [
    "Exports rose 5.6 percent to $1.2 trillion in 2024, and more than 3,000 firms joined.",
    "approximately      US$ 12 million was spent; close to\u3000\u3000€40 billion, about\t\t\t5 percent.",
    "COVID-19 cases fell to 1,234,567.5 from 2,000.",
    "Section 12 of Order 14067 sets 30 days; A4 paper, 3.5.6 items, 1,23 and 12,345,678 people.",
    "more than\x1c\x1d\x85 $7 and some\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003\u2003 9 tons",
    "An Estimated 40 percent; JUST OVER 12 million; ju\u017ft under 4 bn.",
    "12", "x1 2", "$", "US$5", "¥300 and £20 and €1.5", "", "no digits here",
    "The ٣ Arabic-Indic and １２ full-width digits count as \\d too, 5 and 6.",
    "-5 and /6 and .7 and $8 and .$9",
]


def _spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("text", EN_SENTENCES)
def test_english_mentions_are_the_patterns_matches(text: str) -> None:
    assert _spans(en._mentions(text)) == _spans(en._MENTION.finditer(text))


def test_english_mentions_on_random_texts() -> None:
    pieces = ["more than", "about", "approximately", "US$", "$", "€", " ", "  ", "\t", "\u3000", "5", "12", "1,234",
              "3.5", ",", ".", "-", "a", "percent", "million", "COVID", "in 2024", "x"]
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert _spans(en._mentions(text)) == _spans(en._MENTION.finditer(text)), text


def test_a_chinese_clauses_time_phrases_found_once_are_read_in_each_period_in_force() -> None:
    from briefing.languages.zh import indicators as zh

    base = zh._Context(2025, "2025-06-30")
    in_2023 = zh._Context(2025, "2025-06-30", "2023", "")
    until_september = zh._Context(2025, "2025-06-30", "2025-01-01/2025-09-30", "截至9月底")
    cases = {  # a clause: its period in the document's year, in 2023 (a year in force), after 截至9月底
        "7月份": ("2025-07-01/2025-07-31", "2023-07-01/2023-07-31", "2025-07-01/2025-07-31"),
        "每年": ("2025", "2023", "2025"),
        "全年": ("2025", "2023", "2025"),
        "今年": ("2025", "2025", None),  # the interval already says which part of this year
        "今年目前": ("2025", "2025", "2025-06-30"),  # 今年 gives way after 截至, and 目前 is read next
        "截至13月": (None, None, None),  # no such month
        "过去5年": ("2020-2024", "2020-2024", "2020-2024"),
        "全省经济": (None, None, None),
    }
    for text, periods in cases.items():
        phrases = zh._phrases(text, base) if zh._TIME_HINT.search(text) else None
        for context, period in zip((base, in_2023, until_september), periods):
            found = zh._read(phrases, context)
            assert (found.period if found else None) == period, (text, context)
            # the same as the phrases found in that period itself
            assert (zh._read(zh._phrases(text, context), context) if zh._TIME_HINT.search(text) else None) == found


def _old_clean(zh, text: str) -> str:  # the patterns' chain the looks stand before
    for pattern in (zh._YEAR, zh._UNTIL, zh._YTD, zh._SPAN, zh._QUOTE_MARKS, zh._LABEL_BEFORE_COLON):
        text = pattern.sub("", text)
    return zh._LEADING_NOISE.sub("", text.strip())


def _old_tidy(zh, name: str) -> str:
    while True:
        tidied = zh._LEADING_NOISE.sub("", zh._PERIOD_WORDS.sub("", zh._INNER_PERIOD.sub("", name))).strip("的")
        tidied = "" if zh._COMPARISON_ONLY.fullmatch(tidied) else zh._COMPARED_WITH.sub("", tidied)
        if tidied == name:
            return name
        name = tidied


def test_chinese_names_cleaned_and_tidied_as_the_patterns_alone_do() -> None:
    from briefing.languages.zh import indicators as zh

    pieces = ["2024年", "年", "截至3月底", "今年以来", "过去5年", "五年来", "“", "”", '"', "'", "：", ":", "其中", "同时",
              "已", "、", "全年", "每年", "去年", "一季度", "上半年", "前11个月", "1—5月", "5月份", "目前", "当前", "比",
              "较", "与", "上年", "同期", "2019年", "的", "\n", " ", "地区生产总值", "全省", "西部地区", "粮食产量"]
    rng = random.Random(15)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7))) for _ in range(20000)]
    texts += ["", "比上年\n", "夏粮产量比上年\n", "较上年", "其中全省", "全年全省地区生产总值的"]
    for text in texts:
        assert zh._clean(text) == _old_clean(zh, text), text
        assert zh._tidy(text) == _old_tidy(zh, text), text
        assert zh._without_noise(text) == zh._LEADING_NOISE.sub("", text), text


def test_a_chinese_pattern_anchored_at_the_end_never_matches_a_text_not_ending_as_its_look_needs() -> None:
    from briefing.languages.zh import indicators as zh

    anchored = [(zh._MEASURE_VERBS, zh._MEASURE_VERB_ENDS), (zh._RATE_MEASURE, zh._RATE_ENDS),
                (zh._RATE_VERBS, zh._RATE_ENDS), (zh._OBJECT_VERB_TAIL, zh._OBJECT_VERB_ENDS),
                (zh._QUALIFIER_TAIL, zh._QUALIFIER_ENDS), (zh._NAME_TAIL, zh._NAME_TAIL_ENDS),
                (zh._SUBJECT_OF_PRESENT, zh._SUBJECT_ENDS), (zh._FROM_TO, zh._FROM_TO_ENDS)]
    words = "|".join([zh._MEASURE_VERB_WORDS, zh._RATE_VERB_WORDS, zh._OBJECT_VERB_WORDS]).split("|")
    pieces = words + ["了", "的", "已", "已经", "累计", "共", "人口", "茶园", "全村发展", "从2020年", "至", "到", "较2019年",
                      "年均", "\n", "\n\n", " ", "全省", "a"]
    rng = random.Random(15)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        for pattern, ends in anchored:
            if pattern.search(text):
                assert zh._ends_with(text, ends), (pattern, text)
        assert zh._strip_qualifier(text) == zh._QUALIFIER_TAIL.sub("", text.rstrip("的")), text
        assert zh._measure_verb(text) == bool(zh._MEASURE_VERBS.search(text)), text


def test_english_time_patterns_never_match_where_their_looks_say_no() -> None:
    from briefing.languages.common import holds, holds_any, lowered

    gates = [(en._PART, ("first",)), (en._LATER_PART, ("quarter", "half")), (en._NOW, en._NOW_WORDS),
             (en._LAST_YEAR, ("year",)), (en._THIS_YEAR, ("year",)), (en._AS_OF, ("as of", "as at")),
             (en._NEXT_MONTHS, ("months",)), (en._SPAN_OPEN, en._SPAN_WORDS)]
    pieces = ["the first half", "First Quarter", "the ſecond half", "THIRD QUARTER", "first 5 months", "now", "TODAY",
              "at present", "currently", "last year", "a year earlier", "this year", "year to date", "as of 30 June",
              "AS AT May 5, 2024", "over the next six months", "from 2019 to 2023", "between 2020 and 2022",
              "since 2021", "over the past 5 years", "In May", "May 2025", "in may", "Sept. 2024", " ", ", ", "2024",
              "\u0130", "\u212a", "of", "by"]
    rng = random.Random(15)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        look = lowered(text)
        for pattern, words in gates:
            assert holds(look, words) == holds_any(text, words)
            if pattern.search(text):
                assert holds(look, words), (pattern, text)
        if en._MONTH_YEAR.search(text) or en._MONTH_ALONE.search(text):
            assert any(month in text for month in en._MONTH_NAMES), text
        assert en._relative(text, 2025) == _old_relative(text, 2025), text
        assert en._relative(text, None) == _old_relative(text, None), text


def _old_relative(text: str, year: int | None) -> str:  # every pattern searched for, as before the looks
    from briefing.languages.common import holds_any

    if not holds_any(text, en._RELATIVE_WORDS):
        return ""
    if month := en._MONTH_YEAR.search(text):
        return en._month(int(month.group(2)), en._month_number(month.group(1)))
    part = en._PART.search(text)
    if part and (year or part.group(6)):
        return en._part_of_year(part, year or int(part.group(6)))
    later = en._LATER_PART.search(text)
    if later and (year or later.group("year")):
        return en._later_part(later, year or int(later.group("year")))
    if not year:
        return ""
    if alone := en._MONTH_ALONE.search(text):
        return en._month(year, en._month_number(alone.group(1)))
    if en._NOW.search(text):
        return str(year)
    if en._LAST_YEAR.search(text):
        return str(year - 1)
    return str(year) if en._THIS_YEAR.search(text) else ""
