"""English: the pack (LANGUAGE) that the registry in briefing.languages lists under "en"."""

from briefing.languages.base import Language
from briefing.languages.common import parse_digits
from briefing.languages.en import directives, instruments, text

LANGUAGE = Language(
    code="en",
    locale="en-GB",
    claims=text.claims,
    sentences=text.sentences,
    width=text.width,
    scales=text.SCALES,
    parse_number=parse_digits,
    scale_of=text.scale_of,
    statements=directives.statements,
    instruments=instruments.instrument_statements,
    pronouns=directives.PRONOUNS,
    people=None,
)
