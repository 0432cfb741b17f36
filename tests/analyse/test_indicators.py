from __future__ import annotations


import pytest

from briefing.enrich.narratives import narratives
from briefing.enrich.series import build_series
from briefing.analyse.indicators import indicators_in
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from conftest import SAMPLE

# (name, period, value, unit, qualifier, kind): what the sample states, at the least.
EXPECTED = [
    ("地区生产总值", "2019", "20.5", "万亿元", "", "level"),
    ("地区生产总值", "2023", "26.9", "万亿元", "", "level"),
    ("地区生产总值", "2019-2023", "4.9", "%", "", "rate"),
    ("工业增加值", "2019", "5.8", "万亿元", "", "level"),
    ("工业增加值", "2023", "8.1", "万亿元", "", "level"),
    ("居民人均可支配收入", "2019", "2.4", "万元", "", "level"),
    ("居民人均可支配收入", "2023", "3.1", "万元", "", "level"),
    ("常住人口城镇化率", "2023", "59.94", "%", "", "level"),
    ("进出口总额", "2023", "3.7", "万亿元", "", "level"),
    ("进出口总额", "2019-2023", "37", "%", "", "rate"),
    ("中欧班列", "2019-2023", "3.5", "万列", "", "level"),
    ("中欧班列", "2019-2023", "50.5", "%", "", "share"),
    ("国家级战略性新兴产业集群", "2024-04-23", "9", "个", "", "level"),
    ("国家级先进制造业集群", "2024-04-23", "5", "个", "", "level"),
    ("自贸试验区", "2019-2023", "6", "个", "", "level"),
    ("综合保税区", "2019-2023", "40", "个", "", "level"),
    ("西部陆海新通道铁海联运班列运输集装箱货物", "2024-01-01/2024-04-23", "20", "万标箱", "突破", "level"),
    ("中欧班列", "2024-01-01/2024-04-09", "2055", "列", "", "level"),
    ("藏羚羊种群数量", "2024-04-23", "7", "万只", "多", "level"),
]


@pytest.fixture(scope="module")
def sample():
    return indicators_in(read_document(SAMPLE))


@pytest.mark.parametrize("name, period, value, unit, qualifier, kind", EXPECTED)
def test_sample_indicator(sample, name, period, value, unit, qualifier, kind):
    found = [i for i in sample if i.name == name and i.period == period and i.value == value]
    assert len(found) == 1, [(i.name, i.period, i.value) for i in sample if i.value == value]
    i = found[0]
    assert (i.unit, i.qualifier, i.kind) == (unit, qualifier, kind)
    assert value in i.quote and i.quote in read_document(SAMPLE).paragraphs[i.paragraph - 1].text


def test_sample_has_no_false_figures(sample):
    assert len(sample) == len(EXPECTED)
    values = {i.value for i in sample}
    # 海拔4600米, 3只8个月大的藏羚羊宝宝, 10栋厂房, 11家企业, the years themselves: none is a statistic
    assert values.isdisjoint({"4600", "3", "8", "10", "11", "2019", "2023", "2024"})


def test_normalised_values(sample):
    gdp = next(i for i in sample if i.name == "地区生产总值" and i.period == "2023")
    assert gdp.normalized_value == pytest.approx(26.9e12) and gdp.normalized_unit == "元"
    income = next(i for i in sample if i.name == "居民人均可支配收入" and i.period == "2019")
    assert income.normalized_value == pytest.approx(24000) and income.normalized_unit == "元"
    antelope = next(i for i in sample if i.name == "藏羚羊种群数量")
    assert antelope.normalized_value == pytest.approx(70000) and antelope.normalized_unit == "只"


def test_series_derived_and_flagged(sample):
    series = {s.name: s for s in build_series(sample)}
    gdp = series["地区生产总值"]
    assert gdp.pct_change == pytest.approx(31.22, abs=0.01) and gdp.cagr == pytest.approx(7.03, abs=0.01)
    assert any("文中年均增长4.9%" in f and "7.0%" in f and "实际增长" in f for f in gdp.flags)
    text = narratives(tuple(series.values()), sample, "zh")
    assert "地区生产总值由2019年的20.5万亿元增至2023年的26.9万亿元，增长31.2%，年均名义增长7.0%。" in text
    assert any("据此推算2019年约为2.7万亿元" in t for t in text)


def test_a_document_without_statistics_has_no_indicators():
    doc = parse_text("标题\n\n习近平强调，要坚持人民至上，在发展中保障和改善民生。这是第3次会议，八项行动要落实。\n", "x", "x-2025-01-02.txt")
    assert indicators_in(doc) == ()


def test_full_width_digits_keep_their_form():
    doc = parse_text("标题\n\n２０２４年，全省高新技术企业达到５.６万家，研发投入强度为2.35％。\n", "x", "x.txt",
                     name="x-2025-06-01.txt")
    found = {(i.period, i.value, i.unit) for i in indicators_in(doc)}
    assert ("2024", "５.６", "万家") in found and ("2024", "2.35", "％") in found


def test_a_figure_is_never_dropped_because_its_period_is_relative():
    """A document that never says its date (no dateline, no date in its name): relative periods stay as written,
    unresolved, and the figures are kept; they form no series."""
    text = ("临江外贸稳中有进\n\n今年1—11月，临江市外贸进出口总额达到3200亿元，同比增长8.5%。\n\n"
            "去年全年，临江市进出口总额为3500亿元。\n\n截至9月底，全市新能源汽车保有量达到12.6万辆。\n")
    found = indicators_in(parse_text(text, "trade", "trade.txt"))
    assert [(i.name, i.period, i.value, i.resolved) for i in found] == [
        ("外贸进出口总额", "今年1—11月", "3200", False), ("外贸进出口总额", "今年1—11月", "8.5", False),
        ("进出口总额", "去年", "3500", False), ("新能源汽车保有量", "截至9月底", "12.6", False)]
    assert build_series(found) == ()
    dated = indicators_in(parse_text(text, "trade", "2024-12-14-trade.txt", name="2024-12-14-trade.txt"))
    assert [i.period for i in dated][:3] == ["2024-01-01/2024-11-30", "2024-01-01/2024-11-30", "2023"]
    assert all(i.resolved for i in dated)


def test_a_space_between_a_number_and_its_unit_reads_as_none():
    """PDFs made by Word, WPS or LibreOffice put a space before the unit ("37174 亿元"): the same figures."""
    text = "临江经济运行情况\n\n2024年，临江市地区生产总值达到37174{s}亿元，比上年增长5.2%。全市常住人口为{s}812.5{s}万人。\n"
    spaced = indicators_in(parse_text(text.format(s=" "), "x", "2025-01-20-gdp.txt", name="2025-01-20-gdp.txt"))
    plain = indicators_in(parse_text(text.format(s=""), "x", "2025-01-20-gdp.txt", name="2025-01-20-gdp.txt"))
    assert [(i.name, i.value, i.unit, i.period) for i in spaced] == [(i.name, i.value, i.unit, i.period) for i in plain]
    assert [i.value for i in spaced] == ["37174", "5.2", "812.5"]


def test_a_year_in_the_file_name_places_this_year():
    """No date in the text or a dated name, but a year in the file's name ("…_2025.txt"): 今年 is that year."""
    text = "临江两会开幕\n\n今年全市地区生产总值预期增长5.5%左右。\n"
    named = indicators_in(parse_text(text, "linjiang_npc_2025", "linjiang_npc_2025.txt"))
    assert [(i.period, i.value, i.resolved) for i in named] == [("2025", "5.5", True)]
    unnamed = indicators_in(parse_text(text, "linjiang_npc", "linjiang_npc.txt"))
    assert [(i.period, i.resolved) for i in unnamed] == [("今年", False)]


def test_a_threshold_and_a_policy_parameter_are_not_figures():
    """"不超过50万元部分" says who qualifies and "由60%提高至80%的政策" what a policy sets: neither is a statistic."""
    text = ("临江减税措施\n\n会议决定，将年应纳税所得额不超过50万元部分的减半征收政策延续实施，并将研发费用加计扣除比例"
            "由60%提高至80%的政策长期实施。今年前三季度，全市新增减税降费达到12.5亿元。\n")
    found = indicators_in(parse_text(text, "x", "2025-10-20-tax.txt", name="2025-10-20-tax.txt"))
    assert [i.value for i in found] == ["12.5"]


def test_a_footnote_number_before_including_is_not_a_count():
    text = ("Harbor Resolution\n\nWelcomes the decisions taken at the second meeting of the harbor parties, 4 including "
            "the adoption of the dredging plan, and notes that cargo volumes rose by 6 percent in 2024.\n")
    found = indicators_in(parse_text(text, "x", "2025-03-04-harbor.txt", name="2025-03-04-harbor.txt"))
    assert [(i.value, i.unit) for i in found] == [("6", "percent")]
