"""Repair: clean a decoded text and repair its paragraphs, whatever reader decoded it.

Real sources arrive damaged: a page break in the middle of a word, a sidebar box
pasted into a paragraph, a fragment repeated across a break, an advertisement line.
Each repair is recorded on the Document so that a reader can see what was cleaned.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.model import Document, Paragraph, Repair
from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.base import Language
from briefing.languages.common import CLOSERS, COLONS, DASHES, FULL_STOPS, OPENERS, ends_sentence, headline
from briefing.patterns import lazy


def _any_language(patterns: list[str]) -> str:
    """The regex alternatives of every pack (and the neutral ones before them), as one."""
    return "|".join(p for p in patterns if p)


_PACKS = tuple(LANGUAGES.values())
_DATE_IN_NAME = lazy(r"(20\d\d|19\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])")
_YEAR_IN_NAME = lazy(r"(?:^|[^\d])((?:19|20)\d\d)(?:$|[^\d])")
# A bullet is a mark and a space ("- ", "* "): "**bold**" and "-5%" open no list item.
_LIST_ITEM = lazy(r"^\s*(?:" + _any_language([r"[-*](?=\s)|[•·●▪■◆]|\d{1,2}[.)]"] + [p.list_items for p in _PACKS])
                        + r")\s*")
# A line that stands alone whatever follows it: a dateline, a date line, a numbered heading (each pack's).
_STANDALONE = lazy(_any_language([p.standalone for p in _PACKS]))
_HEAD_BLOCKS = 5  # how far from the top a dateline or a dated masthead line is looked for
_BOX_HEADER = lazy(r"^.{1,24}(?:——|—|[" + COLONS + r"])$")
_NOISE_LINE = lazy(_any_language([p.noise_lines for p in _PACKS]))
PAGE_BREAK = "\x00"  # marks a line that follows dropped page furniture; never left in a paragraph
# A box of links to other stories, pasted in: "相关阅读" and its "▶ …" lines.
_RELATED = lazy(r"^(?:" + _any_language([p.link_boxes for p in _PACKS]) + r")\s*[" + COLONS + r"]?\s*\n"
                      r"(?:\s*[▶►•·▪\-*>].*(?:\n|$))+\s*$")
# Page furniture: "Page 2 of 5", "— 3 —", "第2页", "2/5", a bare page number.
_DASH = "[" + re.escape(DASHES) + "]"
_PAGE_LINE = lazy(r"^(?:" + _any_language([_DASH + r"{1,2}\s*\d{1,4}\s*" + _DASH + r"{1,2}|\d{1,4}\s*/\s*\d{1,4}|\d{1,3}"]
                                               + [p.page_lines for p in _PACKS]) + r")$")
CONTROL = lazy(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLANK_LINE = lazy(r"\n\s*\n")
_SPACES = lazy(r"[ ]{2,}")
_LATIN_WORD = lazy(r"[A-Za-z]+")


@dataclass
class _Block:
    """A run of non-blank lines, as read; becomes one paragraph or is repaired away."""

    text: str
    lines: list[str]
    standalone: bool = False  # a heading, a dateline or a date line: never joined to a neighbour


def parse_text(text: str, source_id: str, origin: str, encoding: str = "utf-8", name: str = "", *,
               title: str = "", date: str | None = None, headings: frozenset[str] = frozenset(),
               keep_paragraphs: bool = False) -> Document:
    """Clean and repair a decoded text into a Document.

    A reader that knows more than the text says it: the `title` and `date` of the file's own metadata, the
    `headings` of its markup (each a block of its own), and, for a format whose paragraphs are the author's own
    (Word), `keep_paragraphs`: no paragraph is joined to another.
    """
    text = _normalise(text)
    repairs = _Repairs(languages.for_text(text[:20000]))
    blocks = _blocks(text, repairs, frozenset(_normalise(h) for h in headings))
    if not any(_has_words(b.text) for b in blocks):
        raise InputError(origin, "the document has no text (only blank lines or punctuation)",
                         "check that the right file is named")
    language = languages.detect(" ".join(b.text for b in blocks))
    pack = languages.get(language)
    title = _normalise(title).strip()
    head = [b.text for b in blocks[:_HEAD_BLOCKS]]
    if title and blocks and blocks[0].text == title:
        blocks.pop(0)
    elif not title and blocks and not ends_sentence(blocks[0].text) and len(blocks[0].text) <= 120:
        title = blocks.pop(0).text
    blocks, highlights = _lift_boxes(blocks, repairs)
    if not keep_paragraphs:
        blocks = _join_broken(blocks, pack, repairs)
    paragraphs = _number(blocks)
    return Document(
        source_id=source_id,
        title=headline(title) or (paragraphs[0].text[:40] if paragraphs else source_id),
        date=date or _date(name, title, paragraphs, head),
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


def _blocks(text: str, repairs: _Repairs, headings: frozenset[str] = frozenset()) -> list[_Block]:
    """Split at blank lines, and around a line that stands alone (a heading, a dateline, a date line); drop
    page furniture, running headers and advertisement lines, recording each.

    The line after dropped page furniture is marked (PAGE_BREAK), so that a word the
    page break cut ("early no" / "Page 2 of 3" / "tice of") can be made whole again.
    """
    furniture = _page_furniture(text)
    words = _Words(text)
    blocks: list[_Block] = []
    after_page = False
    for chunk in _BLANK_LINE.split(text):
        if _RELATED.match(chunk.strip()):
            head = chunk.strip().split("\n")[0]
            repairs.add("noise", "links", head=head, lines=chunk.strip().count("\n"))
            continue
        lines = []
        for line in chunk.split("\n"):
            if not line:
                continue
            page = line in furniture
            if page or _NOISE_LINE.match(line):
                repairs.add("page" if page else "noise", "page" if page else "line", line=line)
                after_page = after_page or page
                continue
            lines.append(PAGE_BREAK + line if after_page else line)
            after_page = False
        for run, alone in _standalone_runs(lines, headings):
            if alone:
                blocks.append(_Block(run[0].removeprefix(PAGE_BREAK), run, standalone=True))
                continue
            for item in _numbered_paragraphs(run):
                blocks.append(_Block(_join_lines(item, words), item))
    return blocks


def _stands_alone(line: str, headings: frozenset[str]) -> bool:
    line = line.removeprefix(PAGE_BREAK)
    return line in headings or bool(_STANDALONE.match(line))


def _standalone_runs(lines: list[str], headings: frozenset[str]) -> list[tuple[list[str], bool]]:
    """The lines of a chunk with each line that stands alone as a run of its own: "发布日期：…" or a heading on
    the line above a paragraph is not the paragraph's first words. Each run says whether it is such a line (it
    has no other), as the look at its line found."""
    runs: list[tuple[list[str], bool]] = []
    alone = True  # whether the last line stands alone (a first line starts a run of its own)
    for line in lines:
        joins = not alone
        alone = _stands_alone(line, headings)
        if joins and not alone:
            runs[-1][0].append(line)
        else:
            runs.append(([line], alone))
    return runs


_NUMBERED_LINE = lazy(r"^(?:\x00)?\s{0,3}(\d{1,3})[.)]\s+\S")


def _numbered_paragraphs(lines: list[str]) -> list[list[str]]:
    """A chunk of hard-wrapped numbered paragraphs with no blank line between them ("1.  We … / continued /
    2.  We …") as one paragraph per number; any other chunk as it is. The numbers must run on (1, 2, 3 …)
    and some paragraph must wrap, so that a list of one-line items stays a list. Lines before the first number
    (the last lettered item of the paragraph before, "e. Fifth, we …") are a paragraph of their own."""
    numbered = [(i, match) for i, line in enumerate(lines) if (match := _NUMBERED_LINE.match(line))]
    starts = [i for i, _ in numbered]
    numbers = [int(match.group(1)) for _, match in numbered]
    runs_on = len(starts) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    items = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    if not runs_on or not any(len(item) > 1 for item in items):
        return [lines] if lines else []
    return ([lines[:starts[0]]] if starts[0] else []) + items


def _page_furniture(text: str) -> set[str]:
    """The lines of page furniture: the page numbers ("Page 2 of 5", "— 3 —"), and the running headers beside them,
    short, not sentences, and repeated or without running words. Each line is looked at once."""
    lines = text.split("\n")
    pages = [bool(line) and bool(_PAGE_LINE.match(line)) for line in lines] + [False]  # [-1]: none before the first
    counts: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line and (pages[i - 1] or pages[i + 1]) and len(line) <= 100 and not ends_sentence(line):
            counts[line] = counts.get(line, 0) + 1
    numbers = {line for line, page in zip(lines, pages) if page}
    return numbers | {line for line, n in counts.items() if n >= 2 or "|" in line or _title_like(line)}


def _title_like(line: str) -> bool:
    """Whether a pack sees the look of a running header in the line ("Halifax Leaders' Statement")."""
    return any(pack.title_like(line) for pack in _PACKS if pack.title_like)


_GLUE_REACH = 1000  # how much of the end of the text joined so far a join looks at (its last character or word)


def _join_lines(lines: list[str], words: _Words | None = None) -> str:
    """The lines of a block as one text. Each join looks only at the end of the text so far and the start of the
    line (_glue), so the end is kept apart and the rest set aside: a block of thousands of lines is joined in
    time in proportion to its length, not copied whole at every line."""
    if len(lines) == 1:
        return lines[0]
    done: list[str] = []
    text = lines[0].removeprefix(PAGE_BREAK)  # what _glue does to the first line; no other has one once joined
    for line in lines[1:]:
        text = _glue(text, line, words)
        if len(text) > 2 * _GLUE_REACH:
            done.append(text[:-_GLUE_REACH])
            text = text[-_GLUE_REACH:]
    return "".join(done) + text


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
    if broken and words is not None and any(pack.cut_word(left, right, words.count) for pack in _PACKS if pack.cut_word):
        return left + right
    return f"{left} {right}"


class _Words:
    """How often each word in Latin letters occurs in a text, counted only when a page break asks (rarely)."""

    def __init__(self, text: str):
        self._text = text
        self._counts: Counter | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(w.lower() for w in _LATIN_WORD.findall(self._text))
        return self._counts[word]


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
        header = _BOX_HEADER.match(block.text) and not block.standalone and i + 1 < len(blocks) \
            and _is_list(blocks[i + 1])  # a heading of the document's own (markup, numbering) heads its own list
        pasted = _is_list(block) and kept and not ends_sentence(kept[-1].text) and not kept[-1].standalone
        if header or pasted:
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


def _join_broken(blocks: list[_Block], language: Language, repairs: _Repairs) -> list[_Block]:
    """Join paragraphs split by a page break, dropping a fragment repeated across the break."""
    words = _Words("\n".join(b.text for b in blocks))
    out: list[_Block] = []
    for block in blocks:
        first_line = (block.lines[0] if block.lines else block.text).removeprefix(PAGE_BREAK)
        starts_item = bool(_STARTS_ITEM.match(first_line))
        plain = block.text.removeprefix(PAGE_BREAK)
        if block.standalone or (out and out[-1].standalone):
            out.append(_Block(plain, block.lines, standalone=block.standalone))
            continue
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


def _is_cut(text: str, language: Language) -> bool:
    """A paragraph that stops mid-sentence: a running sentence with no end, not a heading."""
    return not ends_sentence(text) and language.is_cut(text)


_STARTS_ITEM = lazy(r"^(?:" + _any_language([r"\(?[a-z0-9]{1,3}[.)]\s|[•·▪*]"] + [p.item_starts for p in _PACKS])
                          + r")")


def _continues(previous: str, text: str, language: Language) -> bool:
    """Whether the next block carries on the sentence the previous one left open."""
    return not _STARTS_ITEM.match(text) and language.continues(previous, text)


def _repeated_head(previous: str, text: str, language: Language) -> str:
    """The opening fragment of `text` when it repeats the end of `previous` (a page-break echo)."""
    head = next(iter(language.sentences(text)), text)
    stripped = head.strip()
    if not stripped or len(stripped) > 24 or len(stripped) >= len(text.strip()):
        return ""
    core = stripped.lstrip(OPENERS)
    if core.rstrip(CLOSERS + FULL_STOPS) and previous.rstrip().endswith(core):
        return head if text.startswith(head) else ""
    return ""


def _number(blocks: list[_Block]) -> tuple[Paragraph, ...]:
    paragraphs = []
    for block in blocks:
        text = block.text.replace(PAGE_BREAK, "")
        text = (_SPACES.sub(" ", text) if "  " in text else text).strip()  # the str look first: the pattern costs 15 times it
        if text:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text))
    return tuple(paragraphs)


def _date(name: str, title: str, paragraphs: tuple[Paragraph, ...], head: list[str]) -> str | None:
    """The document's date where a reader finds it: in its file's name ("2024-03-05", "20240305"), a full date
    near the top ("2024年3月5日"), or a dateline or dated masthead line of the first blocks ("新华社北京3月5日电",
    "THE WHITE HOUSE, February 13, 2025"), its year, when it gives none, from the file's name or the text."""
    found = _DATE_IN_NAME.search(name)
    if found:
        year, month, day = found.groups()
        return _iso(int(year), int(month), int(day))
    text = " ".join([title] + [p.text for p in paragraphs[:3]])
    found = next((m for pack in _PACKS for pattern in pack.dates if (m := pattern.search(text))), None)
    if found:
        year, month, day = found.groups()
        return _iso(int(year), int(month), int(day))
    for line in [title] + head:
        for pack in _PACKS:
            for pattern in pack.datelines:
                found = pattern.search(line)
                dated = found and _dateline_date(found, pack, name, paragraphs)
                if dated:
                    return dated
    return None


def _dateline_date(found: re.Match, pack: Language, name: str, paragraphs: tuple[Paragraph, ...]) -> str | None:
    """A dateline's date; one that writes no year takes the year of the file's name, else the latest year the
    text names with a part of it ("2024年3月", "March 2024")."""
    fields = {key.rstrip("2"): value for key, value in found.groupdict().items() if value}
    year = fields.get("year") or _year_of(name, paragraphs, pack)
    month = pack.month_number(fields.get("month", ""))
    return _iso(int(year), month, int(fields.get("day", 0))) if year and month else None


def _year_of(name: str, paragraphs: tuple[Paragraph, ...], pack: Language) -> str | None:
    named = _YEAR_IN_NAME.search(name)
    if named:
        return named.group(1)
    if pack.dated_years is None:
        return None
    years = [m.group(1) for p in paragraphs for m in pack.dated_years.finditer(p.text)]
    return max(years) if years else None


def _iso(year: int, month: int, day: int) -> str | None:
    """An ISO date, or None for one no calendar has (2月30日)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
