"""Cases of the review on running unattended (issue 12: P14, P20, P26, P30, P32 and the issue's last paragraph):
hooks that leave a process behind, crontab lines, `diff` of a malformed or a huge analysis, `resend` of a partial
set, and `templates new --wire` with an argument that is no audience name."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import run

DATE = "2024-05-01"
SAMPLE = Path(__file__).resolve().parents[2] / "data/sources"


def _stop(pid_file: Path) -> None:
    """End the background process a hook of this test started, by its id."""
    if pid_file.is_file():
        try:
            os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass


def _deliver(project: Path, command: str) -> None:
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"deliver: '{command}'\n", encoding="utf-8")


# ---- P20: a hook that starts a background process --------------------------------------------------------


@pytest.mark.parametrize("case, seconds", [("ops/hook_background", 40), ("ops/hook_background_long", 360)])
def test_a_hook_that_leaves_a_process_behind_does_not_hold_the_build(fresh: Path, case: str, seconds: int):
    _deliver(fresh, f"sleep {seconds} & echo $! > bg.pid; echo sent")
    try:
        outcome = run(case, "build", "--date", DATE, cwd=fresh).handled(0)
    finally:
        _stop(fresh / "bg.pid")
    assert outcome.seconds < 15
    manifest = json.loads((fresh / f"out/northeast/{DATE}/analyst/manifest.json").read_text(encoding="utf-8"))
    assert manifest["delivery"] == "done"


def test_killing_the_builds_group_kills_its_hook(fresh: Path):
    _deliver(fresh, "echo $$ > hook.pid; sleep 30; echo late > late.txt")
    build = subprocess.Popen([sys.executable, "-m", "briefing", "build", "--date", DATE], cwd=fresh,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not (fresh / "hook.pid").is_file() or not (fresh / "hook.pid").read_text().strip():
            assert time.monotonic() < deadline and build.poll() is None, "the hook never started"
            time.sleep(0.1)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    hook = int((fresh / "hook.pid").read_text())
    deadline = time.monotonic() + 5
    while _alive(hook) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(hook)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, killed and not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_the_hook_timeout_is_the_shells_and_its_output_is_kept(tmp_path: Path):
    from briefing.operate import run_hook

    started = time.monotonic()
    result = run_hook("sleep 30 & echo $! > bg.pid; echo working; sleep 20", {}, tmp_path, seconds=0.5)
    _stop(tmp_path / "bg.pid")
    assert time.monotonic() - started < 5
    assert result.exit_code == 124 and "did not finish in 0.5 s" in result.output
    done = run_hook("echo out; echo err >&2; exit 3", {}, tmp_path)
    assert done.exit_code == 3 and done.output.split() == ["out", "err"]


# ---- P14, P30: the crontab line ---------------------------------------------------------------------------


def _fake_crontab(tmp_path: Path) -> tuple[dict, Path]:
    """A `crontab` on PATH that stands in for cron's (never the real one): -l prints the table, - replaces it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    table = tmp_path / "crontab.txt"
    fake = bin_dir / "crontab"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then [ -f "{table}" ] && cat "{table}" || exit 1; '
                    f'else cat > "{table}"; fi\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}, table


def _moved(project: Path, name: str) -> Path:
    target = project.parent / name
    shutil.move(str(project), str(target))
    return target


def test_a_newline_in_the_project_path_never_reaches_the_crontab(fresh: Path, tmp_path: Path):
    env, table = _fake_crontab(tmp_path)
    project = _moved(fresh, "sched-nl\n* * * * * touch PWNED #")
    run("schedule/newline_path", "schedule", "--cron", "0 7 * * 1-5", "--install", cwd=project, env=env) \
        .handled(2).says("control character", "crontab")
    assert not table.exists()


@pytest.mark.parametrize("case, expression, found", [("schedule/six_fields", "* * * * * *", "not 6 fields"),
                                                     ("schedule/seven", "0 0 7 * * 1-5 2030", "not 7 fields")])
def test_only_five_fields_are_a_cron_expression(fresh: Path, case: str, expression: str, found: str):
    run(case, "schedule", "--cron", expression, cwd=fresh).handled(2).says("five fields", found)


def test_a_six_field_expression_is_not_installed(fresh: Path, tmp_path: Path):
    env, table = _fake_crontab(tmp_path)
    run("schedule/install6", "schedule", "--cron", "* * * * * *", "--install", cwd=fresh, env=env) \
        .handled(2).says("five fields")
    assert not table.exists()


def test_a_percent_in_the_project_path_is_escaped_for_cron(fresh: Path, tmp_path: Path):
    env, table = _fake_crontab(tmp_path)
    project = _moved(fresh, "sched%pct")
    outcome = run("schedule/percent_path", "schedule", "--cron", "0 7 * * 1-5", "--install", cwd=project, env=env)
    line = outcome.handled(0).stdout.splitlines()[0]
    assert "sched\\%pct" in line and not re.search(r"(?<!\\)%", line)
    assert table.read_text().splitlines() == [line]
    removed = run("issue/schedule_remove", "schedule", "--remove", cwd=project, env=env).handled(0)
    assert "removed" in removed.stdout and table.read_text() == ""  # the escaped line is found again


def test_a_macro_is_a_cron_expression(fresh: Path):
    line = run("schedule/at_daily", "schedule", "--cron", "@daily", cwd=fresh).handled(0).stdout.splitlines()[0]
    assert line.startswith("@daily cd ")


def test_a_wrong_field_is_named(fresh: Path):
    run("issue/cron_hour25", "schedule", "--cron", "0 25 * * *", cwd=fresh).handled(2) \
        .says('the hour "25"', "0-23")


def test_remove_needs_no_cron_expression(fresh: Path, tmp_path: Path):
    env, table = _fake_crontab(tmp_path)
    run("issue/schedule_install", "schedule", "--cron", "0 7 * * 1-5", "--install", cwd=fresh, env=env).handled(0)
    assert len(table.read_text().splitlines()) == 1
    outcome = run("issue/schedule_remove_no_cron", "schedule", "--remove", cwd=fresh, env=env).handled(0)
    assert "removed from your crontab" in outcome.stdout and table.read_text() == ""
    run("issue/schedule_no_cron", "schedule", cwd=fresh).handled(2).says("--cron")


def test_the_scheduled_line_logs_each_warning_once(fresh: Path):
    (fresh / "data/sources/weather.txt").write_text("通报\n\n今年以来，全省天气晴好，游客人数明显增加。\n",
                                                    encoding="utf-8")
    line = run("issue/schedule_log_twice", "schedule", "--cron", "0 7 * * 1-5", cwd=fresh) \
        .handled(0).stdout.splitlines()[0]
    command = line.split(" ", 5)[5]  # what cron gives the shell, after the five fields
    done = subprocess.run(["sh", "-c", command], cwd="/", capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")})
    assert done.returncode == 0, done.stderr
    log = (fresh / "briefing.log").read_text(encoding="utf-8")
    warnings = [entry for entry in log.splitlines() if "weather: no headline directive" in entry]
    assert len(warnings) == 1, log
    assert re.search(r"built 2 editions in", log)


def test_one_edition_is_one_edition(fresh: Path):
    run("issue/built_1_editions", "build", "--date", DATE, "--audience", "analyst", "--log-file", "b.log",
        cwd=fresh).handled(0)
    assert "built 1 edition in " in (fresh / "b.log").read_text(encoding="utf-8")


# ---- P26, P19: diff ---------------------------------------------------------------------------------------


def _edition(folder: Path, snapshot: object | str) -> Path:
    folder.mkdir(parents=True)
    text = snapshot if isinstance(snapshot, str) else json.dumps(snapshot, ensure_ascii=False)
    (folder / "analysis.json").write_text(text, encoding="utf-8")
    return folder


_GOOD = {"date": "2024-05-01", "directives": [{"speaker": "", "verb": "强调", "text": "要推动东北全面振兴", "source": "a"}],
         "figures": [{"label": "地区生产总值", "period": "2023", "shown": "5.9万亿元", "kind": "", "measure": "",
                      "value": 5.9e12}]}


@pytest.mark.parametrize("variant, snapshot, problem", [
    ("list", [_GOOD], "a JSON list, not an object"),
    ("wrong_types", {**_GOOD, "directives": {"text": "x"}}, '"directives" is a object, not a list'),
    ("no_text", {**_GOOD, "directives": [{"speaker": "x"}]}, 'directives[0]: no "text"'),
    ("string_value", {**_GOOD, "figures": [{**_GOOD["figures"][0], "value": "5.9"}]},
     'figures[0]: "value" is a text, not a number'),
    ("deep", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_diff_of_a_malformed_analysis_names_the_file_and_the_fault(fresh: Path, variant: str, snapshot, problem: str):
    old = _edition(fresh / "old", _GOOD)
    new = _edition(fresh / "new", snapshot)
    run("ops/diff", "diff", str(old), str(new), cwd=fresh).handled(2).says(str(new / "analysis.json"), problem)


def test_diff_of_two_good_analyses(fresh: Path):
    old = _edition(fresh / "old", _GOOD)
    new = _edition(fresh / "new", {**_GOOD, "directives": [{**_GOOD["directives"][0], "text": "要推动东北地区全面振兴"}]})
    outcome = run("ops/diff_ok", "diff", str(old), str(new), cwd=fresh).handled(0)
    assert "~ directive: 要推动东北全面振兴" in outcome.stdout


def _directives(count: int, seed: int) -> list[str]:
    """`count` directive-like texts, cut from the sample source at random places."""
    chars = "".join(c for f in sorted(SAMPLE.glob("*.txt")) for c in f.read_text(encoding="utf-8") if "一" <= c <= "鿿")
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        size = rng.randint(20, 60)
        start = rng.randrange(len(chars) - size)
        texts.append(f"要{chars[start:start + size]}（第{n}条）")
    return texts


def test_diff_of_editions_of_two_thousand_directives(fresh: Path):
    before = _directives(2000, 1)
    after = before[:1000] + [t.replace("要", "必须", 1) for t in before[1000:1500]] + _directives(500, 2)
    snap = lambda texts: {"date": "", "figures": [], "directives": [{"text": t} for t in texts]}  # noqa: E731
    old, new = _edition(fresh / "a2000", snap(before)), _edition(fresh / "b2000", snap(after))
    outcome = run("ops/diff_big", "diff", str(old), str(new), cwd=fresh).handled(0)
    assert outcome.seconds < 10
    reworded = set(re.findall(r"^~ directive: (.*)\n +→ (.*)$", outcome.stdout, re.M))
    assert all((before[n], after[n]) in reworded for n in range(1000, 1500))  # every one reworded, found
    assert not any(f"directive: {text}" in outcome.stdout for text in before[:1000])  # the unchanged: not listed


# ---- P32: resend of a partial set, --wire that is no audience ------------------------------------------------


def test_resend_with_one_edition_missing_sends_nothing_and_says_so(fresh: Path):
    _deliver(fresh, 'echo "$BRIEFING_EDITIONS" >> delivered.log')
    run("ops/resend_build", "build", "--date", DATE, cwd=fresh).handled(0)
    (fresh / "delivered.log").unlink()
    shutil.rmtree(fresh / f"out/northeast/{DATE}/analyst")
    run("ops/resend", "resend", cwd=fresh).handled(2).says("analyst", "nothing was sent")
    assert not (fresh / "delivered.log").exists()


def test_templates_new_checks_the_wire_argument_before_copying(fresh: Path):
    config = fresh / "briefing.yaml"
    before = config.read_text(encoding="utf-8")
    outcome = run("cli/templates_new_wire_weird", "templates", "new", "minister", "--from", "executive",
                  "--wire", "../x: y", cwd=fresh).handled(2).says("--wire", "not a folder name")
    assert "briefing.yaml" not in outcome.stderr
    assert not (fresh / "templates/minister").exists() and config.read_text(encoding="utf-8") == before
