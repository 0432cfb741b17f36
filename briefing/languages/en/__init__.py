"""English: the pack (LANGUAGE) that the registry in briefing.languages lists under "en"."""

from briefing.languages.base import Language
from briefing.languages.common import parse_digits
from briefing.languages.en import directives, indicators, instruments, repair, text
from briefing.languages.en.words import WORDS

LANGUAGE = Language(
    code="en",
    locale="en-GB",
    claims=text.claims,
    gap=" ",
    sentences=text.sentences,
    width=text.width,
    grams=text.grams,
    min_width=8,
    scales=text.SCALES,
    parse_number=parse_digits,
    scale_of=text.scale_of,
    unit_spellings={"percent": "%", "per cent": "%", "percentage point": "percentage points"},
    plain_period=text.plain_period,
    date=text.date,
    heading_number=text.heading_number,
    filters={},
    is_cut=repair.is_cut,
    continues=repair.continues,
    noise_lines=repair.NOISE_LINES,
    page_lines=repair.PAGE_LINES,
    link_boxes=repair.LINK_BOXES,
    item_starts=repair.ITEM_STARTS,
    list_items=repair.LIST_ITEMS,
    dates=(),
    bylines=(),
    cut_word=repair.cut_word,
    title_like=repair.title_like,
    statements=directives.statements,
    instruments=instruments.instrument_statements,
    pronouns=directives.PRONOUNS,
    people=None,
    opening_pronoun=directives.OPENING_PRONOUN,
    indicators=indicators.indicators,
    percent_units=indicators.PERCENT_UNITS,
    is_annual_rate=indicators.is_annual_rate,
    label=indicators.label,
    written=None,
    share_label=indicators.share_label,
    share_words=indicators.share_words,
    words=WORDS,
)
