"""The hostile-input suite's figures beside the review's: for each case the review found mishandled, its
outcome then (Appendix A) and now (the lines tests/hostile writes with BRIEFING_HOSTILE_REPORT=FILE set).

    BRIEFING_HOSTILE_REPORT=/tmp/after.jsonl .venv/bin/python -m pytest -q -n auto tests/hostile
    .venv/bin/python tools/hostile_table.py /tmp/after.jsonl ../shared/reviews/hostile-input-2026-12.md
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict


def review_cases(path: str) -> dict[str, list[str]]:
    """Appendix A's rows whose verdict is bold (mishandled), by case key; the kill runs held and are left out."""
    appendix = open(path, encoding="utf-8").read().split("## Appendix A", 1)[1]
    cases = {}
    for line in appendix.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) >= 9 and cells[0].startswith("`") and "**" in cells[7] and "kill-" not in cells[0]:
            cases[cells[0].strip("`")] = cells
    return cases


def outcomes(path: str) -> dict[str, list[dict]]:
    runs = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        run = json.loads(line)
        runs[run["case"]].append(run)
    return runs


def _message(runs: list[dict]) -> str:
    text = next((r["message"] for r in runs if r["message"]), "")
    return re.sub(r"/\S*?/project/", "", text)[:110].replace("|", "\\|")


def row(case: str, before: list[str], runs: list[dict]) -> str:
    then = f"{before[2][:34]}; {'traceback' if before[4] == 'yes' else 'no traceback'}; {before[5]} s; {before[6]} MB"
    if not runs:
        return f"| `{case}` | {before[7].strip('*')} | {then} | (not in tests/hostile) | |"
    codes = ",".join(sorted({str(r["code"]) for r in runs}))
    now = (f"{codes}; {max(r['lines'] for r in runs)} line(s); "
           f"{'traceback' if any(r['traceback'] for r in runs) else 'no traceback'}; "
           f"{max(r['seconds'] for r in runs):.1f} s; {max(r['peak_mb'] for r in runs)} MB")
    return f"| `{case}` | {before[7].strip('*')} | {then} | {now} | {_message(runs)} |"


def main(report: str, review: str) -> None:
    cases, runs = review_cases(review), outcomes(report)
    print("| case | verdict then | then: exit; traceback; time; memory | now: exits; stderr lines; traceback; "
          "slowest; most memory | now: message |")
    print("|---|---|---|---|---|")
    for case, before in cases.items():
        print(row(case, before, runs.get(case, [])))
    missing = [case for case in cases if case not in runs]
    print(f"\n{len(cases)} cases mishandled then; {len(cases) - len(missing)} run by tests/hostile "
          f"({len(runs)} cases in all, {sum(map(len, runs.values()))} commands); not there: {' '.join(missing)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
