"""A summary a reader can use: the lead first, every sentence attributed and readable on its own, no filler,
no repeat of a listed directive; the executive's key points are the same sentences, fewer, most important first.

The documents are written for these tests, each in the structure of a genre: a news agency's meeting report,
a statistics release full of notes on method and clauses that lean on the sentence before, and an English
ministerial statement.
"""

from __future__ import annotations

import re

from briefing.analyse import analyse
from briefing.analyse.summary import fill
from briefing.ingest.repair import parse_text
from briefing.languages import width

MEETING = (
    "王明主持召开全省沿海开放座谈会强调 以更大力度推进沿海开放\n\n"
    "新华社海州9月7日电 中共示例省委书记、省人大常委会主任、省军区党委第一书记王明7日上午在海州主持召开全省沿海开放"
    "座谈会并发表重要讲话。他强调，沿海地区在全省开放大局中地位突出。要牢牢把握沿海开放的重要使命，推动开放型经济迈上新台阶。\n\n"
    "省委副书记、省长李华，省委副书记赵东出席座谈会。\n\n"
    "座谈会上，海州市、临港市、滨江市主要负责同志先后发言，就推进沿海开放汇报工作情况。\n\n"
    "王明指出，近年来全省沿海地区港口吞吐能力稳步提升，外贸规模持续扩大，开放平台建设取得积极进展。"
    "要坚持把港口建设摆在突出位置，加快建设现代化港口群。加强港口集疏运体系建设，提升多式联运水平。\n\n"
    "王明强调，要坚持以制度型开放为重点，打造市场化法治化国际化营商环境。从长远看，沿海地区的出路在于深化改革。"
    "同时要看到，沿海开放仍面临不少困难和挑战。\n\n"
    "王明强调，要坚持统筹发展和安全，守牢开放安全底线。\n\n"
    "李华在讲话中表示，要认真学习贯彻王明书记讲话精神，一项一项抓好落实，推动沿海开放不断取得新成效。\n"
)

RELEASE = (
    "示例省统计局发布上半年全省经济运行情况\n\n"
    "本报海州7月16日电（记者 张三 李四）示例省统计局16日发布数据，上半年全省地区生产总值达到2.6万亿元，同比增长5.4%，"
    "经济运行稳中有进。\n\n"
    "从环比看，二季度全省地区生产总值增长1.2%，比一季度加快0.2个百分点。此外，规模以上工业增加值同比增长6.0%，"
    "装备制造业增加值增长8.3%。\n\n"
    "统计口径与上年保持一致。部分数据因四舍五入，存在分项与合计不等的情况。\n\n"
    "上半年，全省社会消费品零售总额达到1.1万亿元，同比增长4.1%，其中网上零售额增长9.6%，消费市场持续恢复。\n\n"
    "分行业看，批发业增长3.9%，零售业增长4.3%，住宿业增长7.0%，餐饮业增长6.2%。\n\n"
    "注：地区生产总值和工业增加值增速按不变价格计算，其余按现价计算。\n\n"
    "（责任编辑：王五）\n"
)

STATEMENT = (
    "Minister sets out ten-year plan for the nation's ports\n\n"
    "LISBON, March 3 (Reuters) - Portugal's Minister of Infrastructure, Ana Costa, announced on Monday in Lisbon "
    "a plan of 2 billion euros to modernise the country's five largest ports over the next ten years.\n\n"
    "The plan will double container capacity at the port of Sines by 2030 and electrify the quays of Leixoes "
    "and Setubal. This is the largest investment in the ports in the country's history, the ministry said. "
    "However, the dockers' union warned that the timetable for the works left too little room for training.\n\n"
    "Costa said that the government must put the ports at the heart of the country's trade with the Atlantic. "
    "She added that private operators would be invited to bid for the new terminals before the end of the year.\n\n"
    "Note: figures in this statement are not adjusted for inflation and may not add up due to rounding.\n\n"
    "Editing by John Smith and Maria Silva\n"
)

# What leans on a sentence before it, or was left without its subject: the openings no summary sentence may have.
LEANS_ZH = re.compile(r"^(?:要|强调|指出|表示|从[^，]{1,6}看|分[^，]{1,4}看|此外|同时|另一方面|其中|这)")
LEANS_EN = re.compile(r"^(?:This|These|It|Its|However|Also|In addition|Meanwhile|She|He)\b")


def _analysis(*texts: tuple[str, str, str]):
    documents = tuple(parse_text(text, language, name) for text, language, name in texts)
    return analyse(documents)


def test_the_lead_of_a_meeting_report_comes_first_condensed_with_its_subject():
    analysis = _analysis((MEETING, "zh", "meeting.txt"))
    summary = fill(analysis.summary, 300)
    lead = summary[0]
    assert lead.startswith("中共示例省委书记王明9月7日上午在海州主持召开全省沿海开放座谈会")  # who, when, where, what
    assert "新华社" not in lead and "省人大常委会主任" not in lead  # the dateline and the later posts dropped
    assert lead.endswith("并发表重要讲话。")


def test_meeting_summary_sentences_are_attributed_and_repeat_no_directive():
    analysis = _analysis((MEETING, "zh", "meeting.txt"))
    summary = fill(analysis.summary, 300)
    assert summary and sum(width(s) for s in summary) <= 300
    for sentence in summary:
        assert not LEANS_ZH.match(sentence), sentence
        assert "从长远看" not in sentence and "同时要看到" not in sentence
    texts = [d.text for d in analysis.directives]
    assert texts  # the meeting has headline directives, shown below the summary
    assert not [s for s in summary for t in texts if t in s]
    # the sentence after "他强调，" whose subject was dropped is said by its speaker, not by nobody
    assert "王明强调，要牢牢把握沿海开放的重要使命，推动开放型经济迈上新台阶。" in summary


def test_a_set_of_sources_gives_each_its_own_lead_and_no_filler():
    analysis = _analysis((MEETING, "zh", "meeting.txt"), (RELEASE, "zh", "release.txt"))
    summary = fill(analysis.summary, 400)
    assert summary[0].startswith("中共示例省委书记王明9月7日上午")
    assert summary[1] == ("示例省统计局7月16日发布数据，上半年全省地区生产总值达到2.6万亿元，同比增长5.4%，"
                          "经济运行稳中有进。")
    for sentence in summary:
        assert not LEANS_ZH.match(sentence), sentence
        assert not re.search(r"口径|四舍五入|注：|责任编辑|记者", sentence), sentence
    assert any("社会消费品零售总额" in s for s in summary)  # a sentence with its own subject is used


def test_an_english_statement_leads_with_who_what_where_when_and_keeps_no_filler():
    analysis = _analysis((STATEMENT, "en", "statement.txt"))
    summary = fill(analysis.summary, 80)
    assert summary[0].startswith("Portugal's Minister of Infrastructure, Ana Costa, announced on Monday in Lisbon")
    assert sum(width(s) for s in summary) <= 80
    for sentence in summary:
        assert not LEANS_EN.match(sentence), sentence
        assert not re.search(r"Reuters|Note:|Editing by|rounding", sentence), sentence


def test_the_executive_key_points_are_the_same_sentences_fewer_most_important_first():
    analysis = _analysis((MEETING, "zh", "meeting.txt"), (RELEASE, "zh", "release.txt"))
    full = fill(analysis.summary, 400)
    points = fill(analysis.summary, 150)
    assert 0 < len(points) < len(full) and sum(width(s) for s in points) <= 150
    assert set(points) <= set(full)
    assert points[0] == full[0]  # the lead first
    ranked = {c.text: c.score for c in analysis.summary}
    rest = [ranked[s] for s in points if not s.startswith(("中共示例", "示例省统计局7月16日"))]
    assert rest == sorted(rest, reverse=True)  # after the leads, the most important first
