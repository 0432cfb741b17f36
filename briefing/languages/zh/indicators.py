"""Indicators from prose: every figure a sentence ties to a period, with its exact quote.

A sentence is read clause by clause. A time phrase at the head of a sentence
("过去5年，", "今年以来，") holds for its clauses; a year in a clause holds for that
clause; a clause with none inherits the last period of the clauses before it in the
same part of the sentence. A figure with no period is kept only when a verb of
measurement ("增至", "达", "突破", "累计") makes it a statement about the present,
and then it is dated by the document. Dates, ages, altitudes and list counts are not
indicators.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

from briefing.model import Document, Indicator
from briefing.languages.common import half_width, percent_measure_by, quote, reach
from briefing.languages.zh.text import NUMBER_PATTERN, SCALES, parse_number, scale_of, sentences
from briefing.patterns import lazy

PERCENT_UNITS = ("%", "％")
_AFTER_NUMBER = ("多", "余")  # 7万多只, 3000余人: after the number and its scale, before the unit
_AFTER_UNIT = ("以上", "左右", "以内", "以下")  # 5%左右: after the unit

_ZH_UNITS = ("个百分点|百分点|%|％|亿美元|万美元|美元|万亿元|亿元|万元|元|标箱|列|个|家|辆|只|头|人次|人|名|吨|千瓦时|千瓦|"
             "微克/立方米|毫克/立方米|立方米|平方米|平方公里|公里|公斤|千克|斤|项|所|座|户|次|件|倍|亩|艘|架|条|处|台|套|"
             "班|趟|场|张|份|眼|床|成(?![不为了立功绩熟本型员果效就])|万|亿")
# No figure starts inside a number ("2345" of "12345", "5" of "1,5"): one that did would start at the number's
# beginning as well, tried first, which covers it or fails as it would. Tried there, each read on to the run's end:
# time in the square of a run of digits with no unit ("１２３４５" * 600: 2.6 s, 50 KB of them 84 s).
_NUMERALS = "零〇一二两三四五六七八九十百千"
_INSIDE_A_NUMBER = (r"(?!(?<=[0-9０-９])[0-9０-９]|(?<=[0-9０-９][.,．])[0-9０-９]|(?<=[" + _NUMERALS + r"])[" + _NUMERALS
                    + r"])")
_ZH_MENTION = lazy(
    r"(?P<before>超过|突破|逾|近|约|多达|接近|不到|不足|超)?" + _INSIDE_A_NUMBER +
    r"(?P<num>(?:" + NUMBER_PATTERN + r")(?:万亿|亿|万)?(?:%|％)?[—\-–~～至到](?=[0-9０-９])(?:" + NUMBER_PATTERN + r")|"
    + NUMBER_PATTERN + r")"
    r"(?:[ \u00a0](?=(?:万亿|亿|万)?(?:多|余)?(?:" + _ZH_UNITS + r")))?"  # "37174 亿元": a PDF's space before the unit
    r"(?P<scale>万亿|亿|万)?(?P<mid>多|余)?"
    r"(?P<unit>" + _ZH_UNITS + r")(?P<after>以上|左右|多)?"
)
_RANGE = lazy(r"(?<=[0-9０-９%％万亿])[—\-–~～至到](?=[0-9０-９])")
_NUMERAL_CHAR = lazy(r"[0-9０-９零〇一二两三四五六七八九十百千]")  # what every figure (NUMBER_PATTERN) holds
# A fraction, a span and a count start at the first digit or numeral of their run (a start inside it would start
# at the run's first too, tried before): tried at every one, each try read on to the run's end, and a sentence of
# digits with a 半, a 年 or a 只 took time in the square of its length (tests/analyse/test_zh_run_scan.py). A
# fraction may start right after the one before it ("三分之一百分之五"), where finditer goes on.
_AFTER_NUMERALS = r"(?:(?<![一二三四五六七八九十百])|(?<=分之[一二三四五六七八九十])|(?<=分之[一二三四五六七八九十]{2}))"
_FRACTION = lazy(r"(?P<before>超过|近|约|接近|不到|不足)?(?P<num>" + _AFTER_NUMERALS
                       + r"[一二三四五六七八九十百]+分之[一二三四五六七八九十]+|"
                       r"(?<![0-9])[0-9]+分之[0-9]+|半数|一半)(?P<after>以上|左右|多)?")
_YEAR = lazy(r"((?:19|20)\d\d)年")
_SPAN = lazy(r"(?:过去|近)(?P<n>\d+|[一二三四五六七八九十]+)年"
                   r"|(?P<m>(?<!\d)\d+|(?<![一二三四五六七八九十])[一二三四五六七八九十]+)年来")
_YTD = lazy(r"今年以来|今年前|年初以来")
_UNTIL = lazy(r"截至(?:(?P<y>(?:19|20)\d\d)年)?(?P<mo>\d{1,2})月(?:(?P<d>\d{1,2})日)?(?P<end>末|底)?")
_RELATIVE = {"去年": -1, "上年": -1, "上一年": -1, "过去一年": -1, "一年来": -1, "今年": 0, "本年": 0, "本年度": 0,
             "明年": 1}
_RELATIVE_HEAD = lazy(r"^(?:[^，。；]{0,12}?[，,])?(?:[^，。；比较与同]{0,4}?)(?<![比较与同])"
                            r"(?P<rel>过去一年|一年来|去年|上一年|上年|今年|本年度|本年|明年)")
_PLAN = lazy(r"[“\"]?十四五[”\"]?(?:时期|期间|以来)")
_PART_OF_YEAR = lazy(
    r"(?<![比较与同])(?:(?P<y>(?:19|20)\d\d)年|(?P<rel>今年|去年|上年|本年))?(?<![比较与同])"
    r"(?:(?:第)?(?P<q>[一二三四1-4])季度|(?P<h>上半年|下半年)|前(?P<nq>[一二三1-3])(?:个)?季度"
    r"|前(?P<nm>\d{1,2}|[一二三四五六七八九十]{1,2})个月|(?P<m1>\d{1,2})[—\-–~至](?P<m2>\d{1,2})月(?!\d{1,2}日)"
    r"|(?<!\d)(?P<mo>1[0-2]|0?[1-9])月(?:份)?(?![\d日号底末初中上下旬]))"  # 5月, 5月份: a month; 5月20日, 5月底 are days
)
_TIME_HINT = lazy(r"年|季|月|以来|截至|十四五|过去|今年|去年|上年|本年|明年|目前|当前|现已|现有")
# Now-markers at the head of a clause ("目前，…", "全省目前已…"): the figure is the document's day. "增加到目前的150多个"
# ends a change, it sets no period for what follows.
_NOW = lazy(r"^\s*[^，。；]{0,6}?(?<![到至])(?:截至目前|目前|当前|现已|现有)")
_YEARLY = lazy(r"每年|每一年")  # "每年减负4800亿元": a yearly figure, of the year in force
# A target: an aim for its period, not a result. The last cue before a figure decides: a target cue
# ("到2027年", "预期目标", "目标是", "力争", "确保", "预期增长") or a cue of what is so (目前, 已经, 实际, 去年).
_TARGET_START = lazy("[到预目力确]")  # what every target cue (_TARGET_CUE) opens with
_TARGET_CUE = lazy(r"(?P<target>到(?P<year>(?:19|20)\d\d)年|预期目标|预期(?:增长|达到|为)|目标(?:是|为)|力争|确保)"
                         r"|(?P<actual>目前|当前|现已|已经|实际|去年|上年|过去)")
_COMPARED_WITH = lazy(r"(?<=[\u4e00-\u9fff])(?:比|较|与)(?:上年|去年|上月|上年同期|去年同期|同期|"
                            r"(?:19|20)\d\d年)$")  # "夏粮产量比上年": the base of a change, not its name
_COMPARISON_ONLY = lazy(r"(?:比|较|与)[^，。；]{0,6}")  # "比同期", "较上年": a base, no subject
_COMPARED_BY = ("比", "较", "与")  # what _COMPARISON_ONLY opens with
_BASES_END = ("年", "月", "期")  # what _COMPARED_WITH's bases end with
_INNER_PERIOD = lazy(r"(?<=[\u4e00-\u9fff])(?:每年|全年|今年|去年)(?=[\u4e00-\u9fff])")
# A period word a name must not carry: the period is the figure's own field ("一季度国内生产总值" → 国内生产总值).
_PERIOD_WORDS = lazy(r"^(?:(?:19|20)\d\d年)?(?:今年|去年|上年|本年|明年|全年|当年|每年|目前|当前|截至目前|"
                           r"(?:第)?[一二三四1-4]季度|上半年|下半年|前[一二三1-3](?:个)?季度|"
                           r"前(?:\d{1,2}|[一二三四五六七八九十]{1,2})个月|\d{1,2}[—\-–~至]\d{1,2}月|\d{1,2}(?:、\d{1,2})*月份?均?)+")
_YEAR_RANGE = lazy(r"^(?:从|自|在)?((?:19|20)\d\d)年?(?:[—\-–~～至到])((?:19|20)\d\d)年(?:间|期间)?$")
_YEAR_HEAD = lazy(r"^(?:截至|到|力争到|在)?((?:19|20)\d\d)年(?:底|末|全年|年底|年末)?$")
_FROM_TO = lazy(r"(?:从|由)(?:19|20)\d\d年(?:的)?[^，。；]*?(?:至|到)$")
_CUMULATIVE = lazy(r"累计|共计|总计|合计|新增|新建|先后|共|建设|建成|打造|布局|开行|实施|完成")
_LIST_ITEM = lazy(r"^\s*(?:[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，,、]|[其再]次[，,])")
_CLAUSE = lazy(r"[，：]|:(?![0-9])|,(?!(?<=[0-9],)[0-9]{3}(?![0-9]))")
_PART = lazy(r"；|;")
_NOT_A_STATISTIC = lazy(r"海拔|周年|岁|年龄|月大|个月|小时|分钟|米高|"
                              r"第(?![一二三]产业)[0-9一二三四五六七八九十]")
_MEASURE_VERB_WORDS = ("增至|增加到|增长到|增长至|提升至|提升到|提高到|提高至|达到|达|突破|超过|累计|共计|总计|为|降至|下降到|"
                       "减少到|实现|保持在|稳定在|控制在")
_MEASURE_VERBS = lazy(r"(?:" + _MEASURE_VERB_WORDS + r")$")
_RATE_VERB_WORDS = "增长|增速|下降|上升|上涨|下跌|提高|增加|减少|回落|扩大|收窄"
_RATE_VERBS = lazy(r"(?:" + _RATE_VERB_WORDS + r")了?$")
_OBJECT_VERB_WORDS = "开行|建成|打造|建设|布局建设|培育|运输|完成|新增|吸引|引进|认定|设立|创建"
_OBJECT_VERBS = lazy(r"(?:" + _OBJECT_VERB_WORDS + r")")
_ABSTRACT = lazy(r"(?:[万千百]亿级|[一-龥]{0,2}?(?:台阶|方面|领域|重点|任务|行动|举措|原则|关系|环节|层面|目标|要求|步骤|阶段|"
                       r"理念|意识|抓手|优先|必须|坚持|着力|统筹)(?![一-龥]{0,1}(?:集群|企业|项目)))")
_COUNTERS = set("个项次名位条家所座件批户人")
_HEAD = 160  # characters of a sentence before a clause that its figures look back on
_POLICY_SCOPE = lazy(r"(?![的以左多之])[一-龥]{1,10}?(?:零关税|关税|免税|免征|减免|零税率)")
_BOUND = lazy(r"(?:不低于|不少于|不高于|不超过|不得低于|不得超过)[^，。；]{0,8}$")
_RULE = lazy(r"(?:[^，。；]{0,4}?)(?:的)?(?:标准|比例|部分|额度|限额)")
_CLASSIFIERS = set("个家所座项条处台套艘架")
_REGION = lazy(r"^(?P<region>西部地区|东部地区|中部地区|东北地区|全国|全省|全市|全区|[\u4e00-\u9fff]{2,4}(?:省|市|自治区|地区|县|区))")
_NOISE_WORDS = ("其中|同时|此外|另外|目前|据统计|统计数据显示|数据显示|全年|当年|已|并|共|和|及|、|确保|力争|"
                "预计|预期")
_LEADING_NOISE = lazy(r"^(?:" + _NOISE_WORDS + r")+")
_NOISE_STARTS = frozenset(word[0] for word in _NOISE_WORDS.split("|"))  # what a name with noise to drop opens with
_FOUR_DIGITS = lazy(r"\d{4}")
_YEAR_OR_SPAN = lazy(r"\d{4}(-\d{4})?")
_SPAN_OF_YEARS = lazy(r"\d{4}-\d{4}")
_YEARS = lazy(r"(\d{4})-(\d{4})")
_HEADING_MARKS = lazy(r"[。；！？，]")
_WHOLE_YEAR = lazy(r"^(?:全年|当年)")
_NOW_MARKER = lazy(r"截至目前|目前|当前|现已|现有")
_SHARE_TAIL = lazy(r"(?:占|的|有|中)+$")
_TOURNAMENT = lazy(r"[一-龥]{0,2}?(?:决赛|赛|区|音符)")
_SO_FAR = lazy(r"已|累计")
_SUBJECT_OF_PRESENT = lazy(r"(?:人口|面积|总量|规模|产量|茶园|耕地|企业|园区|[^\x00-\x7f]{2}(?:发展|种植|拥有|现有))$")
_QUALIFIER_TAIL = lazy(r"(?:已|已经|累计|共)$")
_WORD_NUMERAL = lazy(r"[一二两三四五六七八九十]+")
_GROUP_OF_RATE = lazy(r"[^，。；0-9０-９]{2,16}?(?:为|达|增长|下降)[0-9０-９.．]+[%％]")
_LISTED_MEASURES = lazy(r"[一-龥]{0,4}?(?:措施|举措|政策|意见|规定|条款)")
_THRESHOLD = lazy(r"(?:不超过|不低于|不少于|不高于|不足)$")
_THRESHOLD_PART = lazy(r"(?:以[上下])?的?部分")
_POLICY_PARAMETER = lazy(r"[^，。；]{0,10}的(?:政策|规定|办法)")
_OWN_LIST = lazy(r"[一-龥]{0,4}?(?:措施|举措|政策|意见|规定|条款|任务)")
_SHARE_MEASURE = lazy(r"(占[^，。；]{0,12}?(?:的)?|比重(?:为|达)?|占比(?:为|达)?)$")
_TWO_HAN = lazy(r"[\u4e00-\u9fff]{2}")
_NAME_END = lazy(r"[和及与、，。；（(]")
_NAME_TAIL = lazy(r"(?:的|已|已经|累计|共)+$")
_QUOTE_MARKS = lazy(r"[“”\"']")
_LABEL_BEFORE_COLON = lazy(r"^.*?[：:]")
_RANGE_SCALE = lazy(r"(?:万亿|亿|万)?[%％]?(?=[—\-–~～至到])")
_RATE_MEASURE = lazy(r"((?:较|比)((?:19|20)\d\d)年)?(?:累计|总体|共|年均|同比|环比|平均)?(?:名义)?" + _RATE_VERBS.pattern)
_OBJECT_VERB_TAIL = lazy(r"(?:已经|已|累计|共)?" + _OBJECT_VERBS.pattern + r"$")


def _last_characters(words: str) -> tuple[str, ...]:
    return tuple(sorted({word[-1] for word in words.split("|")}))


# What every match of a pattern anchored at the end ($) ends with: a text that does not end so is not searched.
_MEASURE_VERB_ENDS = _last_characters(_MEASURE_VERB_WORDS)
_RATE_ENDS = _last_characters(_RATE_VERB_WORDS + "|了")  # _RATE_VERBS, _RATE_MEASURE
_OBJECT_VERB_ENDS = _last_characters(_OBJECT_VERB_WORDS)  # _OBJECT_VERB_TAIL
_QUALIFIER_ENDS = _last_characters("已|已经|累计|共")  # _QUALIFIER_TAIL
_NAME_TAIL_ENDS = _last_characters("的|已|已经|累计|共")  # _NAME_TAIL
_SUBJECT_ENDS = _last_characters("人口|面积|总量|规模|产量|茶园|耕地|企业|园区|发展|种植|拥有|现有")  # _SUBJECT_OF_PRESENT
_FROM_TO_ENDS = ("至", "到")


def _ends_with(text: str, ends: tuple[str, ...]) -> bool:
    """Whether a text ends with one of `ends`, or does before a last newline, where $ matches too: what a pattern
    anchored at the end needs when every match of it ends with one of them."""
    return text.endswith(ends) or text[-1:] == "\n" and text[:-1].endswith(ends)


@dataclass(frozen=True)
class _Context:
    """What a clause knows of time: the document's date and the period in force."""

    year: int | None
    date: str | None
    period: str = ""
    period_text: str = ""


# A clause's time phrases, found once however often the clause is read (see _phrases): those a reader reads in the
# period in force, each reader with what it found (`pending`), then the period that the first reader needing only
# the document's year and date gives (`settled`, or None). A document's year and date hold for all of it.
_Phrases = tuple[tuple[tuple[Callable[[Any, _Context], Optional[_Context]], Any], ...], Optional[_Context]]


@dataclass
class _Part:
    """The figures read so far in one part of a sentence (up to its "；"), which a later clause refers back to."""

    figures: list[Indicator] = field(default_factory=list)
    years: set[str] = field(default_factory=set)  # the single years among their periods

    def add(self, indicator: Indicator) -> None:
        self.figures.append(indicator)
        if _FOUR_DIGITS.fullmatch(indicator.period):
            self.years.add(indicator.period)

    @property
    def last(self) -> Indicator | None:
        return self.figures[-1] if self.figures else None


def _as_written(phrase: str, context: _Context) -> _Context:
    """A time phrase the document's date cannot place (it gives none): its period is the phrase as written,
    unresolved (Indicator.resolved), and the figure is kept, never dropped for it."""
    return _Context(context.year, context.date, phrase, phrase)


def is_annual_rate(measure: str) -> bool:
    """"年均增长": a rate that is a yearly average over its span."""
    return "年均" in measure


def label(indicator: Indicator) -> str:
    """Region and name as one phrase, a shared word said once: 西部地区 + 地区生产总值 → 西部地区生产总值."""
    return indicator.label


def written(indicator: Indicator) -> str | None:
    """A figure whose qualifier follows its number, as written: 7万多只, 5%左右; None for any other qualifier."""
    if indicator.qualifier in _AFTER_NUMBER:
        scale = next((s for s in SCALES if indicator.unit.startswith(s)), "")
        return f"{indicator.value}{scale}{indicator.qualifier}{indicator.unit[len(scale):]}"
    if indicator.qualifier in _AFTER_UNIT:
        return f"{indicator.value}{indicator.unit}{indicator.qualifier}"
    return None


def share_label(measure: str) -> str:
    """"占全国总数的" → "占全国总数的比重": what a chart's share is of."""
    return measure.rstrip("的") + ("的比重" if measure.startswith("占") else "")


def share_words(measure: str) -> str:
    """"占全国总数的": what a narrative's share is of; "占总数的" when the measure does not say."""
    return measure.rstrip("的") + ("的" if measure.startswith("占") else "") or "占总数的"


_SHARE_NAME = lazy(r"比重|占比|所占比例|份额|占[^，。；]{1,12}(?:的)?(?:比例)?$")
_GROWTH_NAME = lazy(r"增长|增速|增幅|涨幅|降幅|下降|提高|回升|回落|增加(?!值)|减少")


_TARGET_NAME = lazy("目标")


def percent_measure(indicator: Indicator) -> str:
    """What a percentage measures, so that a chart puts only like with like on one axis: "target" (an aim),
    "share" (a part of a whole: 占全国总数的、比重、所占比例), "growth" (a change: 增长率、增速、同比增长) or
    "rate" (a ratio of its own: 城镇化率、失业率、森林覆盖率)."""
    return percent_measure_by(indicator, _TARGET_NAME, _SHARE_NAME, _GROWTH_NAME)


def indicators(document: Document) -> tuple[Indicator, ...]:
    """Every figure of a Chinese document that is tied to a period."""
    base = _Context(int(document.date[:4]) if document.date else _stated_year(document), document.date)
    found: list[Indicator] = []
    section: _Context | None = None  # a heading's year ("2024年工作回顾") holds until the next heading
    listing: _Context | None = None  # the period of a list whose items are paragraphs ("过去一年……：" 一是……)
    for paragraph in document.paragraphs:
        if _is_heading(paragraph.text):
            year = _YEAR.search(half_width(paragraph.text))
            section = _Context(base.year, base.date, year.group(1), "") if year else None
            listing = None
            continue
        start = _paragraph_context(paragraph.text, base, section, listing)
        context = start
        in_paragraph: list[Indicator] = []
        owner = ""  # what the sentence before counted ("3只藏羚羊宝宝"): the subject of a bare "种群数量" after it
        for sentence in sentences(paragraph.text):
            # a sentence without a digit, a numeral or 半 holds no figure and no fraction (nor a count for the next:
            # _counted), and one that names no time sets no period: read neither (the looks see the same characters
            # in the source as in its half-width copy)
            figures = _NUMERAL_CHAR.search(sentence) or "半" in sentence
            timed = _TIME_HINT.search(sentence)
            if not figures and not timed:
                continue
            plain = half_width(sentence)
            parts = [_CLAUSE.split(part) for part in _PART.split(plain)]  # its parts' clauses, split once
            # each clause's time phrases found once (the opening's are read up to three times): all the parts' of a
            # sentence read for figures, else its first part's, which alone can set the period of what follows
            read = parts if figures else parts[:1]
            phrases = [[_phrases(clause, base) if _TIME_HINT.search(clause) else None for clause in clauses]
                       for clauses in read] if timed else [[None] * len(clauses) for clauses in read]
            context = _head_context(parts[0], phrases[0], context)
            if figures:
                topic = in_paragraph[-1].name if in_paragraph else ""  # a rate that names nothing continues it
                in_paragraph.extend(_owned(_in_sentence(sentence, plain, parts, phrases, paragraph.index, document,
                                                        context, topic), owner))
            owner = _counted(plain) or owner
        found.extend(in_paragraph)
        listing = context if context.period and (context is not start or listing) else None
    return tuple(found)


_DATED_MONTH = lazy(r"(?<![到至])((?:19|20)\d\d)年(?:(?:1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})(?:[—-]\d{1,2})?月"
                          r"|上半年|下半年|前三季度|[一二三四1-4]季度)")


_YEAR_IN_NAME = lazy(r"(?:^|[_\-. ])((?:19|20)\d\d)(?:$|[_\-. ])")


def _stated_year(document: Document) -> int | None:
    """The year of a document that gives no date, as a reader finds it: the latest year the text names with a
    part of it ("2024年11月", "2024年1—11月", "2022年上半年"; a target "到2027年" names none), else a year its
    file is named with ("npc_opening_2023.txt")."""
    years = [int(y) for y in _DATED_MONTH.findall(half_width(document.text))]
    named = _YEAR_IN_NAME.search(document.source_id)
    return max(years) if years else int(named.group(1)) if named else None


def _paragraph_context(text: str, base: _Context, section: _Context | None, listing: _Context | None) -> _Context:
    """The period in force where a paragraph begins: its own opening phrase, the list it continues, its section."""
    if listing and _LIST_ITEM.match(text):
        return listing
    return section or base


def _is_heading(text: str) -> bool:
    return len(text) <= 30 and not _HEADING_MARKS.search(text)


def _in_sentence(sentence: str, plain: str, parts: list[list[str]], phrases: list[list[_Phrases | None]],
                 paragraph: int, document: Document, context: _Context, topic: str = "") -> list[Indicator]:
    """Figures of one sentence. Matching runs on its half-width copy `plain`, split into its parts' clauses
    (`parts`), each clause's time phrases found (`phrases`, see _phrases); values keep the source's digits."""
    found: list[Indicator] = []
    offset = 0
    for clauses, times in zip(parts, phrases):
        opening = _read(times[0], context)
        clause_context = opening or context
        in_part = _Part()
        for n, clause in enumerate(clauses):
            start = plain.index(clause, offset)
            offset = start + len(clause)
            if n or opening:  # the opening clause read again in the context it set (once more gives nothing new)
                clause_context = _read(times[n], clause_context) or clause_context
            if not _NUMERAL_CHAR.search(clause) and "半" not in clause:
                continue  # no figure and no fraction (三分之一, 半数) without a digit, a numeral or 半
            original = sentence[start:offset]
            head = plain[max(0, start - _HEAD):start]  # bounded: linear time on a sentence of any length
            for indicator in _in_clause(clause, original, clause_context, in_part, (sentence, start), paragraph,
                                        document, head, topic, plain[offset:offset + 1]):
                in_part.add(indicator)
                found.append(indicator)
                if _YEAR_OR_SPAN.fullmatch(indicator.period):
                    clause_context = _Context(context.year, context.date, indicator.period, "")
    return found


def _head_context(clauses: list[str], phrases: list[_Phrases | None], context: _Context) -> _Context:
    """A time phrase in the clauses that open a sentence (of its first part), before its first figure, holds for
    all of it."""
    last = len(phrases) - 1
    while last >= 0 and phrases[last] is None:  # a clause after the last that names a time sets nothing
        last -= 1
    for n in range(last + 1):
        context = _read(phrases[n], context) or context
        clause = clauses[n]
        if n < last and _NUMERAL_CHAR.search(clause) \
                and _ZH_MENTION.search(_SPAN.sub("", clause) if "年" in clause else clause):
            break  # a figure holds a digit or a numeral, and a span (过去5年, 五年来) a 年; looked for only when a
            # later clause names a time, since stopping before it is all that the figure changes
    return context


def _read(phrases: _Phrases | None, context: _Context) -> _Context | None:
    """The period a clause's time phrases (_phrases) set in the period in force, if any."""
    if phrases is None:
        return None
    pending, settled = phrases
    for reader, found in pending:
        period = reader(found, context)
        if period:
            return period
    return settled


def _phrases(text: str, context: _Context) -> _Phrases:
    """What the time phrases of a clause that names a time (_TIME_HINT: most clauses name none, a look instead of
    seven) are, each reader tried in turn (`context` gives only the document's year and date)."""
    stripped = text.strip()
    year_only = _YEAR_HEAD.match(stripped)
    if year_only:
        target = stripped.startswith(("到", "力争到"))  # "到2027年，……": the target's year
        return (), _Context(context.year, context.date, year_only.group(1), stripped if target else "")
    years = _YEAR_RANGE.match(stripped)
    if years:
        return (), _Context(context.year, context.date, f"{years.group(1)}-{years.group(2)}", years.group(0))
    pending = []
    for find, reader, in_force in _READERS:
        found = find(text)
        if found is None:
            continue
        if in_force:  # read again in each period in force
            pending.append((reader, found))
            continue
        period = reader(found, context)
        if period:
            return tuple(pending), period
    return tuple(pending), None


def _find_until(text: str) -> tuple[re.Match, str] | None:
    until = _UNTIL.search(text) if "截至" in text else None
    return (until, text) if until else None


def _until(found: tuple[re.Match, str], context: _Context) -> _Context | None:
    """截至4月9日 / 截至9月底: from 1 January to that day."""
    until, text = found
    stated = until.group("y") or (_YEAR.search(text).group(1) if _YEAR.search(text) else None)
    if not (stated or context.year):
        return _as_written(until.group(0), context)
    year, month = int(stated or context.year), int(until.group("mo"))
    if not 1 <= month <= 12:
        return None
    day = int(until.group("d")) if until.group("d") else (calendar.monthrange(year, month)[1] if until.group("end") else 1)
    return _Context(context.year, context.date, f"{year}-01-01/{year}-{month:02d}-{day:02d}", until.group(0))


def _find_part_of_year(text: str) -> re.Match | None:
    return _PART_OF_YEAR.search(text) if "月" in text or "季" in text or "半年" in text else None  # each names one


def _part_of_year(part: re.Match, context: _Context) -> _Context | None:
    """一季度, 上半年, 前三季度, 1—4月, 前4个月, 7月份: the interval within the year in force."""
    if not (context.year or part.group("y")):
        return _as_written(part.group(0), context)
    year = int(part.group("y")) if part.group("y") else _year_in_force(part.group("rel"), context)
    first, last = _months(part)
    if not (1 <= first <= last <= 12):
        return None
    end = calendar.monthrange(year, last)[1]
    return _Context(context.year, context.date, f"{year}-{first:02d}-01/{year}-{last:02d}-{end:02d}", part.group(0))


def _year_in_force(relative: str | None, context: _Context) -> int:
    """The year a part of a year belongs to: stated relative to the document, or the period in force."""
    if relative:
        return context.year + _RELATIVE[relative]
    if _FOUR_DIGITS.fullmatch(context.period):
        return int(context.period)
    return context.year


def _months(part: re.Match) -> tuple[int, int]:
    if part.group("q"):
        q = int(parse_number(part.group("q")) or 0)
        return 3 * q - 2, 3 * q
    if part.group("h"):
        return (1, 6) if part.group("h") == "上半年" else (7, 12)
    if part.group("nq"):
        return 1, 3 * int(parse_number(part.group("nq")) or 0)
    if part.group("nm"):
        return 1, int(parse_number(part.group("nm")) or 0)
    if part.group("m1"):
        return int(part.group("m1")), int(part.group("m2"))
    month = int(part.group("mo"))
    return month, month


def _find_year_to_date(text: str) -> re.Match | None:
    return _YTD.search(text) if "以来" in text or "今年前" in text else None


def _year_to_date(ytd: re.Match, context: _Context) -> _Context | None:
    if not context.date and context.year:
        return _Context(context.year, None, str(context.year), ytd.group(0))  # this year so far: within the year
    if not context.date:
        return _as_written(ytd.group(0), context)
    return _Context(context.year, context.date, f"{context.date[:4]}-01-01/{context.date}", ytd.group(0))


def _find_span(text: str) -> re.Match | None:
    return _SPAN.search(text) if "年" in text else None


def _span(span: re.Match, context: _Context) -> _Context | None:
    """过去5年 / 五年来: the five whole years before the document's year."""
    if not context.year:
        return _as_written(span.group(0), context)
    n = int(parse_number(span.group("n") or span.group("m")) or 0)
    if not 1 < n <= 30:
        return None
    return _Context(context.year, context.date, f"{context.year - n}-{context.year - 1}", span.group(0))


def _find_plan_period(text: str) -> re.Match | None:
    return _PLAN.search(text) if "十四五" in text else None


def _plan_period(plan: re.Match, context: _Context) -> _Context | None:
    """"十四五"时期: 2021-2025, or up to the year before the document when it is written during it."""
    end = min(2025, context.year - 1) if context.year and context.year <= 2025 else 2025
    return _Context(context.year, context.date, f"2021-{end}", plan.group(0))


# Eras an official text counts from: a Party congress (held in the autumn of these years), reform and opening up.
_ERA = lazy(r"党的(?P<congress>十六|十七|十八|十九|二十)大以来|(?P<new>新时代以来)|(?P<reform>改革开放以来)")
_CONGRESSES = {"十六": 2002, "十七": 2007, "十八": 2012, "十九": 2017, "二十": 2022}


def _find_era(text: str) -> re.Match | None:
    return _ERA.search(text) if "以来" in text else None


def _since_an_era(era: re.Match, context: _Context) -> _Context | None:
    """党的十八大以来 / 新时代以来: from the congress's year to the document's; as written when the text has no year."""
    start = _CONGRESSES[era.group("congress")] if era.group("congress") else 2012 if era.group("new") else 1978
    if not context.year or context.year <= start:
        return _as_written(era.group(0), context)
    return _Context(context.year, context.date, f"{start}-{context.year}", era.group(0))


def _find_relative_year(text: str) -> tuple[re.Match | None, re.Match | None] | None:
    head = _RELATIVE_HEAD.match(text.strip())
    whole = None if head else _WHOLE_YEAR.match(text.strip())
    return (head, whole) if head or whole else None


def _relative_year(found: tuple[re.Match | None, re.Match | None], context: _Context) -> _Context | None:
    """去年 / 一年来 / 今年 / 全年 at the head of a clause: a year counted from the document's."""
    head, whole = found
    if head and context.year and context.period.startswith(f"{context.year + _RELATIVE[head.group('rel')]}-") \
            and context.period_text.startswith("截至"):
        return None  # "截至9月底，今年……": the interval already says which part of this year
    if head and context.year:
        return _Context(context.year, context.date, str(context.year + _RELATIVE[head.group("rel")]), head.group("rel"))
    if head:
        return _as_written(head.group("rel"), context)
    if whole and not context.year and not context.period:
        return _as_written(whole.group(0), context)
    if whole and context.year:
        year = context.period if _FOUR_DIGITS.fullmatch(context.period) else str(context.year)
        return _Context(context.year, context.date, year, whole.group(0))
    return None


def _find_now(text: str) -> re.Match | None:
    return _NOW.search(text)


def _now(now: re.Match, context: _Context) -> _Context | None:
    """目前 / 截至目前 / 现已: the figure holds on the document's day (as written when it gives none)."""
    if not context.date:
        return _as_written(_marker(now), context) if not context.year else \
            _Context(context.year, None, str(context.year), _marker(now))
    return _Context(context.year, context.date, context.date, _marker(now))


def _marker(now: re.Match) -> str:
    return _NOW_MARKER.search(now.group(0)).group(0)


def _find_yearly(text: str) -> re.Match | None:
    return _YEARLY.search(text) if "每" in text else None


def _yearly(yearly: re.Match, context: _Context) -> _Context | None:
    """每年: a figure for each year, stated for the year in force (the document's)."""
    if _FOUR_DIGITS.fullmatch(context.period):
        return _Context(context.year, context.date, context.period, yearly.group(0))
    if not context.year:
        return _as_written(yearly.group(0), context)
    return _Context(context.year, context.date, str(context.year), yearly.group(0))


# The readers of a time phrase in the order they are tried: what each looks for (a cheap look, then its pattern),
# how it reads what it found, and whether it reads the period in force (context.period, period_text), or only the
# document's year and date.
_READERS = (
    (_find_until, _until, False),
    (_find_part_of_year, _part_of_year, True),
    (_find_year_to_date, _year_to_date, False),
    (_find_span, _span, False),
    (_find_plan_period, _plan_period, False),
    (_find_era, _since_an_era, False),
    (_find_relative_year, _relative_year, True),
    (_find_now, _now, False),
    (_find_yearly, _yearly, True),
)


def _status(before: str, year: int | None) -> str:
    """target or actual, from the last cue before the figure in its sentence. "到2023年底" in a document of 2024
    is a result reached by then, not a target."""
    if not _TARGET_START.search(before):
        return "actual"  # no target cue without one of its first characters: most figures need no look for cues
    cues = list(_TARGET_CUE.finditer(before))
    if not cues or not cues[-1].group("target"):
        return "actual"
    stated = cues[-1].group("year")
    return "target" if not (stated and year and int(stated) <= year) else "actual"


def _in_clause(clause: str, original: str, context: _Context, before: _Part, where: tuple[str, int],
               paragraph: int, document: Document, head: str = "", topic: str = "",
               delimiter: str = "") -> list[Indicator]:
    """Figures of one clause. `head` is the sentence just before it (the cues of a target, an earlier subject),
    `topic` the paragraph's last figure's name, `delimiter` the mark that ends the clause; `where` is its sentence
    and the clause's place in it (for the quote). A figure reads its clause only as far as common.reach, so a
    clause of thousands of figures stays linear."""
    found: list[Indicator] = []
    years: set[str] = set()  # of the figures found in this clause, with those of the part before it
    far = reach(where[0])
    for match in _ZH_MENTION.finditer(clause):
        previous = found[-1] if found else before.last
        rest = clause[match.end():match.end() + far]
        if _is_date_or_noise(clause, match, far) or _counts_own_list(rest, match, delimiter):
            continue
        left = clause[max(0, match.start() - far):match.start()]
        kind, measure, base_year = _kind(left, match)
        period, period_text = _period(left[:len(left) - len(measure)] if measure else left, context)
        if kind == "rate" and base_year and period and "-" not in period and not period_text.startswith(("到", "力争")):
            period = f"{base_year}-{period}"  # "较2019年增长37%" in 2023: the change over 2019-2023
        elif kind == "rate" and not base_year and previous and previous.period and "-" not in previous.period:
            period = _span_of(before.years | years, previous, period)
        name, region = _name(left[:len(left) - len(measure)] if measure else left, rest, match, previous, kind)
        name = _tidy(name) or (previous.name if previous else "") or (_topic(head) if kind == "rate" else "")
        if not name and kind == "rate" and not _ZH_MENTION.search(head):
            name = topic  # "6月份上涨2.5%": a rate with no subject, in a sentence of no other figure, continues the last
        if not region:
            name, region = _split_region(name)  # "前11个月全省出口": the region once the period words are gone
        status = _status(head + left, context.year)
        if status == "target" and not period:
            period, period_text = _this_year(context)  # "确保全年粮食产量……": an aim for the year in force
        if not period and not (kind == "level" and _states_present(left, match)) and kind != "rate":
            continue
        if kind == "level" and _SPAN_OF_YEARS.fullmatch(period) and not _CUMULATIVE.search(left) \
                and not _YEAR.search(left):
            period = period[5:]  # a level reached over a span ("五年来……突破7600公里") is the span's last year
        period = period or ((document.date or "")[:4] if kind == "rate" else (document.date or ""))
        if not period or not name:
            continue
        if period_text.startswith("截至") and "/" in period:
            period = _point_in_time(period, kind, name, left)
        found.append(_indicator(match, original, name, region, period, period_text, kind, measure, where,
                                paragraph, document, status))
        if _FOUR_DIGITS.fullmatch(period):
            years.add(period)
    found.extend(_fractions(clause, original, context, found[-1] if found else before.last, where, paragraph,
                            document))
    return found


def _this_year(context: _Context) -> tuple[str, str]:
    if context.year:
        return str(context.year), ""
    return "今年", "今年"


def _point_in_time(period: str, kind: str, name: str, left: str) -> str:
    """截至4月底 (an interval from 1 January): a stock is its value on the day ("2024-04-30"), a rate such as
    失业率 is the month's ("2024-05"); what was added or done since 1 January keeps the interval."""
    if kind != "level" or _CUMULATIVE.search(left):
        return period
    end = period.split("/")[1]
    if name.endswith("率"):
        first, last = end[:8] + "01", end[:8] + f"{calendar.monthrange(int(end[:4]), int(end[5:7]))[1]:02d}"
        return f"{first}/{last}"
    return end


def _fractions(clause: str, original: str, context: _Context, previous: Indicator | None, where: tuple[str, int],
               paragraph: int, document: Document) -> list[Indicator]:
    """Shares written as fractions: 三分之一, 四分之一, 半数; kept as written, normalised to a percentage."""
    found: list[Indicator] = []
    if "分之" not in clause and "半" not in clause:
        return found  # every fraction (_FRACTION) holds one or the other: most clauses need no look
    sentence, at = where
    far = reach(sentence)
    for match in _FRACTION.finditer(clause):
        left = clause[max(0, match.start() - far):match.start()]
        period, period_text = _period(left, context)
        subject = _clean(_SHARE_TAIL.sub("", left.split("占")[0] if "占" in left else left))
        name, region = _split_region(_MEASURE_VERBS.sub("", _strip_qualifier(subject)))
        name = _tidy(name) or (previous.name if previous else "")
        share = _fraction_value(match.group("num"))
        if not name or share is None or _TOURNAMENT.match(clause[match.end():match.end() + far]):
            continue  # 四分之一决赛: a round of a tournament, not a share
            continue
        found.append(Indicator(
            name=name, period=period or (document.date or ""), value=original[match.start("num"):match.end("num")],
            unit="", number=share * 100, normalized_value=share * 100, normalized_unit="%",
            qualifier="".join(q for q in (match.group("before"), match.group("after")) if q), kind="share",
            measure="占" if "占" in left else "", period_text=period_text, region=region,
            quote=quote(sentence, at + match.start("num"), at + match.end("num")),
            paragraph=paragraph, source_id=document.source_id))
    return found


def _fraction_value(text: str) -> float | None:
    if text in ("半数", "一半"):
        return 0.5
    whole, _, part = text.partition("分之")
    denominator, numerator = parse_number(whole), parse_number(part)
    return numerator / denominator if denominator and numerator is not None else None


def _states_present(left: str, match: re.Match) -> bool:
    """A figure with no period that a verb makes a statement of the present ("增至", "已建成"), or that
    follows its subject directly ("全县户籍人口41.6万人", "全村发展高山茶园3200亩")."""
    if match.group("before") or _measure_verb(_strip_qualifier(left)):
        return True
    if _SO_FAR.search(left) and _OBJECT_VERBS.search(left):
        return True
    has_measure = match.group("unit") not in _COUNTERS or match.group("scale")
    return bool(has_measure and _ends_with(left, _SUBJECT_ENDS) and _SUBJECT_OF_PRESENT.search(left))


def _strip_qualifier(left: str) -> str:
    left = left.rstrip("的")
    return _QUALIFIER_TAIL.sub("", left) if _ends_with(left, _QUALIFIER_ENDS) else left


def _measure_verb(text: str) -> bool:
    """Whether the text ends on a verb of measurement (_MEASURE_VERBS: 增至, 达到, 为 …)."""
    return _ends_with(text, _MEASURE_VERB_ENDS) and _MEASURE_VERBS.search(text) is not None


def _is_date_or_noise(clause: str, match: re.Match, far: int) -> bool:
    unit, num, end = match.group("unit"), match.group("num"), match.end()
    after = clause[end:end + 2]
    rest = clause[end:end + far]
    if unit == "个" and after[:1] in ("月", "星", "小", "工"):
        return True
    if _WORD_NUMERAL.fullmatch(num) and unit in _COUNTERS \
            and (parse_number(num) or 0) < 20 and not match.group("mid"):
        return True  # 三个徒弟, 十项实事, 四次会议: a small count in words, not a statistic
    if unit in ("个", "家", "所") and _GROUP_OF_RATE.match(rest):
        return True  # "31个大城市城镇调查失业率为5.0%": the count names the group the rate is about
    if unit in ("个", "项", "条", "大") and _ABSTRACT.match(rest):
        return True  # 两个万亿级台阶, 三个方面, 八项行动: counts of the speech's own items
    if unit in ("条", "项") and clause[match.start() - 1:match.start()] == "等" \
            and _LISTED_MEASURES.match(rest):
        return True  # "A、B等9条措施": a count of the items the text itself lists, not a result
    if num in ("千", "百", "万", "零", "〇"):
        return True  # 千家万户, 百花齐放, 零件: a word, not a number
    if unit in PERCENT_UNITS and _POLICY_SCOPE.match(rest):
        return True  # "对100%税目产品实施零关税": the scope of a tax policy, a parameter of the rule, not a result
    if "不" in clause[max(0, match.start() - 12):match.start()] \
            and _BOUND.search(clause[max(0, match.start() - 12):match.start()]) and _RULE.match(rest):
        return True  # "按不低于每人每年600元的标准补助": a threshold a rule sets, not a result
    if "不" in clause[max(0, match.start("num") - 8):match.start("num")] \
            and _THRESHOLD.search(clause[max(0, match.start("num") - 8):match.start("num")]) \
            and _THRESHOLD_PART.match(rest):
        return True  # "所得额不超过100万元部分": a threshold that says who qualifies, not a statistic
    if "的" in rest and _POLICY_PARAMETER.match(rest):
        return True  # "比例由75%提高至100%的政策": a parameter of a policy, not a statistic
    if unit in ("万", "亿") and not match.group("scale"):
        return True  # a bare scale word with no unit: a number without a measure
    window = clause[max(0, match.start() - 8):match.end() + 3]
    if "个月" in window:  # "前11个月" is a period, not an age: look again with the periods blanked out
        low = max(0, match.start() - far)  # the periods of the figure's neighbourhood only (common.reach)
        periods = _PART_OF_YEAR.sub(lambda part: "　" * len(part.group(0)), clause[low:match.end() + far])
        window = periods[max(0, match.start() - 8) - low:match.end() + 3 - low]
    return bool(_NOT_A_STATISTIC.search(window))


def _counts_own_list(rest: str, match: re.Match, delimiter: str) -> bool:
    """"出台9条措施：一是……": a count of measures the text goes on to list is a count of its own items (`rest`:
    the clause after the figure, as far as common.reach)."""
    return match.group("unit") in ("条", "项") and delimiter in ("：", ":") \
        and bool(_OWN_LIST.fullmatch(rest))


def _period(left: str, context: _Context) -> tuple[str, str]:
    if _ends_with(left, _FROM_TO_ENDS) and _FROM_TO.search(left) and not _YEAR.search(left.rsplit("至", 1)[-1].rsplit("到", 1)[-1]):
        return _end_of(context), ""  # 由2020年的1.92%提高到2.41%: the second figure is the latest
    years = _YEAR.findall(left)
    if years and _within_year(context.period, years[-1]):  # "2025年5月全省……": May's, not the year's
        return context.period, context.period_text
    if years:
        return years[-1], ""
    if context.period:
        return context.period, context.period_text
    return "", ""


def _within_year(period: str, year: str) -> bool:
    """Whether a period in force is a part of the year a figure's words name (its months, quarter or days)."""
    return re.fullmatch(rf"{year}-\d\d-\d\d/{year}-\d\d-\d\d", period) is not None


def _end_of(context: _Context) -> str:
    """The latest year of the period in force: the end of a span, or the year itself."""
    span = _YEARS.fullmatch(context.period)
    if span:
        return span.group(2)
    if _FOUR_DIGITS.fullmatch(context.period):
        return context.period
    return str(context.year) if context.year else ""


def _kind(left: str, match: re.Match) -> tuple[str, str, str]:
    """(kind, the words that introduce the figure, the base year of a rate)."""
    unit = match.group("unit")
    tail = left[-14:]
    share = _SHARE_MEASURE.search(tail) if unit in ("%", "％") else None
    if share:
        return "share", share.group(0), ""
    rate = _RATE_MEASURE.search(tail) if unit in ("%", "％", "个百分点", "百分点", "倍") and _ends_with(tail, _RATE_ENDS) \
        else None
    if rate:
        return "rate", rate.group(0), rate.group(2) or ""
    return "level", "", ""


def _span_of(years: set[str], previous: Indicator, period: str) -> str:
    """A rate after figures of two or more years: the change over their span."""
    years = sorted(years)
    if len(years) >= 2:
        return f"{years[0]}-{years[-1]}"
    return period or previous.period


def _name(left: str, after: str, match: re.Match, previous: Indicator | None, kind: str) -> tuple[str, str]:
    """The subject the clause gives the figure (`left` of it, `after` it), and the region it names, if any."""
    unit = match.group("unit")
    if unit in _CLASSIFIERS and _TWO_HAN.match(after):
        return _split_region(_NAME_END.split(after)[0])[0], _split_region(_clean(left))[1]
    subject = _clean(left)
    for marker in ("从", "由", "自"):
        if marker in subject:
            subject = subject.split(marker)[0]
    stripped = _strip_qualifier(subject)
    measured = _measure_verb(stripped)
    if measured or match.group("before"):
        subject = _MEASURE_VERBS.sub("", stripped) if measured else stripped
    else:
        subject = _OBJECT_VERB_TAIL.sub("", subject) if _ends_with(subject, _OBJECT_VERB_ENDS) else subject
        verbs = list(_OBJECT_VERBS.finditer(subject))
        if verbs and verbs[-1].end() < len(subject):
            agent = _strip_qualifier(subject[:verbs[-1].start()])
            subject = subject[verbs[-1].end():]
            name, region = _split_region(subject)
            return name, region or (agent if 1 < len(agent) <= 12 else "")
    subject = _NAME_TAIL.sub("", subject) if _ends_with(subject, _NAME_TAIL_ENDS) else subject
    name, region = _split_region(subject)
    if kind in ("rate", "share") and previous and (not name or name.startswith(("占", "较", "年均", "同比"))):
        return previous.name, previous.region
    if not name and previous:
        return previous.name, previous.region
    return name, region


def _clean(text: str) -> str:
    # each pattern only where a word it needs is: a year, a span and 今年以来 hold 年, a date 截至, a label a colon
    if "年" in text:
        text = _YEAR.sub("", text)
    if "截至" in text:
        text = _UNTIL.sub("", text)
    if "年" in text:
        text = _SPAN.sub("", _YTD.sub("", text))
    if "“" in text or "”" in text or '"' in text or "'" in text:
        text = _QUOTE_MARKS.sub("", text)
    if "：" in text or ":" in text:
        text = _LABEL_BEFORE_COLON.sub("", text)
    return _without_noise(text.strip())


def _without_noise(text: str) -> str:
    """A name without the words that open a clause before its subject (_LEADING_NOISE: 其中, 同时, 已 …)."""
    return _LEADING_NOISE.sub("", text) if text[:1] in _NOISE_STARTS else text


_TOPIC = lazy(r"(?:^|[，,：:])(?:从[^，,]{1,8}来看[，,])?(?P<topic>[A-Za-z\u4e00-\u9fff]{1,12}?)(?:同比|环比)?"
                    r"(?:涨幅|增速|增幅|降幅)")


def _topic(head: str) -> str:
    """The subject an earlier clause of the sentence gives a rate that names none: "CPI涨幅总体平稳，同比上涨2.3%"."""
    topics = [_tidy(m.group("topic")) for m in _TOPIC.finditer(head)]
    return next((t for t in reversed(topics) if t), "")


_BARE = lazy(r"(?:种群)?(?:数量|总数|规模|总量)|种群")  # an attribute that names no owner
_LIVING = lazy("[只头匹尾株棵]")  # the classifiers _COUNTED counts with
# from the first digit of its run, as _FRACTION (_AFTER_NUMERALS)
_COUNTED = lazy(r"(?<![0-9一二三四五六七八九十两])[0-9一二三四五六七八九十两]+(?:只|头|匹|尾|株|棵)"
                      r"(?:[^，。；]{0,8}?的)?(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:宝宝|幼崽|们)?(?=正在|在|已|都|也|[，。；“”])")


def _counted(sentence: str) -> str:
    """The thing a sentence counts with a classifier of living things ("3只8个月大的藏羚羊宝宝正在…" → 藏羚羊)."""
    found = _COUNTED.search(sentence) if _LIVING.search(sentence) else None
    return found.group("thing") if found else ""


def _owned(found: list[Indicator], owner: str) -> list[Indicator]:
    """"种群数量增至7万多只" after a sentence about 藏羚羊: the figure keeps its subject (藏羚羊种群数量)."""
    if not owner:
        return found
    return [replace(i, name=owner + i.name) if _BARE.fullmatch(i.name) else i for i in found]


def _tidy(name: str) -> str:
    """A name as a row shows it: no period words (the period is its own field), never ending on 的."""
    while True:
        tidied = _INNER_PERIOD.sub("", name) if "年" in name else name  # 每年, 全年, 今年, 去年
        if "年" in tidied or "月" in tidied or "季" in tidied or "目前" in tidied or "当前" in tidied:
            tidied = _PERIOD_WORDS.sub("", tidied)  # every period word holds one of them
        tidied = _without_noise(tidied).strip("的")
        if tidied[:1] in _COMPARED_BY and _COMPARISON_ONLY.fullmatch(tidied):
            tidied = ""
        elif _ends_with(tidied, _BASES_END):
            tidied = _COMPARED_WITH.sub("", tidied)
        if tidied == name:
            return name
        name = tidied


def _split_region(subject: str) -> tuple[str, str]:
    subject = _without_noise(subject)
    found = _REGION.match(subject)
    if found and len(subject) > len(found.group(0)) + 1:
        rest = _without_noise(subject[found.end():])
        return rest, found.group("region")
    return subject, ""


def _indicator(match: re.Match, original: str, name: str, region: str, period: str, period_text: str, kind: str,
               measure: str, where: tuple[str, int], paragraph: int, document: Document,
               status: str = "actual") -> Indicator:
    num, (start, end) = match.group("num"), match.span("num")
    value = original[start:end]
    unit = (match.group("scale") or "") + original[match.start("unit"):match.end("unit")]
    # a range in the source is one in its half-width copy: _RANGE's marks and neighbours are the same in either
    if _RANGE.search(num):  # "2%—3%", "1100万—1200万人": the range once, in the unit written after it
        value = _RANGE_SCALE.sub("", value)
        num = _RANGE.split(num)[0]
    number = parse_number(num.rstrip("%％万亿")) or 0.0
    factor, base_unit = scale_of(unit) or (1.0, unit)
    qualifier = (match.group("before") or "") + (match.group("mid") or "") + (match.group("after") or "")
    return Indicator(
        name=name, period=period, value=value, unit=unit, number=number,
        normalized_value=number * factor, normalized_unit=base_unit, qualifier=qualifier,
        kind=kind, status=status, measure=measure, period_text=period_text, region=region,
        quote=quote(where[0], where[1] + start, where[1] + end), paragraph=paragraph, source_id=document.source_id,
    )


# --- Reconciling a figure with a table's ---------------------------------------------------------

# What each qualifier lets the figure be, beside what its rounding does (reconcile.bounds).
BOUNDS = {**dict.fromkeys(("超过", "突破", "逾", "多达", "超", "以上"), "above"),
          **dict.fromkeys(("不到", "不足", "以内", "以下"), "below"),
          **dict.fromkeys(("近", "约", "接近", "左右"), "about"),
          **dict.fromkeys(("多", "余"), "plus")}
# One indicator under its names, the canonical first. 地区生产总值 is a region's, not the country's: kept apart.
SYNONYMS = (("国内生产总值", "GDP", "国内生产总值（GDP）"),
            ("居民消费价格指数", "CPI", "居民消费价格指数（CPI）"),
            ("工业生产者出厂价格指数", "PPI", "工业生产者出厂价格指数（PPI）"))


_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|"
              "贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
# A region a table's indicator name may open with: the country, the four regions, a province (by its name, with
# or without 省/市/自治区). Narrower than the text's _REGION: a table's names are short, and 农村社区… is no region.
_NAMED_REGION = lazy(r"^(?P<region>全国|西部地区|东部地区|中部地区|东北地区|(?:" + _PROVINCES +
                           r")(?:省|市|(?:壮族|回族|维吾尔|)自治区)?)(?P<rest>[\u4e00-\u9fff].+)$")


_REGIONS_OF_THE_COUNTRY = ("西部地区", "东部地区", "中部地区", "东北地区")


def split_region(name: str, region: str = "") -> tuple[str, str]:
    """An indicator's name and region as a reader reads them: a region opening the name is taken off and made
    the region (全国太阳能发电装机容量 → 太阳能发电装机容量, 全国), when the figure names no other; and 地区生产总值,
    a region's gross product, keeps its 地区 (西部地区生产总值 is 西部地区's 地区生产总值, 东北三省地区生产总值
    东北三省's), however the text split it."""
    found = _NAMED_REGION.match(name)
    if found and (not region or region == found.group("region")):
        name, region = found.group("rest"), found.group("region")
    if name.startswith("生产总值") and region.endswith("地区"):
        name = "地区" + name
        region = region if region in _REGIONS_OF_THE_COUNTRY or len(region) <= 2 else region[:-2]
    return name, region
