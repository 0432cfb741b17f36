"""Indicators from English prose: every figure with its unit, qualifier, period and sentence.

A figure is a number with something that says what it counts: a scale and a
currency ("$1.2 trillion" → 1.2 trillion dollars), a percentage ("6.5 percent",
"2.4 percentage points"), or a noun ("58 projects", "2.3 million people"). Its
period is, in order: a year right after it ("120 weeks in 2024"), an "as of" date,
the span the sentence opens with ("From 2019 to 2023, …", "Since 2021, …"), a
relative phrase ("last year", "the first half of this year"), the year in force
from an earlier sentence of the paragraph, and last the year of the document.

Not figures: years and dates, section and resolution numbers, ages ("55 or older"),
deadlines ("within 90 days"), adjectives ("a 10-year plan"), ordinals.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property

from briefing.model import Document, Indicator
from briefing.languages.common import (LONG_SENTENCE, folded, holds, holds_any, lowered, parse_digits,
                                       percent_measure_by, quote, reach)
from briefing.languages.en.text import SCALES, sentences
from briefing.patterns import lazy

PERCENT_UNITS = ("%", "percent", "per cent")

_QUALIFIER = (r"an estimated|more than|less than|fewer than|at least|at most|nearly|almost|about|around|"
              r"approximately|roughly|some|over|under|close to|up to|just over|just under")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "hundred": 100}
_CURRENCY_SIGNS = ("US$", "$", "€", "£", "¥")  # the longest first: the pattern takes the first that matches
# A number is not the front of a longer one ("12" of "12,34.5"): the digits and commas after it do not run on into a
# decimal point. Looked at up to 40 of them, longer than any written number ("1,000,000,000,000.5" is 19): an
# unbounded look, made again at each number of a run of "1,1,1,…", took time in the square of the run (16,000
# characters 1.1 s). Only a run of digits and commas over 40 long that ends in a decimal reads otherwise.
_NOT_FRONT = r"(?![\d,]{0,40}\.\d)"
_MENTION = lazy(
    r"(?<![\w.$€£¥/-])(?:(?P<before>" + _QUALIFIER + r")\s+)?"
    r"(?P<currency>" + "|".join(map(re.escape, _CURRENCY_SIGNS)) + ")?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)" + _NOT_FRONT +
    r"(?:\s*(?P<scale>trillion|billion|million|thousand)\b)?"
    r"(?=(?P<rest>(?:[^.;:!?]|\.\d){0,60}))",
    re.I,
)
_RATIO = lazy(r"(?<![\w-])(?:(?P<before>" + _QUALIFIER + r")\s+)?(?P<num>(?:one|two|three|four) in "
                    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|(?:one|two|three|a)[- ](?:third|quarter|"
                    r"fifth|sixth|tenth)s?\b(?= of| are| were| is| was|,|\.)|half(?= of))", re.I)
# A ratio (_RATIO) holds one of these: "one in seven", "two-thirds", "a quarter", "half of"
_RATIO_WORDS = ("half", "third", "quarter", "fifth", "sixth", "tenth", "one in ", "two in ", "three in ", "four in ")
_FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10, "half": 2}
_PERCENT = lazy(r"^\s*(?P<unit>percentage points?|percent|per cent|%)")
_CURRENCY_WORD = lazy(r"^\s*(?P<unit>(?:US |U\.S\. )?dollars|yuan|RMB|euros?|pounds|yen|rupees)\b", re.I)
_STOP = {"of", "in", "including", "excluding", "according", "to", "for", "across", "from", "and", "or", "that", "which", "who", "with", "by", "on", "at",
         "a", "an", "the", "per", "were", "was", "are", "is", "have", "has", "had", "will", "would", "this", "these",
         "its", "their", "our", "than", "as", "into", "since", "between", "over", "under", "be", "been", "up", "down",
         "each", "every", "annually", "year", "years", "this", "last", "more", "less", "higher", "lower", "while",
         "nationwide", "worldwide", "globally", "overall", "alone", "without", "within", "across", "through", "who",
         "largest", "biggest", "most", "top", "thereafter", "after", "before", "later", "earlier", "ago"}
_VERBS = {"face", "faces", "remain", "remains", "live", "lives", "go", "goes", "work", "works", "need", "needs",
          "receive", "received", "benefit", "benefited", "make", "made", "take", "took", "say", "said", "reported",
          "went", "came", "lost", "gained", "held", "hold", "had", "got", "get", "saw", "see", "join", "joined",
          "lack", "lacks", "employ", "employs", "use", "uses", "earn", "earns", "require", "requires", "depend",
          "depends", "own", "owns", "supply", "supplies", "account", "accounts", "live", "lived", "die", "died",
          "spent", "spend", "spends", "spending", "paid", "pay", "pays", "paying", "living", "working", "earning",
          "allocating", "receiving", "using", "built", "sold", "bought", "grew", "rose", "fell", "left", "kept"}
_NOT_UNITS = {"day", "month", "years", "year", "times", "percent", "largest", "biggest", "th", "st", "nd", "rd", "am",
              "pm", "or", "and", "to"}
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?")
_MONTH_BEFORE = lazy(r"(?:" + _MONTHS + r")\s*$", re.I)  # "June 30": a day of a month
_MONTH_AFTER = lazy(r"^\s*(?:" + _MONTHS + r")\b", re.I)  # "30 June"
_DOCUMENT_NUMBER = lazy(r"(?:Sec\.|Section|Order|Orders|[Rr]esolutions?|Article|Paragraph|Page|No\.|Chapter|"
                              r"Title|U\.S\.C\.|Act|Decree|Rule|Level|COVID|G|Phase)[\s-]*$")
_DEADLINE = lazy(r"(?:within|every|after|not later than|no later than|the next|for the next|in the|at least every)\s*$",
                       re.I)
_YEAR = lazy(r"\b((?:19|20)\d\d)\b")
_OWN_YEAR = lazy(r"^[^,;\d]{0,60}?\b(?:in|during|for|by|by the end of|at the end of)\s+((?:19|20)\d\d)\b")
_AS_OF = lazy(r"\bas (?:of|at) (\d{1,2}) (" + _MONTHS + r")(?: ((?:19|20)\d\d))?|\bas (?:of|at) (" + _MONTHS + r") (\d{1,2})"
                    r"(?:,? ((?:19|20)\d\d))?", re.I)
_NEXT_MONTHS = lazy(r"\bover the (?:next|coming|following) (\w+) months\b", re.I)
# A target: an aim for its period. "by 2030" after the figure, or a cue before it in the sentence.
_TARGET_CUE = lazy(r"\b(?:aims? to|aimed to|aiming to|targets?(?: of)?|goal (?:of|is to)|seeks? to|"
                         r"commit(?:s|ted)? to (?:reach|achiev|rais|cut|reduc)\w*|to reach|to achieve|intends? to)\b", re.I)
_BY_YEAR = lazy(r"^[^,;]{0,60}?\bby (?:the end of )?((?:19|20)\d\d)\b", re.I)
# A threshold that defines who is counted ("spent more than 30 percent of their incomes on housing"): not a figure.
_SPENDING = lazy(r"\b(?:spen[dt]\w*|pa(?:y|id|ying|ys)|allocat\w+|devot\w+)\s+(?:" + _QUALIFIER + r")?\s*$", re.I)
_OF_INCOME = lazy(r"^\s*(?:percent|per cent|%)?\s*of (?:their|its|his|her|the|a) (?:\w+ )?(?:incomes?|earnings|"
                        r"pay|salar\w+|budgets?|wages?)\b", re.I)
_SPAN_OPEN = lazy(r"\b(?:(?:from|between) ((?:19|20)\d\d) (?:to|and|through) ((?:19|20)\d\d)"
                        r"|since (?:its \w+ in )?((?:19|20)\d\d)"
                        r"|(?:over|in|during) the (?:past|last) (\w+) years)\b", re.I)
_LAST_YEAR = lazy(r"\b(?:last year|a year earlier|the previous year|the year before)\b", re.I)
_THIS_YEAR = lazy(r"\b(?:this year|so far this year|year to date)\b", re.I)
_PART = lazy(r"\b(?:the )?first (?:(half)|(quarter)|(\w+) months|(\w+) quarters)"
                   r"(?: of (?:(this year|last year|the year)|((?:19|20)\d\d)))?", re.I)
_LATER_PART = lazy(r"\b(?:the )?(?:(?P<quarter>second|third|fourth) quarter|second (?P<half>half))"
                         r"(?: of (?:(?P<rel>this year|last year|the year)|(?P<year>(?:19|20)\d\d)))?", re.I)
# "In May, …", "for June": a month of the year in force; case kept, so the verb "may" is never a month.
_MONTH_ALONE = lazy(r"\b(?:[Ii]n|[Dd]uring|[Ff]or) (" + _MONTHS + r")\b(?!\s*\d)")
_MONTH_YEAR = lazy(r"(?<!\d )\b(" + _MONTHS + r") ((?:19|20)\d\d)\b")  # "July 2025", not "14 July 2025"
_NOW = lazy(r"\b(?:now|today|currently|at present)\b", re.I)
_SENTENCE_OPENING = lazy(r"^(?:In|During|For|Over) (?:the )?(?:first [a-z]+(?: [a-z]+)?|[a-z ]{0,30}? of "
                               r"(?:" + _MONTHS + r") )?((?:19|20)\d\d)?[^,]{0,40},", re.I)
_OPENING_YEAR = lazy(r"^(?:In|During|By the end of|At the end of|For) ((?:19|20)\d\d)\b")
_RATE_WORDS = lazy(r"(?:grew|rose|increased|fell|dropped|declined|expanded|shrank|climbed|jumped|narrowed|widened|"
                         r"up|down|growth of|increase of|rise of|decline of|drop of|higher|lower)\b[^.;]{0,30}$", re.I)
# A rate's own words (its measure): the verb of change before it, with any "average annual" before that, and a
# yearly or a base-year phrase after its unit ("grew by an average of … a year", "up … from 2024").
_RATE_VERB = lazy(r"\b(?:grew|rose|increased|fell|dropped|declined|expanded|shrank|climbed|jumped|narrowed|widened|"
                        r"up|down|growth|increase|rise|decline|drop)\b", re.I)
_AVERAGE = lazy(r"\b(?:an? )?(?:(?:average|annual(?:ized)?|yearly) )+$", re.I)
_RATE_AFTER = lazy(r"^\s*(?:percentage points?|percent|per cent|%)\s+((?:a year|annually|per year|per annum|"
                         r"year on year)\b|(?:from|over|on|compared (?:with|to)|than(?: in)?)\s+(?:19|20)\d\d\b)", re.I)
_SHARE_WORDS = lazy(r"(?:accounting for|accounted for|accounts for|account for|share of|making up|make up|"
                          r"makes up|covers|proportion of)\s*$", re.I)
_SUBJECT_VERB = lazy(r"\s+(?:grew|grows|rose|rises|increased|increases|reached|reaches|hit|totaled|totalled|totals|"
                           r"stood at|stands at|was|were|is|are|exceeded|exceeds|surpassed|climbed|fell|falls|dropped|"
                           r"expanded|jumped|amounted to|amounts to|topped|made|averaged|accounted for|accounts for|"
                           r"peaked at|held|holds|narrowed|generated|sustained|used|cost|costs|employs|employed|"
                           r"exported|exports|imported|imports|produced|produces|invested|invests|spent|spends|make up|makes up|"
                           r"made up)\b")
# A verb of change with its object before "by": "cut emissions by 40 percent" measures emissions.
_CHANGED_OBJECT = lazy(r"\b(?:cut|cuts|cutting|reduce[sd]?|reducing|raise[sd]?|raising|increase[sd]?|increasing|"
                             r"lower(?:s|ed|ing)?|boost(?:s|ed|ing)?|expand(?:s|ed|ing)?|grow(?:s|ing)?|double[sd]?|"
                             r"halve[sd]?)\s+(?:the |its |their |our )?(?P<object>[A-Za-z][\w'’ -]{1,50}?)\s+by\s+"
                             r"(?:" + _QUALIFIER + r")?\s*$", re.I)
_RELATIVE_CLAUSE = lazy(r"(?:which|who|whose|where|including|of which)\b", re.I)
_CURRENCIES = {"dollars", "euros", "pounds", "yen", "yuan", "RMB", "rupees", "US dollars", "U.S. dollars"}
_TRAILING_TIME = lazy(r"\s+(?:in|during|over|since|from|between|per|each|every|a year|this|last)\b")
_UNIT_WORDS = {"percent", "per", "cent", "%", "percentage", "points", "point", "dollars", "dollar", "euros", "pounds",
               "yen", "yuan", "million", "billion", "trillion", "thousand"}
_FIRST_BEFORE = lazy(r"\bfirst\s*$")
_WORD_OR_MARK = lazy(r"[A-Za-z][A-Za-z'’-]*|\S")
_NOUN_WORD = lazy(r"[A-Za-z][A-Za-z'’-]{1,}")
_PAST_FORM = lazy(r"[a-z]+ed")
_NOT_A_NUMBER_AFTER = lazy(r"[A-Za-z]|-(?:year|day|month|week)|\)|\.\d")
_CODE_CITATION = lazy(r"\s*(?:U\.S\.C\.|et seq|CFR|Stat\.)")
_AGE_AFTER = lazy(r"\s+(?:years? old|or older|or younger|years of age)")
_AGED = lazy(r"\baged\s*$")
_HEIGHT = lazy(r"above sea level|altitude|elevation|\b(?:high|tall|deep)\b")
_RANKING = lazy(r"\s+(?:largest|biggest|smallest|top|most|leading)\b")
_YEARLY_AVERAGE = lazy(r"\b(?:average|annual|a year)\b")
_BASE_BEFORE = lazy(r"\b(?:from|since|over|than)\s*$")
_THOUSANDS = lazy(r",\d{3}")
_FOUR_DIGITS = lazy(r"\d{4}")
_CLAUSE_MARKS = lazy(r"[,;]")
_TIME_OPENING = lazy(r"^(?:In|During|For|Over|By|As of|Since)\b[^,]{0,40},\s*")
_THAT = lazy(r"\bthat\s+")
_CLAUSE_BREAK = lazy(r"[,;:]\s+")
_BARE_YEAR = lazy(r"(?:19|20)\d\d")
_LOWER_WORD = lazy(r"[a-z][\w'’-]*")
_ADVERB_OR_FORM = lazy(r"[a-z]+(?:ly|ed|s)")
_SUBJECT_BREAK = lazy(r",\s+|\bthat\b|\bwhile\b")
_ADVERB_TAIL = lazy(r"(?:\s+(?:now|currently|still|already|also|[a-z]+ly))+$")
_DIGIT = lazy(r"\d")
_LONGEST_QUALIFIER = max(map(len, _QUALIFIER.split("|")))  # "approximately"
_LONGEST_CURRENCY = max(map(len, _CURRENCY_SIGNS))
_COUNT_BREAK = lazy(r"[- ]")
_NAME_BREAK = lazy(r"[,.;]| are | were | is ")
_QUALIFIER_BEFORE = lazy(r"(?:" + _QUALIFIER + r")\s*$", re.I)


@dataclass(frozen=True)
class _Unit:
    unit: str  # as the briefing shows it: "billion dollars", "%", "million people"
    base: str  # the unit of the normalised value: "dollars", "%", "people"
    kind: str  # "level", or "rate"/"share" for a percentage


class _Sentence:
    """A sentence and what it says for all its figures, each read once however many figures it holds."""

    def __init__(self, text: str, year: int | None):
        self.text, self.year = text, year
        self.reach = reach(text)

    @cached_property
    def as_of(self) -> re.Match | None:
        return _AS_OF.search(self.text) if holds_any(self.text, ("as of", "as at")) else None

    @cached_property
    def coming(self) -> re.Match | None:
        return _NEXT_MONTHS.search(self.text) if holds_any(self.text, ("months",)) else None

    @cached_property
    def years(self) -> list[str]:
        return _YEAR.findall(self.text)

    @cached_property
    def opening(self) -> re.Match | None:
        return _SENTENCE_OPENING.match(self.text)

    @cached_property
    def relative(self) -> str:
        return _relative(self.text, self.year)

    @cached_property
    def span(self) -> str:
        return _span(self.text, self.year)

    @cached_property
    def as_written(self) -> str:
        return _as_written(self.text)

    def before(self, position: int) -> str:
        """The text before a figure, as far as a figure reads (common.reach)."""
        return self.text[max(0, position - self.reach):position]

    def after(self, position: int) -> str:
        return self.text[position:position + self.reach]


def is_annual_rate(measure: str) -> bool:
    """"an average annual growth of", "grew by … a year": a rate that is a yearly average over its span."""
    return re.search(r"\bannual|\ba year\b|\bper (?:year|annum)\b|\byearly\b", measure, re.I) is not None


def label(indicator: Indicator) -> str:
    """Region and name as English puts them: "Western region GDP"."""
    return f"{indicator.region} {indicator.name}" if indicator.region else indicator.label


def share_label(measure: str) -> str:
    """What a chart's share is of: the measure as written."""
    return measure


def share_words(measure: str) -> str:
    """What a narrative's share is of: the measure as written, or "of the total"."""
    return measure or "of the total"


_SHARE_NAME = lazy(r"\bshares?\b|\bproportion\b|\bpercent(?:age)? of\b", re.I)
_GROWTH_NAME = lazy(r"\bgrowth\b|\bgr[eo]w|\bincrease|\bdecrease|\bdecline|\bchange\b|\brise\b|\bfall\b", re.I)


_TARGET_NAME = lazy(r"\btargets?\b", re.I)


def percent_measure(indicator: Indicator) -> str:
    """What a percentage measures, so that a chart puts only like with like on one axis: "target" (an aim),
    "share" (a part of a whole: "share of", "proportion"), "growth" (a change: "growth", "increase") or "rate"
    (a ratio of its own: "unemployment rate", "urbanisation rate")."""
    return percent_measure_by(indicator, _TARGET_NAME, _SHARE_NAME, _GROWTH_NAME)


def indicators(document: Document) -> tuple[Indicator, ...]:
    """Every figure of an English document, with its period."""
    year = int(document.date[:4]) if document.date else None
    found: list[Indicator] = []
    for paragraph in document.paragraphs:
        in_force = ""
        for sentence in sentences(paragraph.text):
            opening = _OPENING_YEAR.match(sentence)
            in_force = opening.group(1) if opening else in_force
            found.extend(_in_sentence(sentence, paragraph.index, document, year, in_force))
    return tuple(found)


def _in_sentence(text: str, paragraph: int, document: Document, year: int | None,
                 in_force: str) -> list[Indicator]:
    """The figures of a sentence, in the order of their values' first appearance in it (in a long sentence, of
    the figures themselves: looking each value up from the start would cost the square of its length)."""
    found: list[Indicator] = []
    positions: list[int] = []  # where each figure's number is in the sentence
    sentence = _Sentence(text, year)
    for match in _mentions(text):
        unit = _unit_of(match, text)
        if not unit or _not_a_figure(sentence, match, unit):
            continue
        kind = _kind(sentence.before(match.start()), unit)
        unit = _elided(unit, match, found)
        period = _period(sentence, match, year, in_force, kind, document.date)
        if period:
            status = _status(sentence, match, year, period)
            found.append(_indicator(match, unit, kind, period, sentence, paragraph, document, found, status))
            positions.append(match.start("num"))
    for match in _RATIO.finditer(text) if holds_any(text, _RATIO_WORDS) else ():
        if folded(match.group("num")) == "half" and not match.group("before"):
            continue
        if _FIRST_BEFORE.search(sentence.before(match.start())):
            continue  # "the first three quarters" is a period  # "the first half of", "half of those who": only "nearly half" is a share
        if _is_threshold(sentence, match):
            continue
        period = _period(sentence, match, year, in_force, "share", document.date)
        if period:
            found.append(_ratio(match, period, sentence, paragraph, document))
            positions.append(match.start("num"))
    if len(text) > LONG_SENTENCE:
        return [i for _, i in sorted(zip(positions, found), key=lambda pair: pair[0])]
    return sorted(found, key=lambda i: text.find(i.value))


def _mentions(text: str) -> list[re.Match]:
    """_MENTION.finditer(text), each match searched for from a little before the next digit instead of from the last
    match's end: every figure holds a digit, and what may come before its number (a qualifier, the spaces after
    it, a currency) holds none, so no match starts further back. The pattern, tried at every position of a long
    sentence, is a sixth of the English reader's time; the digits are found by a look of their own."""
    found: list[re.Match] = []
    position = 0
    while digit := _DIGIT.search(text, position):
        start = digit.start() - _LONGEST_CURRENCY
        while start > position and text[start - 1].isspace():  # the spaces (\s, str.isspace) after a qualifier
            start -= 1
        match = _MENTION.search(text, max(position, start - _LONGEST_QUALIFIER))
        if match is None:
            break
        found.append(match)
        position = match.end()
    return found


def _unit_of(match: re.Match, sentence: str) -> _Unit | None:
    """What the number counts, from the words after it; None when nothing does."""
    scale = (match.group("scale") or "").lower()
    rest = match.group("rest")
    percent = _PERCENT.match(rest)
    if percent:
        return _Unit(percent.group("unit"), "percentage points" if "point" in percent.group("unit") else "%", "rate")
    if match.group("currency"):
        name = {"$": "dollars", "US$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}[match.group("currency")]
        return _Unit(f"{scale} {name}".strip(), name, "level")
    money = _CURRENCY_WORD.match(rest)
    if money:
        return _Unit(f"{scale} {money.group('unit')}".strip(), money.group("unit"), "level")
    noun = _noun(rest)
    if noun:
        return _Unit(f"{scale} {noun}".strip(), noun, "level")
    if scale:
        return _Unit(scale, "", "level")
    return None


def _noun(rest: str) -> str:
    """The counted noun right after a number: up to four words, stopping at a function word or a verb."""
    words = []
    for word in _WORD_OR_MARK.findall(rest.strip())[:5]:
        if word.lower() in ("such", "additional", "more", "new") and not words:
            continue  # "14 such days": the counted noun comes after
        if not _NOUN_WORD.fullmatch(word) or word.lower() in _STOP or word.lower() in _VERBS:
            break
        if words and _PAST_FORM.fullmatch(word):
            break  # "people entered", but "displaced persons" as the first word
        words.append(word)
    if not words or words[0].lower() in _NOT_UNITS or words[-1].lower() in _NOT_UNITS:
        return ""
    return " ".join(words[:4])


def _not_a_figure(sentence: _Sentence, match: re.Match, unit: _Unit) -> bool:
    number, start, end = match.group("num"), match.start("num"), match.end("num")
    before, after = sentence.before(start), sentence.after(end)
    if _YEAR.fullmatch(number) and not match.group("scale") and not match.group("currency") and unit.kind == "level":
        return True  # a year, not a count of anything
    if holds_any(before[-12:], _MONTH_WORDS) and _MONTH_BEFORE.search(before[-12:]) or _MONTH_AFTER.match(after[:12]):
        return True
    if _DOCUMENT_NUMBER.search(before[-12:]) or _NOT_A_NUMBER_AFTER.match(after):
        return True
    if _CODE_CITATION.match(after):
        return True
    if _AGE_AFTER.match(after) or "aged" in before and _AGED.search(before):
        return True
    if unit.base.lower() in ("meters", "metres", "feet", "meters above sea level", "kilometers") \
            and _HEIGHT.search(unit.unit + after[:40]):
        return True  # an altitude or a height: a fact of geography, not a statistic
    if unit.base.lower().startswith("degree") and re.search(r"(?:exceed\w*|above|below|over|reach\w*|at least|tops?|"
                                                             r"threshold of|of)\s*$", before[-25:]):
        return True  # a temperature threshold ("heat index exceeded 103 degrees")
    if unit.base == "%" and _is_threshold(sentence, match):
        return True
    if _RANKING.match(after):
        return True  # "the Nation's 50 largest cities": a selection, not a count
    if "than" in before[-40:] and re.search(r"\b(?:larger|smaller|greater|bigger|longer|older|younger|wider)\s+than\s*$|"
                 r"\b(?:serving|with|having|employing)\s+(?:fewer|less|more)\s+than\s*$", before[-40:]) \
            and not re.match(r"\s*(?:trillion|billion|million|thousand)?\s+[a-z]+ing\b", after):
        return True  # a threshold that defines a group ("facilities larger than 50,000 square feet"), but "with
        # more than 18 million spending …" counts the people doing it
    if unit.base.lower().split()[:1] in (["days"], ["weeks"], ["months"], ["years"], ["hours"]) \
            and _DEADLINE.search(before):
        return True
    return False


def _kind(left: str, unit: _Unit) -> str:
    """A percentage is a rate of change after a verb of change ("grew 5.6 percent"), else a share."""
    if unit.kind == "level":
        return "level"
    if _SHARE_WORDS.search(left[-30:]):
        return "share"
    if _RATE_WORDS.search(left[-40:]) or "point" in unit.unit:
        return "rate"
    return "share"


def _span(sentence: str, year: int | None) -> str:
    found = _SPAN_OPEN.search(sentence) if holds_any(sentence, _SPAN_WORDS) else None
    if not found:
        return ""
    if found.group(1):
        return f"{found.group(1)}-{found.group(2)}"
    if found.group(3) and year:
        return f"{found.group(3)}-{year}"
    n = _WORD_NUMBERS.get((found.group(4) or "").lower()) or (int(found.group(4)) if (found.group(4) or "").isdigit()
                                                               else 0)
    return f"{year - n}-{year - 1}" if n and year else ""


_SPAN_WORDS = ("from ", "between ", "since ", "the past ", "the last ")  # what each of _SPAN_OPEN's spans holds


def _period(sentence: _Sentence, match: re.Match, year: int | None, in_force: str, kind: str,
            date: str | None = None) -> str:
    """The figure's period: from its own clause first, then from its sentence, then the paragraph's. A relative
    phrase of a document that gives no date is kept as written ("this year", "now": Indicator.resolved)."""
    clause, at = _clause(sentence.text, match.start("num"), sentence.reach)
    own = _OWN_YEAR.match(sentence.after(match.end("num")))
    if own:
        return own.group(1)
    if sentence.as_of:
        return _as_of(sentence.as_of, year, kind)
    if sentence.coming:
        return _months_ahead(sentence.coming, date, year)
    local = _relative(clause, year)
    if local:
        return local
    if sentence.span:  # "From 2019 to 2023, …": the span the sentence opens with
        return sentence.span
    years = sentence.years
    if kind == "rate" and len(set(years)) >= 2 and _YEARLY_AVERAGE.search(clause):
        return f"{years[0]}-{years[-1]}"  # "from 20.5 in 2019 to 26.9 in 2023, an average annual growth of 4.9%"
    later = _YEAR.search(clause[at:])
    if later and kind == "level":
        return later.group(1)
    opening = sentence.opening
    stated = _relative(opening.group(0), year) or opening.group(1) if opening else ""
    if opening and (stated or year):  # "In May 2025, …": the sentence's own period, dated document or not
        return stated or str(year)
    before = sentence.before(match.start())
    earlier = _YEAR.findall(before)
    if earlier and not _BASE_BEFORE.search(before.rsplit(earlier[-1], 1)[0]):
        return earlier[-1]  # the year the sentence has put in force before the figure
    if not year:
        return in_force or _as_written(clause) or sentence.as_written
    return sentence.relative or in_force or str(year)


def _clause(sentence: str, position: int, far: int) -> tuple[str, int]:
    """The comma- or semicolon-delimited piece of the sentence holding `position`, and where in it; at most
    `far` characters either side."""
    low, high = max(0, position - far), position + far
    start = max(sentence.rfind(",", low, position), sentence.rfind(";", low, position), low - 1) + 1
    ends = [i for i in (sentence.find(",", position, high), sentence.find(";", position, high)) if i >= 0]
    while ends and _THOUSANDS.match(sentence[min(ends):min(ends) + 4]):  # a thousands separator
        ends = [i for i in (sentence.find(",", min(ends) + 1, high), sentence.find(";", position, high)) if i >= 0]
    end = min(ends) if ends else min(len(sentence), high)
    return sentence[start:end], position - start


def _relative(text: str, year: int | None) -> str:
    """"the first half of this year", "May 2025", "in May", "the second quarter", "last year", "this year" in a
    piece of text: a part of a year the text names (its year stated, or the one in force)."""
    look = lowered(text)
    if not holds(look, _RELATIVE_WORDS):
        return ""  # each phrase below holds one of these words: most clauses need none of the seven looks
    # and each pattern is searched for only when its own words are there: a month's name (case kept, as its two
    # patterns keep it), "first", a quarter or a half, a word of now, a year
    months = any(month in text for month in _MONTH_NAMES)
    month = _MONTH_YEAR.search(text) if months else None
    if month:  # "May 2025" needs no date of the document
        return _month(int(month.group(2)), _month_number(month.group(1)))
    part = _PART.search(text) if holds(look, ("first",)) else None
    if part and (year or part.group(6)):
        return _part_of_year(part, year or int(part.group(6)))
    later = _LATER_PART.search(text) if holds(look, ("quarter", "half")) else None
    if later and (year or later.group("year")):
        return _later_part(later, year or int(later.group("year")))
    if not year:
        return ""
    alone = _MONTH_ALONE.search(text) if months else None
    if alone:  # "In May, retail sales …": May of the year in force
        return _month(year, _month_number(alone.group(1)))
    if holds(look, _NOW_WORDS) and _NOW.search(text):
        return str(year)
    if holds(look, ("year",)) and _LAST_YEAR.search(text):
        return str(year - 1)
    if holds(look, ("year",)) and _THIS_YEAR.search(text):
        return str(year)
    return ""


_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # _MONTHS' starts
_NOW_WORDS = ("now", "today", "currently", "present")  # _NOW's
_RELATIVE_WORDS = _MONTH_WORDS + ("first", "second", "third", "fourth", "year") + _NOW_WORDS
_MONTH_NAMES = tuple(start.capitalize() for start in _MONTH_WORDS)  # what _MONTH_YEAR and _MONTH_ALONE need, in case


def _month(year: int, number: int) -> str:
    return f"{year}-{number:02d}-01/{year}-{number:02d}-{calendar.monthrange(year, number)[1]:02d}"


def _later_part(found: re.Match, year: int) -> str:
    """"the second quarter", "the fourth quarter of 2024", "the second half of last year": its months."""
    which = year - 1 if (found.group("rel") or "").lower() == "last year" else int(found.group("year") or year)
    if found.group("half"):
        return f"{which}-07-01/{which}-12-31"
    quarter = ("second", "third", "fourth").index(folded(found.group("quarter"))) + 2
    first, last = 3 * quarter - 2, 3 * quarter
    return f"{which}-{first:02d}-01/{which}-{last:02d}-{calendar.monthrange(which, last)[1]:02d}"


def _month_number(name: str) -> int:
    return _MONTH_WORDS.index(folded(name)[:3]) + 1


def _as_of(found: re.Match, year: int | None, kind: str) -> str:
    """"as of June 30": a point in time, the day itself; a rate of change keeps the interval from 1 January."""
    day, month, stated = (found.group(1), found.group(2), found.group(3)) if found.group(1) else \
        (found.group(5), found.group(4), found.group(6))
    which = stated or (str(year) if year else "")
    if not which:
        return found.group(0)
    number = _month_number(month)
    end = f"{which}-{number:02d}-{int(day):02d}"
    return f"{which}-01-01/{end}" if kind == "rate" else end


def _months_ahead(found: re.Match, date: str | None, year: int | None) -> str:
    """"over the next six months": from the document's day to the same day N months on."""
    n = _WORD_NUMBERS.get(folded(found.group(1))) or (int(found.group(1)) if found.group(1).isdigit() else 0)
    if not (date and len(date) == 10 and 0 < n <= 36):
        return str(year) if year else found.group(0)
    y, m, d = int(date[:4]), int(date[5:7]), int(date[8:10])
    y, m = y + (m - 1 + n) // 12, (m - 1 + n) % 12 + 1
    return f"{date}/{y}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


_WRITTEN = lazy(r"\b(?:(?:the )?first (?:half|quarter|\w+ months|\w+ quarters) of (?:this|last) year|"
                      r"so far this year|this year|last year|year to date|now|today|currently|at present|"
                      r"per year|every year|each year|annually|per annum)\b", re.I)


def _as_written(text: str) -> str:
    """A relative time phrase of a document that never says its date, as written: the figure is kept."""
    found = _WRITTEN.search(text)
    return found.group(0) if found else ""


def _status(sentence: _Sentence, match: re.Match, year: int | None, period: str) -> str:
    """target when the sentence makes the figure an aim: "by 2030" after it (a year after the document's), or a
    cue before it in its clause ("aims to", "a target of", "seeks to") for a period that is not past."""
    by = _BY_YEAR.match(sentence.after(match.end())) or re.match(r"^By (?:the end of )?((?:19|20)\d\d)\b",
                                                                  sentence.text)
    if by:
        return "target" if not year or int(by.group(1)) > year else "actual"
    past = bool(year and _FOUR_DIGITS.fullmatch(period) and int(period) < year)
    left = _CLAUSE_MARKS.split(sentence.before(match.start()))[-1]
    return "target" if _TARGET_CUE.search(left) and not past else "actual"


def _is_threshold(sentence: _Sentence, match: re.Match) -> bool:
    """"spent more than 30 percent of their incomes on housing": the share that defines who is counted."""
    if not _OF_INCOME.match(sentence.after(match.end("num"))):
        return False  # the cheap look first: the costly one (_QUALIFIER_BEFORE, 25 µs) only for a share of an income
    before = sentence.before(match.start("num") if "num" in match.re.groupindex else match.start())
    return bool(_SPENDING.search(_QUALIFIER_BEFORE.sub("", before)))


def _elided(unit: _Unit, match: re.Match, found: list[Indicator]) -> _Unit:
    """"37 million households …, with more than 18 million spending …": a scale alone counts the noun before it."""
    if unit.base or not match.group("scale") or not found or found[-1].kind != "level":
        return unit
    last = found[-1]
    noun = last.normalized_unit
    if not noun or noun in ("dollars", "euros", "pounds", "yen", "yuan", "%"):
        return unit
    return _Unit(f"{unit.unit} {noun}", noun, "level")


def _part_of_year(part: re.Match, year: int) -> str:
    which = year - 1 if (part.group(5) or "").lower() == "last year" else int(part.group(6) or year)
    if part.group(1):
        last = 6
    elif part.group(2):
        last = 3
    elif part.group(4):
        last = 3 * min(4, _WORD_NUMBERS.get(folded(part.group(4))) or (int(part.group(4)) if part.group(4).isdigit() else 4))
    else:
        last = _WORD_NUMBERS.get(folded(part.group(3))) or (int(part.group(3)) if part.group(3).isdigit() else 12)
    last = min(max(last, 1), 12)
    return f"{which}-01-01/{which}-{last:02d}-{calendar.monthrange(which, last)[1]:02d}"


def _name(sentence: _Sentence, match: re.Match, unit: _Unit, previous: list[Indicator]) -> str:
    """The noun phrase the figure measures: the subject before its verb, the object of a change ("cut emissions by"),
    what the unit counts; never a unit ("%", "dollars") or a phrase that begins with one."""
    found = _subject(sentence, match, unit, previous)  # each looked for only when the one before names nothing
    if _names_a_thing(found):
        return found
    if previous and _names_a_thing(previous[-1].name):
        return previous[-1].name
    found = _opening_subject(sentence.before(match.start()))
    return found if _names_a_thing(found) else ""


def _names_a_thing(name: str) -> bool:
    """Whether a name found for a figure names what it measures: not empty, not a unit ("%", "dollars") nor a
    phrase that begins with one."""
    first = name.split()[0].lower() if name.strip() else ""
    return bool(first.strip("%")) and first not in _UNIT_WORDS


def _opening_subject(left: str) -> str:
    """The noun phrase a clause opens with ("The agency currently employs …" → agency), its time phrase left out."""
    opening = _TIME_OPENING.sub("", left.strip())
    opening = _THAT.split(opening)[-1]  # "Expressing grave concern that the plan …": the plan
    clause = _CLAUSE_BREAK.split(opening)[0]
    words = []
    for word in clause.split():
        bare = word.strip("()\"“”'’").lower()
        if not words and (bare in ("the", "a", "an", "its", "their", "our", "this", "these", "that")
                          or _BARE_YEAR.fullmatch(bare)):
            continue
        if bare in _STOP or bare in _VERBS or bare in _UNIT_WORDS or not _LOWER_WORD.fullmatch(bare) \
                or _ADVERB_OR_FORM.fullmatch(bare) and words:
            break
        words.append(word.strip("()\"“”'’"))
    return " ".join(words[:6])


def _subject(sentence: _Sentence, match: re.Match, unit: _Unit, previous: list[Indicator]) -> str:
    left = sentence.before(match.start())
    changed = _CHANGED_OBJECT.search(left) if holds_any(left, ("by",)) else None  # "cut … by": a look of 10 µs
    if changed:
        return changed.group("object").strip()
    counted = _counted(match, unit)
    if counted and counted.group(1) == "of" and unit.base and unit.base not in _CURRENCIES:
        return _TRAILING_TIME.split(counted.group(2))[0].strip()  # "12 million tons of grain": what is weighed
    verb = list(_SUBJECT_VERB.finditer(left))
    if verb:
        pieces = _SUBJECT_BREAK.split(left[:verb[-1].start()])
        while len(pieces) > 1 and (not pieces[-1].strip() or _RELATIVE_CLAUSE.match(pieces[-1].strip())):
            pieces.pop()  # "the plan, which requires $1.9 billion, was 27 per cent funded": the plan was
        subject = re.sub(r"^(?:the|its|their|our|a|an|and)\s+(?:(?:19|20)\d\d\s+)?", "", pieces[-1].strip(), flags=re.I)
        subject = _ADVERB_TAIL.sub("", subject)
        if 0 < len(subject.split()) <= 8 and not _DIGIT.search(subject):  # a subject with a figure is another's
            return subject
    if unit.kind == "level" and counted:
        return counted.group(2).strip()
    if previous:
        return previous[-1].name
    return unit.base or unit.unit


def _counted(match: re.Match, unit: _Unit) -> re.Match | None:
    """"… of grain", "… in rental assistance": the phrase after the unit that says what is counted, not a time."""
    rest = match.group("rest")[len(unit.unit.split()[-1]) + 1 if unit.unit else 0:]
    return re.match(r"\s*(of|in)\s+(?!(?:19|20)\d\d\b|the (?:first|last|past|next)\b|(?:this|last|next) year\b)"
                    r"([A-Za-z][^,.;]{2,59})", rest)


def _indicator(match: re.Match, unit: _Unit, kind: str, period: str, sentence: _Sentence, paragraph: int,
               document: Document, previous: list[Indicator], status: str = "actual") -> Indicator:
    number = parse_digits(match.group("num")) or 0.0
    factor = SCALES.get((match.group("scale") or "").lower(), 1.0)
    return Indicator(
        name=_name(sentence, match, unit, previous), period=period, value=match.group("num"), unit=unit.unit,
        number=number, normalized_value=number * factor, normalized_unit=unit.base,
        qualifier=(match.group("before") or "").strip().lower(), kind=kind, status=status,
        measure=_measure(sentence.before(match.start()), sentence.after(match.end())) if kind == "rate" else "",
        quote=quote(sentence.text, match.start("num"), match.end("num")), paragraph=paragraph,
        source_id=document.source_id,
    )


def _measure(left: str, after: str) -> str:
    """A rate's words as written, its figure left out: "grew by an average of … a year", "up … from 2024"."""
    clause = _CLAUSE_MARKS.split(left)[-1]
    verbs = list(_RATE_VERB.finditer(clause))
    before = ""
    if verbs:
        start = verbs[-1].start()
        average = _AVERAGE.search(clause[:start])
        before = clause[average.start() if average else start:].strip()
    tail = _RATE_AFTER.match(after)
    return " … ".join(part for part in (before, tail.group(1) if tail else "") if part)


def _ratio_value(text: str) -> float:
    """"one in seven" → 1/7, "two-thirds" → 2/3, "a fifth" → 1/5, "half" → 1/2."""
    if " in " in text:
        first, _, second = text.split()
        return _WORD_NUMBERS[first] / (_WORD_NUMBERS.get(second) or int(second))
    if text == "half":
        return 0.5
    count, part = _COUNT_BREAK.split(text, maxsplit=1)
    return (1 if count == "a" else _WORD_NUMBERS[count]) / _FRACTIONS[part.rstrip("s")]


def _ratio(match: re.Match, period: str, sentence: _Sentence, paragraph: int, document: Document) -> Indicator:
    """"one in seven", "a third": kept as written, normalised to a percentage."""
    share = _ratio_value(folded(match.group("num")))
    subject = sentence.after(match.end()).strip()
    return Indicator(
        name=_NAME_BREAK.split(subject)[0][:60] or "share", period=period, value=match.group("num"),
        unit="", number=share * 100, normalized_value=share * 100, normalized_unit="%",
        qualifier=(match.group("before") or "").strip().lower(), kind="share",
        quote=quote(sentence.text, match.start("num"), match.end("num")), paragraph=paragraph,
        source_id=document.source_id,
    )


# --- Reconciling a figure with a table's ---------------------------------------------------------

BOUNDS = {**dict.fromkeys(("more than", "over", "at least", "just over"), "above"),
          **dict.fromkeys(("less than", "fewer than", "at most", "under", "up to", "just under"), "below"),
          **dict.fromkeys(("nearly", "almost", "about", "around", "an estimated", "roughly", "some",
                           "approximately", "close to"), "about")}
SYNONYMS = (("gross domestic product", "GDP", "gross domestic product (GDP)"),
            ("consumer price index", "CPI", "consumer price index (CPI)"),
            ("producer price index", "PPI", "producer price index (PPI)"))
_REGION_START = lazy(r"^(?P<region>national|nationwide)\s+(?P<rest>\S.*)$", re.I)


def split_region(name: str, region: str = "") -> tuple[str, str]:
    """An indicator's name and region: a region opening the name ("national solar capacity") is taken off and made
    the region, when the figure names no other."""
    found = _REGION_START.match(name)
    if found and (not region or region == found.group("region").lower()):
        return found.group("rest"), found.group("region").lower()
    return name, region
