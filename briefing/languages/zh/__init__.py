"""Chinese: the pack (LANGUAGE) that the registry in briefing.languages lists under "zh"."""

from briefing.languages.base import Language
from briefing.languages.zh import directives, indicators, repair, text
from briefing.languages.zh.words import WORDS

LANGUAGE = Language(
    code="zh",
    locale="zh-CN",
    claims=text.claims,
    gap="",
    sentences=text.sentences,
    width=text.width,
    grams=text.grams,
    min_width=16,
    scales=text.SCALES,
    parse_number=text.parse_number,
    scale_of=text.scale_of,
    is_cut=repair.is_cut,
    continues=repair.continues,
    noise_lines=repair.NOISE_LINES,
    page_lines=repair.PAGE_LINES,
    link_boxes=repair.LINK_BOXES,
    item_starts=repair.ITEM_STARTS,
    list_items=repair.LIST_ITEMS,
    dates=repair.DATES,
    bylines=repair.BYLINES,
    cut_word=None,
    title_like=None,
    statements=lambda paragraphs, document: directives.statements(paragraphs),
    instruments=None,
    pronouns=directives.PRONOUNS,
    people=directives.PERSON.findall,
    opening_pronoun=directives.OPENING_PRONOUN,
    indicators=indicators.indicators,
    percent_units=indicators.PERCENT_UNITS,
    is_annual_rate=indicators.is_annual_rate,
    label=indicators.label,
    written=indicators.written,
    share_label=indicators.share_label,
    share_words=indicators.share_words,
    words=WORDS,
)
