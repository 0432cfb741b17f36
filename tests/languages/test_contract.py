"""What every registered language pack must do: the contract a new language is checked against.

The texts are small ones written for these tests. Add one for a new pack to SAMPLES;
the first test fails until there is one.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from briefing import languages
from briefing.analyse.directives import find_directives
from briefing.ingest.repair import parse_text
from briefing.ingest.tables import FIELDS
from briefing.languages import LANGUAGES
from briefing.languages.base import Words
from briefing.languages.common import Statement
from briefing.model import Directive, Indicator

# A paragraph of several sentences, and a short document with a directive and figures, in each language.
SAMPLES = {
    "zh": {
        "paragraph": "会议指出，今年以来经济运行总体平稳。会议要求，要抓好春耕生产！各地要“稳字当头”？确保粮食丰收……下一步怎么办",
        "document": "示例县召开经济工作会议\n\n"
                    "2025年3月2日，示例县召开全县经济工作会议。\n\n"
                    "县委书记王明强调，要坚持稳中求进，全力推动产业升级。要抓好项目建设，确保全年目标完成。\n\n"
                    "2024年，全县地区生产总值达到320亿元，同比增长5.6%。",
    },
    "en": {
        "paragraph": "The council met on Monday. It agreed on No. 3 of the plan, set out in Sec. 2! Will it last? "
                     "\"Yes,\" the chair said. Work starts in May",
        "document": "Ministers meet on regional trade\n\n"
                    "The ministers met in Example City on 2 March 2025.\n\n"
                    "Minister Jane Doe stressed that member states should remove barriers to trade in services. "
                    "She added that the region must invest in its ports.\n\n"
                    "In 2024, trade among members grew 4.5 percent to 1.2 trillion dollars.",
    },
}
PACKS = pytest.mark.parametrize("code", list(LANGUAGES))


def test_every_pack_has_a_sample_and_the_registry_round_trips():
    assert set(SAMPLES) == set(LANGUAGES)
    assert languages.DEFAULT in LANGUAGES
    for code, pack in LANGUAGES.items():
        assert pack.code == code and languages.get(code) is pack
    with pytest.raises(KeyError, match='no language "xx": the packs are zh, en'):
        languages.get("xx")


@PACKS
def test_detect_picks_the_pack_of_a_text_in_its_language(code):
    for text in SAMPLES[code].values():
        assert languages.detect(text) == code
        assert languages.for_text(text) is LANGUAGES[code]


@PACKS
def test_sentences_keep_every_character(code):
    text = SAMPLES[code]["paragraph"]
    found = LANGUAGES[code].sentences(text)
    assert len(found) >= 4
    assert "".join("".join(found).split()) == "".join(text.split())  # nothing lost, nothing added, but spaces
    at = 0
    for sentence in found:
        assert sentence.strip() and (at := text.index(sentence.strip(), at)) >= 0  # in order, as written


@PACKS
def test_width_and_numbers(code):
    pack = LANGUAGES[code]
    text = SAMPLES[code]["paragraph"]
    assert 0 < pack.width(text) <= len(text)
    assert pack.parse_number("20.5") == 20.5 and pack.parse_number("35,000") == 35000
    assert all(factor > 1 for factor in pack.scales.values())
    for word, factor in pack.scales.items():
        assert pack.scale_of(f"{word}{pack.gap}x") == (factor, "x")
    assert isinstance(pack.grams(text), frozenset)


def test_every_catalogue_has_the_same_keys():
    packs = list(LANGUAGES.values())
    for part in fields(Words):
        catalogues = {pack.code: getattr(pack.words, part.name) for pack in packs}
        if not all(isinstance(c, dict) for c in catalogues.values()):
            continue  # a list of examples, not a catalogue
        keys = {code: set(c) for code, c in catalogues.items()}
        assert all(k == keys[packs[0].code] for k in keys.values()), (part.name, keys)
    for pack in packs:
        assert set(pack.words.headers) == set(FIELDS)
        assert all(isinstance(w, str) and w for w in pack.words.labels.values())


@PACKS
def test_the_finders_return_model_objects_that_point_into_the_text(code):
    document = parse_text(SAMPLES[code]["document"], "sample", "sample.txt")
    assert document.language == code
    paragraphs = {p.index: p.text for p in document.paragraphs}
    pack = LANGUAGES[code]

    statements = pack.statements(document.paragraphs, document)
    assert statements and all(isinstance(s, Statement) for s in statements)
    assert all(s.text[:8] in s.paragraph.text for s in statements)

    headlines, others = find_directives(document)
    assert headlines
    for directive in headlines + others:
        assert isinstance(directive, Directive)
        assert directive.text.strip("“”\"")[:8] in paragraphs[directive.paragraph]

    figures = pack.indicators(document)
    assert figures
    for figure in figures:
        assert isinstance(figure, Indicator) and figure.period
        assert figure.quote in paragraphs[figure.paragraph] and figure.value in figure.quote


@PACKS
def test_repair_notes_and_dates_are_said_in_the_pack(code):
    pack = LANGUAGES[code]
    fields_of = {"links": {"head": "x", "lines": 2}, "line": {"line": "x"}, "page": {"line": "x"},
                 "sidebar": {"count": 2, "head": "x"}, "fragment": {"text": "x"}, "paragraph": {"text": "x"},
                 "joined": {"left": "x", "right": "y"}, "byline": {"line": "x"}, "charset": {"used": "x", "declared": "y"},
                 "copy": {"title": "x", "origin": "y"}}
    assert set(pack.words.repairs) == set(fields_of)
    for what, values in fields_of.items():
        assert pack.words.repairs[what].format(**values)
    assert "2024" in pack.date("2024-04-23") and pack.heading_number(2).strip()
