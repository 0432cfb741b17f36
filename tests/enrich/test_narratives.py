"""Narratives: computed, rounded by stated rules, phrased per audience, within its limits."""

from __future__ import annotations

from briefing.enrich.series import build_series
from briefing.analyse.indicators import indicators_in
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from briefing.model import Indicator
from briefing.enrich.narratives import Style, check_phrases, like, narratives, one_decimal
from conftest import SAMPLE, run_cli


def _level(name: str, period: str, value: str, unit: str = "万亿元", factor: float = 1e12) -> Indicator:
    number = float(value)
    return Indicator(name=name, period=period, value=value, unit=unit, number=number,
                     normalized_value=number * factor, normalized_unit="元", quote=f"{name}{value}{unit}")


def test_sample_narratives_are_computed_not_copied():
    indicators = indicators_in(read_document(SAMPLE))
    text = narratives(build_series(indicators), indicators, "zh")
    assert "地区生产总值由2019年的20.5万亿元增至2023年的26.9万亿元，增长31.2%，年均名义增长7.0%。" in text
    assert any("据此推算2019年约为2.7万亿元" in t for t in text)  # 3.7 / 1.37
    assert any("占全国总数的50.5%" in t and "约为6.9万列" in t for t in text)  # 3.5 / 0.505


def test_rounding_is_half_away_from_zero_and_keeps_the_source_precision():
    assert one_decimal(31.25) == "31.3" and one_decimal(0.05) == "0.1" and one_decimal(7.04) == "7.0"
    assert like(2.70073, "3.7") == "2.7" and like(6.93069, "3.5") == "6.9" and like(1234.5, "2055") == "1234.5"


def test_a_percentage_series_changes_in_points_not_percent():
    indicators = (_level("城镇化率", "2019", "55.94", "%", 1), _level("城镇化率", "2023", "59.94", "%", 1))
    series = build_series(indicators)
    assert series[0].pct_change is None and series[0].cagr is None
    (sentence,) = narratives(series, indicators, "zh")
    assert sentence == "城镇化率由2019年的55.94%增至2023年的59.94%，提高4.0个百分点。"
    (english,) = narratives(series, indicators, "en")
    assert english.endswith("up 4.0 percentage points.") and "%" not in english.split(",")[-1].replace("points", "")


def test_a_fall_is_said_as_a_fall():
    indicators = (_level("煤炭消费", "2020", "4.2"), _level("煤炭消费", "2024", "3.9"))
    (sentence,) = narratives(build_series(indicators), indicators, "zh")
    assert "降至" in sentence and "下降7.1%" in sentence


def test_an_audience_overrides_a_phrase_and_limits_the_length():
    indicators = indicators_in(read_document(SAMPLE))
    series = build_series(indicators)
    style = Style(phrases=(("change", "{label}：{start}年{first}{unit}，{end}年{last}{unit}"),), max_sentences=2)
    text = narratives(series, indicators, "zh", style)
    assert len(text) == 2
    assert text[0].startswith("工业增加值：2019年5.8万亿元，2023年8.1万亿元")  # the largest change comes first
    short = narratives(series, indicators, "zh", Style(max_width=60))
    assert short and sum(len(t) for t in short) <= 80


def test_phrase_overrides_are_checked():
    assert check_phrases({"change": "{label}由{start}年的{first}{unit}"}) == []
    problems = check_phrases({"chnage": "x", "percent": "{pct}%", "cagr": "{cagr"})
    assert any('unknown phrase "chnage"' in p for p in problems)
    assert any('"percent" uses {pct}' in p for p in problems)
    assert any('"cagr"' in p for p in problems)
    assert check_phrases({"change": "{label:>12}由{start}年"}) == []
    (wide,) = check_phrases({"change": "{label:>1000000000}由{start}年"})  # the report's cfg/phrases_fmt
    assert wide == 'phrase "change": {label:>1000000000} is a field wider than a sentence needs (at most 100 characters)'


def test_english_narratives():
    text = ("Title\n\nThe region's output grew from 20.5 trillion yuan in 2019 to 26.9 trillion yuan in 2023.\n")
    document = parse_text(text, "en", "en.txt", name="en-2024-04-23.txt")
    indicators = indicators_in(document)
    (sentence,) = narratives(build_series(indicators, "en"), indicators, "en")
    assert "rose from 20.5 trillion yuan in 2019 to 26.9 trillion yuan in 2023, up 31.2% (7.0% a year, nominal)." \
        in sentence


def _set_analyst(project, extra: str) -> None:
    config = project / "briefing.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    summary_chars: 400\n", "    summary_chars: 400\n" + extra), encoding="utf-8")


def test_an_audience_config_shapes_its_narratives(project):
    _set_analyst(project, '    max_narratives: 1\n    phrases:\n      change: "{label}：{start}年{first}{unit}，{end}年{last}{unit}"\n')
    result = run_cli("build", "briefing.yaml", "--date", "2024-04-23", "--out", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    digest = (project / "out/western-development/2024-04-23/analyst/digest.md").read_text(encoding="utf-8")
    section = digest.split("### 数据解读", 1)[1].split("###", 1)[0]
    sentences = [line for line in section.splitlines() if line.startswith("- ") and "⚑" not in line]
    assert len(sentences) == 1  # one sentence only: the largest change
    assert sentences[0].endswith("工业增加值：2019年5.8万亿元，2023年8.1万亿元，增长39.7%，年均名义增长8.7%。")


def test_a_phrase_with_a_typo_is_a_config_error(project):
    _set_analyst(project, '    phrases:\n      change: "{lable}由{start}年"\n')
    result = run_cli("build", "briefing.yaml", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "briefing.yaml:" in result.stderr and "{lable}" in result.stderr and "{label}" in result.stderr
    assert not (project / "out").exists()
