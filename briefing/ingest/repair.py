"""Repair: clean a decoded text and repair its paragraphs, whatever reader decoded it.

Real sources arrive damaged: a page break in the middle of a word, a sidebar box
pasted into a paragraph, a fragment repeated across a break, an advertisement line.
Each repair is recorded on the Document so that a reader can see what was cleaned.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError
from briefing.model import Document, Paragraph, Repair
from briefing import languages
from briefing.languages.base import Language
from briefing.languages.common import CLOSERS, ends_sentence

_DATE_IN_NAME = re.compile(r"(20\d\d|19\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])")
_DATE_IN_TEXT = re.compile(r"(20\d\d|19\d\d)年(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·●▪■◆]|\d{1,2}[.、)）]|（[一二三四五六七八九十]+）)\s*")
_BOX_HEADER = re.compile(r"^.{1,24}(?:——|—|：|:)$")
_NOISE_LINE = re.compile(
    r"^(?:责任编辑|编辑|校对|审核|监制|记者|来源|原标题)[：:].{0,40}$"
    r"|^(?:扫码|长按|点击).{0,40}$|^.{0,20}(?:关注|下载).{0,10}(?:公众号|客户端|APP|App).{0,20}$"
    r"|^[【\[](?:责任编辑|编辑|来源|纠错|打印|关闭|分享|相关阅读|延伸阅读)[^】\]]{0,30}[】\]]$"
    r"|^[（(]完[）)]$|^(?:Editor|Editors|Source|Photo|Advertisement|Related|Read more|Also read)\s*:.{0,80}$"
    r"|^\[?(?:ADVERTISEMENT|Advertisement)\]?$"
    r"|^(?:Share this|Share on|Subscribe to|Sign up for|Follow us|Click here|Read more|Also read)\b.{0,80}$",
)
PAGE_BREAK = "\x00"  # marks a line that follows dropped page furniture; never left in a paragraph
_WORD_END = re.compile(r"[a-z]{0,4}(?:tion|sion|ment|ness|ity|ance|ence|ture|ing|ous|ive|ally|ies|ice|ency|ancy|able|ible|"
                       r"ical|age|ated|ating|ation|ers|ure|ism|ist)s?")
# A box of links to other stories, pasted in: "相关阅读" and its "▶ …" lines.
_RELATED = re.compile(r"^(?:相关阅读|延伸阅读|推荐阅读|相关新闻|相关报道|Related(?: stories| articles| coverage)?|Read more|"
                      r"More on this)\s*[:：]?\s*\n(?:\s*[▶►•·▪\-*>].*(?:\n|$))+\s*$")
# Page furniture: "Page 2 of 5", "— 3 —", "第2页", "2/5", a bare page number.
_PAGE_LINE = re.compile(
    r"^(?:(?:Page|PAGE|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-—–－―]{1,2}\s*\d{1,4}\s*[-—–－―]{1,2}"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})$"
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class _Block:
    """A run of non-blank lines, as read; becomes one paragraph or is repaired away."""

    text: str
    lines: list[str]


def parse_text(text: str, source_id: str, origin: str, encoding: str = "utf-8", name: str = "") -> Document:
    """Clean and repair a decoded text into a Document."""
    text = _normalise(text)
    repairs = _Repairs(languages.for_text(text[:20000]))
    blocks = _blocks(text, repairs)
    if not any(_has_words(b.text) for b in blocks):
        raise InputError(origin, "the document has no text (only blank lines or punctuation)",
                         "check that the right file is named")
    language = languages.detect(" ".join(b.text for b in blocks))
    title = ""
    if blocks and not ends_sentence(blocks[0].text) and len(blocks[0].text) <= 120:
        title = blocks.pop(0).text
    blocks, highlights = _lift_boxes(blocks, repairs)
    blocks = _join_broken(blocks, language, repairs)
    paragraphs = _number(blocks)
    return Document(
        source_id=source_id,
        title=title or (paragraphs[0].text[:40] if paragraphs else source_id),
        date=_date(name, title, paragraphs),
        language=language,
        paragraphs=paragraphs,
        origin=origin,
        encoding=encoding,
        highlights=tuple(highlights),
        repairs=tuple(repairs.done),
    )


class _Repairs:
    """The repairs made to one document, each described in the document's own language."""

    def __init__(self, language: Language):
        self.notes = language.words.repairs
        self.done: list[Repair] = []

    def add(self, kind: str, what: str, **fields: object) -> None:
        self.done.append(Repair(kind, self.notes[what].format(**fields)))


def _normalise(text: str) -> str:
    text = CONTROL.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return "\n".join(line.strip(" \u3000") for line in text.split("\n"))


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _blocks(text: str, repairs: _Repairs) -> list[_Block]:
    """Split at blank lines; drop page furniture, running headers and advertisement lines, recording each.

    The line after dropped page furniture is marked (PAGE_BREAK), so that a word the
    page break cut ("early no" / "Page 2 of 3" / "tice of") can be made whole again.
    """
    furniture = _running_headers(text)
    words = _Words(text)
    blocks: list[_Block] = []
    after_page = False
    for chunk in re.split(r"\n\s*\n", text):
        if _RELATED.match(chunk.strip()):
            head = chunk.strip().split("\n")[0]
            repairs.add("noise", "links", head=head, lines=chunk.strip().count("\n"))
            continue
        lines = []
        for line in chunk.split("\n"):
            if not line:
                continue
            if _NOISE_LINE.match(line) or _PAGE_LINE.match(line) or line in furniture:
                page = bool(_PAGE_LINE.match(line) or line in furniture)
                repairs.add("page" if page else "noise", "page" if page else "line", line=line)
                after_page = after_page or page
                continue
            lines.append(PAGE_BREAK + line if after_page else line)
            after_page = False
        if lines:
            blocks.append(_Block(_join_lines(lines, words), lines))
    return blocks


def _running_headers(text: str) -> set[str]:
    """Running headers beside a page number: short, not sentences, and repeated or without running words."""
    lines = text.split("\n")
    counts: dict[str, int] = {}
    for i, line in enumerate(lines):
        near_page = any(_PAGE_LINE.match(lines[j]) for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j])
        if line and near_page and len(line) <= 100 and not ends_sentence(line):
            counts[line] = counts.get(line, 0) + 1
    return {line for line, n in counts.items() if n >= 2 or "|" in line or _title_like(line)}


def _title_like(line: str) -> bool:
    """A running header's look: no Chinese, and every longer word capitalised ("Halifax Leaders' Statement")."""
    if re.search(r"[\u4e00-\u9fff]", line):
        return False
    return not any(word[0].islower() for word in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line))


def _join_lines(lines: list[str], words: _Words | None = None) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = _glue(text, line, words)
    return text


def _glue(left: str, right: str, words: _Words | None = None) -> str:
    """Join two pieces of one paragraph: no space between Chinese characters, one in English; across a page
    break, the two halves of a cut word without one."""
    broken = right.startswith(PAGE_BREAK)
    right = right.removeprefix(PAGE_BREAK)
    left = left.removeprefix(PAGE_BREAK)
    if not left:
        return right
    if not right:
        return left
    if _is_wide(left[-1]) or _is_wide(right[0]):
        return left + right
    if left.endswith("-") and right[:1].islower():
        return left[:-1] + right
    if broken and words is not None and _cut_word(left, right, words):
        return left + right
    return f"{left} {right}"


class _Words:
    """How often each English word occurs in a text, counted only when a page break asks (rarely)."""

    def __init__(self, text: str):
        self._text = text
        self._counts: Counter | None = None

    def __getitem__(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", self._text))
        return self._counts[word]


def _cut_word(left: str, right: str, words: _Words) -> bool:
    """Whether a page break cut one word in two ("no" + "tice"): the whole word is used elsewhere in the text,
    or neither half is, or the second half looks like the end of a word."""
    head = re.search(r"([A-Za-z]+)$", left)
    tail = re.match(r"([a-z]+)", right)
    if not head or not tail:
        return False
    first, second = head.group(1).lower(), tail.group(1)
    if words[first + second] >= 1:
        return True
    if words[second] > 1:
        return False  # the second half is a word of its own elsewhere: a real word boundary
    return words[first] <= 1 or bool(_WORD_END.fullmatch(second))


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_list(block: _Block) -> bool:
    return len(block.lines) >= 2 and all(_LIST_ITEM.match(line.removeprefix(PAGE_BREAK)) for line in block.lines)


def _lift_boxes(blocks: list[_Block], repairs: _Repairs) -> tuple[list[_Block], list[str]]:
    """Lift a sidebar box ("习近平强调——" and its list) out of the running text."""
    kept: list[_Block] = []
    highlights: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        header = _BOX_HEADER.match(block.text) and i + 1 < len(blocks) and _is_list(blocks[i + 1])
        if header or (_is_list(block) and kept and not ends_sentence(kept[-1].text)):
            items_block = blocks[i + 1] if header else block
            items = [_LIST_ITEM.sub("", line.removeprefix(PAGE_BREAK)).strip() for line in items_block.lines]
            highlights.extend(items)
            repairs.add("sidebar", "sidebar", count=len(items), head=f"“{block.text}” " if header else "")
            i += 2 if header else 1
            continue
        if _is_list(block):
            kept.extend(_Block(_LIST_ITEM.sub("", line.removeprefix(PAGE_BREAK)).strip(), [line]) for line in block.lines)
        else:
            kept.append(block)
        i += 1
    return kept, highlights


def _join_broken(blocks: list[_Block], language: str, repairs: _Repairs) -> list[_Block]:
    """Join paragraphs split by a page break, dropping a fragment repeated across the break."""
    words = _Words("\n".join(b.text for b in blocks))
    out: list[_Block] = []
    for block in blocks:
        first_line = (block.lines[0] if block.lines else block.text).removeprefix(PAGE_BREAK)
        starts_item = bool(_STARTS_ITEM.match(first_line))
        plain = block.text.removeprefix(PAGE_BREAK)
        if out and _is_cut(out[-1].text, language) and not starts_item \
                and _continues(out[-1].text, plain, language):
            previous = out[-1]
            repeat = _repeated_head(previous.text, plain, language)
            if repeat:
                repairs.add("duplicate", "fragment", text=repeat)
                block = _Block(plain[len(repeat):].lstrip(), block.lines)
            repairs.add("joined", "joined", left=previous.text[-12:], right=block.text.removeprefix(PAGE_BREAK)[:12])
            out[-1] = _Block(_glue(previous.text, block.text, words), previous.lines + block.lines)
            continue
        block = _Block(plain, block.lines)
        if out and block.text == out[-1].text:
            repairs.add("duplicate", "paragraph", text=block.text[:20])
            continue
        if out:
            repeat = _repeated_head(out[-1].text, block.text, language)
            if repeat and len(repeat) < len(block.text):
                repairs.add("duplicate", "fragment", text=repeat)
                repairs.add("joined", "joined", left=out[-1].text[-12:], right=block.text[len(repeat):][:12])
                rest = block.text[len(repeat):].lstrip()
                out[-1] = _Block(_glue(out[-1].text, rest), out[-1].lines + block.lines)
                continue
        out.append(block)
    return out


def _is_cut(text: str, language: str) -> bool:
    """A paragraph that stops mid-sentence: a running sentence with no end, not a heading."""
    if ends_sentence(text):
        return False
    if language == "zh":
        return any(mark in text for mark in "，、；。：") or len(text) > 60
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return text.count(" ") >= 8 or text.endswith((",", "-")) or (last in _ENDS_OPEN and text.count(" ") >= 2)


_STARTS_ITEM = re.compile(r"^(?:Sec(?:tion|\.)\s*\d|\(?[a-z0-9]{1,3}[.)]\s|[•·▪*]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]"
                          r"|第[一二三四五六七八九十]+[，,、]|The [A-Z][\w ]+,$)")
_ENDS_OPEN = ("of", "the", "and", "or", "to", "a", "an", "in", "for", "with", "by", "on", "at", "from", "as", "that",
              "its", "their", "our", "shall", "will", "is", "are", "be", "has", "have", "than", "into", "under")


def _continues(previous: str, text: str, language: str) -> bool:
    """Whether the next block carries on the sentence the previous one left open."""
    if _STARTS_ITEM.match(text):
        return False
    if language == "zh":
        return True
    if text[:1].islower() or previous.endswith("-"):
        return True
    last = previous.rsplit(None, 1)[-1].lower() if previous.split() else ""
    return not previous.endswith((",", ";")) and last in _ENDS_OPEN


def _repeated_head(previous: str, text: str, language: str) -> str:
    """The opening fragment of `text` when it repeats the end of `previous` (a page-break echo)."""
    head = next(iter(languages.get(language).sentences(text)), text)
    stripped = head.strip()
    if not stripped or len(stripped) > 24 or len(stripped) >= len(text.strip()):
        return ""
    core = stripped.lstrip("“‘「『（(\"'")
    if core.rstrip(CLOSERS + "。.") and previous.rstrip().endswith(core):
        return head if text.startswith(head) else ""
    return ""


def _number(blocks: list[_Block]) -> tuple[Paragraph, ...]:
    paragraphs = []
    for block in blocks:
        text = re.sub(r"[ ]{2,}", " ", block.text.replace(PAGE_BREAK, "")).strip()
        if text:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text))
    return tuple(paragraphs)


def _date(name: str, title: str, paragraphs: tuple[Paragraph, ...]) -> str | None:
    found = _DATE_IN_NAME.search(name)
    if found:
        return "-".join(found.groups())
    head = " ".join([title] + [p.text for p in paragraphs[:3]])
    found = _DATE_IN_TEXT.search(head)
    if found:
        year, month, day = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None
