"""Charts a designer would pass (issue 13): no text over another text, a legend or the plot, measured after
drawing; years as whole years that never run together; one unit one axis; like with like on an axis; titles
that say what the chart shows; a rare character never fails a build."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib.style
import pytest
from PIL import Image

from briefing.enrich.charts import LINE, PAIR, SHARE, plan_charts
from briefing.enrich.series import build_series
from briefing.languages import get, scale_of
from briefing.model import Indicator
from briefing.render.charts import draw, draw_figure, load_style
from briefing.resources import BUILTIN_TEMPLATES
from tests.conftest import run_cli

STYLES = ["analyst", "executive", "jianbao"]


def figure(name: str, period, value: float, unit: str, region: str = "西部地区", kind: str = "level",
           measure: str = "", status: str = "actual") -> Indicator:
    """One table row, as tables.read_table makes it."""
    factor, base = scale_of(unit)
    return Indicator(name=name, period=str(period), value=f"{value:g}", unit=unit, number=value,
                     normalized_value=value * factor, normalized_unit=base, kind=kind, measure=measure,
                     status=status, region=region, source_id="t.csv", table_row=1, quote="国家统计局")


def years(name: str, unit: str, first: int, values: list[float], **extra) -> list[Indicator]:
    return [figure(name, first + n, v, unit, **extra) for n, v in enumerate(values)]


SAMPLE = (years("地区生产总值", "万亿元", 2019, [20.5]) + years("地区生产总值", "万亿元", 2023, [26.9])
          + years("工业增加值", "万亿元", 2019, [5.8]) + years("工业增加值", "万亿元", 2023, [8.1])
          + years("居民人均可支配收入", "万元", 2019, [2.4]) + years("居民人均可支配收入", "万元", 2023, [3.1])
          + [figure("常住人口城镇化率", 2023, 59.94, "%"),
             figure("中欧班列", "2019-2023", 50.5, "%", kind="share", measure="占全国总数的")])
TWO_UNITS = years("地区生产总值", "万亿元", 2021, [23.9, 25.7, 26.9, 28.1]) + years("居民人均可支配收入", "万元", 2021, [2.7, 2.9, 3.1, 3.3])
ONE_UNIT = (years("地区生产总值", "万亿元", 2021, [23.9, 25.7, 26.9, 28.1]) + years("工业增加值", "万亿元", 2021, [5.8, 6.5, 7.2, 8.1])
            + years("进出口总额", "万亿元", 2021, [3.1, 3.4, 3.7, 3.9]))
THREE_UNITS = (TWO_UNITS + years("工业增加值", "万亿元", 2021, [7.2, 7.6, 8.1, 8.5])
               + years("居民人均消费支出", "万元", 2021, [1.9, 2.0, 2.2, 2.3])
               + years("港口货物吞吐量", "亿吨", 2021, [12.1, 12.8, 13.5, 14.2]) + years("铁路货运量", "亿吨", 2021, [10.2, 10.9, 11.4, 12.0]))
TWELVE_YEARS = (years("社会消费品零售总额", "万亿元", 2012, [5.3, 5.8, 6.3, 6.9, 7.5, 8.1, 8.8, 9.5, 9.2, 10.0, 10.4, 11.2])
                + years("固定资产投资", "万亿元", 2012, [7.0, 7.5, 8.1, 8.9, 9.5, 10.3, 11.2, 11.5, 11.9, 12.5, 12.8, 13.1]))
LONG_NAMES = (years("西部陆海新通道铁海联运班列运输集装箱货物吞吐量", "万标箱", 2020, [40, 57, 75, 86])
              + years("成渝地区双城经济圈规模以上工业企业营业收入", "亿元", 2020, [9000, 9800, 10500, 11200])
              + years("西部陆海新通道沿线省区市外贸进出口总值", "亿元", 2020, [8000, 8600, 9900, 10400]))
MANY_PAIRS = [i for n, name in enumerate(("工业增加值", "地区生产总值", "社会消费品零售总额", "固定资产投资",
                                          "一般公共预算收入", "进出口总额", "规模以上工业企业营业收入"))
              for i in (figure(name, 2019, 3 + n * 2, "万亿元"), figure(name, 2023, 4 + n * 2.5, "万亿元"))]
PERCENTS = [figure("城镇登记失业率", 2023, 5.2, "%"), figure("地区生产总值增长目标", 2024, 5.0, "%"),
            figure("中欧班列", "2019-2023", 50.5, "%", kind="share", measure="占全国总数的"),
            figure("常住人口城镇化率", 2023, 59.94, "%"), figure("森林覆盖率", 2023, 25.3, "%"),
            figure("第三产业增加值占地区生产总值比重", 2023, 53.1, "%"),
            figure("进出口总额", 2023, 94.8, "%", kind="share", measure="占全国的"),
            figure("规模以上工业增加值增长率", 2023, 6.1, "%")]
MANY_SHARES = [figure(f"{n}类企业数量占全部规模以上工业企业的比重", 2023, 5 + 9 * k, "%") for k, n in enumerate("甲乙丙丁戊己庚辛壬癸")]
NEGATIVE = years("规模以上工业利润", "亿元", 2019, [1200, -300, 800, 1500, 1650])
ENGLISH = (years("GDP", "trillion yuan", 2020, [20.5, 23.9, 25.7, 26.9], region="Western region")
           + years("Per-capita disposable income", "yuan", 2020, [25000, 27000, 29000, 31000], region="Western region")
           + [figure("Urbanisation rate", 2023, 59.94, "%", region=""), figure("Unemployment rate", 2023, 5.2, "%", region=""),
              figure("Share of exports", 2023, 31.0, "%", region="")])
DATA = {"sample": SAMPLE, "two_units": TWO_UNITS, "one_unit": ONE_UNIT, "three_units": THREE_UNITS,
        "twelve_years": TWELVE_YEARS, "long_names": LONG_NAMES, "many_pairs": MANY_PAIRS, "percents": PERCENTS,
        "many_shares": MANY_SHARES, "negative": NEGATIVE, "english": ENGLISH}


def plans(indicators, language: str = "zh"):
    found = tuple(indicators)
    return plan_charts(build_series(found, language), found, language)


def drawn(plan, template: str):
    style = load_style(BUILTIN_TEMPLATES / template)
    with matplotlib.style.context(style.rc, after_reset=True), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = draw_figure(plan, style)
        result.canvas.draw()
    return result


# ------------------------------------------------------------------ measuring what was drawn (the test's own)


def shown_texts(fig) -> list:
    """Every text the reader sees: visible, not empty, tick labels only of ticks drawn within the view."""
    from matplotlib.text import Text

    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            locations = list(axis.get_majorticklocs())
            ticks = axis.get_major_ticks(len(locations))
            for tick in axis.majorTicks + axis.minorTicks:
                if tick not in ticks or not low - 1e-9 <= tick.get_loc() <= high + 1e-9 or not tick.label1.get_visible():
                    hidden |= {id(tick.label1), id(tick.label2)}
            if not axis.get_tick_params().get("label1On", True):
                hidden |= {id(t.label1) for t in axis.majorTicks}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden
            and t.get_window_extent().width > 0]


def area(a, b) -> float:
    return max(min(a.x1, b.x1) - max(a.x0, b.x0), 0) * max(min(a.y1, b.y1) - max(a.y0, b.y0), 0)


def collisions(fig) -> list[str]:
    """Pairs of texts and legends whose boxes overlap; texts and legends outside the plots over a plot's area;
    any text over a line, marker or bar of a plot (the light 100% track of a share excepted); and what runs off the
    page."""
    renderer = fig.canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    in_legend = {id(t) for legend in legends for t in legend.get_texts()}
    items = [(repr(t.get_text()), t.get_window_extent(renderer), t) for t in shown_texts(fig) if id(t) not in in_legend]
    items += [("legend", legend.get_window_extent(renderer), legend) for legend in legends]
    found = []
    for n, (first, a, _) in enumerate(items):
        if a.x0 < fig.bbox.x0 - 1 or a.x1 > fig.bbox.x1 + 1 or a.y0 < fig.bbox.y0 - 1 or a.y1 > fig.bbox.y1 + 1:
            found.append(f"off the page: {first}")
        for second, b, _ in items[n + 1:]:
            if area(a, b) > 4:
                found.append(f"{first} over {second}")
    for name, box, artist in items:
        inner = box.shrunk(0.9, 0.9)
        for ax in fig.axes:
            inside = artist in ax.texts
            if not inside:
                if area(ax.get_window_extent(), inner) > 4:
                    found.append(f"{name} over the plot")
                continue
            for line in ax.lines:
                if line.get_gid() != "guide" and crosses(line, inner):
                    found.append(f"{name} over a line")
            for bar in ax.patches:
                if (bar.get_alpha() or 1) < 1:  # a light track behind the bars (a share's 100%) carries its value
                    continue
                if area(bar.get_window_extent(), inner) > 4:
                    found.append(f"{name} over a bar")
    return found


def crosses(line, box) -> bool:
    import numpy as np

    xy = line.get_transform().transform(np.column_stack(line.get_data()))
    reach = line.get_markersize() / 2 * line.figure.dpi / 72
    samples = [xy[0]] + [p + (q - p) * k / 50 for p, q in zip(xy, xy[1:]) for k in range(1, 51)]
    return any(box.x0 - reach < x < box.x1 + reach and box.y0 - reach < y < box.y1 + reach for x, y in xy) or \
        any(box.x0 < x < box.x1 and box.y0 < y < box.y1 for x, y in samples)


CASES = [(name, template) for name in DATA for template in STYLES]


@pytest.mark.parametrize(("data", "template"), CASES, ids=[f"{d}-{t}" for d, t in CASES])
def test_no_text_overlaps_another_a_legend_or_the_plot(data: str, template: str):
    language = "en" if data == "english" else "zh"
    for plan in plans(DATA[data], language):
        fig = drawn(plan, template)
        assert collisions(fig) == [], (plan.key, plan.kind)


@pytest.mark.parametrize(("data", "template"), [(d, t) for d in ("two_units", "three_units", "twelve_years", "long_names",
                                                                  "negative", "english") for t in STYLES])
def test_year_ticks_are_whole_years_apart_and_end_on_the_latest(data: str, template: str):
    language = "en" if data == "english" else "zh"
    for plan in plans(DATA[data], language):
        if plan.kind != LINE:
            continue
        fig = drawn(plan, template)
        shown = {id(t) for t in shown_texts(fig)}
        for ax, panel in zip(fig.axes, plan.panels):
            labels = [t for t in ax.get_xticklabels() if id(t) in shown]
            texts = [t.get_text() for t in labels]
            assert texts and all(re.fullmatch(r"(19|20)\d\d", t) for t in texts), texts
            assert texts == sorted(texts, key=int) and texts[-1] == panel.series[0].points[-1].period
            boxes = [t.get_window_extent() for t in labels]
            gaps = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:])]
            assert all(gap >= boxes[0].width * 0.3 for gap in gaps), (texts, gaps)  # never 2021202220232024


# ------------------------------------------------------------------ one unit, one axis


def test_series_of_one_unit_share_one_panel_whatever_their_scale():
    (chart,) = plans(ONE_UNIT)
    assert [(p.unit, [s.name for s in p.series]) for p in chart.panels] == [
        ("万亿元", ["地区生产总值", "工业增加值", "进出口总额"])]
    far_apart = plans(years("地区生产总值", "万亿元", 2019, [20.5, 26.9]) + years("进出口总额", "万亿元", 2019, [0.5, 0.7]))
    assert [p.unit for p in far_apart[0].panels] == ["万亿元"]


def test_two_panels_only_for_two_units():
    for chart in plans(THREE_UNITS) + plans(MANY_PAIRS) + plans(TWO_UNITS):
        units = [p.unit for p in chart.panels]
        assert len(units) == len(set(units)), (chart.key, units)
    assert [p.unit for p in plans(TWO_UNITS)[0].panels] == ["万亿元", "万元"]
    assert [[p.unit for p in c.panels] for c in plans(MANY_PAIRS)] == [["万亿元"], ["万亿元"]]  # 7 bars: two charts


def test_each_line_keeps_its_colour_across_the_panels():
    fig = drawn(plans(THREE_UNITS)[0], "analyst")
    colours = [line.get_color() for ax in fig.axes for line in ax.lines]
    assert len(colours) == 6 and len(set(colours)) == 6


# ------------------------------------------------------------------ like with like on an axis


@pytest.mark.parametrize(("name", "kind", "status", "measure"), [
    ("中欧班列", "share", "actual", "share"), ("第三产业增加值占地区生产总值比重", "level", "actual", "share"),
    ("新能源汽车所占比例", "level", "actual", "share"), ("常住人口城镇化率", "level", "actual", "rate"),
    ("城镇调查失业率", "level", "actual", "rate"), ("森林覆盖率", "level", "actual", "rate"),
    ("地区生产总值", "rate", "actual", "growth"), ("规模以上工业增加值增长率", "level", "actual", "growth"),
    ("地区生产总值增长目标", "level", "actual", "target"), ("常住人口城镇化率", "level", "target", "target")])
def test_a_chinese_percentage_says_what_it_measures(name, kind, status, measure):
    assert get("zh").percent_measure(figure(name, 2023, 5.0, "%", kind=kind, status=status)) == measure


@pytest.mark.parametrize(("name", "kind", "measure"), [
    ("Share of exports", "level", "share"), ("Exports", "share", "share"), ("Unemployment rate", "level", "rate"),
    ("Urbanisation rate", "level", "rate"), ("GDP growth", "level", "growth"), ("GDP", "rate", "growth"),
    ("Growth target", "level", "target")])
def test_an_english_percentage_says_what_it_measures(name, kind, measure):
    assert get("en").percent_measure(figure(name, 2023, 5.0, "%", kind=kind, region="")) == measure


def test_a_share_of_a_whole_never_shares_an_axis_with_a_rate_a_growth_or_a_target():
    charts = {c.kind: [i.name for i in c.shares] for c in plans(PERCENTS) if c.shares}
    assert charts == {SHARE: ["中欧班列", "第三产业增加值占地区生产总值比重", "进出口总额"],
                      "rate": ["城镇登记失业率", "常住人口城镇化率", "森林覆盖率"]}
    sample = {c.kind: [i.name for i in c.shares] for c in plans(SAMPLE) if c.shares}
    assert sample == {SHARE: ["中欧班列"], "rate": ["常住人口城镇化率"]}


def test_each_percentage_axis_says_what_it_measures():
    fig = drawn(next(c for c in plans(SAMPLE) if c.kind == SHARE), "analyst")
    assert fig.axes[0].get_xlabel() == "占比（%）"
    fig = drawn(next(c for c in plans(SAMPLE) if c.kind == "rate"), "analyst")
    assert fig.axes[0].get_xlabel() == "单位：%"
    assert not [p for p in fig.axes[0].patches if p.get_gid() == "track"]  # a rate is no part of a 100% whole
    growth = years("地区生产总值增速", "%", 2020, [2.1, 7.5, 3.0, 5.2]) + years("常住人口城镇化率", "%", 2020, [57.3, 57.9, 58.5, 59.9])
    (chart,) = plans(growth)
    assert [[s.name for s in p.series] for p in chart.panels] == [["地区生产总值增速"], ["常住人口城镇化率"]]
    assert [ax.get_ylabel() for ax in drawn(chart, "analyst").axes] == ["增速（%）", "单位：%"]


# ------------------------------------------------------------------ titles that say what the chart shows


def test_titles_name_what_the_chart_shows_and_the_caption_keeps_the_detail():
    titles = {c.kind: c.title for c in plans(SAMPLE)}
    assert titles == {PAIR: "西部地区生产总值、工业增加值和居民人均可支配收入：2019年与2023年",
                      SHARE: "西部地区中欧班列占全国总数的比重", "rate": "西部地区常住人口城镇化率"}
    assert plans(TWO_UNITS)[0].title == "西部地区生产总值和居民人均可支配收入，2021—2024年"
    assert plans(ONE_UNIT)[0].title == "西部地区生产总值、工业增加值和进出口总额，2021—2024年"
    assert plans(THREE_UNITS)[0].title == "西部地区生产总值、工业增加值等6项指标，2021—2024年"
    assert plans(THREE_UNITS)[0].caption.startswith("西部地区生产总值、工业增加值（万亿元）、居民人均可支配收入")
    english = {c.kind: c.title for c in plans(ENGLISH, "en")}
    assert english == {LINE: "Western region GDP and Per-capita disposable income, 2020–2023",
                       SHARE: "Share of exports", "rate": "Urbanisation rate and Unemployment rate"}
    every = [c.title for data in DATA.values() for c in plans(data)]
    assert not [t for t in every if "主要指标" in t or "比重与比率" in t or "Main indicators" in t]


# ------------------------------------------------------------------ a rare character


def test_a_character_only_the_second_bundled_face_has_is_drawn_from_it(tmp_path: Path):
    rare = "\u9fff"  # in Noto Serif SC, not in Noto Sans SC
    plan = plans(years(f"{rare}矿产量", "万吨", 2021, [1.0, 2.0, 3.0]))[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = draw(plan, load_style(BUILTIN_TEMPLATES / "analyst"), tmp_path)
    assert chart.path.is_file() and not [w for w in caught if "bundled font" in str(w.message)]


def test_a_character_no_bundled_face_has_is_a_warning_not_a_failed_build(tmp_path: Path):
    rare = "\U0002003e"  # CJK Extension B: in no bundled face
    (tmp_path / "data").mkdir()
    rows = "".join(f"{rare}矿产量,{year},{value},万吨,西部地区,国家统计局\n" for year, value in ((2021, 1.2), (2022, 1.5), (2023, 1.9)))
    (tmp_path / "data" / "t.csv").write_text("indicator,period,value,unit,region,source\n" + rows, encoding="utf-8")
    (tmp_path / "s.txt").write_text("示例县召开经济工作会议\n\n2025年3月2日，示例县召开全县经济工作会议。\n\n"
                                    "县委书记王明强调，要坚持稳中求进，全力推动产业升级。\n", encoding="utf-8")
    (tmp_path / "briefing.yaml").write_text(
        "title: 示例简报\nname: rare\nsources: [s.txt]\nindicators:\n  - table: data/t.csv\n"
        "audiences:\n  analyst: {template: analyst}\noutput: out/{briefing}/{date}/{audience}\n", encoding="utf-8")
    result = run_cli("build", str(tmp_path / "briefing.yaml"), "--date", "2025-03-02")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warning = [line for line in result.stderr.splitlines() if "trend-2021-2023-1" in line]
    assert len(warning) == 1 and rare in warning[0] and "U+2003E" in warning[0], result.stderr
    png = tmp_path / "out" / "rare" / "2025-03-02" / "analyst" / "charts" / "trend-2021-2023-1.png"
    assert Image.open(png).size == (1260, 520)
