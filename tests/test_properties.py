"""Property-based tests: the sentence splitter and the directive finder on any text at all."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.analyse.directives import find_directives
from briefing.errors import InputError
from briefing.ingest.repair import parse_text
from briefing.languages import get
from conftest import SAMPLE, run_cli

# Text made of the pieces official documents are made of, in any order, with noise.
PIECES = st.sampled_from([
    "习近平", "李强", "会议", "他", "强调", "指出", "要求", "表示", "，", "。", "；", "：", "“", "”", "要", "坚持",
    "一是", "二是", "（一）", "第一，", "首先，", "推动", "发展", "2023年", "增长4.9%", "3.7万亿元", "\n", "\n\n",
    "Xi", "He", " stressed that ", " efforts should be made to ", "The Security Council,", "Decides ", "Urges ",
    "Sec. 2. Policy. ", "It is the policy of ", " shall ", "We will ", ". ", ", ", "; ", "(a) ", "Page 2 of 5",
    "— 3 —", "扫码下载客户端", " ", "\u3000", "-", "。”", "!", "?",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=80).map("".join), st.text(max_size=300))


@given(TEXTS)
def test_chinese_sentences_keep_every_character(text):
    found = get("zh").sentences(text)
    assert re.sub(r"\s", "", "".join(found)) == re.sub(r"\s", "", text)


@given(TEXTS)
def test_english_sentences_keep_every_word(text):
    found = get("en").sentences(text)
    assert "".join("".join(found).split()) == "".join(text.split())
    assert all(s == s.strip() and s for s in found)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_directive_finder_never_fails_and_points_into_the_text(text):
    try:
        document = parse_text("标题\n\n" + text, "x", "x.txt")
    except InputError:
        return  # an empty or punctuation-only text is refused with a message, which is right
    headlines, others = find_directives(document)
    paragraphs = {p.index: p.text for p in document.paragraphs}
    assert not any("\x00" in text for text in paragraphs.values())  # the page-break mark never survives
    for directive in headlines + others:
        assert directive.paragraph in paragraphs
        assert directive.text.strip() and directive.speaker
        core = directive.text.strip().strip("“”\"")
        assert core[:8] in paragraphs[directive.paragraph]
    assert [d.rank for d in headlines] == list(range(1, len(headlines) + 1))
    assert find_directives(document) == (headlines, others)  # deterministic


@given(st.lists(st.sampled_from(["要加快发展。", "要坚持开放。", "形势总体稳定。", "要稳住就业；"]), min_size=1, max_size=4, unique=True))
def test_every_lead_of_obligation_is_a_headline_in_order(items):
    body = "\n\n".join(f"习近平强调，{item}" for item in items)
    headlines, _ = find_directives(parse_text("标题\n\n" + body + "\n", "x", "x.txt"))
    expected = [item.rstrip("；") for item in items if item.startswith("要")]  # a directive ends on no "；"
    assert [d.text for d in headlines] == expected


def test_a_megabyte_without_a_paragraph_break_is_analysed(tmp_path):
    """The analysis is linear in the length: a huge paragraph finishes (benchmarks/ has the times)."""
    sample = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    path = tmp_path / "huge.txt"
    path.write_text("标题\n\n" + sample * (1_000_000 // len(sample.encode("utf-8")) + 1), encoding="utf-8")
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["indicators"]


def test_mixed_encodings_are_refused_with_a_message(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("标题\n\n习近平强调，要坚持发展。\n\n".encode() + "会议指出，要加强统筹。\n".encode("gbk"))
    result = run_cli("extract", str(path))
    assert result.returncode == 2 and "mixed.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
