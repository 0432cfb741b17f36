"""What an English summary takes, and how: the news lead without its dateline, sentences that stand alone.

- The lead ("LISBON, March 3 (Reuters) - The minister announced …"): the dateline and the agency dropped.
- A resolution's operative verb with the body left out ("Calls upon all States …") is said by the speaker
  the paragraph's directive names ("The General Assembly calls upon …"), or not used.
- A sentence that leans on the one before ("This …", "However, …", "It also …", "Its …") is not used;
  "It is …" and "It was …" (a subject of form, not a pointer back) are kept.
- A fragment (a list item "(ii) encourage …", a sentence in lower case) or a heading is not used; an item's
  letter is dropped ("(c) The Secretary shall …").
- Fillers: notes on method (rounding, seasonal adjustment, inflation) with no figure, notes, sources, credits,
  an order's enacting formula ("By the authority vested in me …") and general provisions, a vote's roll call.
"""

from __future__ import annotations

import re

from briefing.languages.common import CLOSERS, holds_any
from briefing.languages.en.text import MONTHS
from briefing.patterns import lazy

_MONTH = r"(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?"
# "LISBON, March 3 (Reuters) - ", "WASHINGTON (AP) — ", "LANZHEN, Sept. 21 (Xinhua) -- ", "BRUSSELS, 3 March: ".
_DATELINE = lazy(r"^[A-Z][A-Z.' -]{1,30}(?:,\s*(?:" + _MONTH + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTH + r")(?:,?\s+\d{4})?)?"
                       r"\s*(?:\([A-Za-z .&]{2,30}\))?\s*(?:--|—|–|-|:)\s+(?=[A-Z\"“])")
_OPERATIVE = lazy(r"^(?:Also |Further |Again |Strongly )?(?:Recalls|Confirms|Calls upon|Calls on|Decides|Requests|Urges|Encourages|"
                        r"Welcomes|Reaffirms|Stresses|Emphasizes|Emphasises|Underlines|Invites|Affirms|Notes|Takes note|"
                        r"Expresses|Acknowledges|Recognizes|Recognises|Reiterates|Commends|Demands|Condemns|Supports)\b")
_FRAGMENT = lazy(r"^(?:[(\[]?[a-z0-9]{1,4}[).\]]\s+)?[a-z]")  # "(ii) encourage …", "and then …"
_CLAUSE = lazy(r"^(?:Recalling|Noting|Welcoming|Reaffirming|Recognizing|Recognising|Bearing in mind|Mindful|"
                     r"Acknowledging|Emphasizing|Emphasising|Stressing|Expressing|Having|Convinced|Concerned|Aware)\b")
_LEANS = lazy(r"^(?:Also|Additionally|In addition|Meanwhile|However|But|And|Or|So|Moreover|Furthermore|"
                    r"On the other hand|Similarly|Likewise|Besides|Still|Yet|Thus|Therefore|Hence|As a result|In turn|"
                    r"Instead|Nevertheless|Nonetheless|By contrast|In contrast|Otherwise|Then|Even so|That said|"
                    r"This|These|That|Those|Such|Its|Their|They|Them|He|She|His|Her|The latter|The former|"
                    r"It(?! (?:is|was|will be|has been|would be) ))\b")
_SAID = lazy(r"^(?P<who>(?:The |the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) (?P<verb>said|stressed|noted|added|"
                   r"urged|announced|emphasized|emphasised|told)\b")

_NOTE = lazy(r"^(?:By (?:virtue of )?the authority vested in|Voting (?:for|against)|For (?:the )?purposes of this|"
                   r"Nothing in this (?:order|memorandum|proclamation|statement)|(?:Notes?|Sources?|Data sources?|Editor'?s'? notes?|Contacts?|Media contacts?|Press contacts?|"
                   r"Photo|Image)\s*:|(?:Editing|Edited|Reporting|Writing|Additional reporting|Compiled) by\b|"
                   r"For (?:more|further) information\b)", re.I)
_METHOD = lazy(r"\brounding\b|seasonally adjusted|seasonal adjustment|adjusted for inflation|methodology|"
                     r"comparable basis|same basis as|subject to revision|definitions? (?:used|of)|preliminary (?:data|figures)",
                     re.I)
_FIGURE = lazy(r"\d")
# What _METHOD needs one of (in lower case): looked for first (common.holds_any), the pattern only where one is.
_METHOD_WORDS = ("rounding", "seasonal", "adjusted for inflation", "methodology", "comparable basis", "same basis as",
                 "subject to revision", "definition", "preliminary")


_ENUMERATOR = lazy(r"^\([a-z0-9]{1,4}\)\s+(?=[A-Z])")  # "(c) The Secretary …": the item's letter


def _heading(sentence: str) -> bool:
    """A heading that ends in a full stop ("Protecting the Grid Against Extreme Weather."): short, in title case."""
    split = sentence.split()
    if len(split) > 12:  # most sentences: split once, and not read word by word
        return False
    words = [w for w in split if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def lead(sentence: str, date: str | None) -> str:
    """The news lead as a summary opens with it: without the dateline and the agency's name."""
    dateline = _DATELINE.match(sentence)
    return sentence[dateline.end():] if dateline else sentence


def _incomplete(sentence: str) -> bool:
    """A question (a reporter's, a rhetorical one: a summary states), an introduction to a list (it ends in a
    colon), or a piece of a quotation (its marks unbalanced)."""
    end = sentence.rstrip(CLOSERS + " ")
    return (end.endswith(("?", ":")) or sentence.count("“") != sentence.count("”")
            or sentence.count('"') % 2 == 1)


def attribute(sentence: str, speaker: str, verb: str) -> str | None:
    """The sentence as it reads on its own: a resolution's bare operative verb given its speaker, None when it
    leans on the sentence before it, has no subject to be given or is incomplete."""
    if _incomplete(sentence):
        return None
    if _OPERATIVE.match(sentence):
        return f"{speaker[0].upper()}{speaker[1:]} {sentence[0].lower()}{sentence[1:]}" if speaker else None
    if _FRAGMENT.match(sentence) or _CLAUSE.match(sentence) or _LEANS.match(sentence) or _heading(sentence):
        return None
    return _ENUMERATOR.sub("", sentence)


def said(sentence: str) -> tuple[str, str] | None:
    """Who a sentence says is speaking, and the verb: ("Costa", "said")."""
    found = _SAID.match(sentence)
    return (found.group("who"), found.group("verb")) if found else None


def filler(sentence: str) -> bool:
    """A note of method with no figure of its own, a note, a source or a credit line: nothing a reader needs."""
    text = sentence.strip()
    return bool(_NOTE.match(text) or (not _FIGURE.search(text) and holds_any(text, _METHOD_WORDS)  # the cheap looks
                                      and _METHOD.search(text)))  # first: _METHOD took some 10 us a sentence
