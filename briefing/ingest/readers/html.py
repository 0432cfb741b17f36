"""HTML: the main text of a page (trafilatura), with the title and date from the page's metadata.

trafilatura drops the navigation, footers, link boxes and comments, and keeps the
article's headings, paragraphs, list items and tables as elements; each becomes a
paragraph of the Document (a table row becomes one line, its cells joined by " | ").
Its metadata comes from <meta> tags, OpenGraph and JSON-LD, the date through htmldate.

The page is parsed here, as trafilatura would, but with libxml2's huge-tree option: without it,
elements nested past 255 or a text past 10 MB are silently cut off, and the page reads as empty.
Even so libxml2 stops at 2,048 levels; a page nested past limits.html_depth, or past what libxml2
reads, is refused (the depth is walked in linear time), never read as empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing import languages
from briefing.languages import LANGUAGES
from briefing.languages.common import WIDE_BAR, WIDE_HYPHEN
from briefing.errors import InputError
from briefing.ingest.files import megabytes
from briefing.ingest.repair import parse_text
from briefing.model import Document, InputLimits, Repair
from briefing.patterns import lazy

_BLOCKS = {"head", "p", "item", "quote", "code", "cell"}
# A dateline or byline left in the text, as each language writes it (languages/zh/repair.py).
_BYLINES = tuple(pattern for pack in LANGUAGES.values() for pattern in pack.bylines)
# What parts a page title from its site's name: a low line, a full-width bar, or a bar or dash between spaces.
_TITLE_PARTS = lazy(r"\s*(?:_|" + WIDE_BAR + r"|\s[|\-–—" + WIDE_HYPHEN + r"]\s)\s*")
PARSER_DEPTH = 2048  # libxml2 cuts off what is nested deeper, huge tree or not
MAX_TEXT = 10_000_000  # bytes (UTF-8) of one text in the page: what libxml2 takes without a huge tree


@dataclass(frozen=True)
class PageFacts:
    """What is known of a page besides its HTML: for a feed item, the feed's title and date of it."""

    title: str = ""
    date: str | None = None
    encoding: str = "utf-8"
    declared: str | None = None  # a charset the page declared and its bytes overruled


def html_document(html: str, source_id: str, origin: str, facts: PageFacts = PageFacts(),
                  limits: InputLimits = InputLimits()) -> Document:
    """The main text of an HTML page as a Document; a page with no main text, or nested deeper than
    limits.html_depth, is an InputError."""
    import trafilatura

    tree = _tree(html)
    if tree is not None:
        _check_shape(tree, origin, limits)
    extracted = trafilatura.bare_extraction(html if tree is None else tree, url=origin if "://" in origin else None,
                                            with_metadata=True,
                                            include_comments=False, include_tables=True, include_images=False,
                                            deduplicate=False)
    if extracted is None or extracted.body is None:
        raise InputError(origin, "no main text found on the page", "check that the address is an article")
    lines = [part for line in _lines(extracted.body) for part in line.split("\n\n")]
    kept, bylines = [line for line in lines if not _byline(line)], [line for line in lines if _byline(line)]
    title = _without_site_name((extracted.title or facts.title or "").strip())
    if title and kept and kept[0] != title:
        kept.insert(0, title)  # the title leads, so that parse_text takes it as the title, not as a paragraph
    document = parse_text("\n\n".join(kept), source_id, origin, encoding=facts.encoding, name=origin.rsplit("/", 1)[-1])
    repairs = [_repair(document.language, "byline", line=line) for line in bylines]
    if facts.declared:
        repairs.append(_repair(document.language, "charset", used=facts.encoding, declared=facts.declared))
    date = _iso(extracted.date) or facts.date or document.date or _byline_date(bylines)
    return replace(document, title=title or document.title, date=date, repairs=tuple(repairs) + document.repairs)


def _tree(html: str):
    """The page parsed as trafilatura's load_html parses it, huge tree allowed; None when trafilatura would
    refuse it (not HTML), or the parser cannot make a tree of it: then trafilatura is given the text."""
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True, huge_tree=True)
    beginning = html[:50].lower()
    text = repair_faulty_html(html, beginning)
    try:
        try:
            tree = fromstring(text, parser=parser)
        except ValueError:  # a string with an encoding declaration: lxml takes it as bytes
            tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # lxml's ParserError and XMLSyntaxError on an empty or broken page
        return None
    if tree is None or len(tree) < 1 or is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _check_shape(tree, origin: str, limits: InputLimits) -> None:
    """Refuse a page nested past limits.html_depth or past what libxml2 reads at all, and a page holding one
    text longer than MAX_TEXT (trafilatura and the analysis of one such paragraph take minutes)."""
    depth, longest = _shape(tree)
    if longest > MAX_TEXT:
        raise InputError(origin, f"one text of the page is {megabytes(longest)} long, over the 10 MB one "
                         "paragraph may hold", "part it into paragraphs")
    if depth <= limits.html_depth and depth < PARSER_DEPTH:
        return
    if depth < PARSER_DEPTH:
        raise InputError(origin, f"elements are nested {depth:,} deep, over the limit of {limits.html_depth:,}",
                         "raise limits.html_depth in briefing.yaml")
    raise InputError(origin, f"elements are nested {PARSER_DEPTH:,} or more deep, over the limit of "
                     f"{min(limits.html_depth, PARSER_DEPTH - 1):,}", f"save its text as a .txt file: the HTML "
                     f"parser reads {PARSER_DEPTH - 1:,} levels at most, whatever limits.html_depth says")


def _shape(tree) -> tuple[int, int]:
    """How deep the elements are nested, and the longest text among them; walked without recursion (a deep
    page would exhaust Python's stack), in linear time."""
    deepest, longest, stack = 0, 0, [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        longest = max(longest, _size(element.text), _size(element.tail))
        stack.extend((child, depth + 1) for child in element)
    return deepest, longest


def _size(text: str | None) -> int:
    """A text's UTF-8 size, encoded only when it could be over MAX_TEXT (4 bytes a character at most)."""
    return 0 if not text or len(text) * 4 <= MAX_TEXT else len(text.encode("utf-8", "surrogatepass"))


def _lines(element) -> list[str]:
    """Each block element's text as one line, in document order; a table row as its cells joined."""
    out: list[str] = []
    for child in element:
        if child.tag == "row":
            cells = [_text(cell) for cell in child if cell.tag == "cell"]
            row = " | ".join(c for c in cells if c)
            if row:
                out.append(row)
        elif child.tag in _BLOCKS and not any(grand.tag in ("list", "table", "p") for grand in child):
            text = _text(child)
            if text:
                out.append(text)
        else:
            out.extend(_lines(child))
    return out


def _text(element) -> str:
    """An element's text. A line break (<br>) stays inside the paragraph (parse_text glues the lines) unless the
    next line opens with a paragraph indent (　　); a newline in the text itself, which trafilatura's fallback
    puts between the paragraphs it joins, parts paragraphs."""
    parts = []
    for node in element.iter():
        if node.tag == "lb":
            parts.append("\n\n" if (node.tail or "").startswith(("\u3000", "  ")) else "\n")
        elif node.text:
            parts.append(node.text.replace("\n", "\n\n"))
        if node.tail and node is not element:
            parts.append(node.tail.replace("\n", "\n\n"))
    lines = (re.sub(r"[ \t]+", " ", line).strip(" \u3000") for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _without_site_name(title: str) -> str:
    """A <title> without the site's name after it: "通知标题_示例政务网", "Headline | The Paper" → the headline."""
    parts = [p for p in _TITLE_PARTS.split(title) if p]
    if len(parts) > 1 and len(parts[0]) >= 6 and len(parts[0]) == max(len(p) for p in parts):
        return parts[0]
    return title


def _repair(language: str, what: str, **fields: str) -> Repair:
    """A repair said in the document's language."""
    note = languages.get(language).words.repairs[what]
    return Repair("noise" if what == "byline" else "encoding", note.format(**fields))


def _iso(date: str | None) -> str | None:
    return date if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None


def _byline(line: str) -> re.Match | None:
    return next((m for pattern in _BYLINES if (m := pattern.match(line))), None)


def _byline_date(bylines: list[str]) -> str | None:
    for line in bylines:
        year, month, day = _byline(line).groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None
