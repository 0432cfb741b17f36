"""Whether two statements of a figure agree: after the rounding each one states, and what its qualifier allows.

26.9万亿元 says a value from 26.85 to 26.95; a table's 27.0 one from 26.95 to 27.05: they disagree, though
they are 0.4% apart. A table's 26.94, or its 27 (rounded to a whole number), agrees with the text's 26.9.
A number a workbook or a database holds as a number is exact: it states no rounding of its own.
超过3.7万亿元 agrees with any table figure above 3.7; 约5% with one within 5% of it; 7万多只 with 70,000
to 80,000.
"""

from __future__ import annotations

import math

from briefing.languages import LANGUAGES
from briefing.languages.common import half_width
from briefing.model import Indicator
from briefing.patterns import lazy

ABOUT = 0.05  # how far "about", "nearly", 约 and 左右 let a figure be from what it says
_DECIMALS = lazy(r"\.(\d+)")


def bounds(i: Indicator) -> tuple[float, float]:
    """The values the statement allows, in the normalized unit: low inclusive, high exclusive."""
    value, step = i.normalized_value, _step(i)
    bound = next((pack.bounds[i.qualifier] for pack in LANGUAGES.values() if i.qualifier in pack.bounds), "")
    if bound == "above":  # 超过3.7: more than the figure itself, whatever its rounding
        return value, math.inf
    if bound == "below":
        return -math.inf, value
    if bound == "plus":
        return value, value + max(step, abs(value) * 1e-9)
    if bound == "about":
        return value - abs(value) * ABOUT - step / 2, value + abs(value) * ABOUT + step / 2
    return value - step / 2, value + step / 2


def agree(a: Indicator, b: Indicator) -> bool:
    """Whether the two statements can be of one value: their ranges meet (an exact number is a point)."""
    (low_a, high_a), (low_b, high_b) = bounds(a), bounds(b)
    if low_a == high_a and low_b == high_b:
        return math.isclose(low_a, low_b, rel_tol=1e-9, abs_tol=1e-12)
    if low_a == high_a:
        return low_b <= low_a < high_b
    if low_b == high_b:
        return low_a <= low_b < high_a
    return low_a < high_b and low_b < high_a


def _step(i: Indicator) -> float:
    """The size of the last digit written, in the normalized unit; 0 for an exact number."""
    if i.exact:
        return 0.0
    decimals = _DECIMALS.search(half_width(i.value).replace(",", ""))
    step = 10.0 ** -len(decimals.group(1)) if decimals else 1.0
    factor = i.normalized_value / i.number if i.number else 1.0
    return abs(step * factor)
