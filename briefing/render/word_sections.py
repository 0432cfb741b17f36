"""The Word briefing's sections in the audience's order, as the digest has them.

A built-in Word template wraps each section in paragraphs `{%p if "NAME" in sections %}` …
`{%p endif %}`. Before the render, those blocks are put in the order of `sections` (the
audience's, or template.yaml's), each into the place one of them held, so whatever stands
between them (a page break, a note of the author's) stays where it was. A template whose
sections are not wrapped so keeps its own order.
"""

from __future__ import annotations

from briefing.patterns import lazy

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # WordprocessingML's namespace, as
# docx.oxml.ns.qn("w:…") writes it: this module is imported by templates check, which needs no python-docx
SECTION_TAG = lazy(r"""\{%p?\s*if\s+["'](\w+)["']\s+in\s+sections\s*%\}""")  # also templates check's
_OPEN = lazy(r"^\{%p\s+if\b")
_CLOSE = lazy(r"^\{%p\s+endif\s*%\}$")


def order_sections(body, sections: list[str]) -> None:
    """Reorder the body's section blocks (runs of its elements) to follow `sections`, each into the place one of
    them held; unlisted ones keep their relative order after the listed ones (their own tags leave them out)."""
    children = list(body)
    blocks = _blocks(children)
    rank = {name: n for n, name in enumerate(sections)}
    wanted = sorted(range(len(blocks)), key=lambda n: (rank.get(blocks[n][0], len(rank)), n))
    if wanted == sorted(wanted):
        return
    first = {id(elements[0]): n for n, (_, elements) in enumerate(blocks)}
    inside = {id(e) for _, elements in blocks for e in elements}
    ordered = []
    for child in children:
        if id(child) in first:
            ordered += blocks[wanted[first[id(child)]]][1]
        elif id(child) not in inside:
            ordered.append(child)
    for child in children:
        body.remove(child)
    body.extend(ordered)


def _blocks(children: list) -> list[tuple[str, list]]:
    """(name, elements) of each `{%p if "NAME" in sections %}` … matching `{%p endif %}` run of paragraphs."""
    blocks: list[tuple[str, list]] = []
    current: list | None = None
    name, depth = "", 0
    for child in children:
        text = _text(child) if child.tag == _W + "p" else ""
        if current is None:
            opened = SECTION_TAG.fullmatch(text)
            if opened:
                name, depth, current = opened.group(1), 1, [child]
            continue
        current.append(child)
        if _OPEN.match(text):
            depth += 1
        elif _CLOSE.match(text):
            depth -= 1
            if depth == 0:
                blocks.append((name, current))
                current = None
    return blocks


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_W + "t")).strip()
