"""Markdown, in a .md file or inside a .txt: headings, emphasis, links and front matter read as a reader sees them.

A .txt is read as Markdown only on evidence: several lines of markup (headings, whole bold lines, bold runs,
links) or front matter, so that a plain text with one "*" keeps it. The markup never reaches the Document: a
heading is a block of its own (the first one is the title), a bold or italic title line likewise, and the
front matter's `title:` and `date:` are the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from briefing.languages.common import as_date
from briefing.patterns import lazy

EVIDENCE = 2  # lines of markup that make a .txt Markdown

_FRONT_MATTER = lazy(r"\A\ufeff?---[ \t]*\n((?:[ \t]*[\w-]+[ \t]*:.*\n|[ \t]*\n|[ \t]+.*\n)+?)---[ \t]*(?:\n|\Z)")
_FIELD = lazy(r"^([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
_HEADING = lazy(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_WHOLE_EMPHASIS = lazy(r"^[ \t]*(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1[ \t]*$")
_SETEXT = lazy(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_RULE = lazy(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BOLD_RUN = lazy(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BOLD_OPENING = lazy(r"(\*\*|__)(?=\S)")
_BOLD_CLOSING = lazy(r"(?<=\S)(?=(\*\*|__))")  # each place a closing mark may be, overlapping ones too ("***")
# A link's text, address and title hold no "[", and its title is at most 300 characters: each of them read on to the
# line's end when it did not close, for every "[" of the line ("[a" * 10,000: 2.4 s). A link is written inside
# no other, so only a stray "[" reads otherwise ("[a [b](c)" → "[a b", as CommonMark reads it).
_LINK = lazy(r"!?\[([^\][]*)\]\([^)\s[]*(?:\s+\"[^\"[]{0,300}\")?\)")
_AUTOLINK = lazy(r"<((?:https?|mailto):[^<>\s]+)>")  # an address holds no "<" (RFC 3986), so none is read twice
_ITALIC = lazy(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_CODE = lazy(r"`([^`]+)`")
_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!>])")
_QUOTE = lazy(r"^[ \t]*>[ \t]?")
_BULLET = lazy(r"^([ \t]*)[*+-][ \t]+")


@dataclass(frozen=True)
class Markdown:
    """A Markdown text as plain text, with what its markup said: its headings, title and date."""

    text: str  # the text with no markup: paragraphs apart by blank lines, a heading between blank lines
    headings: frozenset[str]  # the text of every heading and whole bold or italic line
    title: str = ""  # the front matter's title:
    date: str | None = None  # the front matter's date:, as an ISO date


def looks_like_markdown(text: str) -> bool:
    """Whether a .txt is written in Markdown: front matter, or several lines of markup."""
    if _FRONT_MATTER.match(text):
        return True
    evidence = 0
    for line in text.splitlines():
        if _HEADING.match(line) or _WHOLE_EMPHASIS.match(line) or next(_bold_runs(line), None) or _LINK.search(line):
            evidence += 1
            if evidence >= EVIDENCE:
                return True
    return False


def read_markdown(text: str) -> Markdown:
    """The plain text of a Markdown document, its headings each a block of its own, and its front matter."""
    fields, body = _front_matter(text)
    lines: list[str] = []
    headings: list[str] = []
    for line in body.splitlines():
        if _SETEXT.match(line) and lines and lines[-1].strip() and not _BULLET.match(lines[-1]):
            headings.append(lines[-1].strip())  # "Title" over "=====" or "-----": the line above is a heading
            lines[-1:] = ["", lines[-1], ""]
            continue
        if _RULE.match(line):
            lines.append("")
            continue
        heading = _heading(line)
        if heading is not None:
            headings.append(heading)
            lines.extend(["", heading, ""])
            continue
        line = _QUOTE.sub("", line)
        lines.append(_BULLET.sub(r"\1- ", _inline(line), count=1))
    return Markdown("\n".join(lines), frozenset(h for h in headings if h), fields.get("title", ""),
                    _iso(fields.get("date", "")))


def _heading(line: str) -> str | None:
    """A heading's text ("## Section 2", "**Section 2. Policy**", "*A note*"), None when the line is none."""
    found = _HEADING.match(line)
    if found:
        return _inline(found.group(1)).strip()
    found = _WHOLE_EMPHASIS.match(line)
    if found and found.group(1) not in found.group(2):
        return _inline(found.group(2)).strip()
    return None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` fields of a front matter block, and the text after it."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    fields = {key.lower(): value.strip("'\"") for key, value in _FIELD.findall(found.group(1))}
    return fields, text[found.end():]


def _inline(line: str) -> str:
    """A line without its inline markup: links as their text, emphasis and code marks gone, escapes undone."""
    line = _LINK.sub(r"\1", _AUTOLINK.sub(r"\1", line))
    line = _CODE.sub(r"\1", line)
    line = _unbold(line)
    line = _ITALIC.sub(lambda m: m.group(1) or m.group(2), line)
    return _ESCAPE.sub(r"\1", line)


def _unbold(line: str) -> str:
    """_BOLD_RUN.sub(r"\2", line): each bold run as its text."""
    kept, done = [], 0
    for run in _bold_runs(line):
        kept += [line[done:run.start()], run.group(2)]
        done = run.end()
    return "".join(kept) + line[done:]


def _bold_runs(line: str) -> Iterator[re.Match]:
    """_BOLD_RUN.finditer(line), in time in proportion to the line. The pattern tried at an opening mark reads on
    to the line's end when no closing mark of its kind follows ("a **b" * 4,000: 3.6 s); a run starts at an
    opening only where one does (a closing mark after a character that is not a space, past the run's first
    character), so an opening is tried only then, and then it matches."""
    last = {closing.group(1): closing.start() for closing in _BOLD_CLOSING.finditer(line)}  # the last of each
    if not last:
        return
    at = 0
    while opening := _BOLD_OPENING.search(line, at):
        if last.get(opening.group(1), -1) < opening.start() + 3:
            at = opening.start() + 1
            continue
        run = _BOLD_RUN.match(line, opening.start())
        if run is None:  # a closing mark past a line break, which "." does not cross: this opening has none
            at = opening.start() + 1
            continue
        yield run
        at = run.end()


def _iso(value: str) -> str | None:
    """A front matter date ("2025-04-09", "2025-04-09T08:00:00+08:00") as an ISO date; None when it is none."""
    try:
        return as_date(value).isoformat() if re.match(r"\d{4}-\d\d-\d\d", value) else None
    except ValueError:
        return None
