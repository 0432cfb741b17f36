"""Bounded output on any input: a page-long sentence of figures gives short quotes and a small analysis.

The times of these inputs are measured in benchmarks/bench_analysis.py, never here; what is asserted is what
grows with the input: each quote stays near its figure, the JSON of the analysis grows in proportion to the
text, and a figure stated many times over is flagged with a few of its statements, the rest counted.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.analyse.indicators import indicators_in
from briefing.enrich.figures import merged
from briefing.enrich.series import build_series
from briefing.extract import analysis_json
from briefing.ingest.repair import PAGE_BREAK, _glue, _join_lines, parse_text
from briefing.languages.common import LONG_SENTENCE, QUOTE_REACH, quote
from briefing.model import Indicator

_ZH_NAMES = ("粮食产量", "货物周转量", "快递业务量", "新能源汽车产量")
_EN_NAMES = ("grain output", "freight volume", "parcel deliveries", "electric car output")


def _long_chinese(figures: int) -> str:
    """One sentence of many figures, each a clause with its own year (a bulletin with no full stop)."""
    clauses = [f"{1990 + i % 30}年全省{_ZH_NAMES[i % 4]}达到{i + 1}.{i % 7}万吨" for i in range(figures)]
    return "全省统计快报\n\n" + "，".join(clauses) + "。\n"


def _long_english(figures: int) -> str:
    clauses = [f"{_EN_NAMES[i % 4]} reached {i + 1}.{i % 7} million tons in {1990 + i % 30}" for i in range(figures)]
    return "Provincial bulletin\n\nIn the province, " + ", ".join(clauses) + ".\n"


@pytest.fixture(scope="module", params=["zh", "en"])
def long_sentence(request, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / f"2024-06-30-bulletin-{request.param}.txt"
    path.write_text(_long_chinese(1500) if request.param == "zh" else _long_english(1500), encoding="utf-8")
    return path


def test_a_figure_in_a_long_sentence_quotes_its_clause(long_sentence: Path):
    document = parse_text(long_sentence.read_text(encoding="utf-8"), "bulletin", str(long_sentence))
    (paragraph,) = document.paragraphs
    assert len(paragraph.text) > 20 * LONG_SENTENCE
    found = indicators_in(document)
    assert len(found) == 1500
    for figure in found:
        assert figure.quote in paragraph.text  # an exact substring of the source
        assert figure.value in figure.quote
        assert len(figure.quote) <= 60  # its clause, not the page
    assert found[-1].quote in ("2019年全省新能源汽车产量达到1500.1万吨",
                               "electric car output reached 1500.1 million tons in 2019")
    assert found[-1].period == "2019"


def test_the_analysis_of_a_long_sentence_grows_in_proportion_to_it(long_sentence: Path):
    text = json.dumps(analysis_json(long_sentence), ensure_ascii=False)
    # each of the 1,500 figures carries its fields, a short quote and its series' derived figures with at most
    # ten flags of five statements each (under 4 KB, where a whole-sentence quote alone would be 30-80 KB); the
    # paragraph itself is there once
    assert len(text) < 1500 * 4000 + 2 * len(long_sentence.read_text(encoding="utf-8"))


def test_a_short_sentence_is_quoted_whole():
    sentence = "  2023年，全省粮食产量达到1.2万吨，增长3%。"
    assert quote(sentence, sentence.index("1.2"), sentence.index("1.2") + 3) == sentence.strip()


def test_a_long_sentence_is_quoted_by_the_clause_and_never_beyond_the_reach():
    filler = "并" * 2 * LONG_SENTENCE
    sentence = filler + "，全省粮食产量达到1,234.5万吨；" + filler
    at = sentence.index("1,234.5")
    assert quote(sentence, at, at + 7) == "全省粮食产量达到1,234.5万吨"
    english = "x" * 2 * LONG_SENTENCE + ", exports rose 3.5 percent in 2023, " + "y" * 2 * LONG_SENTENCE
    at = english.index("3.5")
    assert quote(english, at, at + 3) == "exports rose 3.5 percent in 2023"
    unbroken = "并" * 5 * LONG_SENTENCE
    assert len(quote(unbroken, 2 * LONG_SENTENCE, 2 * LONG_SENTENCE + 1)) == 2 * QUOTE_REACH + 1


def _statement(value: float, paragraph: int) -> Indicator:
    return Indicator(name="粮食产量", period="2023", value=str(value), unit="万吨", number=value,
                     normalized_value=value * 1e4, normalized_unit="吨", paragraph=paragraph, source_id="bulletin")


def test_a_figure_stated_many_ways_is_flagged_with_five_statements_and_a_count():
    statements = tuple(_statement(100.0 + i, i) for i in range(12))
    (series,) = build_series(statements, "zh")
    (flag,) = series.flags
    assert flag.count("万吨（") == 5
    assert flag.endswith("；…（+7）")


def test_figures_are_merged_into_the_first_row_they_agree_with():
    """Agreeing is after the rounding each states: 100.04 is within 100.0's, 100.1 is not (reconcile.agree)."""
    near = _statement(100.0, 1)
    rows = merged((near, _statement(200.0, 2), _statement(100.04, 3), _statement(100.1, 4), _statement(200.0, 5)))
    assert [[i.paragraph for i in row] for row in rows] == [[1, 3], [2, 5], [4]]


def test_a_series_flags_ten_disputed_years_and_counts_the_others():
    statements = tuple(replace(_statement(100.0 + i % 2, i), period=str(2000 + i // 2)) for i in range(30))
    (series,) = build_series(statements, "zh")
    assert len(series.flags) == 11
    assert series.flags[-1] == "… (+5)"


def test_a_block_of_thousands_of_lines_is_joined_as_line_by_line():
    lines = [f"{PAGE_BREAK}Page one" if i == 0 else f"{PAGE_BREAK}tice" if i % 7 == 0 else
             f"第{i}行" if i % 5 == 0 else f"line {i} of the order, hyph-" if i % 3 == 0 else f"line {i} goes on"
             for i in range(3000)]
    one_by_one = functools.reduce(lambda text, line: _glue(text, line), lines)
    assert _join_lines(lines) == one_by_one
    assert PAGE_BREAK not in _join_lines(lines)
