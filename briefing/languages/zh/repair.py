"""Repairing Chinese sources: when a paragraph is cut, page furniture and noise lines, dates and bylines as written.

Each pattern here is a regex of alternatives; ingest/repair.py joins those of every
pack, so that a line of either language is recognised in a document of either.
"""

from __future__ import annotations

import re

# Lines that are no text: editors and sources, share and download prompts, "（完）".
NOISE_LINES = (r"^(?:责任编辑|编辑|校对|审核|监制|记者|来源|原标题)[：:].{0,40}$"
               r"|^(?:扫码|长按|点击).{0,40}$|^.{0,20}(?:关注|下载).{0,10}(?:公众号|客户端|APP|App).{0,20}$"
               r"|^[【\[](?:责任编辑|编辑|来源|纠错|打印|关闭|分享|相关阅读|延伸阅读)[^】\]]{0,30}[】\]]$"
               r"|^[（(]完[）)]$")
PAGE_LINES = r"第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"  # "第2页", "第2页/共5页"
LINK_BOXES = r"相关阅读|延伸阅读|推荐阅读|相关新闻|相关报道"  # the head of a box of links to other stories
ITEM_STARTS = r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[，,、]"
LIST_ITEMS = r"\d{1,2}[、）]|（[一二三四五六七八九十]+）"  # "1、", "1）", "（一）" before a list's lines
DATES = (re.compile(r"(20\d\d|19\d\d)年(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日"),)
# A dateline or byline left in a page: "2024年05月06日 09:30 来源：示例新闻网", "发布时间：2024-05-06 来源：…".
BYLINES = (re.compile(r"^(?:(?:发布时间|时间|日期)[：:]\s*)?((?:19|20)\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})日?"
                      r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:来源|作者|编辑|责任编辑|字号|浏览次数|点击)[：:]\s*\S{0,24}\s*)+$"),)


def is_cut(text: str) -> bool:
    """A Chinese paragraph that ends no sentence is cut when it runs on: it has a clause mark, or it is long."""
    return any(mark in text for mark in "，、；。：") or len(text) > 60


def continues(previous: str, text: str) -> bool:
    """A cut Chinese sentence carries on in whatever block follows it (one that opens a list item aside)."""
    return True
