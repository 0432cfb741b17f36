"""What a language pack provides: one frozen Language of data and callables, the same fields for every pack.

The stages never ask which language a text is in to branch on it; they ask the pack
(`briefing.languages.get(code)`, or the registry's helpers) to do the language's part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from briefing.languages.common import Statement
from briefing.model import Document, Indicator, Paragraph


@dataclass(frozen=True)
class Words:
    """A language's words, in one catalogue: every pack has the same keys in each part."""

    labels: dict[str, str]  # the template's `labels`: section names, table headings, punctuation, markings
    phrases: dict[str, str]  # narrative phrase templates, which an audience's `phrases:` may replace
    charts: dict[str, str]  # chart titles, captions, axis and source notes
    repairs: dict[str, str]  # what a repair of a source did, said in the source's language
    headers: dict[str, tuple[str, ...]]  # the header names a table field is known by in this language
    periods: dict[str, str]  # a year and a span of years as written: "{year}年", "{start}—{end}年"
    units: tuple[str, ...]  # units as a table keeper writes them, the examples of a message


@dataclass(frozen=True)
class SummaryRules:
    """How a summary in this language takes a sentence: the lead condensed, a dropped subject given, fillers left."""

    lead: Callable[[str, str | None], str]  # a news lead (and the document's date) as a summary opens with it
    attribute: Callable[[str, str, str], str | None]  # a sentence, its paragraph's speaker and verb → as it reads
    # on its own (the speaker given where the subject was dropped); None when it leans on another or has no subject
    said: Callable[[str], tuple[str, str] | None]  # the speaker and verb a sentence opens with: ("习近平", "强调")
    filler: Callable[[str], bool]  # a note of method, a note, a source or an editor's line


@dataclass(frozen=True)
class Language:
    """One language: its code, its rules of text, numbers, repair and finding, and its words."""

    code: str  # "zh", as Document.language and the audience's `language` say it
    locale: str  # "zh-CN": the language tag of a Word document
    claims: Callable[[str], bool]  # whether a text is in this language (the registry asks the packs in order)
    gap: str  # what stands between two words: nothing in Chinese, a space in English

    # Text
    sentences: Callable[[str], list[str]]  # a paragraph's sentences, no character but spaces lost
    width: Callable[[str], int]  # a text's length in the unit its reader counts (characters, words)
    grams: Callable[[str], frozenset[str] | None]  # what the summary compares sentences by; None if not this script
    min_width: int  # the width below which a sentence is too short for the summary
    summary: SummaryRules  # the lead, attribution and fillers of a summary

    # Numbers
    scales: dict[str, float]  # scale words and their factors: 万 → 1e4, billion → 1e9
    parse_number: Callable[[str], float | None]  # the value of a number as written, None when it is none
    scale_of: Callable[[str], tuple[float, str] | None]  # a unit split into its scale and the rest, None if none
    unit_spellings: dict[str, str]  # spellings of one unit as one ("百分点" → "个百分点", "per cent" → "%")
    plain_period: Callable[[str], str]  # a period as written in digits and dashes: "2019至2023年" → "2019-2023"

    # Dates and numbers in a template
    date: Callable[[Any], str]  # a date as a briefing writes it: 2024年4月23日, 23 April 2024
    heading_number: Callable[[int], str]  # a numbered section heading's number: 一、, 1.
    filters: dict[str, Callable[..., str]]  # the language's own template filters, by name (zh_numeral, zh_scale)

    # Repair (the patterns are regex alternatives; ingest/repair.py joins every pack's)
    is_cut: Callable[[str], bool]  # whether a paragraph that ends no sentence stops in the middle of one
    continues: Callable[[str, str], bool]  # whether a block carries on the sentence the previous one left open
    noise_lines: str  # lines that are no text: credits, share prompts, advertisements
    page_lines: str  # page furniture: "第2页", "Page 2 of 5"
    link_boxes: str  # the head of a box of links to other stories: "相关阅读", "Read more"
    item_starts: str  # what opens a list item or a section, which no broken paragraph carries on into
    list_items: str  # the enumerators of a list's lines ("（一）", "1、"); "" when the neutral ones do
    dates: tuple[re.Pattern, ...]  # a date as the text writes it, its groups year, month and day
    bylines: tuple[re.Pattern, ...]  # a web page's dateline or byline, its groups year, month and day
    datelines: tuple[re.Pattern, ...]  # a dateline or date line near the top: named groups month, day, year (if written)
    dated_years: re.Pattern | None  # a year the text names with a part of it ("2024年3月", "March 2024"): group 1
    month_number: Callable[[str], int]  # a month as a dateline writes it ("3", "March") as its number, 0 if none
    standalone: str  # lines that stand alone, never glued to a neighbour: datelines, date lines, numbered headings
    cut_word: Callable[[str, str, Callable[[str], int]], bool] | None  # a word cut in two by a page break
    title_like: Callable[[str], bool] | None  # whether a line near a page number looks like a running header

    # Directives
    statements: Callable[[tuple[Paragraph, ...], Document], list[Statement]]  # what speakers say must be done
    instruments: Callable[[Document], list[Statement] | None] | None  # an order's or a resolution's, None if not one
    pronouns: tuple[str, ...]  # speakers that stand for someone named before ("他", "He")
    people: Callable[[str], list[str]] | None  # the names in a text that such a pronoun can point back to
    joint: tuple[str, ...]  # speakers that are several principals together ("Leaders" of a meeting's readout)
    opening_pronoun: re.Pattern  # a sentence that opens with a pronoun the summary replaces by the speaker

    # Indicators
    indicators: Callable[[Document], tuple[Indicator, ...]]  # every figure of a document tied to a period
    percent_units: tuple[str, ...]  # the units that say a figure is a percentage
    is_annual_rate: Callable[[str], bool]  # whether the words before a rate make it a yearly average
    label: Callable[[Indicator], str]  # a figure's region and name as one phrase
    written: Callable[[Indicator], str | None] | None  # a figure as written, when its qualifier is this language's
    share_label: Callable[[str], str]  # what a share is of, from a measure in this language, in a chart's name
    share_words: Callable[[str], str]  # what a share is of, from a measure in this language, in a narrative
    bounds: dict[str, str]  # what a qualifier lets a figure be: above (超过), below (不到), about (约), plus (7万多)
    split_region: Callable[[str, str], tuple[str, str]]  # a name and region as read: 全国… opening a name is its region
    synonyms: tuple[tuple[str, ...], ...]  # names of one indicator, the canonical first: 国内生产总值, GDP
    percent_measure: Callable[[Indicator], str]  # what a percentage measures: "share", "rate", "growth" or "target"

    # Words
    words: Words
