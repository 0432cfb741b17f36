"""What every directive finder shares: a found statement before ranking, and helpers."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Paragraph

QUOTES_OPEN = "“\"'‘「『"
QUOTES_CLOSE = "”\"'’」』"


@dataclass(frozen=True)
class Statement:
    """One thing a speaker said must be done, found in a paragraph, before ranking.

    `headline` is False for statements that are reported but cannot be headlines:
    a closing organisational remark, a sentence that is not an obligation.
    """

    paragraph: Paragraph
    speaker: str
    verb: str
    text: str  # exactly as in the source, without lead, enumerator or quotation marks
    actions: tuple[str, ...]
    kind: str  # lead, numbered, list-item, quote, operative
    headline: bool = True
    offset: int = 0  # where in the paragraph it starts, to keep document order


def unquote(text: str) -> str:
    """The sentence without the quotation marks that wrap it ("“要……。”" → "要……。")."""
    text = text.strip()
    if text[:1] in QUOTES_OPEN:
        text = text[1:]
        closing = text[-1:]
        if closing and (closing in QUOTES_CLOSE and text.count(closing) <= 1
                        or text.endswith(("。”", ".”", ",”", "，”"))):
            text = text[:-1]
    elif text[-1:] in "”」』" and not any(q in text for q in "“「『"):
        text = text[:-1]
    return text.strip()
