"""Directives: who said what must be done, and the paragraph it came from.

A readout states its headline directives as paragraph leads: a speaker, a verb of
saying, then a sentence of obligation ("习近平强调，要坚持……。" / "Xi stressed that
efforts should be made to …"). The first such sentence is the headline, the rest of
the paragraph its supporting actions. The principal speaker is the one with the most
such leads; the remarks of others are kept as theirs. A sidebar box of the
document's own, when there is one, marks directives as highlighted but never
decides what is a directive.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefing.model import Directive, Document, Paragraph
from briefing.text import sentences

_ZH_VERBS = "强调|指出|表示|要求|提出|希望|号召|部署|认为"
_ZH_LEAD = re.compile(
    r"(?:^|(?<=[。！？]))(?P<speaker>[\u4e00-\u9fff]{2,4}?|他|她)"
    r"(?:总书记|主席|总理|同志)?"
    r"(?P<mod>(?:在[^，。]{0,16}?中|最后|还|并|又|进一步|同时|也|随后|接着|首先|特别|再次)*)"
    r"(?P<verb>" + _ZH_VERBS + r")[，,：:]"
)
_ZH_MODAL = re.compile(r"^(?:要|必须|务必|应当|应该|需要|坚持|切实|着力|加快|大力|全面|深入|推动|以)")
_EN_VERBS = (r"stressed|emphasized|emphasised|underscored|noted|said|pointed out|urged|called for|called on|"
             r"demanded|asked|instructed|required|added|underlined|highlighted")
_EN_LEAD = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<speaker>(?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2}|He|She)"
    r"(?P<mod>(?: also| further| finally| then| in conclusion,?)*)"
    r" (?P<verb>" + _EN_VERBS + r")(?: in (?:his|her|a) [a-z]+)?(?: that)?,? "
)
_EN_MODAL = re.compile(
    r"\b(?:should|must|shall|need(?:s)? to|have to|has to|will|ought to|efforts)\b"
    r"|\bit is (?:essential|important|imperative|necessary|vital|crucial)\b",
    re.I
)
_EN_CALL = ("urged", "called for", "called on", "demanded", "instructed", "asked", "required")
_CLOSING = ("最后", "finally", "in conclusion")
_NOT_PEOPLE = {"会议", "会上", "座谈会", "大会", "全会", "统计", "数据", "报告", "文件", "通知", "意见", "他们", "我们"}


@dataclass(frozen=True)
class _Lead:
    """A speaker clause found in a paragraph, before deciding what it is."""

    paragraph: Paragraph
    speaker: str
    verb: str
    text: str  # the sentence after the verb, exactly as in the source
    rest: tuple[str, ...]  # the paragraph's sentences after it
    at_start: bool
    closing: bool
    modal: bool


def find_directives(document: Document) -> tuple[tuple[Directive, ...], tuple[Directive, ...]]:
    """The headline directives of the principal speaker, and the remarks of everyone else."""
    leads = _leads(document)
    principal = _principal(leads)
    headlines: list[Directive] = []
    others: list[Directive] = []
    for lead in leads:
        if not lead.modal:
            continue
        if lead.speaker == principal and lead.at_start and not lead.closing:
            headlines.append(_directive(lead, document, len(headlines) + 1))
        elif lead.speaker != principal:
            others.append(_directive(lead, document, 0))
    return tuple(headlines), tuple(others)


def _leads(document: Document) -> list[_Lead]:
    names = _full_names(document.text) if document.language == "en" else {}
    found = [lead for p in document.paragraphs if (lead := _lead_in(p, document.language))]
    known = {names.get(lead.speaker, lead.speaker) for lead in found} - {"他", "她", "He", "She"}
    leads: list[_Lead] = []
    for lead in found:
        speaker = names.get(lead.speaker, lead.speaker)
        if speaker in ("他", "她", "He", "She"):
            speaker = _antecedent(document, lead, known)
        if speaker:
            leads.append(_Lead(**{**lead.__dict__, "speaker": speaker}))
    return leads


def _antecedent(document: Document, lead: _Lead, known: set[str]) -> str:
    """The known speaker named last before a pronoun ("……习近平……。他强调，")."""
    before = document.text.split(lead.paragraph.text, 1)[0] + lead.paragraph.text.split(lead.text, 1)[0]
    aliases = _full_names(document.text) if document.language == "en" else {}
    positions = {name: before.rfind(name) for name in known}
    for short, full in aliases.items():
        if full in positions:
            positions[full] = max(positions[full], before.rfind(short + " "))
    best = max(positions, key=positions.get, default="")
    return best if best and positions[best] >= 0 else ""


def _lead_in(paragraph: Paragraph, language: str) -> _Lead | None:
    """The first speaker clause of a paragraph that opens a sentence."""
    pattern = _ZH_LEAD if language == "zh" else _EN_LEAD
    for match in pattern.finditer(paragraph.text):
        speaker = match.group("speaker")
        if speaker in _NOT_PEOPLE:
            continue
        after = paragraph.text[match.end():]
        parts = sentences(after, language)
        if not parts:
            continue
        head = parts[0] if language == "zh" else parts[0].strip()
        verb = match.group("verb")
        return _Lead(
            paragraph=paragraph,
            speaker=speaker,
            verb=verb,
            text=head,
            rest=tuple(p.strip() for p in parts[1:]),
            at_start=match.start() == 0,
            closing=any(word in match.group("mod").lower() for word in _CLOSING),
            modal=_is_obligation(head, verb, language),
        )
    return None


def _is_obligation(sentence: str, verb: str, language: str) -> bool:
    if language == "zh":
        return bool(_ZH_MODAL.match(sentence))
    return verb in _EN_CALL or bool(_EN_MODAL.search(sentence))


def _principal(leads: list[_Lead]) -> str:
    """The speaker with the most leads of obligation; ties go to the first to speak."""
    counts = Counter(lead.speaker for lead in leads if lead.modal and lead.at_start and not lead.closing)
    if not counts:
        return ""
    best = max(counts.values())
    return next(lead.speaker for lead in leads if counts.get(lead.speaker) == best)


def _full_names(text: str) -> dict[str, str]:
    """Map a short English name ("Xi") to the full name the document gives ("Xi Jinping")."""
    full = Counter(re.findall(r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?)\b", text))
    names: dict[str, str] = {}
    for name, _ in full.most_common():
        for part in name.split():
            names.setdefault(part, name)
    return names


def _directive(lead: _Lead, document: Document, rank: int) -> Directive:
    return Directive(
        speaker=lead.speaker,
        verb=lead.verb,
        text=lead.text,
        actions=lead.rest,
        paragraph=lead.paragraph.index,
        rank=rank,
        source_id=document.source_id,
        kind="lead",
        highlighted=_in_box(lead.text, document.highlights),
    )


def _in_box(text: str, highlights: tuple[str, ...]) -> bool:
    core = text.strip().rstrip("。.")
    return any(item.startswith(core) or core.startswith(item.rstrip("。.")) for item in highlights if item)
