"""Names that mean the same: a table's and a text's name for one indicator meet in one series under the
canonical name (the config's aliases:, each language's synonyms, an abbreviation a text spells out, a region
opening a table's name), and names that do not mean the same stay apart."""

from __future__ import annotations

from pathlib import Path

from briefing.config import load_config
from briefing.enrich.names import canonical_names
from briefing.enrich.series import build_series
from briefing.errors import InputError
from briefing.model import Indicator
from conftest import run_cli

import pytest


def figure(name: str, period: str, value: float, region: str = "", row: int | None = None, unit: str = "万千瓦",
           factor: float = 1e4) -> Indicator:
    return Indicator(name=name, period=period, value=str(value), unit=unit, number=value,
                     normalized_value=value * factor, normalized_unit=unit[-2:], region=region,
                     source_id="table.csv" if row else "text", table_row=row, paragraph=None if row else 3)


def series_of(indicators, aliases=None, language="zh"):
    return {(s.name, s.points[0].indicators[0].region): [p.period for p in s.points]
            for s in build_series(canonical_names(tuple(indicators), aliases or {}, language), language)}


def test_a_region_opening_a_tables_name_is_its_region():
    found = series_of([figure("太阳能发电装机容量", "2023", 60949), figure("全国太阳能发电装机容量", "2022", 39261, row=2)])
    assert found == {("太阳能发电装机容量", "全国"): ["2022", "2023"]}


def test_a_region_is_split_only_from_a_tables_name_and_only_when_it_is_one():
    kept = canonical_names((figure("农村社区服务中心", "2023", 5, row=2), figure("西部地区生产总值", "2023", 26.9, row=3)))
    assert [(i.name, i.region) for i in kept] == [("农村社区服务中心", ""), ("地区生产总值", "西部地区")]


def test_an_abbreviation_spelled_out_and_the_built_in_synonyms():
    english = series_of([figure("gross domestic product (GDP)", "2022", 25.4, unit="trillion dollars", factor=1e12),
                         figure("GDP", "2023", 27.4, row=2, unit="trillion dollars", factor=1e12)], language="en")
    assert english == {("gross domestic product", ""): ["2022", "2023"]}
    chinese = series_of([figure("国内生产总值", "2023", 126.1, unit="万亿元", factor=1e12),
                         figure("GDP", "2022", 121.0, row=2, unit="万亿元", factor=1e12),
                         figure("地区生产总值", "2023", 26.9, region="西部地区", unit="万亿元", factor=1e12)])
    assert chinese == {("国内生产总值", ""): ["2022", "2023"], ("地区生产总值", "西部地区"): ["2023"]}


def test_the_configs_aliases_come_first():
    found = series_of([figure("光伏装机", "2022", 39261, row=2), figure("太阳能发电装机容量", "2023", 60949)],
                      {"太阳能发电装机容量": ("光伏装机",)})
    assert found == {("太阳能发电装机容量", ""): ["2022", "2023"]}


def config_with(project: Path, aliases: str) -> Path:
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + aliases, encoding="utf-8")
    return config


def test_aliases_in_the_config(project: Path):
    config = load_config(config_with(project, "aliases:\n  国内生产总值: [GDP, 全国GDP]\n  城镇化率: 常住人口城镇化率\n"))
    assert config.aliases == {"国内生产总值": ("GDP", "全国GDP"), "城镇化率": ("常住人口城镇化率",)}


@pytest.mark.parametrize("aliases, message", [
    ("aliases:\n  国内生产总值: 3\n", "aliases.国内生产总值: expected a name and a list of its other names"),
    ("aliases:\n  国内生产总值: [GDP]\n  地区生产总值: [GDP]\n", '"GDP" is also an alias of "国内生产总值"'),
])
def test_wrong_aliases(project: Path, aliases: str, message: str):
    with pytest.raises(InputError, match=message):
        load_config(config_with(project, aliases))


def test_a_tables_name_with_its_region_meets_the_texts_through_the_real_command(project: Path):
    table = project / "data" / "indicators" / "western-region.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("工业增加值,2019,5.8,万亿元,西部地区",
                                                               "西部地区工业增加值,2019,5.8,万亿元,"), encoding="utf-8")
    result = run_cli("build", "briefing.yaml", "--date", "2024-04-23", "--audience", "analyst", cwd=project)
    assert result.returncode == 0, result.stderr
    digest = (project / "out" / "western-development" / "2024-04-23" / "analyst" / "digest.md").read_text(encoding="utf-8")
    assert "西部地区工业增加值由2019年的5.8万亿元增至2023年的8.1万亿元" in digest
    [row] = [line for line in digest.splitlines() if line.startswith("| 西部地区工业增加值 | 2019年 | 5.8万亿元 |")]
    assert "western-region" in row and "第4行" in row and "新华社" in row  # one row citing the table and the text


def test_a_regions_gross_product_keeps_its_name_however_the_text_split_it():
    split_by_the_text = figure("生产总值", "2024", 6.3, region="东北三省地区", unit="万亿元", factor=1e12)
    table = figure("地区生产总值", "2024", 6.3, region="东北三省", row=2, unit="万亿元", factor=1e12)
    west = figure("生产总值", "2023", 26.9, region="西部地区", unit="万亿元", factor=1e12)
    found = canonical_names((split_by_the_text, table, west))
    assert [(i.name, i.region) for i in found] == [("地区生产总值", "东北三省"), ("地区生产总值", "东北三省"),
                                                  ("地区生产总值", "西部地区")]
