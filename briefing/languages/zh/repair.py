"""Repairing Chinese sources: when a paragraph is cut, page furniture and noise lines, dates and bylines as written.

Each pattern here is a regex of alternatives; ingest/repair.py joins those of every
pack, so that a line of either language is recognised in a document of either.
"""

from __future__ import annotations

from briefing.patterns import lazy

# Lines that are no text: editors and sources, share and download prompts, "（完）".
NOISE_LINES = (r"^(?:责任编辑|编辑|校对|审核|监制|记者|来源|原标题)[：:].{0,40}$"
               r"|^(?:扫码|长按|点击).{0,40}$|^.{0,20}(?:关注|下载).{0,10}(?:公众号|客户端|APP|App).{0,20}$"
               r"|^[【\[](?:责任编辑|编辑|来源|纠错|打印|关闭|分享|相关阅读|延伸阅读)[^】\]]{0,30}[】\]]$"
               r"|^[（(]完[）)]$")
PAGE_LINES = r"第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"  # "第2页", "第2页/共5页"
LINK_BOXES = r"相关阅读|延伸阅读|推荐阅读|相关新闻|相关报道"  # the head of a box of links to other stories
ITEM_STARTS = r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[，,、]"
LIST_ITEMS = r"\d{1,2}[、）]|（[一二三四五六七八九十]+）"  # "1、", "1）", "（一）" before a list's lines
DATES = (lazy(r"(20\d\d|19\d\d)年(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日"),)
# A dateline or byline left in a page: "2024年05月06日 09:30 来源：示例新闻网", "发布时间：2024-05-06 来源：…".
BYLINES = (lazy(r"^(?:(?:发布时间|时间|日期)[：:]\s*)?((?:19|20)\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})日?"
                      r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:来源|作者|编辑|责任编辑|字号|浏览次数|点击)[：:]\s*\S{0,24}\s*)+$"),)

_OPENING = r"^[^，。；：:]{0,30}?"  # what may stand before a dateline: the agency and the place ("新华社北京")
_CREDIT = r"(?:\s*[（(][^）)]{0,40}[）)])?"  # the reporters after it: "（记者 某某、某某）"
# A dateline ("新华社北京3月5日电", "本报讯"), a date line ("发布日期：2024年3月5日"), a numbered heading ("二、重点任务").
STANDALONE = (_OPENING + r"\d{1,2}月\d{1,2}日(?:电|讯)" + _CREDIT + r"$"
              r"|^[^，。；]{0,12}(?:本报讯|消息)" + _CREDIT + r"[：:]?$"
              r"|^(?:发布日期|发布时间|印发日期|成文日期|发文日期|日期)\s*[：:]\s*\S.{0,40}$"
              r"|^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]{1,3}[章节部分篇])[^。；！？]{1,28}$")
# The date a dateline gives, its year when it writes one: "新华社北京3月5日电", "本报讯 5月6日，…", and a news
# lead's opening clause ("某某网消息：某会议4月25日召开").
DATELINES = (lazy(_OPENING + r"(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>1[0-2]|0?[1-9])月"
                        r"(?P<day>[12]\d|3[01]|0?[1-9])日(?:电|讯)"),
             lazy(r"^[^，。；：:]{0,20}(?:消息|讯)" + _CREDIT + r"\s*[：:]?\s*[^，。；]{0,30}?"
                        r"(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>1[0-2]|0?[1-9])月(?P<day>[12]\d|3[01]|0?[1-9])日"),
             lazy(r"^(?:发布日期|发布时间|印发日期|成文日期|发文日期|日期)\s*[：:]\s*(?P<year>(?:19|20)\d\d)[-/.年]"
                        r"(?P<month>1[0-2]|0?[1-9])[-/.月](?P<day>[12]\d|3[01]|0?[1-9])"))
# A year the text names with a part of it, which a dateline without a year belongs to ("到2027年" names none).
DATED_YEARS = lazy(r"(?<![到至])((?:19|20)\d\d)年(?:(?:1[0-2]|0?[1-9]|[一二三四五六七八九十]{1,2})(?:[—-]\d{1,2})?月"
                         r"|上半年|下半年|前三季度|[一二三四1-4]季度|以来)")


def month_number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def is_cut(text: str) -> bool:
    """A Chinese paragraph that ends no sentence is cut when it runs on: it has a clause mark, or it is long."""
    return any(mark in text for mark in "，、；。：") or len(text) > 60


def continues(previous: str, text: str) -> bool:
    """A cut Chinese sentence carries on in whatever block follows it (one that opens a list item aside)."""
    return True
