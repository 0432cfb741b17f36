"""English statements of what must be done in readouts and features.

"Xi stressed that efforts should be made to …" (a lead), "He called for …", and a
quotation in narration: '"We must …," Xi said.' Short names are resolved to the
full name the document gives ("Xi" → "Xi Jinping").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from briefing.languages.common import Statement, unquote
from briefing.model import Document, Paragraph
from briefing.languages.en.text import sentences
from briefing.patterns import lazy

PRONOUNS = ("He", "She")
OPENING_PRONOUN = lazy(r"^(?:" + "|".join(PRONOUNS) + r") (?=[a-z])")  # "He said …" in a summary
_VERBS = (r"stressed|emphasized|emphasised|underscored|noted|said|pointed out|urged|called for|called on|"
          r"demanded|asked|instructed|required|added|underlined|highlighted|told [a-z ]{2,30}?|"
          r"committed to|announced|agreed(?: that)?|affirmed|reaffirmed|reiterated")
# The pair of them in a readout of a meeting: "The two leaders agreed that …", named JOINT.
_TOGETHER = r"The (?:two )?leaders|Both leaders|The two sides"
JOINT = ("Leaders",)
_NAME = r"(?:" + _TOGETHER + r")|(?:[A-Z][a-z]+(?:-[a-z]+)?)(?: [A-Z][a-z]+(?:-[a-z]+)?){0,2}|He|She"
_LEAD = lazy(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”]\s)|(?<=,\s))(?P<speaker>" + _NAME + r")"
    r"(?P<mod>(?: also| further| finally| then| again| in conclusion,?)*)"
    r" (?P<verb>" + _VERBS + r")(?: in (?:his|her|a) [a-z]+)?(?: that)?,? (?=\S)"
)
_QUOTE = lazy(
    r"[“\"](?P<quote>[^”\"]{12,}?)[”\"],?\s+(?:(?P<speaker>" + _NAME + r")\s+(?P<verb>said|stressed|added|noted|told [a-z ]+?)"
    r"|(?P<verb2>said|added|stressed)\s+(?P<speaker2>" + _NAME + r"))\b"
)
_OPENING = lazy(r"[“\"]")
_CLOSING_MARK = lazy(r"[”\"]")
_MODAL = lazy(
    r"\b(?:should|must|shall|need(?:s)? to|have to|has to|will|ought to|efforts)\b"
    r"|\bit is (?:essential|important|imperative|necessary|vital|crucial)\b",
    re.I,
)
_CALLS = ("urged", "called for", "called on", "demanded", "instructed", "asked", "required", "committed to",
          "announced")
_TOGETHER_RE = lazy(_TOGETHER)
_TOGETHER_ONLY = ("agreed", "agreed that", "affirmed", "reaffirmed", "reiterated")
_CLOSING = ("finally", "in conclusion")
_NOT_SPEAKERS = {"The", "This", "It", "They", "We", "There", "These", "That", "Officials", "Experts"}


def statements(paragraphs: tuple[Paragraph, ...], document: Document) -> list[Statement]:
    """Every English statement of obligation, speakers resolved to the full names the document gives."""
    names = full_names(document.text)
    titled: dict[str, str] = {}  # each bare title looked for in the document once, not once a statement
    found: list[Statement] = []
    for paragraph in paragraphs:
        for statement in _in_paragraph(paragraph):
            if statement.speaker not in titled:
                titled[statement.speaker] = _titled(statement.speaker, document.text)
            speaker = titled[statement.speaker] or untitled(statement.speaker)
            speaker = speaker if speaker in PRONOUNS else names.get(speaker, speaker)
            found.append(replace(statement, speaker=speaker))
    return found


def _in_paragraph(paragraph: Paragraph) -> list[Statement]:
    text = paragraph.text
    matches = list(_LEAD.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)]
    found = [s for m, end in zip(matches, ends) if (s := _lead(paragraph, m, end))]
    found += [s for m in _quotes(text) if (s := _quote(paragraph, m))]
    return sorted(found, key=lambda s: s.offset)


def _quotes(text: str) -> list[re.Match]:
    """_QUOTE.finditer(text), each closing mark's quotation tried once. A quotation runs to the first closing mark
    after its opening one, so every opening mark before that closing one gives the same ending or a shorter one:
    when the first fails, they all do. finditer tried each, each reading on to the closing mark or the paragraph's
    end: time in the square of a paragraph of opening marks alone ("“" * 16,000: 5.5 s)."""
    found: list[re.Match] = []
    position = 0
    while opening := _OPENING.search(text, position):
        match = _QUOTE.match(text, opening.start())
        if match:
            found.append(match)
            position = match.end()
            continue
        closing = _CLOSING_MARK.search(text, opening.end())
        if closing is None:
            break
        position = closing.start()  # a straight quote closes one quotation and may open the next
    return found


def _lead(paragraph: Paragraph, match: re.Match, end: int) -> Statement | None:
    speaker, verb = match.group("speaker"), match.group("verb")
    together = bool(_TOGETHER_RE.fullmatch(speaker))
    speaker = JOINT[0] if together else speaker
    if speaker in _NOT_SPEAKERS or verb in _TOGETHER_ONLY and not together:
        return None  # one leader who "reiterated" a position states it; the pair who "agreed" decide
    verb = verb.removesuffix(" that")
    parts = sentences(paragraph.text[match.end():end])
    if not parts:
        return None
    head = parts[0].strip()
    if verb == "asked" and re.match(r"(?:how|what|which|whether|if|about|why|when|where|who)\b", head):
        return None  # a question, not an instruction
    if verb not in _CALLS and not together and not _obliges(head):
        return None  # what the leaders say together they say for both; one speaker's words must oblige
    kind = "lead" if match.start() == 0 else "quote"
    closing = any(word in match.group("mod").lower() for word in _CLOSING)
    actions = tuple(p.strip() for p in parts[1:]) if kind == "lead" else ()
    return Statement(paragraph, speaker, verb, head, actions, kind, not closing, match.end())


def _quote(paragraph: Paragraph, match: re.Match) -> Statement | None:
    quote = match.group("quote").strip()
    speaker = match.group("speaker") or match.group("speaker2")
    verb = match.group("verb") or match.group("verb2")
    if speaker in _NOT_SPEAKERS or not _obliges(quote):
        return None
    head = sentences(quote)[0] if len(sentences(quote)) > 1 else quote
    return Statement(paragraph, speaker, verb, unquote(head), (), "quote", True, match.start())


def _obliges(sentence: str) -> bool:
    """An obligation in the main clause, not in a clause hung on it ("…difficulties, which must be addressed")."""
    main = re.split(r",\s*(?:which|who|where|including|while|as)\b|;", sentence)[0]
    return bool(_MODAL.search(main)) and not _PREDICTS.match(main)


# "this new step will advance …": what a thing will do is a forecast; only someone who will act commits.
_PREDICTS = lazy(r"^(?:this|that|these|those|it|such)\b(?:(?!\b(?:we|they|both)\b)[^,;]){0,40}?\b(?:will|would)\b",
                       re.I)


_TITLES = lazy(r"^(?:(?:Chinese |Vice |Deputy |Prime |Party |General |Provincial )?(?:President|Premier|Governor|"
                     r"Minister|Secretary|Mayor|Chairman|Chairwoman|Director|Ambassador|Commissioner|Chancellor|"
                     r"Senator|Representative|Spokesperson|Spokesman|Spokeswoman)|Mr\.?|Ms\.?|Mrs\.?|Dr\.?) ")


def _titled(speaker: str, text: str) -> str:
    """"The President" of a readout is the first one the document names with that title ("President Biden"
    met "President Xi": the one whose office wrote it is named first); "" when the speaker is no bare title."""
    bare = re.fullmatch(r"[Tt]he (?P<title>President|Premier|Prime Minister|Chancellor|Governor|Secretary)", speaker)
    if not bare:
        return ""
    named = re.search(r"\b" + bare.group("title") + r" (?P<name>[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+)?)", text)
    return untitled(named.group("name")) if named else ""


def untitled(name: str) -> str:
    """"Governor Lu Minghe" → "Lu Minghe"; a title alone stays as it is."""
    stripped = _TITLES.sub("", name)
    return stripped if stripped else name


def full_names(text: str) -> dict[str, str]:
    """Map a short English name ("Xi") to the full name the document gives ("Xi Jinping")."""
    found = (untitled(n) for n in re.findall(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?){1,4})\b", text))
    full = Counter(" ".join(n.split()[:2]) for n in found if " " in n)
    names: dict[str, str] = {}
    for name, _ in full.most_common():
        for part in name.split():
            names.setdefault(part, name)
    return names
