"""Running unattended, through the real command and real processes: cron-like runs, the lock, killed builds,
skipping unchanged inputs, byte-identical rebuilds, what changed, the schedule line, the hooks."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

DATE = "2024-04-23"


def _cli(*args: str, cwd: Path, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """The command as cron runs it: no terminal, no input."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, env={**os.environ, **(env or {})})


def _root(project: Path) -> Path:
    return project / "out" / "western-development"


def _editions(project: Path) -> list[Path]:
    root = _root(project)
    return sorted(p for p in root.glob("*/*") if p.parent.name[:2] == "20" and not p.name.startswith("."))


def test_a_cron_run_prints_nothing_and_logs_a_line(project):
    result = _cli("build", "briefing.yaml", "--date", DATE, "--log-file", "run.log", cwd=project)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    log = (project / "run.log").read_text(encoding="utf-8")
    assert log.count("\n") == 1 and "built 2 editions" in log and log[:4] == "20" + log[2:4]
    latest = _root(project) / "latest"
    assert {p.name for p in latest.iterdir()} == {"analyst", "executive"}
    assert (latest / "analyst" / "manifest.json").is_file()


def test_nothing_changed_is_up_to_date_and_force_rebuilds_the_same_bytes(project):
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    edition = _root(project) / DATE / "analyst"
    first = {p.relative_to(edition): p.read_bytes() for p in edition.rglob("*") if p.is_file()}
    skipped = _cli("build", "briefing.yaml", "--date", DATE, "--verbose", "--log-file", "run.log", cwd=project)
    assert skipped.returncode == 0 and "up to date" in skipped.stdout
    assert "up to date" in (project / "run.log").read_text(encoding="utf-8")
    forced = _cli("build", "briefing.yaml", "--date", DATE, "--force", cwd=project)
    assert forced.returncode == 0
    again = {p.relative_to(edition): p.read_bytes() for p in edition.rglob("*") if p.is_file()}
    assert again.keys() == first.keys()
    assert [name for name in first if first[name] != again[name]] == []  # docx, PNGs, manifest: the same bytes


def test_a_changed_source_is_built_and_the_change_is_said(project):
    assert _cli("build", "briefing.yaml", "--date", "2024-04-22", cwd=project).returncode == 0
    source = next((project / "data" / "sources").glob("*.txt"))
    text = source.read_text(encoding="utf-8")
    text = text.replace("要坚持统筹发展和安全，提升能源资源等重点领域安全保障能力。",
                        "要坚持统筹发展和安全，全面提升能源资源等重点领域安全保障能力。")
    text = text.replace("2055列", "2100列")
    source.write_text(text, encoding="utf-8")
    result = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    digest = (_root(project) / DATE / "analyst" / "digest.md").read_text(encoding="utf-8")
    news = digest.split("## 新变化", 1)[1].split("\n## ", 1)[0]
    assert "与上一期（2024-04-22）相比" in news
    assert "表述调整" in news and "全面提升能源资源" in news
    assert "数据更新" in news and "2055列 → 2100列" in news
    diff = _cli("diff", "out/western-development/2024-04-22/analyst", f"out/western-development/{DATE}/analyst",
                cwd=project)
    assert diff.returncode == 0 and "~ directive:" in diff.stdout and "~ figure:" in diff.stdout
    assert "2055列 → 2100列" in diff.stdout
    same = _cli("diff", f"out/western-development/{DATE}/analyst", f"out/western-development/{DATE}/analyst",
                cwd=project)
    assert "nothing changed" in same.stdout
    bad = _cli("diff", "out", f"out/western-development/{DATE}/analyst", cwd=project)
    assert bad.returncode == 2 and "no analysis.json" in bad.stderr


def _hold_lock(project: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the briefing's lock, as a running build does."""
    root = _root(project)
    root.mkdir(parents=True, exist_ok=True)
    code = ("import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); "
            "time.sleep(float(sys.argv[2]))")
    holder = subprocess.Popen([sys.executable, "-c", code, str(root / ".lock"), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_build_waits_then_exits_75(project):
    holder = _hold_lock(project, 30)
    try:
        start = time.monotonic()
        result = _cli("build", "briefing.yaml", "--date", DATE, "--wait", "1", cwd=project)
        assert result.returncode == 75 and "another build of this briefing is running" in result.stderr
        assert 0.9 < time.monotonic() - start < 20 and result.stdout == ""
        assert _editions(project) == []
    finally:
        holder.kill()
        holder.wait()


def test_a_second_build_that_waits_long_enough_builds(project):
    holder = _hold_lock(project, 1.5)
    result = _cli("build", "briefing.yaml", "--date", DATE, "--wait", "30", cwd=project)
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert len(_editions(project)) == 2


def test_two_real_builds_at_once_do_not_mix(project):
    first = subprocess.Popen([sys.executable, "-m", "briefing", "build", "briefing.yaml", "--date", DATE],
                             cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    second = _cli("build", "briefing.yaml", "--date", DATE, "--force", "--wait", "60", cwd=project)
    assert first.wait(timeout=120) == 0 and second.returncode == 0
    for edition in _editions(project):
        manifest = json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
        assert {o["path"] for o in manifest["outputs"]} >= {"briefing.docx", "digest.md", "analysis.json"}


def _check_whole(project: Path, previous: dict[Path, bytes]) -> None:
    """Every edition there is whole, and the earlier edition is exactly as it was."""
    for edition in _editions(project):
        manifest = json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
        for output in manifest["outputs"]:
            assert (edition / output["path"]).is_file(), (edition, output["path"])
    for path, data in previous.items():
        assert path.read_bytes() == data, path


def test_builds_killed_at_random_moments_leave_no_partial_edition(project):
    assert _cli("build", "briefing.yaml", "--date", "2024-04-22", cwd=project).returncode == 0
    earlier = _root(project) / "2024-04-22"
    previous = {p: p.read_bytes() for p in earlier.rglob("*") if p.is_file()}
    rng = random.Random(20241128)
    for _ in range(20):
        build = subprocess.Popen([sys.executable, "-m", "briefing", "build", "briefing.yaml", "--date", DATE, "--force"],
                                 cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 2.5))
        build.send_signal(signal.SIGKILL)
        build.wait()
        _check_whole(project, previous)
    result = _cli("build", "briefing.yaml", "--date", DATE, "--force", "--wait", "0", cwd=project)
    assert result.returncode == 0, result.stderr  # no stale lock, and the leftovers are tidied
    _check_whole(project, previous)
    assert not list(_root(project).glob("*/.*.tmp")) and not list(_root(project).glob("*/.*.old"))
    assert (_root(project) / "latest" / "analyst" / "manifest.json").is_file()


def test_keep_prunes_old_editions(project):
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "keep: 2\n", encoding="utf-8")
    for day in ("2024-04-20", "2024-04-21", "2024-04-22"):
        assert _cli("build", "briefing.yaml", "--date", day, "--force", cwd=project).returncode == 0
    assert sorted(p.name for p in _root(project).iterdir() if p.name[:2] == "20") == ["2024-04-21", "2024-04-22"]


def test_the_schedule_line(project):
    result = _cli("schedule", "briefing.yaml", "--cron", "0 7 * * 1-5", cwd=project)
    assert result.returncode == 0, result.stderr
    line, runs = result.stdout.splitlines()[:2]
    assert line.startswith("0 7 * * 1-5 cd ") and f"{sys.executable} -m briefing build {project / 'briefing.yaml'}" in line
    assert "--log-file" in line and "2>&1" not in line  # the build logs; cron mails what it says on stderr
    assert runs.startswith("next runs: ") and runs.count(";") == 2
    bad = _cli("schedule", "briefing.yaml", "--cron", "0 25 * * *", cwd=project)
    assert bad.returncode == 2 and 'the hour "25"' in bad.stderr and "Traceback" not in bad.stderr


def test_install_adds_the_line_once_and_remove_takes_it_out(project, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    table = tmp_path / "crontab.txt"
    fake = bin_dir / "crontab"  # stands in for cron's crontab: -l prints the table, - replaces it
    fake.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then [ -f {table} ] && cat {table} || exit 1; '
                    f'else cat > {table}; fi\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    table.write_text("30 2 * * * backup.sh\n")
    first = _cli("schedule", "--cron", "0 7 * * 1-5", "--install", cwd=project, env=env)
    second = _cli("schedule", "--cron", "0 7 * * 1-5", "--install", cwd=project, env=env)
    assert "added to your crontab" in first.stdout and "already in your crontab" in second.stdout
    lines = table.read_text().splitlines()
    assert lines[0] == "30 2 * * * backup.sh" and len(lines) == 2 and "briefing build" in lines[1]
    removed = _cli("schedule", "--cron", "0 7 * * 1-5", "--remove", cwd=project, env=env)
    assert "removed" in removed.stdout and table.read_text().splitlines() == ["30 2 * * * backup.sh"]


def test_on_failure_runs_with_the_error_and_deliver_and_resend(project):
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + 'on_failure: \'echo "$BRIEFING_EXIT_CODE $BRIEFING_ERROR" > failure.txt\'\n'
                      + "deliver: 'echo \"$BRIEFING_DATE\" >> delivered.txt; echo \"$BRIEFING_EDITIONS\" >> delivered.txt'\n",
                      encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    delivered = (project / "delivered.txt").read_text(encoding="utf-8").splitlines()
    assert delivered[0] == DATE and any(line.endswith(f"{DATE}/analyst") for line in delivered)
    resent = _cli("resend", "briefing.yaml", cwd=project)
    assert resent.returncode == 0 and "delivered again" in resent.stdout
    assert (project / "delivered.txt").read_text(encoding="utf-8").splitlines().count(DATE) == 2
    (project / "data" / "indicators" / "western-region.csv").write_text("indicator,period\n", encoding="utf-8")
    failed = _cli("build", "briefing.yaml", "--date", "2024-04-24", cwd=project)
    assert failed.returncode == 2
    message = (project / "failure.txt").read_text(encoding="utf-8")
    assert message.startswith("2 ") and "western-region.csv" in message


def test_strict_fails_on_a_warning(project):
    source = project / "data" / "sources" / "empty-of-directives.txt"
    source.write_text("通报\n\n今年以来，全省天气晴好，游客人数明显增加。\n", encoding="utf-8")
    lenient = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert lenient.returncode == 0 and "no headline directive" in lenient.stderr
    strict = _cli("build", "briefing.yaml", "--date", "2024-04-24", "--strict", "--force", cwd=project)
    assert strict.returncode == 1 and "--strict" in strict.stderr
    assert not (_root(project) / "2024-04-24").exists()


def test_exit_codes_are_in_the_help():
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "--help"], capture_output=True, text=True,
                            cwd=ROOT)
    assert "75" in result.stdout and "up to date" in result.stdout


@pytest.mark.parametrize("since", ["last-edition"])
def test_since_last_edition_reads_only_newer_sources(project, since):
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"since: {since}\n", encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", "2024-04-22", cwd=project).returncode == 0
    skipped = _cli("build", "briefing.yaml", "--date", DATE, "--verbose", cwd=project)
    assert "up to date" in skipped.stdout
    time.sleep(0.05)
    newer = project / "data" / "sources" / "2024-04-23-follow-up.txt"
    newer.write_text("通报\n\n会议强调，要抓紧落实座谈会部署的各项任务。\n", encoding="utf-8")
    built = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert built.returncode == 0, built.stderr
    manifest = json.loads((_root(project) / DATE / "analyst" / "manifest.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in manifest["documents"]] == ["2024-04-23-follow-up"]
    changes = (_root(project) / DATE / "analyst" / "digest.md").read_text(encoding="utf-8")
    # the sources left unread are not gone: only what the read ones no longer say would be
    assert "要抓紧落实座谈会部署的各项任务" in changes and "不再出现" not in changes, changes


def test_a_change_to_a_parent_template_rebuilds_and_a_child_inherits_its_chart_style(project):
    assert _cli("templates", "new", "house", "--from", "executive", cwd=project).returncode == 0
    child = project / "templates" / "minister"
    child.mkdir()
    (child / "template.yaml").write_text("name: minister\nextends: house\n", encoding="utf-8")
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("    template: executive", "    template: minister"),
                      encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    from briefing.render.charts import load_style

    assert load_style(child) == load_style(project / "templates" / "house")  # the executive style, inherited
    assert "up to date" in _cli("build", "briefing.yaml", "--date", DATE, "--verbose", cwd=project).stdout
    parent = project / "templates" / "house" / "digest.md.j2"
    parent.write_text(parent.read_text(encoding="utf-8") + "\n<!-- house note -->\n", encoding="utf-8")
    rebuilt = _cli("build", "briefing.yaml", "--date", DATE, "--verbose", cwd=project)
    assert rebuilt.returncode == 0 and "up to date" not in rebuilt.stdout


def test_validate_catches_a_wrong_chart_style(project):
    assert _cli("templates", "new", "house", "--from", "executive", "--wire", "executive", cwd=project).returncode == 0
    style = project / "templates" / "house" / "chart.mplstyle"
    style.write_text(style.read_text(encoding="utf-8") + "axes.facecolr: red\n", encoding="utf-8")
    result = _cli("validate", "briefing.yaml", cwd=project)
    assert result.returncode == 2 and "chart.mplstyle" in result.stderr and "axes.facecolr" in result.stderr
