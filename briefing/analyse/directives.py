"""Directives: who said what must be done, and the paragraph it came from.

Each genre states its directives its own way, and each has a finder here:

- readouts and features, Chinese and English (languages/zh/directives.py,
  languages/en/directives.py): a speaker's lead, a numbered task, a task list after
  a colon, a quotation in narration;
- instruments in English (languages/en/instruments.py): executive orders,
  resolutions, communiqués.

The principal speaker is the one with the most headline statements (a person, or
the body that speaks: "会议", "the Security Council"); in the readout of a meeting where
the pair speak together ("The two leaders agreed …", a pack's `joint` speakers), each
of them is a principal too. The principals' statements are the
headline directives, in document order, and everyone else's are kept as theirs. A
sidebar box of the document's own marks directives as highlighted but never decides
what is one. The language is decided per paragraph, so a mixed document works.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import replace

from briefing import languages
from briefing.languages import LANGUAGES, detect
from briefing.languages.common import COMMAS, FULL_STOPS, SEMICOLONS, Statement
from briefing.model import Directive, Document

_PRONOUNS = tuple(pronoun for pack in LANGUAGES.values() for pronoun in pack.pronouns)
_JOINT = frozenset(speaker for pack in LANGUAGES.values() for speaker in pack.joint)
_SAYS_NOTHING = " " + FULL_STOPS + COMMAS + SEMICOLONS + "“”\""  # a lead followed by these alone says nothing


def find_directives(document: Document) -> tuple[tuple[Directive, ...], tuple[Directive, ...]]:
    """The headline directives of the principal speaker, and the remarks of everyone else."""
    pack = languages.get(document.language)
    found = pack.instruments(document) if pack.instruments else None
    if found is None:
        found = _resolve_pronouns(document, _statements(document))
    found = [s for s in found if s.text.strip(_SAYS_NOTHING)]
    principals = {code: _principal([s for s in found if _language(s) == code]) for code in LANGUAGES}
    headlines: list[Directive] = []
    others: list[Directive] = []
    for statement in _one_lead_per_paragraph(found, principals):
        principal = principals[_language(statement)]
        if statement.speaker in principal and statement.headline:
            headlines.append(_directive(statement, document, len(headlines) + 1))
        elif statement.speaker not in principal:
            others.append(_directive(statement, document, 0))
    return tuple(headlines), tuple(others)


def _language(statement: Statement) -> str:
    """The language of a statement's paragraph: a mixed document has a principal speaker in each."""
    return detect(statement.paragraph.text)


def _statements(document: Document) -> list[Statement]:
    """Each language's paragraphs read by its pack's finder, in document order."""
    found = [statement for pack in LANGUAGES.values()
             for statement in pack.statements(tuple(p for p in document.paragraphs if detect(p.text) == pack.code),
                                              document)]
    return sorted(found, key=lambda s: (s.paragraph.index, s.offset))


def _resolve_pronouns(document: Document, found: list[Statement]) -> list[Statement]:
    """"他强调" is the known speaker named last before it; a pronoun nobody was named for is dropped."""
    known = {s.speaker for s in found if s.speaker not in _PRONOUNS and s.kind != "operative"}
    for pack in LANGUAGES.values():
        if pack.people and any(s.speaker in pack.pronouns for s in found):
            known |= {name for p in document.paragraphs for name in pack.people(p.text)}
    mentions = _mentions(document, known)
    resolved: list[Statement] = []
    for statement in found:
        if statement.speaker in _PRONOUNS:
            at = (statement.paragraph.index, statement.offset)
            speaker = _antecedent(mentions, at)
            if not speaker:
                continue
            statement = replace(statement, speaker=speaker)
        resolved.append(statement)
    return resolved


def _mentions(document: Document, names: set[str]) -> list[tuple[tuple[int, int], str]]:
    """Every place a known speaker is named ("Xi" for "Xi Jinping" too), in document order."""
    forms = {name: name for name in names}
    forms.update({name.split()[0]: name for name in names if " " in name})
    if "" in forms or any(_APART in form for form in forms):
        return _mentions_by_pattern(document, forms)
    text = _APART.join(p.text for p in document.paragraphs)  # no form holds _APART: none is named across two
    starts = list(itertools.accumulate((len(p.text) + 1 for p in document.paragraphs[:-1]), initial=0))
    found: list[tuple[tuple[int, int], str]] = []
    for at, form in _named(text, forms):
        n = bisect.bisect_right(starts, at) - 1
        found.append(((document.paragraphs[n].index, at - starts[n]), forms[form]))
    return found


_APART = "\x00"


def _named(text: str, forms: dict[str, str]) -> list[tuple[int, str]]:
    """Where the forms are named in the text, as a pattern of them all, the longest first, finds them: at the first
    place any is named the longest named there, then on from its end. Found by str.find: a pattern of a document's
    own names would be compiled for each document."""
    named = sorted((at, -len(form), form) for form in forms for at in _places(text, form))
    found: list[tuple[int, str]] = []
    end = 0
    for at, minus_length, form in named:
        if at >= end:
            found.append((at, form))
            end = at - minus_length
    return found


def _places(text: str, form: str) -> list[int]:
    """Every place the form starts in the text, overlapping ones too."""
    places = []
    at = text.find(form)
    while at >= 0:
        places.append(at)
        at = text.find(form, at + 1)
    return places


def _mentions_by_pattern(document: Document, forms: dict[str, str]) -> list[tuple[tuple[int, int], str]]:
    """The mentions as the pattern of the forms finds them, for forms that str.find cannot stand for (an empty one)."""
    pattern = re.compile("|".join(sorted(map(re.escape, forms), key=len, reverse=True)))
    return [((p.index, m.start()), forms[m.group()]) for p in document.paragraphs for m in pattern.finditer(p.text)]


def _antecedent(mentions: list[tuple[tuple[int, int], str]], at: tuple[int, int]) -> str:
    i = bisect.bisect_left(mentions, (at, ""))
    return mentions[i - 1][1] if i else ""


def _principal(found: list[Statement]) -> frozenset[str]:
    """The speaker with the most headline statements (ties go to the first to speak); when the principals speak
    together too, every speaker of a headline statement."""
    counts = Counter(s.speaker for s in found if s.headline)
    if not counts:
        return frozenset()
    if _JOINT.intersection(counts):
        return frozenset(counts)
    best = max(counts.values())
    return frozenset({next(s.speaker for s in found if counts.get(s.speaker) == best)})


def _one_lead_per_paragraph(found: list[Statement], principals: dict[str, frozenset[str]]) -> list[Statement]:
    """A paragraph the principal opens with a lead is one directive; that speaker's later leads in it join its
    actions (another principal's, in a readout of two who speak, stand as their own)."""
    kept: list[Statement] = []
    opened: dict[int, int] = {}
    for statement in found:
        principal = principals[_language(statement)]
        single = statement.kind in ("lead", "quote") and statement.speaker in principal and statement.headline
        at = opened.get(statement.paragraph.index)
        if single and at is not None and kept[at].speaker == statement.speaker:
            first = kept[at]
            kept[at] = replace(first, actions=first.actions + (statement.text,) + statement.actions)
            continue
        if single and statement.paragraph.index not in opened:
            opened[statement.paragraph.index] = len(kept)
        kept.append(statement)
    return kept


def _directive(statement: Statement, document: Document, rank: int) -> Directive:
    return Directive(
        speaker=statement.speaker,
        verb=statement.verb,
        text=statement.text.rstrip(SEMICOLONS + " "),  # an item of a list reads as a sentence: no trailing "；"
        actions=statement.actions,
        paragraph=statement.paragraph.index,
        rank=rank,
        source_id=document.source_id,
        kind=statement.kind,
        highlighted=_in_box(statement.text, document.highlights),
    )


def _in_box(text: str, highlights: tuple[str, ...]) -> bool:
    core = text.strip().rstrip(FULL_STOPS)
    return any(item.startswith(core) or core.startswith(item.rstrip(FULL_STOPS)) for item in highlights if item)
