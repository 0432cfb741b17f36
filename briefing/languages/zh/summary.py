"""What a Chinese summary takes, and how: the news lead condensed, sentences attributed, fillers left out.

- The lead (新华社北京4月23日电 中共中央总书记、国家主席……习近平23日下午在重庆主持召开……): the dateline and its
  credit dropped, the month it gave kept with the day ("4月23日下午"), of a list of posts only the first.
- A sentence whose subject was dropped: one that opens with a modal ("要……", "必须……") is said by the paragraph's
  speaker ("习近平强调，要……"), one that opens with a verb of saying gets the speaker before it; a bare task
  ("强化……", a supporting action) or a clause ("并……", "还要……") is not used.
- In a speaker's paragraph, after the speaker's lead, only what a subject must do is used ("会议强调，各部门要……");
  the rest of the speech is a directive's detail.
- A sentence that leans on the one before ("从环比看，", "此外，", "同时要看到", "这一……") is not used.
- Fillers: notes on method (口径, 四舍五入, 按现价计算) with no figure of their own, notes, sources and editors' lines,
  who attended (列席, 应出席代表2977人).
"""

from __future__ import annotations

import re

from briefing.languages.common import CLOSERS
from briefing.languages.zh.directives import PRONOUNS, VERBS, _TASK_VERBS
from briefing.patterns import lazy

# The dateline and the reporters' credit: "新华社北京4月23日电（记者 某某）", "本报海州7月16日电", "本报讯（记者 某某）".
_DATELINE = lazy(r"^[^，。；：:“”]{0,16}?(?:(?P<month>1[0-2]|0?[1-9])月(?P<day>[12]\d|3[01]|0?[1-9])日(?:电|讯)|本报讯|"
                       r"讯(?=\s*[（(：:\s])|消息(?=\s*[（(：:]))(?:\s*[（(][^）)]{0,40}[）)])?\s*[：:]?\s*")
# A day without its month, as a lead writes it after a dateline: "23日下午".
_BARE_DAY = lazy(r"(?<![月\d０-９])(?P<day>[12]\d|3[01]|0?[1-9])日(?![电讯])")
_POST = (r"(?:总书记|主席|副主席|总理|副总理|书记|副书记|省长|副省长|市长|县长|区长|部长|主任|委员长|秘书长|发言人|司长|局长|"
         r"厅长|院长|第一书记|委员|常委|政委|司令员)")
_ENDS_IN_POST = lazy(_POST + r"$")
_POST_AND_NAME = lazy(r"^[^，。；：“”]{1,20}?" + _POST + r"(?=[\u4e00-\u9fff]{2,4})")

# Opens with its subject dropped.
_MODAL_OPENING = lazy(r"^(?:要(?![求素点闻害件])|必须|务必|应当|应该|需要|一定要)")
_SAYING_OPENING = lazy(r"^(?:" + VERBS + r")[，,：:]")
_TASK_OPENING = lazy(r"^(?:" + _TASK_VERBS + r"|深化|优化|打造|建立|健全|构建|培育|发展|实施|开展|促进|支持|鼓励|引导|"
                           r"创新|建设|保障|维护|防范|严格|坚决|积极|主动|不断|努力|更加|把|以|让|使|围绕|聚焦|加大|继续|创设|设立|适时|及时|"
                           r"尽快|抓紧|加紧|扩大|稳定|用好|兜牢|守牢|筑牢|守住|发挥|增强|激发|保持|坚定|立足|着眼|依法|规范|"
                           r"探索|推广|组织|制定|出台|落实落细|做强|做优|做大|畅通|打好|打赢|防止|化解|解决|保护|提高|降低|"
                           r"减少|增加|形成|同国际社会)")
# A short subject that must do something, in a speaker's paragraph: "民族地区要……", "各级党委要……".
_SUBJECT_MODAL = lazy(r"^(?:(?![是有在为])[\u4e00-\u9fff、]){1,12}?(?<![主重需只不想])(?:要(?![求素点闻害件地])|必须|务必|应当)")
# Leans on the sentence before it: a point of view taken up, a connective, a pronoun, a clause with no subject.
_LEANS = lazy(r"^(?:(?:从|分|就)[^，。；]{1,8}(?:看|来看|而言|来说)|主要(?:是|由于|受|因为)|此外|另外|另一方面|与此同时|同时|其中|对此|为此|因此|所以|"
                    r"但是?|不过|然而|而且?|并且?|还|也|又|则|即|同样|总之|总的来看|相比之下|反之|其次|再次|最后|此前|随后|"
                    r"这|此|该|上述|以上|前者|后者|其|" + "|".join(PRONOUNS) + r")")
# An introduction to a list that follows: "重点抓好以下几个方面工作。"
_ANNOUNCES = lazy(r"(?:以下|如下)[^，。；：]{0,10}[。：:]?$")
# Who says it: "习近平强调，", "他指出，", "李强在讲话中表示，", "会议要求，".
_SAID = lazy(r"^(?!要|必须|务必|应当|需要|同时|此外|从|在|对|把|以)(?P<who>[\u4e00-\u9fff]{1,20}?)(?:在[^，。；“”]{1,16}?[中时上后])?"
                   r"(?:最后|还|并|又|进一步|同时|也|再次|特别|随后|接着)*(?P<verb>" + VERBS + r")[，,：:]")

# Who attended, a count of delegates: the furniture of a meeting's report.
_ATTENDANCE = lazy(r"列席|应出席|实到|缺席|出席[^，。]{0,6}(?:代表|委员)[0-9０-９]+")
_NOTE = lazy(r"^[（(]?\s*(?:注|附注|备注|说明|数据来源|资料来源|来源|责任编辑|编辑|校对|审核|监制|记者|通讯员|原标题|图|摄影?)"
                   r"\s*[0-9０-９]*\s*[：:]")
_METHOD = lazy(r"口径|四舍五入|初步统计|初步核算数|可比价格|不变价格|现价计算|统计范围|调查范围|季节调整|统计标准|划分标准|"
                     r"计算方法|测算方法|以上数据|本公报|本报告所|数据来源|资料来源")
_FIGURE = lazy(r"[0-9０-９][0-9０-９.,．]*\s*(?:%|％|个百分点|万|亿|元|吨|人|个|家|项|倍|千|公里|千瓦)")
_CLOSING_LINE = lazy(r"^[（(][^）)]{0,30}[）)]$")  # "（完）", "（责任编辑：某某）"


def lead(sentence: str, date: str | None) -> str:
    """The news lead as a summary opens with it: no dateline, the month with its day, one post before the name."""
    dateline = _DATELINE.match(sentence)
    text = sentence[dateline.end():] if dateline else sentence
    day = _BARE_DAY.search(text)
    month = _month(dateline, date, int(day.group("day"))) if day else 0
    if month:
        text = text[:day.start()] + f"{month}月" + text[day.start():]
    return _first_post(text)


def _first_post(text: str) -> str:
    """Of a list of posts before a name only the first: "中共中央总书记、国家主席、中央军委主席习近平……" →
    "中共中央总书记习近平……"."""
    head = re.split(r"[，。；：]", text, maxsplit=1)[0]
    *posts, last = head.split("、")
    named = _POST_AND_NAME.match(last)
    if not posts or not named or not all(_ENDS_IN_POST.search(post) for post in posts):
        return text
    return posts[0] + text[len(head) - len(last) + named.end():]


def _month(dateline: re.Match | None, date: str | None, day: int) -> int:
    """The month of a lead's bare day: the dateline's, else the document's when the day is not after its own."""
    if dateline and dateline.group("month"):
        return int(dateline.group("month"))
    if date and len(date) >= 10 and date[4] == "-" and day <= int(date[8:10]):
        return int(date[5:7])
    return 0


def _incomplete(sentence: str) -> bool:
    """A question (a reporter's, a rhetorical one: a summary states), an introduction to a list (it ends in a
    colon), or a piece of a quotation (its marks unbalanced)."""
    end = sentence.rstrip(CLOSERS + " ")
    return (end.endswith(("?", "？", ":", "：")) or sentence.count("“") != sentence.count("”")
            or sentence.count('"') % 2 == 1)


def attribute(sentence: str, speaker: str, verb: str) -> str | None:
    """The sentence as it reads on its own: said by the paragraph's speaker when its subject was dropped, None
    when it has none to be given, leans on the sentence before it or is incomplete."""
    if _incomplete(sentence):
        return None
    if _SAYING_OPENING.match(sentence):
        return speaker + sentence if speaker else None
    if _MODAL_OPENING.match(sentence):
        return f"{speaker}{verb}，{sentence}" if speaker else None
    if _TASK_OPENING.match(sentence) or _LEANS.match(sentence) or _ANNOUNCES.search(sentence):
        return None
    if not speaker or _SAID.match(sentence):
        return sentence
    # In a speaker's words: a subject that must do something is theirs to say; the rest of the speech (a premise,
    # a supporting action) is the detail of a directive, and its subject is not sure.
    return f"{speaker}{verb}，{sentence}" if _SUBJECT_MODAL.match(sentence) else None


def said(sentence: str) -> tuple[str, str] | None:
    """Who a sentence says is speaking, and the verb: ("习近平", "强调"); a pronoun as written ("他")."""
    found = _SAID.match(sentence)
    return (found.group("who"), found.group("verb")) if found else None


def filler(sentence: str) -> bool:
    """A note of method with no figure of its own, a note, a source or an editor's line: nothing a reader needs."""
    text = sentence.strip()
    return bool(_NOTE.match(text) or _CLOSING_LINE.match(text) or _ATTENDANCE.search(text)
                or (_METHOD.search(text) and not _FIGURE.search(text)))
