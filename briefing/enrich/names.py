"""One indicator, one name: the names a text and a table give one indicator made one, before the series.

- An abbreviation the text spells out ("gross domestic product (GDP)", 国内生产总值（GDP）) is the name it
  spells out, and so is the abbreviation alone wherever it stands;
- a region that opens a name (全国太阳能发电装机容量) is taken off and kept as the figure's region, and 地区生产总值
  keeps its 地区 however a text split it (东北三省地区 + 生产总值 is 东北三省's 地区生产总值);
- each pack's list of synonyms (GDP, gross domestic product, 国内生产总值: one; 地区生产总值, a region's, apart)
  and the config's `aliases:` (an office's own names: {canonical: [name, …]}) give the canonical name.

The canonical name is the series' key and the name a reader sees.
"""

from __future__ import annotations

from dataclasses import replace

from briefing import languages
from briefing.languages.common import PARENS
from briefing.model import Indicator
from briefing.patterns import lazy

_SPELLED = lazy(rf"^(?P<name>.*?\S)\s*[{PARENS[0]}](?P<short>[A-Z][A-Z0-9]{{1,7}})[{PARENS[1]}]$")


def canonical_names(indicators: tuple[Indicator, ...], aliases: dict[str, tuple[str, ...]] | None = None,
                    language: str = languages.DEFAULT) -> tuple[Indicator, ...]:
    """The indicators under their canonical names, a region opening a table's name made its region."""
    names = _names(indicators, aliases or {}, language)
    return tuple(_renamed(i, names) for i in indicators)


def _names(indicators: tuple[Indicator, ...], aliases: dict[str, tuple[str, ...]], language: str) -> dict[str, str]:
    """Every name known to stand for another (casefolded) → the canonical name; the config's aliases first, then
    the briefing's language's synonyms, the other packs', and the abbreviations the sources spell out."""
    names: dict[str, str] = {}
    for canonical, others in aliases.items():
        names.update({n.casefold(): canonical for n in (canonical, *others) if n.casefold() not in names})
    packs = [languages.get(language)] + [p for p in languages.LANGUAGES.values() if p.code != language]
    for pack in packs:
        for group in pack.synonyms:
            target = names.get(group[0].casefold(), group[0])
            names.update({n.casefold(): target for n in group if n.casefold() not in names})
    for i in indicators:
        spelled = _SPELLED.match(i.name)
        if spelled:
            full = names.get(spelled.group("name").casefold(), spelled.group("name"))
            names.setdefault(spelled.group("short").casefold(), full)
            names.setdefault(i.name.casefold(), full)
    return names


def _renamed(i: Indicator, names: dict[str, str]) -> Indicator:
    name, region = i.name, i.region
    for pack in languages.LANGUAGES.values():
        name, region = pack.split_region(name, region)
    name = names.get(name.casefold(), name)
    return i if (name, region) == (i.name, i.region) else replace(i, name=name, region=region)
