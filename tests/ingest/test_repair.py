from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from conftest import SAMPLE, SIX

def test_sample_is_repaired():
    doc = read_document(SAMPLE)
    assert doc.language == "zh" and doc.date == "2024-04-23"
    assert doc.title.startswith("习近平主持召开新时代推动西部大开发座谈会")
    kinds = [r.kind for r in doc.repairs]
    assert kinds.count("sidebar") == 1 and kinds.count("duplicate") == 1 and kinds.count("joined") >= 5
    assert [h[:len(s)] for h, s in zip(doc.highlights, SIX)] == list(SIX)
    text = doc.text
    assert "深化东中西部科技创新合作，建好国家自主创新示范区" in text  # word cut by the box, joined
    assert "习近平最后强调，中央区域协调发展领导小组要" in text
    assert "地区生产总值从2019年的20.5万亿元" in text
    assert "“一路”。" not in text.replace("“一带一路”。", "")  # the echoed fragment is gone
    assert "习近平强调——" not in text and "\n- 要坚持" not in text


def test_gb18030_and_bom(tmp_path: Path):
    text = "会议强调，要加快推进改革。\n\n2023年全省地区生产总值达1.2万亿元。\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    gbk, bom = read_document(tmp_path / "gbk.txt"), read_document(tmp_path / "bom.txt")
    assert gbk.encoding == "gb18030" and bom.encoding == "utf-8"
    assert gbk.paragraphs == bom.paragraphs and gbk.paragraphs[0].text.startswith("会议强调")


def test_noise_lines_dropped_and_recorded():
    doc = parse_text("标题\n\n他强调，要做好工作。\n\n责任编辑：张三\n\n扫码关注我们的公众号\n\n（完）\n", "x", "x.txt")
    assert [p.text for p in doc.paragraphs] == ["他强调，要做好工作。"]
    assert sum(r.kind == "noise" for r in doc.repairs) == 3


def test_english_line_breaks_joined():
    doc = parse_text("Title Here\n\nXi stressed that efforts should be made to \nupgrade the network. It went on\n\nfor a while.\n",
                     "en", "en.txt")
    assert doc.language == "en"
    assert doc.paragraphs[0].text == "Xi stressed that efforts should be made to upgrade the network. It went on for a while."


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\n \n\t\n", "the file is empty"),
    (b"\x00\x01\x02binary\x00", "not a text file"),
    ("。，！？……\n\n——".encode(), "no text"),
])
def test_bad_text_is_a_clear_error(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert message in info.value.line() and "bad.txt" in info.value.line()


def test_a_word_cut_by_a_page_break_is_made_whole():
    text = ("Title\n\nThe Mechanism will give member economies early no\nPage 2 of 3\nTRADE COMMUNIQUE\n"
            "tice of disruptions at key ports. We will act on every notice quickly.\n\n"
            "Efforts will continue in the\n\n— 3 —\n\nregion and across the world.\n")
    document = parse_text(text, "x", "x.txt")
    assert "early notice of disruptions" in document.paragraphs[0].text
    assert "in the region and across" in document.paragraphs[1].text  # two real words stay two
    assert [r.kind for r in document.repairs].count("page") == 3


def test_numbered_paragraphs_after_a_lettered_item_are_split_too():
    """A statement's lettered sub-items end, with no blank line, where its numbered paragraphs go on: the
    last lettered item and each numbered paragraph are paragraphs of their own."""
    text = ("Leaders' Statement\n\n"
            "3. We agree on two steps:\n"
            "    a. First, we will open the northern corridor\n    to freight by the spring.\n\n"
            "    b. Second, we will share port data\n    every month.\n"
            "4. We continue to consult our partners and\n    invite them to join us.\n"
            "5. Together with the Fund, we call on lenders\n    to ease the terms of the debt.\n")
    paragraphs = [p.text for p in parse_text(text, "x", "x.txt").paragraphs]
    assert paragraphs[-3:] == ["b. Second, we will share port data every month.",
                               "4. We continue to consult our partners and invite them to join us.",
                               "5. Together with the Fund, we call on lenders to ease the terms of the debt."]


def test_a_federal_register_page_marker_between_blank_lines_is_page_furniture():
    """"[[Page 2041]]" on a line of its own, blank lines around it, inside a sentence: the sentence is whole."""
    text = ("Executive Order 14\n\n"
            "    Sec. 2. Clinics. (a) Within 90 days of the date of this order, the Secretary shall\n"
            "prepare a plan for every county,\n\n[[Page 2041]]\n\nand shall report on it to the President.\n")
    paragraphs = [p.text for p in parse_text(text, "x", "x.txt").paragraphs]
    assert paragraphs[-1] == ("Sec. 2. Clinics. (a) Within 90 days of the date of this order, the Secretary shall "
                              "prepare a plan for every county, and shall report on it to the President.")


def test_a_page_line_with_the_documents_symbol_is_page_furniture_and_the_cut_word_is_whole():
    """"A/RES/90/12  Page 4" inside a paragraph, a word hyphenated across it: one paragraph, the word whole."""
    text = ("Resolution 90/12\n\nThe General Assembly,\n\n"
            "3. Requests the Secretary-General to report on the fisheries of small island states, with an assess-\n"
            "A/RES/90/12  Page 4\n"
            "ment of the funds they receive;\n")
    paragraphs = [p.text for p in parse_text(text, "x", "x.txt").paragraphs]
    assert paragraphs[-1] == ("3. Requests the Secretary-General to report on the fisheries of small island states, "
                              "with an assessment of the funds they receive;")
