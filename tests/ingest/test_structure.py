"""A document's structure and date, as a reader finds them: headings, datelines and date lines stand alone, and
the date comes from the file's name, a dateline near the top, or a dated masthead line."""

from __future__ import annotations

import pytest

from briefing.ingest.repair import parse_text


def _paragraphs(text: str, name: str = "notice.txt") -> list[str]:
    return [p.text for p in parse_text(text, "notice", name, name=name).paragraphs]


def test_a_numbered_heading_is_not_glued_to_the_paragraph_after_it():
    text = ("绿溪县推进农田水利工作的通知\n\n一、目标任务，基本要求\n\n全年新修小型水渠四十条，确保灌溉用水。\n\n"
            "二、保障措施\n\n各乡镇要明确专人负责，按月报送进度。")
    assert _paragraphs(text) == ["一、目标任务，基本要求", "全年新修小型水渠四十条，确保灌溉用水。", "二、保障措施",
                                 "各乡镇要明确专人负责，按月报送进度。"]


def test_a_cut_paragraph_is_still_joined_across_a_break():
    text = "标题\n\n会议强调，要把稳住粮食生产作为首要任务，\n\n抓紧抓实春耕备耕各项工作。"
    assert _paragraphs(text) == ["会议强调，要把稳住粮食生产作为首要任务，抓紧抓实春耕备耕各项工作。"]


@pytest.mark.parametrize("line", ["发布日期：2025年4月9日", "发布时间：2025-04-09", "本报讯（记者 甲乙、丙丁）",
                                  "南江日报云山4月9日电（记者 某某）"])
def test_a_dateline_or_date_line_stands_alone_even_without_a_blank_line(line: str):
    text = f"云山市召开春季防火工作会议\n\n{line}\n会议要求，各单位要落实巡山护林责任，严防山火发生。"
    assert _paragraphs(text) == [line, "会议要求，各单位要落实巡山护林责任，严防山火发生。"]


def test_an_english_date_line_stands_alone():
    text = ("Statement on the Harbor Plan\n\nPORT ELLIS, March 4, 2025\nThe council agreed that the port authority "
            "will publish its dredging schedule within thirty days.")
    assert _paragraphs(text)[0] == "PORT ELLIS, March 4, 2025"


def test_a_plain_text_with_a_single_star_is_untouched():
    text = "Notes\n\nThe fund* grew this year, and the board will report on it in June.\n\n* unaudited"
    doc = parse_text(text, "notes", "notes.txt")
    assert [p.text for p in doc.paragraphs][0] == "The fund* grew this year, and the board will report on it in June."


def _date(text: str, name: str = "notice.txt") -> str | None:
    return parse_text(text, "notice", name, name=name).date


@pytest.mark.parametrize("name, date", [("2025-04-09-notice.txt", "2025-04-09"), ("20250409_notice.txt", "2025-04-09"),
                                        ("notice.txt", None), ("2025-02-30-notice.txt", None)])
def test_the_date_in_a_file_name(name: str, date: str | None):
    assert _date("标题\n\n会议要求，各单位要落实巡山护林责任。", name) == date


def test_a_dateline_takes_its_year_from_the_file_name():
    text = "云山市召开春季防火工作会议\n\n南江日报云山4月9日电 会议要求，各单位要落实巡山护林责任。"
    assert _date(text, "yunshan_fire_2025.txt") == "2025-04-09"


def test_a_dateline_takes_its_year_from_the_text_when_the_name_has_none():
    text = ("云山市召开春季防火工作会议\n\n南江日报云山4月9日电 会议要求，各单位要落实巡山护林责任。\n\n"
            "2025年1—3月，全市共出动巡护人员三千人次。")
    assert _date(text) == "2025-04-09"


def test_a_news_lead_gives_its_date():
    text = "云山市召开春季防火工作会议\n\n南江网消息：云山市4月9日召开春季防火工作会议，部署巡山护林。"
    assert _date(text, "fire_2025.txt") == "2025-04-09"


def test_a_dateline_with_no_year_anywhere_gives_no_date():
    assert _date("云山市召开会议\n\n南江日报云山4月9日电 会议要求，各单位要落实巡山护林责任。") is None


def test_no_calendar_date_is_made_up():
    assert _date("云山市召开会议\n\n南江日报云山2月30日电 会议要求，各单位要落实责任。", "fire_2025.txt") is None


@pytest.mark.parametrize("head, date", [
    ("THE WHITE HOUSE, February 13, 2025", "2025-02-13"),
    ("March 18, 2009", "2009-03-18"),
    ("Harbor Council Distr.: General 5 December 2025", "2025-12-05"),
    ("Port Gazette, Volume 3 Issue 12 (Friday, June 28, 2019)", "2019-06-28"),
])
def test_an_english_dated_line_near_the_top(head: str, date: str):
    text = f"Harbor Statement\n\n{head}\n\nThe council agreed that the port authority will publish its schedule."
    assert _date(text) == date


def test_a_date_inside_a_running_sentence_is_not_the_documents():
    text = "Harbor Statement\n\nThe council recalled the storm that struck on March 5, 2019 and closed the port."
    assert _date(text) is None


def _word_file(path, created=None):
    import docx

    word = docx.Document()
    word.add_heading("绿溪县灌区改造工作安排", level=0)
    word.add_heading("一、加快推进灌区改造，", level=1)
    word.add_paragraph("全县要在汛前完成灌区渠道清淤，")
    word.add_paragraph("各乡镇要足额安排配套资金。")
    if created is not None:
        word.core_properties.created = created
    word.save(path)
    return path


def test_a_word_paragraph_or_heading_is_never_joined_to_another(tmp_path):
    from briefing.ingest import read_document

    document = read_document(_word_file(tmp_path / "irrigation.docx"))
    assert document.title == "绿溪县灌区改造工作安排"
    assert [p.text for p in document.paragraphs] == ["一、加快推进灌区改造，", "全县要在汛前完成灌区渠道清淤，",
                                                     "各乡镇要足额安排配套资金。"]
    assert not any(r.kind == "joined" for r in document.repairs)


def test_a_word_file_is_dated_by_its_properties_when_nothing_else_dates_it(tmp_path):
    import datetime as dt

    from briefing.ingest import read_document

    made = dt.datetime(2025, 3, 12, 9, 30, tzinfo=dt.timezone.utc)
    assert read_document(_word_file(tmp_path / "irrigation.docx", made)).date == "2025-03-12"
    assert read_document(_word_file(tmp_path / "2025-04-01-irrigation.docx", made)).date == "2025-04-01"
    assert read_document(_word_file(tmp_path / "blank.docx")).date is None  # python-docx's template stamp
