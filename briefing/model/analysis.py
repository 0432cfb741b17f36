"""What the analysis finds: directives, indicators, series, charts, and the Analysis that holds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.model.document import Document, SourceFailure


@dataclass(frozen=True)
class Directive:
    """What a speaker said must be done, traceable to its paragraph."""

    speaker: str
    verb: str
    text: str  # the headline sentence exactly as in the source
    actions: tuple[str, ...]
    paragraph: int
    rank: int
    source_id: str = ""
    kind: str = "lead"  # lead, numbered, list-item, quote, operative
    highlighted: bool = False  # the document's own box lists it

    @property
    def is_headline(self) -> bool:
        return self.rank > 0


@dataclass(frozen=True)
class Indicator:
    """One figure: from a sentence of a source, or from a row of a table."""

    name: str
    period: str  # "2023", "2019-2023", "2024-01-01/2024-04-09"
    value: str  # as written
    unit: str  # as written
    number: float  # the value as a number, before scale
    normalized_value: float
    normalized_unit: str
    qualifier: str = ""
    kind: str = "level"  # level, rate, share
    status: str = "actual"  # actual, or target: an aim for its period ("到2027年…达到70%", "a target of 50 percent by 2030")
    measure: str = ""  # the words before the figure: "年均增长", "较2019年增长", "占全国总数的"
    period_text: str = ""  # the time phrase as written: "今年以来", "过去5年", "截至4月9日"
    region: str = ""
    quote: str = ""
    paragraph: int | None = None
    source_id: str = ""
    table_row: int | None = None  # 1-based data row in the table it came from
    exact: bool = False  # held as a number (a workbook's or a database's), so no rounding is stated by how it is written

    @property
    def label(self) -> str:
        """Region and name as one phrase, without saying a shared word twice (西部地区 + 地区生产总值)."""
        for size in range(min(len(self.region), len(self.name)), 1, -1):  # a word: 全国 + 国内生产总值 shares none
            if self.region.endswith(self.name[:size]):
                return self.region + self.name[size:]
        return self.region + self.name

    @property
    def is_target(self) -> bool:
        """Whether the figure is an aim for its period, not a result: it stays out of series and totals."""
        return self.status == "target"

    @property
    def resolved(self) -> bool:
        """Whether the period is a date or years; unresolved, it is the phrase as written ("今年1—11月", "this
        year") of a document that never says its date. Such a figure is kept, and stays out of series."""
        return self.period[:4].isdigit()

    @property
    def origin(self) -> str:
        if self.table_row is not None:
            return f"{self.source_id}, row {self.table_row}"
        return f"{self.source_id} ¶{self.paragraph}"


@dataclass(frozen=True)
class Point:
    period: str
    value: float  # in the series' display unit
    indicators: tuple[Indicator, ...]  # every statement of this point (text, table)
    conflict: bool = False  # sources disagree on the value


@dataclass(frozen=True)
class Series:
    """One indicator over periods, with figures computed from the points."""

    key: str
    name: str
    unit: str  # display unit, e.g. 万亿元
    points: tuple[Point, ...]
    change: float | None = None
    pct_change: float | None = None
    cagr: float | None = None
    stated_rates: tuple[Indicator, ...] = ()
    flags: tuple[str, ...] = ()
    grain: str = "year"  # what each point is of (languages.periods.GRAINS): year, half, quarter, month, to-date (1—N月), day


@dataclass(frozen=True)
class Panel:
    """One set of axes: series of one unit and a comparable scale."""

    unit: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class ChartPlan:
    """What a chart shows and says, decided from the data alone (no style, no pixels)."""

    key: str
    kind: str  # "pair" (grouped bars, before and after), "line" (a time series), "share" (bars against 100%), "rate" (bars on their own scale)
    title: str
    period: str
    caption: str
    source: str  # the source note printed under the chart
    language: str
    panels: tuple[Panel, ...] = ()
    shares: tuple[Indicator, ...] = ()
    # A chart of months, quarters …: (period, its x-axis label, the label with its year: 5月, 2025年5月) in order;
    # the year is said on the first label shown and where it changes. A chart of years needs none.
    ticks: tuple[tuple[str, str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for p in self.panels for s in p.series) + tuple(i.name for i in self.shares)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(p.unit for p in self.panels) or ("%",)


@dataclass(frozen=True)
class Chart:
    """One drawn chart: the PNG, and the words that go with it in a briefing."""

    key: str
    path: Path  # absolute path of the PNG while building
    filename: str  # relative to the edition folder: charts/<key>.png
    title: str
    caption: str  # the text the templates number (图1 …); the same in every style
    series: tuple[str, ...]
    kind: str = ""  # "pair" (grouped bars, before and after), "line" (a time series), "share" (bars against 100%), "rate" (bars on their own scale)
    units: tuple[str, ...] = ()  # the unit of each value axis, one per panel
    period: str = ""  # "2019—2023"; a chart of shares lists its periods
    source: str = ""  # the source note printed under the chart
    style: str = ""  # the chart style it was drawn in (charts.ChartStyle.id)
    audiences: tuple[str, ...] = ()  # the audiences that show it (their max_charts applied)
    width_in: float = 0.0  # its size on the page, in inches
    height_in: float = 0.0


@dataclass(frozen=True)
class Narrative:
    """A fact the figures support, before it is phrased: how a series changed, the base a rate implies, or the
    total a share implies. Each audience phrases it in its own words and limits."""

    kind: str  # "change" (a series), "base" (a rate and the level it grew to), "total" (a share and its level)
    series: Series | None = None
    figures: tuple[Indicator, ...] = ()  # the rate and the level, or the share and the level
    value: float = 0.0  # the implied base or total, in the level's unit


@dataclass(frozen=True)
class SummaryCandidate:
    """A sentence a summary may take: how central it is, and what it is compared by for redundancy."""

    text: str  # as a summary shows it: an opening pronoun replaced, a dropped subject given, a lead condensed
    score: float  # its centrality: a summary takes the highest first
    width: int  # characters (Chinese) or words (English)
    grams: frozenset[str]
    lead: bool = False  # its source's news lead (who, what, where, when): a summary opens with it


@dataclass(frozen=True)
class Analysis:
    """Everything the sources and tables say, before any audience is chosen."""

    documents: tuple[Document, ...]
    directives: tuple[Directive, ...]
    other_remarks: tuple[Directive, ...]
    summary: tuple[SummaryCandidate, ...]  # every sentence a summary may take, in document order
    indicators: tuple[Indicator, ...]
    language: str = ""  # the sources' language (the majority's): series, narratives and charts speak it
    series: tuple[Series, ...] = ()
    narratives: tuple[Narrative, ...] = ()  # the series that changed most first, then implied bases and totals
    chart_plans: tuple[ChartPlan, ...] = ()  # what charts the figures call for, the same for every audience
    charts: tuple[Chart, ...] = ()  # the plans drawn, in each audience's style
    failed_sources: tuple[SourceFailure, ...] = ()  # sources that could not be read; the others were
