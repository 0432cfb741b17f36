"""Directives of instruments: executive orders, resolutions and communiqués.

- An executive order ("By the authority vested in me as President … it is hereby
  ordered"): from the Policy section on, the lead operative sentence of each numbered
  section; Purpose, findings, Definitions and General Provisions are not directives.
- A resolution ("The Security Council,"): its operative clauses, which open with a
  verb in the present tense ("Decides", "Urges", "Calls upon"); the preambular
  ones open with a participle ("Recalling", "Noting") and are not directives.
- A communiqué: the commitments of its authors ("We will …", "We commit to …",
  "Ministers agreed to …", "We call on …"); what they note or welcome is not one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from briefing.languages.common import Statement, holds_any
from briefing.model import Document, Paragraph
from briefing.languages.en.text import sentences
from briefing.patterns import lazy

_ORDERED = lazy(r"it is hereby ordered|do hereby (?:order|direct)", re.I)
# Who orders: "vested in me as President by the Constitution and the laws of the United States of America", "as
# Governor of the State of Mesada by …", or "I, NAME, Governor of the State of Carden, …".
_TITLED = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?(?: of (?:the )?[A-Z][a-z]+(?: (?:of )?[A-Z][a-z]+)*)?"
_AUTHORITY = lazy(r"vested in me as (?:the )?(?P<office>" + _TITLED + r")"
                        r"|\bI, (?P<name>[A-Z][A-Za-z.'’ -]{2,60}?), (?P<signer>" + _TITLED + r")\b")
# The polity whose laws give the authority, as a run of capitalised words ("the United States", not "this State"),
# and a generic one with its name ("the State of Marren", "the Commonwealth of Elm").
_POLITY = lazy(r"\blaws of (?P<the>the )?(?P<polity>(?:(?:State|Commonwealth|Republic|Kingdom|Province|Territory|"
                     r"City|County) of )?[A-Z][a-z]+(?: [A-Z][a-z]+)*)")
# "Sec. 2. Policy. It is …", "SECTION 1. PURPOSE.", "### Sec. 3. Reporting", "**SEC. 5. LICENSING.** The …"
_SECTION = lazy(r"^(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:Section|Sec\.?)\s*(?P<number>\d+)\s*\.\s*(?P<rest>.*)$",
                      re.S | re.I)
_MARKS = lazy(r"\*\*|__")
_HEADING = lazy(r"^(?P<heading>(?:[A-Z][\w'’-]*|and|of|the|for|to|in|on|a|an|with|by)(?:[ ,]+(?:[A-Z][\w'’-]*|and|of|"
                      r"the|for|to|in|on|a|an|with|by|&)){0,12})\.\s+(?P<body>.*)$", re.S)
_NOT_OPERATIVE = lazy(r"purpose|findings|background|definitions|general provisions|scope|severability|"
                            r"effective date|no private right|construction", re.I)
_TITLE_ONLY = lazy(r"(?:[A-Z][\w'’-]*)(?:[ ,]+(?:[A-Z][\w'’-]*|and|of|the|for|to|in|on|a|an|with|by|&)){0,12}\.?")
_SUBSECTION = lazy(r"^\s*\((?:[a-z]|[ivx]+|\d+)\)\s*")
_OPERATIVE = lazy(r"\b(?:shall|policy|hereby|must|will|is directed|are directed)\b", re.I)

_BODY_LINE = lazy(r"^The (?P<body>[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|on|for|and|the))*),\s*$")
_ENUMERATOR = lazy(r"^\s*(?:\d{1,3}[.)]|\([a-z0-9]{1,4}\)|[•·▪\-–*])\s*")
# "Decides", "Calls upon", and with an adverb the adverb is part of it: "Also welcomes", "Further welcomes".
_RESOLVES = lazy(r"^(?P<verb>(?:(?:Also|Further|Strongly|Again|Once again|Firmly|Repeatedly|Hereby)\s+"
                       r"(?:calls (?:upon|on)|takes note|[a-z]{3,}(?:s|es)))"
                       r"|(?:Calls|Call) (?:upon|on)|Takes note|[A-Z][a-z]{2,}(?:s|es))\b")
_NOT_VERBS = {"This", "Its", "Thus", "Was", "Has", "Is", "As", "Press", "Ministers", "Leaders", "Members", "States",
              "Parties", "News", "Heads", "Countries", "Minutes", "Notes", "Progress"}
_NOTES_THAT = lazy(r"^Notes (?:that|with|the|its|also)\b")  # an operative "Notes the …", not a heading "Notes"
# A commitment may open with what it is for or when: "To this end, we will …", "In the coming weeks, we will …".
_PURPOSE = (r"(?:(?:Moreover|In addition|Furthermore|Also|Further|Accordingly|Today),\s+)?"
            r"(?:(?:[Tt]o|In|As|With|By|Through|Over|Together with|Building on|For)\b[^.;:]{0,240}?,\s+)?"
            # and when: "To support …, over coming months the Committee will …"
            r"(?:(?:over|in|during|within|for) (?:the )?(?:coming|next|following) [a-z ]{0,20}?\s+)?")
# A body that decides by itself: "the Committee decided today to …", "The Governing Council will …".
_BODY = r"[Tt]he (?:[A-Z][\w-]* ){0,3}(?:Committee|Council|Board|Commission|Assembly)"
_WE = lazy(r"^" + _PURPOSE + r"(?:[Ww]e|(?P<body>Ministers|Leaders|Members|Participants|Governors|Parties|"
                 r"Heads of State(?: and Government)?|" + _BODY + r"))"
                 r"(?: also| further| therefore| jointly| collectively| together| today| decided today)?"
                 r" (?P<verb>will|shall|commit|commits|agreed|agree|call on|call upon|called on|resolve|resolved|"
                 r"pledge|pledged|decide|decided|undertake|are committed|are determined|task|tasked|instruct|mandate|"
                 r"request|intend|continue to|offer|offered)\b")
_BULLET = lazy(r"^\s*(?:[•·▪\-–*]|\([a-z]{1,3}\)|[a-z]\)|\d{1,2}[.)](?=\s+[a-z]))\s+")
_AUTHORS = lazy(r"\b(Ministers|Leaders|Heads of State and Government|Governors|Members|Participants)\b")


def instrument_statements(document: Document) -> list[Statement] | None:
    """The directives when the document is an order, a resolution or a communiqué; None otherwise."""
    text = document.text
    if holds_any(text, ("hereby",)) and _ORDERED.search(text):  # the costly look (430 us a document) after a cheap one
        return _order(document)
    body = next((m.group("body") for p in document.paragraphs[:12] if (m := _BODY_LINE.match(p.text.strip()))), None)
    if body:
        return _resolution(document, f"the {body}")
    commitments = _communique(document)
    return commitments if len(commitments) >= 2 else None


def _order(document: Document) -> list[Statement]:
    speaker = _who_orders(document.text)
    found: list[Statement] = []
    for paragraph, body in _sections(document.paragraphs):
        statement = _lead_operative(paragraph, body, speaker)
        if statement:
            found.append(statement)
    return found


def _who_orders(text: str) -> str:
    """The one who orders: "Margaret Delacroix-Hunt (Governor of the State of Carden)" when the order names its
    signer, else the office with the polity whose laws it acts under ("President of the United States"), else the
    office ("the President")."""
    found = _AUTHORITY.search(text)
    if not found:
        return "the President"
    office = found.group("office") or found.group("signer")
    polity = _POLITY.search(text, found.end())
    if " of " not in office and polity and polity.start() - found.end() < 80:
        office = f"{office} of {polity.group('the') or ''}{polity.group('polity')}"
    name = found.group("name")
    if name:
        return f"{name.title()} ({office})"
    return office if " of " in office else f"the {office}"


def _sections(paragraphs: tuple[Paragraph, ...]) -> list[tuple[Paragraph, list[str]]]:
    """Each numbered section that can hold directives: its first paragraph and its sentences."""
    sections: list[tuple[Paragraph, list[str]]] = []
    current: list[str] | None = None
    for paragraph in paragraphs:
        match = _SECTION.match(paragraph.text.strip())
        if match:
            rest = _MARKS.sub("", match.group("rest")).strip()
            heading = _HEADING.match(rest + " ")  # the space lets a heading alone ("PURPOSE.") match too
            title = heading.group("heading") if heading else (rest if _TITLE_ONLY.fullmatch(rest) else "")
            body = heading.group("body").strip() if heading else ("" if title else rest)
            if _NOT_OPERATIVE.search(title):
                current = None
                continue
            current = []
            sections.append((paragraph, current))
            current.extend(_clauses(body))
        elif current is not None and not current:
            sections[-1] = (paragraph, current)  # the body under a heading on its own line: the directive's paragraph
            current.extend(_clauses(paragraph.text))
        elif current is not None and _headed_subsection(paragraph.text):
            current = _clauses(_headed_subsection(paragraph.text))  # "(a) Membership. The Council shall …": its own
            sections.append((paragraph, current))
        elif current is not None and _SUBSECTION.match(paragraph.text):
            current.extend(_clauses(paragraph.text))
        elif current is not None:
            current = None  # the signature or closing lines after the last section
    return sections


_HEADED = lazy(r"^\s*\((?:[a-z]|[ivx]+|\d+)\)\s*(?P<heading>[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|and|of|the|for|to|in|on|"
                     r"with|by|&)){0,5})\.\s+(?P<body>[A-Z].*)$", re.S)


def _headed_subsection(text: str) -> str:
    """The body of a lettered subsection with a heading of its own ("(b) Administration. The Vice Chairs shall …"),
    which holds a directive of its own as a section does; "" for an unheaded item ("(a) solicit feedback …")."""
    match = _HEADED.match(text)
    if not match or _NOT_OPERATIVE.search(match.group("heading")):
        return ""
    return match.group("body")


def _clauses(text: str) -> list[str]:
    return [_SUBSECTION.sub("", s).strip() for s in sentences(text) if s.strip()]


def _lead_operative(paragraph: Paragraph, body: list[str], speaker: str) -> Statement | None:
    for i, sentence in enumerate(body):
        if _OPERATIVE.search(sentence):
            return Statement(paragraph, speaker, "ordered", sentence, tuple(body[i + 1:]), "operative",
                             offset=paragraph.text.find(sentence[:20]))
    return None


def _resolution(document: Document, body: str) -> list[Statement]:
    found: list[Statement] = []
    started = False
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if _BODY_LINE.match(text):
            started = True
            continue
        if not started:
            continue
        clause = _ENUMERATOR.sub("", text)
        match = _RESOLVES.match(clause)
        if match and (match.group("verb").split()[0] not in _NOT_VERBS or _NOTES_THAT.match(clause)):
            found.append(Statement(paragraph, body, match.group("verb"), clause, (), "operative",
                                   offset=text.find(clause[:10])))
        elif found and _ENUMERATOR.match(text) and text[:1] in "(•·▪-–*":
            last = found.pop()
            found.append(replace(last, actions=last.actions + (clause,)))
    return found


_DECISION = lazy(r"decided?$")


def _heads(parts: list[str]) -> list[tuple[int, int, re.Match]]:
    """The sentences of a paragraph that head a directive, each with where its actions end: the first
    commitment, and every decision its body takes ("the Committee decided …"); the sentences between are
    the actions of the one before them."""
    heads: list[tuple[int, re.Match]] = []
    for i, sentence in enumerate(parts):
        match = _WE.match(sentence)
        if match and (not heads or _DECISION.match(match.group("verb"))):
            heads.append((i, match))
    ends = [i for i, _ in heads[1:]] + [len(parts)]
    return [(i, end, match) for (i, match), end in zip(heads, ends)]


def _speaker(body: str | None, text: str) -> str:
    """The body a commitment names, by the fullest name the document gives it ("the Committee" → "the Federal
    Open Market Committee"), as a reader writes it in a sentence; "Leaders" as it is."""
    if body is None:
        return ""
    if not body.startswith(("The ", "the ")):
        return body
    return "the " + max((_full_names(body.split()[-1], text) + (body[4:],)), key=len)


@functools.lru_cache(maxsize=32)
def _full_names(head: str, text: str) -> tuple[str, ...]:
    """Every name the text gives a body ending in `head` ("Federal Open Market Committee"); read once a document."""
    return tuple(re.findall(r"\b[Tt]he ((?:[A-Z][\w-]* ){0,5}" + re.escape(head) + r")\b", text))


def _communique(document: Document) -> list[Statement]:
    authors = _AUTHORS.search(document.text)
    speaker = authors.group(1) if authors else "We"
    found: list[Statement] = []
    intro: Statement | None = None  # "We task our Ministers to:" and the bullets that follow it
    for paragraph in document.paragraphs:
        if intro and (_BULLET.match(paragraph.text) or paragraph.text[:1].islower()):
            item = _ENUMERATOR.sub("", paragraph.text.strip())
            found.append(Statement(paragraph, intro.speaker, intro.verb, item, (), "operative",
                                   offset=paragraph.text.find(item[:20])))
            continue
        intro = None
        text = _ENUMERATOR.sub("", paragraph.text.strip())
        parts = sentences(text)
        for i, j, match in _heads(parts):
            statement = Statement(paragraph, _speaker(match.group("body"), document.text) or speaker, match.group("verb"), parts[i],
                                  tuple(parts[i + 1:j]), "operative", offset=paragraph.text.find(parts[i][:20]))
            if parts[i].rstrip().endswith(":") and i == len(parts) - 1:
                intro = statement  # the list that follows holds the commitments
            else:
                found.append(statement)
    return found
