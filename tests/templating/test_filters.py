"""The template filters: numbers, dates and numerals in the briefing's language, whatever the locale."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from briefing.templating import filters
from briefing.templating.engine import environment
from conftest import ROOT


def test_filters():
    f = filters
    zh_scale, zh_numeral = f.FILTERS["zh_scale"], f.FILTERS["zh_numeral"]
    assert f.thousands(1234567.5) == "1,234,567.5" and f.thousands("26900") == "26,900"
    assert f.thousands(2.345, 2) == "2.35" and f.thousands(-1234.5, 0) == "-1,235"
    assert f.percent(31.25) == "31.3%" and f.percent("4.9", 0) == "5%"
    assert f.share(0.505) == "50.5%"
    assert f.signed(31.2) == "+31.2" and f.signed(-0.55, 1, " pp") == "−0.6 pp"
    assert zh_scale(26_900_000_000_000, "元") == "26.9万亿元"
    assert zh_scale(370_000_000_000) == "3700亿" and zh_scale(35000, "列") == "3.5万列"
    assert zh_scale(2055, "列") == "2,055列" and zh_scale(123_456_789, digits=1) == "1.2亿"
    assert [zh_numeral(n) for n in (0, 3, 10, 12, 20, 105, 1010, 10500, 114)] == [
        "〇", "三", "十", "十二", "二十", "一百零五", "一千零一十", "一万零五百", "一百一十四"]
    assert f.FILTERS["date_zh"]("2024-04-23") == "2024年4月23日" and f.FILTERS["date_en"]("2024-04-03") == "3 April 2024"
    assert f.anchor("What's new") == "whats-new" and f.anchor("附件：原文摘录") == "附件原文摘录"
    env = environment()
    assert env.from_string("{{ d|date }}").render(d="2024-04-23", language="en") == "23 April 2024"
    assert env.from_string("{{ d|date }}").render(d="2024-04-23", language="zh") == "2024年4月23日"
    assert env.from_string("{{ 12|heading_number }}").render(language="zh") == "十二、"
    assert env.from_string("{{ 12|heading_number }}").render(language="en") == "12. "
    with pytest.raises(ValueError, match="'西部' is not a number"):
        f.thousands("西部")


def test_filters_do_not_depend_on_the_locale():
    code = ("from briefing.templating.filters import FILTERS; "
            "print(FILTERS['thousands'](1234567.5), FILTERS['date_en']('2024-04-23'))")
    for locale in ("C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "LC_ALL": locale}).stdout
        assert out == "1,234,567.5 23 April 2024\n", locale
