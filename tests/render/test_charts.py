"""Charts: the type follows the data, every chart says what it shows, styles per audience, real PNGs read back."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.style
import pytest
from PIL import Image

from briefing.pipeline import build
from briefing.enrich.charts import LINE, PAIR, RATE, SHARE, plan_charts
from briefing.render.charts import ChartStyle, draw, draw_charts, draw_figure, layout_problems, load_style
from briefing.config import load_config
from briefing.resources import BUILTIN_TEMPLATES
from briefing.enrich.series import build_series
from briefing.errors import BuildError, InputError
from briefing.model import Audience, Indicator
from briefing.languages import scale_of

ANALYST = BUILTIN_TEMPLATES / "analyst"
EXECUTIVE = BUILTIN_TEMPLATES / "executive"


def figure(name: str, period, value: float, unit: str, region: str = "西部地区", kind: str = "level",
           measure: str = "", source: str = "western-region.csv") -> Indicator:
    """One table row, as tables.read_table makes it."""
    factor, base = scale_of(unit)
    return Indicator(name=name, period=str(period), value=f"{value:g}", unit=unit, number=value,
                     normalized_value=value * factor, normalized_unit=base, kind=kind, measure=measure,
                     region=region, source_id=source, table_row=1, quote="新华社 2024-04-23")


def yearly(name: str, unit: str, values: list[float], **extra) -> list[Indicator]:
    """A series: two values are 2019 and 2023 (before and after), more are consecutive years from 2019."""
    years = (2019, 2023) if len(values) == 2 else range(2019, 2019 + len(values))
    return [figure(name, year, v, unit, **extra) for year, v in zip(years, values)]


GDP5 = yearly("地区生产总值", "万亿元", [20.5, 21.3, 23.9, 25.7, 26.9])
PAIRS = (yearly("工业增加值", "万亿元", [5.8, 8.1]) + yearly("地区生产总值", "万亿元", [20.5, 26.9])
         + yearly("居民人均可支配收入", "万元", [2.4, 3.1]))
SHARES = [figure("常住人口城镇化率", 2023, 59.94, "%"),
          figure("中欧班列", "2019-2023", 50.5, "%", kind="share", measure="占全国总数的")]


def plans(indicators: list[Indicator], language: str = "zh"):
    found = tuple(indicators)
    return plan_charts(build_series(found), found, language)


def png(plan, style: ChartStyle, folder: Path) -> Image.Image:
    return Image.open(draw(plan, style, folder).path)


# ------------------------------------------------------------------ the type follows the data


def test_a_time_series_is_a_line_a_pair_is_bars_a_share_is_a_bar_against_100():
    kinds = [p.kind for p in plans(GDP5 + yearly("工业增加值", "万亿元", [5.8, 8.1]) + SHARES)]
    assert kinds == [LINE, PAIR, SHARE, RATE]  # a rate (城镇化率) is no share of a whole: a chart of its own


def test_one_chart_per_group_of_indicators_not_per_number():
    found = plans(PAIRS + [figure("进出口总额", 2023, 3.7, "万亿元")])  # a single figure is no chart
    assert len(found) == 1 and found[0].names == ("工业增加值", "地区生产总值", "居民人均可支配收入")


def test_units_never_share_an_axis_and_a_shared_unit_shares_a_panel():
    panels = plans(PAIRS)[0].panels
    assert [(p.unit, [s.name for s in p.series]) for p in panels] == [
        ("万亿元", ["工业增加值", "地区生产总值"]), ("万元", ["居民人均可支配收入"])]
    far_apart = plans(yearly("地区生产总值", "万亿元", [20.5, 26.9]) + yearly("进出口总额", "万亿元", [0.5, 0.7]))
    assert [p.unit for p in far_apart[0].panels] == ["万亿元"]  # one unit, one axis, whatever the scales


def test_two_series_of_one_unit_and_scale_are_one_line_panel():
    found = plans(yearly("出口总额", "万亿元", [2.0, 2.1, 2.5, 2.6, 2.7]) + yearly("进口总额", "万亿元", [1.6, 1.7, 2.0, 2.4, 2.6]))
    assert len(found) == 1 and found[0].kind == LINE and len(found[0].panels) == 1
    assert found[0].caption == "西部地区出口总额、进口总额（万亿元），2019—2023年"


def test_order_is_stable_and_the_same_for_every_style():
    first, second = plans(PAIRS + SHARES + GDP5), plans(PAIRS + SHARES + GDP5)
    assert [p.key for p in first] == [p.key for p in second] == ["compare-2019-2023-1", "trend-2019-2023-1", "shares-1", "rates-1"]


# ------------------------------------------------------------------ every chart says what it shows


def test_every_chart_has_title_unit_period_source_and_caption(tmp_path: Path):
    style = load_style(ANALYST)
    for plan in plans(PAIRS + SHARES + GDP5):
        chart = draw(plan, style, tmp_path)
        assert chart.title and chart.caption and chart.period and chart.units and chart.source
        assert chart.source == "资料来源：新华社 2024-04-23"
        with matplotlib.style.context(style.rc, after_reset=True):
            drawn = draw_figure(plan, style)
        texts = [drawn._suptitle.get_text(), drawn._supxlabel.get_text()]
        axis_labels = [ax.get_ylabel() for ax in drawn.axes] + [ax.get_xlabel() for ax in drawn.axes]
        assert texts[0].replace("\n", "") == chart.title and texts[1] == chart.source
        assert all(any(unit in label for label in axis_labels) for unit in chart.units)
        assert all(p in chart.title + chart.caption for p in chart.period.replace("—", "、").split("、"))


def test_sample_captions_and_titles():
    compare, shares, rates = plans(PAIRS + SHARES)
    assert compare.title == "西部地区工业增加值、地区生产总值等3项指标：2019年与2023年"
    assert compare.caption == "西部地区工业增加值、地区生产总值（万亿元）和居民人均可支配收入（万元），2019年与2023年"
    assert shares.title == "西部地区中欧班列占全国总数的比重"
    assert shares.caption == "西部地区中欧班列占全国总数的比重（2019—2023年）"
    assert rates.title == "西部地区常住人口城镇化率" and rates.caption == "西部地区常住人口城镇化率（2023年）"


def test_an_english_briefing_is_labelled_in_english():
    english = (yearly("GDP", "trillion yuan", [20.5, 21.3, 23.9, 25.7, 26.9], region="Western region")
               + yearly("Industrial value added", "trillion yuan", [5.8, 8.1], region="")
               + [figure("Urbanisation rate", 2023, 59.94, "%", region="")])
    line, pair, share = plans(english, "en")
    assert line.title == "Western region GDP, 2019–2023" and line.source == "Source: 新华社 2024-04-23"
    assert pair.title == "Industrial value added: 2019 and 2023"
    assert pair.caption == "Industrial value added (trillion yuan), 2019 and 2023"
    assert share.kind == RATE and share.title == "Urbanisation rate" and share.caption == "Urbanisation rate (2023)"


# ------------------------------------------------------------------ layout: nothing overlaps, nothing is cut off


@pytest.mark.parametrize("template", [ANALYST, EXECUTIVE], ids=["analyst", "executive"])
def test_no_text_overlaps_or_runs_off_the_page(template: Path):
    style = load_style(template)
    many = [i for n, name in enumerate(("工业增加值", "地区生产总值", "社会消费品零售总额", "固定资产投资"))
            for i in yearly(name, "万亿元", [6.0 + n * 3, 8.0 + n * 3])]
    english = yearly("Per-capita disposable income", "yuan", [24000, 31000], region="")
    for plan in plans(many + PAIRS + SHARES + GDP5) + plans(english, "en"):
        with matplotlib.style.context(style.rc, after_reset=True):
            drawn = draw_figure(plan, style)
            drawn.canvas.draw()
            assert layout_problems(drawn) == [], plan.key


# ------------------------------------------------------------------ fonts


def test_a_glyph_no_bundled_font_has_is_drawn_as_a_stand_in_and_named_in_a_warning(tmp_path: Path):
    plan = plans(yearly("ཀ་ཁ་ག", "万亿元", [1.0, 2.0, 3.0]))[0]  # Tibetan: in no bundled font
    with pytest.warns(UserWarning, match=r"chart trend-2019-2021-1 “西部地区ཀ་ཁ་ག，2019—2021年”: no bundled font has "
                                         r"ཀ \(U\+0F40\), ་ \(U\+0F0B\), ཁ \(U\+0F41\), ག \(U\+0F42\); drawn as 〓 in the chart"):
        chart = draw(plan, load_style(ANALYST), tmp_path)
    assert chart.path.is_file() and chart.title == "西部地区ཀ་ཁ་ག，2019—2021年"  # the briefing's words keep them


def test_a_style_cannot_switch_to_a_font_without_chinese_glyphs(tmp_path: Path):
    template = tmp_path / "templates" / "plain"
    template.mkdir(parents=True)
    (template / "chart.mplstyle").write_text("font.sans-serif: DejaVu Sans\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"the font DejaVu Sans has no glyph for .* in '单位：万亿元'.*plain/chart.mplstyle"):
        draw(plans(GDP5)[0], load_style(template), tmp_path)


def test_a_style_naming_a_font_that_is_not_installed_is_an_input_error(tmp_path: Path):
    (tmp_path / "chart.mplstyle").write_text("font.family: Comic Sans MS\n", encoding="utf-8")
    with pytest.raises(InputError, match="chart.mplstyle: no font Comic Sans MS is installed"):
        load_style(tmp_path)


def test_a_wrong_style_file_reports_every_line(tmp_path: Path):
    (tmp_path / "chart.mplstyle").write_text(
        "font.size: 10\nfont.sise: 10\nsavefig.bbox: tight\nfigure.figsize: wide\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_style(tmp_path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    assert "chart.mplstyle:2: unknown setting font.sise" in lines[0]
    assert "chart.mplstyle:3: savefig.bbox cannot be set in a chart style" in lines[1]
    assert "chart.mplstyle:4: figure.figsize" in lines[2]


# ------------------------------------------------------------------ styles per audience


def test_each_audience_has_its_style_read_back_from_the_png(tmp_path: Path):
    plan = plans(PAIRS)[0]
    analyst = png(plan, load_style(ANALYST), tmp_path / "a").convert("RGB")
    executive = png(plan, load_style(EXECUTIVE), tmp_path / "e").convert("RGB")
    assert analyst.size == (1260, 520) and executive.size == (1260, 580)  # 6.3 in wide at 200 dpi; heights differ
    area_a = {c: n for n, c in analyst.getcolors(1 << 20)}  # pixels of each colour: bars are large areas
    area_e = {c: n for n, c in executive.getcolors(1 << 20)}
    before_a, before_e, after = (0x9E, 0x9E, 0x9E), (0xC4, 0xC4, 0xC4), (0xB7, 0x1C, 0x1C)
    assert area_a.get(before_a, 0) > 10_000 and area_e.get(before_a, 0) < 100
    assert area_e.get(before_e, 0) > 10_000 and area_a.get(before_e, 0) < 100
    assert area_a[after] > 10_000 and area_e[after] > 10_000


def test_a_project_style_overrides_the_built_in_key_by_key(tmp_path: Path):
    template = tmp_path / "templates" / "executive"
    template.mkdir(parents=True)
    (template / "chart.mplstyle").write_text("figure.figsize: 5.5, 2.2  # a narrower page\n", encoding="utf-8")
    style = load_style(template)
    assert style.files == (ANALYST / "chart.mplstyle", EXECUTIVE / "chart.mplstyle", template / "chart.mplstyle")
    assert (style.width, style.height, style.rc["font.size"]) == (5.5, 2.2, 11.0)  # size from the project, type from the built-in
    assert png(plans(GDP5)[0], style, tmp_path / "out").size == (1100, 440)


def test_two_audiences_with_one_style_share_one_drawing(tmp_path: Path):
    audiences = [Audience("board", EXECUTIVE, "Board"), Audience("ministers", EXECUTIVE, "Ministers", max_charts=1),
                 Audience("analyst", ANALYST, "Analyst")]
    charts = draw_charts(plans(PAIRS + SHARES), audiences, tmp_path)
    assert [(c.key, c.audiences) for c in charts] == [
        ("compare-2019-2023-1", ("board", "ministers")), ("shares-1", ("board",)), ("rates-1", ("board",)),
        ("compare-2019-2023-1", ("analyst",)), ("shares-1", ("analyst",)), ("rates-1", ("analyst",))]
    assert len({c.path for c in charts}) == 6


def test_editions_with_one_style_have_the_same_png_bytes(make_config):
    config = make_config(name="twins", audiences={"first": {"template": "executive", "max_charts": 2},
                                                        "second": {"template": "executive", "max_charts": 1}})
    day = build(load_config(config), date="2024-04-23").editions[0].parent
    first, second = sorted((day / "first" / "charts").iterdir()), sorted((day / "second" / "charts").iterdir())
    assert [p.name for p in first] == ["compare-2019-2023-1.png", "shares-1.png"] and len(second) == 1
    assert first[0].read_bytes() == second[0].read_bytes()


def test_a_redraw_gives_the_same_bytes_and_no_timestamp(tmp_path: Path):
    style = load_style(ANALYST)
    for plan in plans(PAIRS + GDP5):
        once = draw(plan, style, tmp_path / "once").path.read_bytes()
        again = draw(plan, style, tmp_path / "again").path.read_bytes()
        assert once == again
        info = Image.open(io.BytesIO(once)).info
        assert not {"Software", "Creation Time", "date:create"} & set(info)
