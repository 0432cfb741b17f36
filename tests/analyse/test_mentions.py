"""A pronoun's antecedents are found by str.find as the pattern of the speakers' names found them."""

from __future__ import annotations

import re

from briefing.analyse.directives import _mentions
from briefing.model import Document, Paragraph


def _by_pattern(document: Document, names: set[str]) -> list:
    forms = {name: name for name in names}
    forms.update({name.split()[0]: name for name in names if " " in name})
    if not forms:
        return []
    pattern = re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True)))
    return [((p.index, m.start()), forms[m.group()]) for p in document.paragraphs for m in pattern.finditer(p.text)]


def _document(*texts: str) -> Document:
    return Document(source_id="d", title="t", date=None, language="en", origin="d.txt",
                    paragraphs=tuple(Paragraph(index=n * 2, text=text) for n, text in enumerate(texts)))


def test_the_longest_name_at_a_place_and_then_on_from_its_end() -> None:
    document = _document("Xi Jinping met Xi. Li Qiang and Li, Li Qiangxi", "", "XiXi Jinping Li Qiang",
                         "习近平强调，习近平总书记指出")
    for names in ({"Xi Jinping", "Li Qiang"}, {"Xi Jinping", "Xi", "iX"}, {"Li Qiang", "Qiangxi", "ng"},
                  {"习近平", "近平总书记"}, {"a"}, set()):
        assert _mentions(document, names) == _by_pattern(document, names), names


def test_an_empty_name_is_found_as_the_pattern_finds_it() -> None:
    document = _document("ab", "c")
    assert _mentions(document, {"", "b"}) == _by_pattern(document, {"", "b"})


def test_a_document_without_paragraphs_names_nobody() -> None:
    assert _mentions(_document(), {"Xi Jinping"}) == []
