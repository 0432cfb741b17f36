"""The cheap looks a figure reader takes before a costly pattern never skip a text the pattern would match."""

from __future__ import annotations

import pytest

from briefing.languages.common import holds_any
from briefing.languages.en import indicators as en

# Texts the patterns match, in every case re.IGNORECASE allows: capitals, and the four letters it takes for an
# ASCII one that str.lower keeps apart (İ and ı for i, ſ for s, the Kelvin sign for k).
RATIOS = ["One in seven adults", "nearly half of those", "two-thirds of the funds", "a quarter of them are",
          "A FIFTH of the land.", "one-\u017fixth of it,", "one-th\u0131rd of them were", "TH\u0130RD", "One in 10"]


@pytest.mark.parametrize("text", RATIOS)
def test_a_ratio_the_pattern_reads_passes_the_look(text: str) -> None:
    if en._RATIO.search(text):
        assert holds_any(text, en._RATIO_WORDS)


def test_the_four_letters_case_folding_makes_ascii_pass_the_look() -> None:
    assert en._RATIO.search("one-\u017fixth of it,")  # the pattern does read it: ſ is s to re.IGNORECASE
    assert holds_any("one-\u017fixth of it,", en._RATIO_WORDS)
    assert holds_any("\u212a", ("k",)) and holds_any("\u0130", ("i",)) and holds_any("\u0131", ("i",))


def test_a_text_without_the_words_is_skipped() -> None:
    assert not holds_any("Exports rose 5 percent in 2024.", en._RATIO_WORDS)
    assert holds_any("Exports rose by One In Three", en._RATIO_WORDS)


def test_a_sentence_without_a_digit_still_gives_its_ratio() -> None:
    from briefing.model import Document, Paragraph

    text = "Nearly half of households rent their homes this year."
    document = Document(source_id="d", title="t", date="2025-01-01", language="en",
                        paragraphs=(Paragraph(index=0, text=text),), origin="d.txt")
    found = en.indicators(document)
    assert [(i.value, i.period, i.normalized_value) for i in found] == [("half", "2025", 50.0)]


# Phrases each of _relative's patterns reads, so the look before them (_RELATIVE_WORDS) must let them through.
RELATIVE = ["May 2025", "In May", "during Sept.", "the first half of this year", "THE FIRST QUARTER of 2024",
            "the second quarter", "second half of last year", "the fourth quarter of 2023", "now", "Today",
            "currently", "at present", "last year", "a year earlier", "the previous year", "THIS YEAR",
            "year to date"]


@pytest.mark.parametrize("text", RELATIVE)
def test_a_relative_phrase_passes_the_look(text: str) -> None:
    assert en._relative(text, 2025), text  # the phrase is read
    assert holds_any(text, en._RELATIVE_WORDS)


def test_a_relative_phrase_in_letters_case_folding_makes_ascii_passes_the_look() -> None:
    for text in ("the \u017fecond quarter", "the th\u0131rd quarter", "the F\u0130RST half"):
        assert en._LATER_PART.search(text) or en._PART.search(text)
        assert holds_any(text, en._RELATIVE_WORDS)


def test_the_looks_before_a_figure_keep_its_period_and_its_object() -> None:
    assert holds_any("June", en._MONTH_WORDS) and en._MONTH_BEFORE.search("since June ")
    assert en._relative("Exports rose 5 percent in the quarter.", 2025) == ""
    assert en._CHANGED_OBJECT.search("cut emissions BY ") and holds_any("cut emissions BY ", ("by",))


def test_half_width_is_the_translation_of_every_wide_form() -> None:
    from briefing.languages.common import _FULL_WIDTH, half_width

    texts = ["２０２４年，增长５．２％", "全年，共，计", "no wide forms", "１２３，４５６．７８９％", "，", "，，０", ""]
    texts += [chr(c) * 3 + "，" for c in range(0xff00, 0xfff0)]
    for text in texts:
        assert half_width(text) == text.translate(_FULL_WIDTH), text


def _chinese(text: str):
    from briefing.languages.zh import indicators as zh
    from briefing.model import Document, Paragraph

    document = Document(source_id="d", title="t", date="2025-06-30", language="zh",
                        paragraphs=(Paragraph(index=0, text=text),), origin="d.txt")
    return [(i.name, i.period, i.value, i.unit) for i in zh.indicators(document)]


def test_a_chinese_sentence_without_a_figure_still_sets_the_period_of_the_next() -> None:
    # the first sentence holds no digit, numeral or 半, so it is not read for figures, but its time phrase holds on
    assert _chinese("今年以来，全省经济运行总体平稳。全省地区生产总值增长5.2%。") == [
        ("地区生产总值", "2025-01-01/2025-06-30", "5.2", "%")]


def test_a_time_phrase_opening_a_part_holds_for_its_clauses() -> None:
    assert _chinese("一季度，全省规模以上工业增加值增长6%，社会消费品零售总额1200亿元。") == [
        ("规模以上工业增加值", "2025-01-01/2025-03-31", "6", "%"),
        ("社会消费品零售总额", "2025-01-01/2025-03-31", "1200", "亿元")]
    assert _chinese("去年，全省经济运行稳中有进；全省地区生产总值达到3万亿元。") == [("地区生产总值", "2024", "3", "万亿元")]


@pytest.mark.parametrize("verb", __import__("briefing.languages.zh.directives", fromlist=["VERBS"]).VERBS.split("|"))
def test_every_verb_of_saying_passes_the_look_before_the_leads(verb: str) -> None:
    from briefing.languages.zh import directives as zh

    text = f"会议{verb}，要加快建设现代化产业体系。"
    assert zh._SAYING.search(text)
    assert [(lead.speaker, lead.verb) for lead in zh.leads(text)] == [("会议", verb)]


def test_a_paragraph_without_a_verb_of_saying_has_no_lead() -> None:
    from briefing.languages.zh import directives as zh

    assert zh.leads("全省地区生产总值增长5.2%，经济运行总体平稳。") == []


def test_the_chinese_looks_before_a_pattern_hold_what_it_needs() -> None:
    from briefing.languages.zh import indicators as zh

    for cue in ("到2027年", "预期目标", "预期增长", "目标是", "力争", "确保"):  # every target cue opens with one
        assert zh._TARGET_CUE.search(cue).group("target") and zh._TARGET_START.search(cue)
    assert zh._status("确保全年粮食产量", 2025) == "target" and zh._status("目前全省", 2025) == "actual"
    assert zh._counted("3只8个月大的藏羚羊宝宝正在草原上。") == "藏羚羊"
    assert _chinese("按不低于每人每年600元的标准补助。") == []  # a threshold a rule sets, not a result


def test_a_name_before_its_title_is_found_after_the_look() -> None:
    from briefing.languages.zh import directives as zh

    assert zh.people("。习近平总书记来到重庆考察，李明同志说。") == ["习近平", "李明"]
    assert zh.people("国务院总理李强主持会议。") == ["李强"]


def test_an_order_in_capitals_passes_the_look() -> None:
    from briefing.languages.en import instruments

    for text in ("By the authority vested in me, IT IS HEREBY ORDERED:", "I do hereby direct the Secretary"):
        assert instruments._ORDERED.search(text) and holds_any(text, ("hereby",))
