"""A source as a reader cites it: its publisher (or its title) and its date, never the name of its file.

    name(document, "zh")   → 新华社2024年4月23日          (en: Xinhua, 23 April 2024)
                           → 《习近平主持召开…座谈会强调》，2024年4月23日   when no publisher is known
    short(document, "zh")  → 新华社                        (en: Xinhua), or the title, shortened
    stated("新华社 2024-04-23", "zh") → 新华社2024年4月23日  (a table's own source column, its date worded)

The publisher is what the text itself says: a dateline (新华社重庆4月23日电, "CHONGQING, April 23 (Xinhua) -")
or a credit line standing alone (据新华社, "Source: Xinhua").
"""

from __future__ import annotations

import re

from briefing import languages
from briefing.model import Document
from briefing.patterns import lazy

# What a text says about who published it, in the first and last paragraphs; group "name".
_PUBLISHED = {
    "zh": (lazy(r"^[（(]?(?P<name>[^\s，。（）()]{2,8}?社)[^\s，。]{0,8}?\d{1,2}月\d{1,2}日电"),
           lazy(r"^[（(]?(?:据|来源[：:]\s*|稿源[：:]\s*)(?P<name>[^\s，,。（）()]{2,12}?)(?:电|报道|消息)?[）)]?$")),
    "en": (lazy(r"^[A-Z][A-Z .,'-]{1,40}\b[A-Za-z]* ?\d{0,2}\s*\((?P<name>[A-Z][\w .&]{1,30})\)\s*[-–—]"),
           lazy(r"^\(?(?:Source|Via)\s*:\s*(?P<name>[A-Z][\w .&]{1,30}?)\)?\.?$")),
}
_EDGE = 3  # paragraphs at each end of a text where a dateline or a credit stands
_TITLE_CHARS = 18  # a title cited in short: characters (Chinese) or words (English)
_ISO_DATE = lazy(r"(\d{4}-\d{2}-\d{2})")

_FORMS = {
    "zh": {"named": "{publisher}{date}", "titled": "《{title}》{comma}{date}", "title": "《{title}》",
           "paragraph": "第{n}段", "row": "第{n}行", "place": "{name}{comma}{place}", "short_place": "{name}{place}"},
    "en": {"named": "{publisher}, {date}", "titled": "“{title}”, {date}", "title": "“{title}”",
           "paragraph": "para. {n}", "row": "row {n}", "place": "{name}, {place}", "short_place": "{name} {place}"},
}


def publisher(document: Document) -> str:
    """Who published the text, as its dateline or credit line says; "" when it says nothing."""
    patterns = _PUBLISHED.get(document.language, ())
    edges = document.paragraphs[:_EDGE] + document.paragraphs[-_EDGE:]
    for pattern in patterns:
        for paragraph in edges + document.paragraphs:
            if m := pattern.match(paragraph.text.strip()):
                return m["name"].strip()
    return ""


def main_title(document: Document) -> str:
    """The title's main line: a Chinese headline's first line (its parts are set apart by spaces)."""
    title = document.title.strip()
    return title.split()[0] if document.language == "zh" and " " in title else title


def name(document: Document, language: str) -> str:
    """The source as a citation names it: publisher and date, else title and date (title alone if undated)."""
    forms, pack = _FORMS[_code(language)], languages.get(language)
    date = pack.date(document.date) if document.date else ""
    found = publisher(document)
    if found:
        return forms["named"].format(publisher=found, date=date).rstrip(", ")
    if not date:
        return forms["title"].format(title=_cut(document, language))
    return forms["titled"].format(title=_cut(document, language), date=date, comma=pack.words.labels["comma"])


def short(document: Document, language: str) -> str:
    """The source in a few characters, for a table cell: its publisher, else its title shortened."""
    found = publisher(document)
    return found or _FORMS[_code(language)]["title"].format(title=_cut(document, language))


def _cut(document: Document, language: str) -> str:
    """The title's main line, shortened past a table cell's width: _TITLE_CHARS characters, or a third as many
    words."""
    title = main_title(document)
    if _code(language) == "zh":
        return title if len(title) <= _TITLE_CHARS else title[:_TITLE_CHARS - 1] + "…"
    words = title.split()
    return title if len(words) <= _TITLE_CHARS // 3 else " ".join(words[:_TITLE_CHARS // 3]) + "…"


def stated(text: str, language: str) -> str:
    """A source as a table's own column states it, its ISO date in the language's words."""
    pack = languages.get(language)
    worded = _ISO_DATE.sub(lambda m: _date(m[1], pack), text.strip())
    return re.sub(r"\s+(?=\d{4}年)", "", worded) if _code(language) == "zh" else worded


def paragraph(n: int, language: str) -> str:
    """A paragraph of a source: 第6段, para. 6."""
    return _FORMS[_code(language)]["paragraph"].format(n=n)


def row(n: int, language: str) -> str:
    """A row of a table: 第4行, row 4."""
    return _FORMS[_code(language)]["row"].format(n=n)


def place(where: str, at: str, language: str, short_form: bool = False) -> str:
    """A source and the place in it: 新华社2024年4月23日，第6段 (in short: 新华社第6段)."""
    if not where or not at:
        return where or at
    forms = _FORMS[_code(language)]
    return forms["short_place" if short_form else "place"].format(
        name=where, place=at, comma=languages.get(language).words.labels["comma"])


def _date(iso: str, pack) -> str:
    try:
        return pack.date(iso)
    except ValueError:
        return iso


def _code(language: str) -> str:
    return language if language in _FORMS else "en"
