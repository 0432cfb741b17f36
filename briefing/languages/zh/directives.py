"""Chinese statements of what must be done: leads, numbered tasks, task lists and quotes.

- A lead: a speaker, a verb of saying, then a sentence of obligation
  ("习近平强调，要坚持……。", "会议要求，要……。").
- Numbered tasks after a lead: "一是……；二是……。" inline, or paragraphs that open
  "一是" / "（一）" / "第一，" / "首先，"; each item's first sentence is the directive.
- A task list after a colon, items separated by semicolons ("做好以下工作：A；B；C。").
- A quote in narration ("……考察时，习近平强调，要……。", "习近平指出：“要……。”").

A list under an introduction that looks back ("过去一年……一是……二是……", "会议认为")
reports results, not tasks, and gives no directive. Nor does a list of principles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefing.languages.common import QUOTES_OPEN, Statement, unquote
from briefing.model import Paragraph
from briefing.languages.zh.text import sentences
from briefing.patterns import lazy

PRONOUNS = ("他", "她")
VERBS = "强调|指出|表示|要求|提出|希望|号召|部署|认为|明确|提到|叮嘱|嘱咐|嘱托|决定|说"
# 要 as a modal, not a word that begins with it (要求, 要素, 要点, 要闻, 要害, 要件); "要看到…" opens a premise.
_NOT_MODAL = r"[求素点闻害件]"
_MUST = r"要(?!" + _NOT_MODAL + r")"
_SEEING = r"看到|清醒|认识|看清"
# An obligation word, 要 not ending a word of its own (主要, 重要, 需要, 只要, 不要).
_MODAL_WORD = lazy(r"(?<![主重需只不])" + _MUST + r"|必须|务必|应当")
# The verbs a task opens with when it is the object of 要求/嘱托 ("要求加强……", "号召全面推进……").
_TASK_VERBS = "加强|加快|推进|推动|做好|抓好|坚持|确保|全面|深入|持续|进一步|切实|着力|大力|统筹|扎实|巩固|落实|强化|完善|提高|提升"
# No look-ahead for the verb before the speaker: unbounded, it read to the paragraph's end from every mark, so a
# paragraph of half-width commas took time in the square of its length (tests/analyse/test_lead_scan.py).
_LEAD = lazy(
    r"(?:^|(?<=[。！？；，：,:;!?”\s]))"
    r"(?P<who>[\u4e00-\u9fff]{1,16}?)"
    r"(?P<mod>(?:在[^，。：；“”]{0,20}?[中时上里后])?(?:最后|还|并|又|进一步|同时|也|随后|接着|首先|特别|再次|专门|深刻|明确|曾)*)"
    r"(?P<verb>" + VERBS + r")"
    # what is announced, then the list: "提出了几项重点：", "部署了今年的重点任务：", "提出以下要求："
    r"(?:了?(?:[^，。；：“”]{0,12}?(?:重点任务|重点工作|重点|任务|要求|举措|建议|意见))(?=[：:]))?"
    # "他指出要……": the instruction at once; "嘱托大家要……", "要求各地要……": whom it is for, then the instruction
    r"(?:(?<=嘱托|叮嘱|嘱咐|勉励|希望|要求)[\u4e00-\u9fff、]{1,10}?(?=" + _MUST + r"))?"
    r"(?P<punct>[，,：:]\s*[“\"]?|[“\"]|(?=" + _MUST + r")"
    # "他要求加强维护……": a verb that asks for a thing takes the task as its object, with nothing between
    r"|(?<=要求|嘱托|叮嘱|嘱咐|号召)(?=(?:" + _TASK_VERBS + r")))"
)
# A verb of saying with its subject left out after a comma: "总书记……作出重要部署，强调要……" is the subject of the
# sentence speaking again, read like "他强调".
# (Not 叮嘱/嘱托: "……察看，叮嘱随行的负责同志要……" is an aside of a tour, told in passing, not its headline.)
_SAYING = lazy(VERBS)
_ELIDED = lazy(r"(?<=[，,])(?P<verb>强调|要求)(?=" + _MUST + r")")
_QUOTE_FIRST = lazy(
    r"“(?P<quote>[^“”]{6,400}?)”[，,]?\s*"
    r"(?P<who>[\u4e00-\u9fff]{1,12}?)(?:总书记|同志)?(?:在[^，。“”]{1,12}?[上中时])?(?:又|还|再次|一再)?(?P<verb>" + VERBS +
    r")(?=[。，,：:！\u4e00-\u9fff])"
)
_TITLES = lazy(r"^.*(?:总书记|国家主席|主席|副总理|总理|书记|省长|市长|县长|区长|州长|部长|主任|委员长|同志|院长|厅长|局长|"
                     r"发言人|统计师|分析师|研究员|经济学家|教授|专家|司长|处长|总经理|董事长|负责人)")
_SUFFIXES = lazy(r"(?:总书记|主席|总理|同志|书记|省长|市长|县长|部长|主任)+$")
_BODY = lazy(r"^(?:国务院|中央|政治局|省委|市委|县委|区委|州委|党组|常委会?|常务|全体|扩大|专题|工作|政府|理论学习中心组)*"
                   r"(?P<body>会议|全会|大会|座谈会|会上)$")
_BODY_NAMES = {"会议": "会议", "全会": "全会", "大会": "大会", "座谈会": "会议", "会上": "会议"}
_PAPERS = {"通知", "报告", "公报", "意见", "决定", "纲要", "方案", "规划", "决议"}  # a document that speaks: "通知要求"
_NOT_NAME = set("的了是要和与在对把被将都还也就而及其这那各有为从以等们来到中上下个之所如")
_ENUM = (r"(?:[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，,、]"
         r"|首先[，,]|其次[，,]|再次[，,]|[0-9０-９]{1,2}[、．.](?![0-9０-９]))")
_ENUM_AT = lazy(r"(?:^|(?<=[。；;：:！？]))\s*(?P<enum>" + _ENUM + r")")
_ENUM_START = lazy(r"^\s*(?P<enum>" + _ENUM + r")\s*")
# "最后，" closes a 首先/其次 list; on its own it is no enumerator.
_LAST_AT = lazy(r"(?:^|(?<=[。；;！？]))\s*(?P<enum>最后[，,])")
_LAST_START = lazy(r"^\s*(?P<enum>最后[，,])\s*")
_ORDINALS = ("首先", "其次", "再次")
_MODAL = lazy(
    r"^(?:[^，。；]{0,12}?[，,]|(?:今年|明年|下半年|下一步|当前和今后一个时期|[0-9０-９]{4}年)[，,]?)?"
    r"(?:要|必须|务必|应当|应该|需要|坚持|切实|着力|加快|大力|全面|深入|推动|以(?![来上下后前内外])|持续|进一步|抓好|做好|加强|统筹|扎实"
    r"|(?:各级|全省|全市|全县|广大|领导|党员)(?:(?!党委|党组|政府|部门|单位|机关|小组)[^，。；是有在为]){0,8}?"
    r"(?:" + _MODAL_WORD.pattern + r"))"
)
# A short subject and then what it must do: "湖南要…", "各部门、各单位要…", "全省港航系统要…" (not "X是…要地",
# nor "同时要看到…", which is a premise).
_SUBJECT_MODAL = lazy(r"^(?:(?![是有在为])[\u4e00-\u9fff、]){1,12}?(?<![主重需只不想])"
                            r"(?:要(?!" + _NOT_MODAL + r"|地|" + _SEEING + r")|必须|务必|应当)")
# A summary sentence that opens "他指出，" names the speaker instead.
OPENING_PRONOUN = lazy(r"^(?:" + "|".join(PRONOUNS) + r")(?=[\u4e00-\u9fff]{0,6}(?:强调|指出|表示|要求|说|提出))")
# People a later "他" can point back to: a name after a title ("新闻发言人孔令舟", "国务院总理李强").
PERSON = lazy(r"(?:发言人|统计师|分析师|研究员|经济学家|教授|司长|局长|主任|书记|省长|市长|县长|区长|部长|总理|主席|委员长|负责人|总经理|董事长|处长|"
                    r"秘书长|院长|厅长|主任委员|总书记)([\u4e00-\u9fff]{2,3}?)(?=[，。、（(：:；]|在|说|表示|指出|强调|介绍|主持|出席|"
                    r"回答|作|代表|来到|考察|调研|$)")


# A name before the titles that follow one, at the start of a clause: "。习近平总书记来到…", "：李明同志说".
PERSON_BEFORE = lazy(r"(?:^|(?<=[。！？；，：,:;!?”\s（(]))([\u4e00-\u9fff]{2,3})(?=总书记|同志)")
# Words of time or sequence that stand where a name would: "总书记近日在…考察", "主任随后说".
_NOT_NAMES = {"近日", "日前", "近期", "今天", "昨天", "当天", "今日", "昨日", "随后", "此前", "此后", "同时", "首先", "最后",
              "还说", "又说", "一行", "介绍", "说明", "透露", "告诉", "回答", "主持", "出席", "坦言", *VERBS.split("|")}


def people(text: str) -> list[str]:
    """The people a text names, after a title ("国务院总理李强") or before one ("习近平总书记"); "总书记对大家说"
    and "总书记近日…" name nobody."""
    names = PERSON.findall(text) + (PERSON_BEFORE.findall(text) if "总书记" in text or "同志" in text else [])
    return [name for name in names if not set(name) & _NOT_NAME and name not in _NOT_NAMES]


_APPRAISAL = lazy(r"(?:具有|有着)(?:十分|非常|极其)?重要(?:意义|作用)|意义重大|至关重要|十分重要|是[^，。]{0,20}的(?:必然要求|重要举措|关键)[。]?$"
                        r"|[，,](?:事关|关系到|关乎)")  # "做好X，事关Y": what a task weighs, not the task
_LOOKS_BACK = lazy(r"过去|去年|上年|一年来|年来|回顾|取得|成效|成绩|做了|完成了|主要工作|工作情况|进展|成就")
_PRINCIPLES = lazy(r"原则")
_ANNOUNCES = lazy(r"(?:以下|如下)[^，。；：]{0,8}[。：:]?\s*$")
_CLOSING = ("最后",)
_DECIDES = ("决定",)  # 会议决定，成立……: the decision is the directive, whatever verb it opens with
_NOT_SAYING = ("认为",)  # 会议认为: an assessment, not an instruction


@dataclass(frozen=True)
class _Lead:
    speaker: str
    verb: str
    start: int
    end: int  # where what was said begins
    closing: bool
    quoted: bool


def statements(paragraphs: tuple[Paragraph, ...]) -> list[Statement]:
    """Every statement of obligation in the Chinese paragraphs, in document order."""
    found: list[Statement] = []
    intro: tuple[_Lead, str] | None = None  # the lead a following numbered paragraph belongs to
    intro_at = -1
    for paragraph in paragraphs:
        enum = _ENUM_START.match(paragraph.text)
        if not enum and found and found[-1].kind == "numbered" and found[-1].paragraph.index == paragraph.index - 1:
            enum = _LAST_START.match(paragraph.text) if _ordinals_opened(paragraphs, paragraph.index) else None
        if enum and intro and not _is_heading(paragraph.text):
            items = _numbered_paragraph(paragraph, enum, *intro)
            if items and found and found[-1].paragraph.index == intro_at and found[-1].kind == "lead":
                found.pop()  # the lead that announced the list frames it; the items are the directives
            found.extend(items)
            intro_at = -1
            continue
        intro = None
        found.extend(_quotes_first(paragraph))
        found_leads = leads(paragraph.text)
        last: tuple[_Lead, bool] | None = None  # the paragraph's last lead, and whether it may open a list
        for lead, following in zip(found_leads, found_leads[1:] + [None]):
            if lead.verb in _DECIDES and following and following.speaker == lead.speaker:
                continue  # "会议决定，……。会议要求，要……": what must be done to carry the decision out is the directive
            made, may_open_list = _after_lead(paragraph, lead, following.start if following else None)
            found.extend(made)
            last = (lead, may_open_list)
            intro_at = paragraph.index
        if last:  # only the last lead's words can run on into the next paragraph: taken once, not per lead
            intro = (last[0], paragraph.text[last[0].start:]) if last[1] else None
    return found


def _quotes_first(paragraph: Paragraph) -> list[Statement]:
    """A quotation put before its speaker: "“要……。”李强叮嘱在座的干部。"."""
    found = []
    for match in _QUOTE_FIRST.finditer(paragraph.text):
        speaker = clean_speaker(match.group("who"))
        quote = match.group("quote")
        parts = sentences(quote)
        if not speaker or not parts or not _MODAL.match(parts[0]) or _APPRAISAL.search(parts[0]):
            continue
        found.append(Statement(paragraph, speaker, match.group("verb"), parts[0].strip(),
                               tuple(p.strip() for p in parts[1:]), "quote", offset=match.start()))
    return found


def leads(text: str) -> list[_Lead]:
    """The speaker clauses of a paragraph, in order, with their speakers cleaned."""
    found: list[_Lead] = []
    if not _SAYING.search(text):
        return found  # every lead (and every elided one) holds a verb of saying: 40% of paragraphs need no _LEAD
    for match in _LEAD.finditer(text):
        speaker = clean_speaker(match.group("who"))
        if not speaker or (match.group("verb") in _DECIDES and speaker not in _BODY_NAMES.values()):
            continue
        found.append(_Lead(speaker, match.group("verb"), match.start(), match.end(),
                           closing=any(w in match.group("mod") for w in _CLOSING),
                           quoted=any(q in match.group("punct") for q in "“\"")))
    for match in _ELIDED.finditer(text):
        if not any(lead.start <= match.start() < lead.end for lead in found):
            found.append(_Lead(PRONOUNS[0], match.group("verb"), match.start(), match.end(), closing=False,
                               quoted=False))
    return sorted(found, key=lambda lead: lead.start)


def clean_speaker(who: str) -> str:
    """A person's name or a body ("会议") from the words before a verb of saying; "" when neither."""
    if who in PRONOUNS:
        return who
    body = _BODY.match(who)
    if body:
        return _BODY_NAMES[body.group("body")]
    if who in _PAPERS:
        return who
    name = _SUFFIXES.sub("", _TITLES.sub("", who) or who)
    if not 2 <= len(name) <= 4 or set(name) & _NOT_NAME:
        return ""
    return name


def _after_lead(paragraph: Paragraph, lead: _Lead, stop: int | None) -> tuple[list[Statement], bool]:
    """What a lead introduces: inline items, a task list, one sentence, or a list in the next paragraphs.

    What was said runs up to the next lead in the paragraph (`stop`), so each part of
    a paragraph is read once however many leads it has.
    """
    said = _what_was_said(paragraph.text, lead, stop)
    if lead.verb in _NOT_SAYING:
        return [], False
    first = sentences(said)[0] if sentences(said) else said
    items = _inline_items(said)
    if items:
        intro = said[:items[0][0]]
        return [_item(paragraph, lead, body, rest, "numbered", lead.end + at, intro)
                for at, body, rest in items], False
    listed = _task_list(first)
    if listed:
        intro, parts = listed
        return [_item(paragraph, lead, part, "", "list-item", lead.end + first.find(part), intro)
                for part in parts], False
    last = (sentences(said) or [said])[-1]
    looks_ahead = not _LOOKS_BACK.search(last) and not _PRINCIPLES.search(last)
    if first.rstrip().endswith(("：", ":")) or _ANNOUNCES.search(last):
        return [], looks_ahead  # "……要重点抓好以下工作。": the list it announces holds the directives
    first, rest = _instruction(sentences(said) or [said], premise=_may_open_with_a_premise(lead),
                               heading=_heads_its_task(lead), decided=lead.verb in _DECIDES,
                               opens=lead.start == 0 and not lead.quoted)
    if first is None:
        first, rest = _after_a_premise(lead, sentences(said))
    if first is None:
        return [_remark(paragraph, lead, (sentences(said) or [said])[0])], looks_ahead
    kind = "lead" if lead.start == 0 and not lead.quoted else "quote"
    actions = _quoted_rest(said) if kind == "quote" else tuple(s.strip() for s in rest)
    headline = not lead.closing and not _PRINCIPLES.search(first[:20])
    return [Statement(paragraph, lead.speaker, lead.verb, unquote(first), actions, kind, headline,
                      lead.end)], looks_ahead


def _may_open_with_a_premise(lead: _Lead) -> bool:
    """A person's lead that opens its paragraph may state a premise before the instruction. A body's does not:
    "会议指出，今年以来……总体平稳。要……" is the meeting's assessment, and what follows it is no headline (for a
    body that stresses, see `_after_a_premise`)."""
    return lead.start == 0 and not lead.quoted and lead.speaker not in _BODY_NAMES.values()


def _after_a_premise(lead: _Lead, parts: list[str]) -> tuple[str | None, list[str]]:
    """A body that stresses or requires may say what a thing is, then what must be done about it, in a sentence of
    its own obligation: "会议强调，……是千年德政。必须把……". A subject's task after it ("全省各级党组织要以……为
    指导") is the guiding line of a plan, not a task of its own."""
    if lead.start or lead.speaker not in _BODY_NAMES.values() or lead.verb not in ("强调", "要求") or len(parts) < 2:
        return None, []
    premise, then = unquote(parts[0]), unquote(parts[1]).lstrip()
    if "是" not in premise or _MODAL_WORD.search(premise) or not then.startswith(("必须", "务必", "要")):
        return None, []
    return parts[1], parts[2:]



def _heads_its_task(lead: _Lead) -> bool:
    """A body that requires or stresses may name the task in a short heading of its own ("会议要求，全力以赴稳增长。
    要紧盯……"): the heading is the directive, the sentences after it its actions."""
    return lead.start == 0 and lead.speaker in _BODY_NAMES.values() and lead.verb in ("要求", "强调", "部署")


def _is_task_heading(sentence: str) -> bool:
    """A short task with no subject of its own and no looking back: "扩大有效投资。", "守牢安全发展底线。"."""
    text = sentence.strip().rstrip("。；;！")
    return 4 <= len(text) <= 16 and not re.search(r"[，,：:“”]|是|了|取得|已经|成效|成绩|认为", text)


def _instruction(parts: list[str], premise: bool, heading: bool = False, decided: bool = False,
                 opens: bool = False) -> tuple[str | None, list[str]]:
    """The sentence that says what must be done, and the ones after it: the first, or, after a person's lead that
    opens its paragraph, the second when the first is a premise ("科技创新是……的核心要素。要坚持……"); None when
    none says it. A lead that opens its paragraph (`opens`) may frame its instruction inside the sentence ("X基础
    较好，要……"). (In narration, "……时指出，X，要……" tells of a tour: its first sentence's own obligation or nothing.)"""
    if heading and parts and _is_task_heading(parts[0]) and not _LOOKS_BACK.search(parts[0]):
        return parts[0], parts[1:]
    if decided and parts and not _LOOKS_BACK.search(parts[0]):
        return _carried_out(parts)
    for at in range(min(2 if premise else 1, len(parts))):
        text = unquote(parts[at])
        instructs = _MODAL.match(text) or _SUBJECT_MODAL.match(text) or (opens and _after_its_premise(text))
        if instructs and not _APPRAISAL.search(parts[at]):
            return parts[at], parts[at + 1:]
    return None, []


# An obligation that opens a clause after the sentence's premise: "重庆制造业基础较好，……，要着力构建……",
# "形式主义是顽瘴痼疾，必须……", "……的问题，我们既要……又要……". (Not "汛期将至，各部门要……": a body's note of
# the season with a subject's task in it, as closing arrangements are.)
_CLAUSE_MODAL = lazy(r"[，,](?:我们|大家)?既?(?:要(?!" + _NOT_MODAL + r"|" + _SEEING + r")|必须|务必)")


def _after_its_premise(sentence: str) -> bool:
    """Whether the sentence, after a short premise of its own, says in a clause of obligation what must be done. A
    long premise is an assessment ("全县发展仍面临不少困难和挑战，主要是……，……，必须……"); one that looks back or
    praises what was done ("……下了很大功夫，要坚持做下去") makes the sentence an appraisal, and one that states
    principles ("必须把握好以下原则：") introduces them."""
    found = _CLAUSE_MODAL.search(sentence)
    if not found or _PRINCIPLES.search(sentence):
        return False
    premise = sentence[:found.start()]
    short = len(premise) <= _PREMISE_CHARS  # a framing, not an assessment that lists the problems one by one
    return short and not _LOOKS_BACK.search(premise) and not _DONE.search(premise)


_PREMISE_CHARS = 40


_DONE = lazy(r"(?<![为除])了(?!解)")  # "……下了很大功夫，要坚持做下去": praise of what was done, then "keep on"


def _carried_out(parts: list[str]) -> tuple[str, list[str]]:
    """What a body decides, or, when it goes on to say what must be done to carry the decision out ("会议决定，延续
    ……政策。要做好政策宣介……"), that instruction, with the decision before it among its actions."""
    for at, part in enumerate(parts[1:], 1):
        if unquote(part).lstrip().startswith(("要", "必须", "务必")) and _MODAL.match(unquote(part)):
            return part, parts[:at] + parts[at + 1:]
    return parts[0], parts[1:]


def _remark(paragraph: Paragraph, lead: _Lead, first: str) -> Statement:
    """What someone said that is not an instruction: kept as theirs, never a headline."""
    return Statement(paragraph, lead.speaker, lead.verb, unquote(first), (), "lead", headline=False, offset=lead.end)


def _what_was_said(text: str, lead: _Lead, stop: int | None) -> str:
    """The words after a lead, up to `stop`; a quotation ends at its closing mark."""
    said = text[lead.end:stop]
    if lead.quoted:
        close = said.find("”")
        return said[:close + 1] if close >= 0 else said
    return said


def _quoted_rest(said: str) -> tuple[str, ...]:
    """A quote's supporting sentences: only those still inside the quotation marks."""
    if not said.lstrip().startswith(tuple(QUOTES_OPEN)) and "”" not in said:
        return ()
    inside = said.split("”", 1)[0]
    return tuple(unquote(s) for s in sentences(inside)[1:])


def _inline_items(said: str) -> list[tuple[int, str, str]]:
    """Numbered items inside one paragraph: (offset, first sentence, the rest of the item)."""
    hits = list(_ENUM_AT.finditer(said))
    if hits and hits[-1].group("enum").startswith(_ORDINALS):
        hits += [m for m in _LAST_AT.finditer(said, hits[-1].end())][:1]
    if len(hits) < 2 or _kinds(hits) > 1:
        return []
    intro = said[:hits[0].start()]
    if _LOOKS_BACK.search(intro) or _PRINCIPLES.search(intro):
        return []
    items = []
    for hit, following in zip(hits, hits[1:] + [None]):
        body = said[hit.end("enum"):following.start() if following else len(said)]
        first, rest = _first_clause(body)
        items.append((hit.end("enum"), first, rest))
    return items


def _kinds(hits: list[re.Match]) -> int:
    """How many different enumerator styles a list uses (a real list uses one)."""
    def style(enum: str) -> str:
        return re.sub(r"[一二三四五六七八九十0-9]+", "N", unicodedata.normalize("NFKC", enum))[:3]
    return len({style(h.group("enum")) for h in hits if not h.group("enum").startswith(_ORDINALS + ("最后",))} or {"x"})


def _first_clause(body: str) -> tuple[str, str]:
    """An inline item's first sentence ends at its semicolon or full stop."""
    match = re.search(r"[；;。！？]", body)
    if not match:
        return body.strip(), ""
    return body[:match.end()].strip(), body[match.end():].strip()


def _task_list(sentence: str) -> tuple[str, list[str]] | None:
    """"……做好以下工作：A；B；C。" → (intro, [A；, B；, C。]) when the intro looks ahead."""
    colon = max(sentence.find("："), sentence.find(":"))
    if colon < 0:
        return None
    intro, body = sentence[:colon], sentence[colon + 1:]
    parts = [p for p in re.findall(r"[^；;]+[；;]?", body) if p.strip(" ；;。")]
    if len(parts) < 2 or _LOOKS_BACK.search(intro) or _PRINCIPLES.search(intro):
        return None
    if not _MODAL.match(intro) and not re.search(r"(?<![主重需只不])" + _MUST + r"|以下|如下|重点|部署|做好|抓好", intro):
        return None
    if re.search(r"目标是|目标为|预期目标", intro):
        return None  # a list of targets: figures, not instructions
    return intro, [p.strip() for p in parts]


def _item(paragraph: Paragraph, lead: _Lead, body: str, rest: str, kind: str, offset: int,
          intro: str) -> Statement:
    actions = tuple(s.strip() for s in sentences(rest)) if rest else ()
    return Statement(paragraph, lead.speaker, lead.verb, unquote(body), actions, kind,
                     headline=not lead.closing, offset=offset)


def _numbered_paragraph(paragraph: Paragraph, enum: re.Match, lead: _Lead, intro: str) -> list[Statement]:
    if _LOOKS_BACK.search(intro) or _PRINCIPLES.search(intro):
        return []
    body = paragraph.text[enum.end():]
    parts = sentences(body)
    if not parts:
        return []
    first = parts[0].strip()
    actions = tuple(p.strip() for p in parts[1:])
    return [Statement(paragraph, lead.speaker, lead.verb, unquote(first), actions, "numbered",
                      headline=not lead.closing, offset=enum.end())]


def _ordinals_opened(paragraphs: tuple[Paragraph, ...], index: int) -> bool:
    """Whether the paragraphs before this one ran a 首先/其次 list, which "最后，" closes."""
    before = [p for p in paragraphs if p.index < index][-3:]
    return any(p.text.lstrip().startswith(_ORDINALS) for p in before)


def _is_heading(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。；！？]", text)

