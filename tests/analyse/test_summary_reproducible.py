"""A long text's summary scores are the same in every process, whatever Python's string-hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
import random
from briefing.analyse.summary import _rank_in_windows
n, pick = 600, random.Random(7)
grams = [frozenset(f"gram{pick.randrange(300)}" for _ in range(pick.randrange(3, 25))) for i in range(n)]
print(repr(_rank_in_windows(grams, [0.15 / n] * n, 0.85, 60)))
"""


def _scores(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env).stdout


def test_the_windowed_ranking_does_not_depend_on_the_hash_seed():
    first = _scores("0")
    assert all(_scores(seed) == first for seed in ("1", "123", "4242"))
