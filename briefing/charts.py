"""Charts: PNGs drawn once per build, with Chinese labels in a font that pip installs.

Series over the same years are drawn as small multiples of before/after bars (one
panel per indicator, since their units differ); shares are bars against 100%.
Every string is checked against the font before drawing: a missing glyph is an
error, never a box.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefing.errors import BuildError
from briefing.model import Chart, Indicator, Series

FAMILY = "Noto Sans SC"
COLOURS = ("#9e9e9e", "#b71c1c")
WIDTH_IN = 6.3  # the text width of an A4 page with 2.5 cm margins


@lru_cache(maxsize=1)
def _font() -> tuple[str, frozenset[int]]:
    """Register the bundled Simplified Chinese font with matplotlib; return its path and charmap."""
    import pylopdf_fonts_zh_cn
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = str(pylopdf_fonts_zh_cn.sans_path())
    font_manager.fontManager.addfont(path)
    return path, frozenset(FT2Font(path).get_charmap())


def check_glyphs(*texts: str) -> None:
    _, charmap = _font()
    for text in texts:
        missing = sorted({ch for ch in text if ord(ch) not in charmap and not ch.isspace()})
        if missing:
            raise BuildError(f"the chart font {FAMILY} has no glyph for {''.join(missing)!r} in {text!r}")


def draw_charts(series: tuple[Series, ...], shares: tuple[Indicator, ...], folder: Path, language: str,
                source_note: str) -> tuple[Chart, ...]:
    """Draw every chart into `folder`; returns them in the order a briefing shows them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _font()
    plt.rcParams.update({"font.family": "sans-serif", "font.sans-serif": [FAMILY, "DejaVu Sans"],
                         "axes.unicode_minus": False, "figure.dpi": 100, "savefig.dpi": 200})
    folder.mkdir(parents=True, exist_ok=True)
    charts = []
    for number, group in enumerate(_comparable(series), 1):
        charts.append(_comparison(group, number, folder, language, source_note, plt))
    if shares:
        charts.append(_shares(shares, folder, language, source_note, plt))
    return tuple(charts)


def _comparable(series: tuple[Series, ...]) -> list[list[Series]]:
    """Series with two or more points, grouped by their first and last year, at most four a chart."""
    groups: dict[tuple[str, str], list[Series]] = {}
    for s in series:
        if len(s.points) >= 2:
            groups.setdefault((s.points[0].period, s.points[-1].period), []).append(s)
    return [g[i:i + 4] for g in groups.values() for i in range(0, len(g), 4)]


def _labels(language: str) -> dict[str, str]:
    if language == "zh":
        return {"compare": "{start}年与{end}年对比", "source": "资料来源：{note}", "unit": "单位：{unit}",
                "share": "占比（%）", "share_title": "比重与比率", "caption_compare": "{names}：{start}年与{end}年"}
    return {"compare": "{start} and {end} compared", "source": "Source: {note}", "unit": "Unit: {unit}",
            "share": "Share (%)", "share_title": "Shares and rates", "caption_compare": "{names}: {start} and {end}"}


def _comparison(group: list[Series], number: int, folder: Path, language: str, note: str, plt) -> Chart:
    labels = _labels(language)
    start, end = group[0].points[0].period, group[0].points[-1].period
    title = labels["compare"].format(start=start, end=end)
    source = labels["source"].format(note=note)
    texts = [title, source] + [s.name for s in group] + [labels["unit"].format(unit=s.unit) for s in group]
    check_glyphs(*texts)
    fig, axes = plt.subplots(1, len(group), figsize=(WIDTH_IN, 2.3), squeeze=False)
    for ax, s in zip(axes[0], group):
        values = [s.points[0].value, s.points[-1].value]
        bars = ax.bar([start, end], values, color=COLOURS, width=0.6)
        ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontsize=9, padding=2)
        ax.set_title(s.name, fontsize=10)
        ax.set_ylabel(labels["unit"].format(unit=s.unit), fontsize=8)
        ax.set_ylim(0, max(values) * 1.25)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        if s.pct_change is not None:
            ax.text(0.5, 0.93, f"{s.pct_change:+.1f}%", transform=ax.transAxes, ha="center", fontsize=9, color=COLOURS[1])
    fig.suptitle(title, fontsize=11)
    fig.text(0.01, 0.01, source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    key = f"compare-{start}-{end}-{number}"
    caption = labels["caption_compare"].format(names="、".join(s.name for s in group) if language == "zh"
                                                else ", ".join(s.name for s in group), start=start, end=end)
    return _save(fig, folder, key, title, caption, tuple(s.name for s in group), plt)


def _shares(shares: tuple[Indicator, ...], folder: Path, language: str, note: str, plt) -> Chart:
    labels = _labels(language)
    names = [f"{i.label}{_share_words(i)}（{_period_label(i.period)}）" if language == "zh"
             else f"{i.label}{_share_words(i)} ({_period_label(i.period)})" for i in shares]
    title = labels["share_title"]
    source = labels["source"].format(note=note)
    check_glyphs(title, source, labels["share"], *names)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.6 + 0.55 * len(shares)))
    positions = range(len(shares))
    ax.barh(positions, [100] * len(shares), color="#eeeeee", height=0.55)
    bars = ax.barh(positions, [i.normalized_value for i in shares], color=COLOURS[1], height=0.55)
    ax.bar_label(bars, labels=[f"{i.value}%" for i in shares], fontsize=9, padding=3)
    ax.set_yticks(list(positions), names, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(labels["share"], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, fontsize=11)
    fig.text(0.01, 0.01, source, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return _save(fig, folder, "shares", title, "；".join(names) if language == "zh" else "; ".join(names),
                 tuple(i.name for i in shares), plt)


def _share_words(indicator: Indicator) -> str:
    if indicator.kind != "share" or not indicator.measure:
        return ""
    return indicator.measure.rstrip("的") + ("的比重" if indicator.measure.startswith("占") else "")


def _period_label(period: str) -> str:
    return period.replace("/", "—")


def _save(fig, folder: Path, key: str, title: str, caption: str, names: tuple[str, ...], plt) -> Chart:
    filename = f"charts/{key}.png"
    path = folder / f"{key}.png"
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return Chart(key=key, path=path, filename=filename, title=title, caption=caption, series=names)
