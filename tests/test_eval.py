"""The gold set: documents written for the project, each with what an analyst extracts from it.

`briefing eval tests/gold` scores the analysis; these tests keep the scores from
falling below what the code reaches now (the floors), so a regression fails CI.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from briefing.analyse.directives import find_directives
from briefing.evaluate import evaluate, normal
from briefing.analyse.indicators import indicators_in
from briefing.ingest import read_document
from conftest import run_cli

GOLD = Path(__file__).parent / "gold"
# The totals reached when the floors were last raised; raise them when the code gets better.
FLOORS = {"directives": 0.98, "indicators": 0.94}
GOLDS = sorted(GOLD.glob("*.gold.json"))


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(GOLD)


def test_the_gold_set_covers_every_genre_in_both_languages():
    golds = [_gold(p) for p in GOLDS]
    languages = Counter(g["language"] for g in golds)
    genres = {(g["language"], g.get("genre", "readout")) for g in golds}
    assert len(golds) >= 12 and languages["zh"] >= 8 and languages["en"] >= 4
    for genre in ("readout", "communique", "work-report", "feature"):
        assert ("zh", genre) in genres, genre
    for genre in ("executive-order", "resolution"):
        assert ("en", genre) in genres, genre
    assert any(g.get("encoding") == "gb18030" for g in golds)


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_total_f1_stays_at_or_above_the_floor(evaluation, part):
    counts = getattr(evaluation, part)
    problems = [f"{d.name}: {p}" for d in evaluation.documents for p in d.problems if p.startswith(part[:-1])]
    assert counts.f1 >= FLOORS[part], "\n".join(problems)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_directives_hold_in_each_language(evaluation, language):
    directives, _ = evaluation.by("language")[language]
    assert directives.f1 >= FLOORS["directives"], directives.cell()


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_nothing_marked_not_a_directive_comes_out_as_one(gold):
    data = _gold(gold)
    headlines, _ = find_directives(read_document(gold.parent / data["source"]))
    for phrase in data.get("not_directives", []):
        assert not [d.text for d in headlines if normal(phrase) in normal(d.text)], phrase


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_no_figure_is_invented(gold):
    """A number the gold file says is not an indicator (a date, an altitude, 八项措施) never becomes one."""
    data = _gold(gold)
    found = indicators_in(read_document(gold.parent / data["source"]))
    if not data["indicators"]:
        assert found == ()
    for phrase in data.get("non_indicators", []):
        wrong = [i for i in found if normal(i.quote).find(normal(phrase)) >= 0 and normal(i.value) in normal(phrase)
                 and not any(normal(g["quote_contains"]) in normal(i.quote) and g["value"] == i.value
                             for g in data["indicators"])]
        assert not wrong, f"{phrase}: {[(i.value, i.unit) for i in wrong]}"


def test_eval_command_prints_the_scores():
    result = run_cli("eval", str(GOLD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["document", "directives", "indicators"]
    assert any(line.startswith("total") and "F1" in line for line in lines)
    rows = [line.split()[0] for line in lines if line.split()]
    assert sorted(r for r in rows if (GOLD / f"{r}.gold.json").is_file()) == [p.name.removesuffix(".gold.json") for p in GOLDS]


def test_eval_command_fails_under_a_floor_and_names_a_bad_folder(tmp_path):
    assert run_cli("eval", str(GOLD), "--fail-under", "1.01").returncode == 1
    result = run_cli("eval", str(tmp_path))
    assert result.returncode == 2 and "no gold files" in result.stderr and "Traceback" not in result.stderr


def test_eval_json_gives_counts_per_document():
    result = run_cli("eval", str(GOLD), "--json")
    rows = json.loads(result.stdout)
    assert {row["document"] for row in rows} == {p.name.removesuffix(".gold.json") for p in GOLDS}
    assert all(set(row["directives"]) == {"right", "returned", "gold"} for row in rows)


# ---------------------------------------------------------------- the real documents of ../shared/eval

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "real"
SCORER = REAL.parent / "score.py"
needs_real = pytest.mark.skipif(not (REAL.is_dir() and SCORER.is_file()),
                                reason="../shared/eval is not beside this clone")
# The real documents' floors (issue 11): a fall on text nobody on the team wrote fails CI.
REAL_FLOORS = {"directives": 0.97, "indicators": 0.95}


@pytest.fixture(scope="module")
def real_evaluation():
    return evaluate(REAL)


@needs_real
def test_eval_reads_the_shared_format_as_its_scorer_does(real_evaluation):
    """`briefing eval` on ../shared/eval/real prints the figures ../shared/eval/score.py prints."""
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(SCORER), str(REAL), f"{sys.executable} -m briefing"], cwd=root,
                          capture_output=True, text=True, timeout=300)
    total = re.search(r"TOTAL directives P=([\d.]+) R=([\d.]+) F1=([\d.]+) \| indicators P=([\d.]+) R=([\d.]+) "
                      r"F1=([\d.]+)", done.stdout)
    assert total, done.stdout + done.stderr
    d, i = real_evaluation.directives, real_evaluation.indicators
    ours = [f"{x:.2f}" for x in (d.precision, d.recall, d.f1, i.precision, i.recall, i.f1)]
    assert ours == list(total.groups())
    matched = re.search(r"right speaker: (\d+)/(\d+); .* gold year: (\d+)/(\d+)", done.stdout)
    s, p = real_evaluation.speakers, real_evaluation.periods
    assert [str(n) for n in (s.right, s.gold, p.right, p.gold)] == list(matched.groups())


@needs_real
@pytest.mark.parametrize("part", sorted(REAL_FLOORS))
def test_real_documents_stay_at_or_above_their_floor(real_evaluation, part):
    assert getattr(real_evaluation, part).f1 >= REAL_FLOORS[part]


@needs_real
def test_real_documents_name_the_right_speaker_and_period(real_evaluation):
    """The issue's bar: matched directives' speakers and matched indicators' periods right in 95% or more."""
    s, p = real_evaluation.speakers, real_evaluation.periods
    assert s.right >= 0.95 * s.gold and p.right >= 0.95 * p.gold, (s, p)


# ---------------------------------------------------------------- held-out set 3 (tests/gold-blind)

BLIND = Path(__file__).parent / "gold-blind"
# Raised as the finders learn the structures these documents show (issue 11); first look 0.59 and 0.73.
BLIND_FLOORS = {"directives": 0.96, "indicators": 0.74}


@pytest.mark.parametrize("part", sorted(BLIND_FLOORS))
def test_the_blind_set_stays_at_or_above_its_floor(part):
    assert getattr(evaluate(BLIND), part).f1 >= BLIND_FLOORS[part]
