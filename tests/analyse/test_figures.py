"""Rules of the genre for figures: targets, points in time, time references, what is not a figure, and names.

Every document here is written for the test, in the project's own words."""

from __future__ import annotations

from briefing.analyse.indicators import indicators_in
from briefing.enrich.series import build_series
from briefing.ingest.repair import parse_text


def zh(text: str, name: str = "2024-06-15-report.txt"):
    return indicators_in(parse_text(f"标题\n\n{text}\n", "report", name, name=name))


def rows(found) -> list[tuple]:
    return [(i.name, i.period, i.value, i.status) for i in found]


def test_a_chinese_target_is_a_target_for_its_year():
    found = zh("到2027年，全省常住人口城镇化率达到70%，研发投入强度提高到3%。去年全省常住人口城镇化率为64.2%。")
    assert rows(found) == [("常住人口城镇化率", "2027", "70", "target"), ("研发投入强度", "2027", "3", "target"),
                           ("常住人口城镇化率", "2023", "64.2", "actual")]
    assert [p.period for s in build_series(found) for p in s.points] == ["2023"]  # an aim is no point of a series


def test_a_list_of_expected_targets_holds_for_every_item():
    found = zh("今年发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业60万人以上；粮食产量保持在300亿斤以上。")
    assert [(i.name, i.period, i.status) for i in found] == [
        ("地区生产总值", "2024", "target"), ("就业", "2024", "target"), ("粮食产量", "2024", "target")]


def test_a_target_cue_is_undone_by_a_result_and_a_past_deadline_is_a_result():
    found = zh("力争全市快递业务量突破30亿件，目前已达到21亿件。")
    assert [(i.value, i.status) for i in found] == [("30", "target"), ("21", "actual")]
    reached = zh("到2023年底，全省累计建成充电桩5万个。")
    assert [(i.period, i.status) for i in reached] == [("2023", "actual")]
    aim = zh("确保全年粮食播种面积稳定在2100万亩以上。")
    assert rows(aim) == [("粮食播种面积", "2024", "2100", "target")]


def test_a_point_in_time_is_a_point():
    found = zh("截至5月底，全市城镇调查失业率为5.1%。截至4月底，全省新能源汽车保有量为86万辆。"
               "截至4月底，今年全省累计新增市场主体12万户。")
    assert [(i.name, i.period) for i in found] == [
        ("城镇调查失业率", "2024-05-01/2024-05-31"),  # the May rate
        ("新能源汽车保有量", "2024-04-30"),  # a stock on the day
        ("市场主体", "2024-01-01/2024-04-30")]  # what was added since 1 January


def test_now_markers_and_yearly_figures_have_their_period():
    found = zh("目前，全省已建成5G基站12万个。这项政策预计每年为企业减负300多亿元。")
    assert [(i.period, i.period_text, i.value) for i in found] == [("2024-06-15", "目前", "12"),
                                                                    ("2024", "每年", "300")]
    undated = indicators_in(parse_text("标题\n\n目前，全省已建成5G基站12万个。\n", "x", "x.txt"))
    assert [(i.period, i.resolved) for i in undated] == [("目前", False)]


def test_a_name_carries_no_period_words_and_never_ends_on_de():
    found = zh("一季度全省地区生产总值同比增长5.3%。\n\n今年的夏粮产量比上年增长了1.2%。")
    assert [(i.name, i.period) for i in found] == [("地区生产总值", "2024-01-01/2024-03-31"), ("夏粮产量", "2024")]
    assert not any(i.name.endswith("的") for i in found)


def test_not_figures_a_round_a_policy_scope_a_threshold_a_count_of_listed_measures_a_word():
    text = ("2024年，全省对最不发达国家98%税目产品实行零关税，外贸进出口增长6%左右。"
            "2024年，省队首次闯入四分之一决赛，全年观众人数达到120万人次。"
            "2024年，全省按不低于每人每月400元的标准发放补贴，惠及群众12万人。"
            "2024年，全省出台减税降费、稳岗扩岗等7条措施，新增就业12万人。"
            "2024年，园区企业生产汽车零件3亿件。")
    assert [i.value for i in zh(text)] == ["6", "120", "12", "12", "3"]


def test_a_relative_year_is_read_again_in_a_new_sentence():
    """"6月份" in force from one sentence does not hide "今年的夏粮" in the next."""
    found = zh("6月份，全省居民消费价格上涨1.1%。此外，今年的夏粮再获丰收，夏粮产量比上年增长了1.5%。")
    assert [(i.name, i.period) for i in found] == [("居民消费价格", "2024-06-01/2024-06-30"), ("夏粮产量", "2024")]


def test_a_rate_with_no_subject_continues_the_figure_before_it():
    found = zh("上半年，全省居民消费价格同比上涨1.6%。4、5月份均同比上涨1.9%，6月份上涨2.2%。"
               "6月份，核心CPI涨幅总体平稳，同比上涨0.9%，比上年同期提高0.3个百分点。")
    assert [(i.name, i.period, i.value) for i in found] == [
        ("居民消费价格", "2024-01-01/2024-06-30", "1.6"), ("居民消费价格", "2024-05-01/2024-05-31", "1.9"),
        ("居民消费价格", "2024-06-01/2024-06-30", "2.2"), ("核心CPI", "2024-06-01/2024-06-30", "0.9"),
        ("核心CPI", "2024-06-01/2024-06-30", "0.3")]


def test_sectors_are_names_and_the_first_months_are_a_period():
    found = zh("上半年第一产业增加值21000亿元，同比增长3.6%。前11个月全省出口增长5.2%。")
    assert [(i.name, i.value) for i in found] == [("第一产业增加值", "21000"), ("第一产业增加值", "3.6"), ("出口", "5.2")]
    assert found[2].period == "2024-01-01/2024-11-30"


def en(text: str, name: str | None = "2024-06-15-statement.txt"):
    if name is None:
        return indicators_in(parse_text(f"Title\n\n{text}\n", "statement", "statement.txt"))
    return indicators_in(parse_text(f"Title\n\n{text}\n", "statement", name, name=name))


def test_an_english_target_is_a_target_for_its_year():
    found = en("The province aims to cut emissions by 40 percent by 2030. Emissions fell 12 percent in 2023.")
    assert [(i.name, i.period, i.value, i.status) for i in found] == [
        ("emissions", "2030", "40", "target"), ("Emissions", "2023", "12", "actual")]
    homes = en("The plan sets a target of 2 million new homes by 2028.")
    assert [(i.period, i.status) for i in homes] == [("2028", "target")]
    past = en("By 2020, the agency had built 4,000 shelters.")
    assert [(i.period, i.status) for i in past] == [("2020", "actual")]


def test_as_of_is_a_point_in_time():
    found = en("As of June 30, the fund held $4.2 billion in assets. As at 3 May 2024, 3,400 schools had joined.")
    assert [(i.period, i.value) for i in found] == [("2024-06-30", "4.2"), ("2024-05-03", "3,400")]


def test_english_time_references_per_year_now_and_the_coming_months():
    found = en("The program costs $12 million per year. The Board will buy up to $300 billion of bonds over the "
               "next six months.")
    assert [(i.name, i.period) for i in found] == [("program", "2024"), ("Board", "2024-06-15/2024-12-15")]
    undated = en("The agency currently employs 5,200 people. Every year, the port ships 12 million tons of grain.",
                 name=None)
    assert [(i.name, i.period, i.resolved) for i in undated] == [
        ("agency", "currently", False), ("grain", "Every year", False)]


def test_a_share_that_defines_who_is_counted_is_a_threshold():
    found = en("In 2022, about 12 million tenants spent more than 40 percent of their incomes on rent, with more "
               "than 5 million paying more than half of their incomes.")
    assert [(i.value, i.unit, i.name) for i in found] == [("12", "million tenants", "tenants"),
                                                          ("5", "million tenants", "tenants")]


def test_an_english_name_is_what_the_figure_measures_never_a_unit():
    found = en("Losses from river floods reached $31 billion in 2023, up 18 percent from 2022. "
               "Noting that women make up 56 per cent of the workforce, and that the plan, which requires "
               "$2 billion, was 27 per cent funded in 2024,")
    names = [i.name for i in found]
    assert names[:2] == ["Losses from river floods", "Losses from river floods"]
    assert "women" in names and "plan" in names
    assert not any(n.split()[0].lower() in ("%", "percent", "dollars", "billion", "which") for n in names)
    assert found[1].measure == "up … from 2022"


def test_a_bare_attribute_keeps_the_subject_the_sentence_before_counted():
    found = zh("山坡上，两只刚满周岁的雪豹幼崽在岩石间嬉戏。种群数量增至1200多只，栖息地面积达到3.1万平方公里。")
    assert [i.name for i in found] == ["雪豹种群数量", "栖息地面积"]


def test_a_count_of_measures_is_the_texts_own_list_only_when_the_text_lists_them():
    assert zh("2024年，全省出台9条措施：一是减税，二是稳岗。") == ()
    counted = zh("2024年，全省出台稳外贸政策措施120项。")
    assert [i.value for i in counted] == ["120"]


def test_an_aim_in_a_relative_clause_makes_no_target_and_a_measure_names_what_it_weighs():
    found = en("The program, which aims to help families, served 3 million people in 2023. "
               "The region exports 12 million tons of grain in a typical year.")
    assert [(i.name, i.period, i.status) for i in found] == [("people", "2023", "actual"), ("grain", "2024", "actual")]


def test_a_now_marker_that_ends_a_change_sets_no_period_for_what_follows():
    found = zh("1—5月，全省出口市场从2020年的90多个增加到目前的110多个。对东盟出口增长8.2%。")
    assert [(i.value, i.period) for i in found][-1] == ("8.2", "2024-01-01/2024-05-31")
    assert [i.period_text for i in zh("全省目前已建成5G基站12万个。")] == ["目前"]


def test_since_a_party_congress_runs_from_its_year_to_the_documents():
    found = zh("党的十八大以来，全省森林覆盖率提高6.3个百分点。改革开放以来，全省地区生产总值增长了200多倍。")
    assert [(i.period, i.period_text) for i in found] == [("2012-2024", "党的十八大以来"), ("1978-2024", "改革开放以来")]
    undated = indicators_in(parse_text("标题\n\n党的二十大以来，全县新增高标准农田12万亩。\n", "r", "r.txt", name="r.txt"))
    assert [(i.period_text, i.resolved) for i in undated] == [("党的二十大以来", False)]
