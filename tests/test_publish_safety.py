"""Publishing never deletes or writes what is not this briefing's: the cases of the hostile-input review
(P2-P4, P7, P13), each through the real command on a copy of the sample project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATE = "2024-04-23"


def _cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=180, env={**os.environ, **(env or {})})


def _set(config: Path, old: str, new: str) -> None:
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new), encoding="utf-8")


def _one_audience(project: Path) -> Path:
    """The sample config with the analyst audience only (so an output without {audience} is accepted)."""
    config = project / "briefing.yaml"
    text = config.read_text(encoding="utf-8")
    head, rest = text.split("  executive:\n", 1)
    config.write_text(head + "  analyst:\n" + rest.split("  analyst:\n", 1)[1], encoding="utf-8")
    return config


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """An input error: exit 2, one line, no traceback, naming what it is about."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line, line
    for word in words:
        assert word in line, (word, line)
    return line


@pytest.mark.parametrize("output", [".", "", "{date}/{audience}", "{audience}"])
def test_an_output_that_is_the_project_folder_is_refused_and_nothing_is_deleted(project, output):
    config = _one_audience(project)
    _set(config, "output: out/{briefing}/{date}/{audience}", f'output: "{output}"')
    before = _files(project)
    line = _refused(_cli("validate", "briefing.yaml", cwd=project), "briefing.yaml:", "output:", "project's folder")
    assert "out/{briefing}/{date}/{audience}" in line  # the fix
    _refused(_cli("build", "briefing.yaml", "--date", DATE, cwd=project), "output:")
    assert _files(project) == before


def test_keep_with_a_date_folder_at_the_project_root_is_refused_before_anything_is_read(project):
    """prune/root_first: the project's own date-named folder of sources is never pruned."""
    dated = project / "2024-01-01"
    (project / "data" / "sources").rename(dated)
    config = project / "briefing.yaml"
    _set(config, "data/sources/*.txt", "2024-01-01/*.txt")
    _set(config, "output: out/{briefing}/{date}/{audience}", 'output: "{date}/{audience}"\nkeep: 1')
    _refused(_cli("validate", "briefing.yaml", cwd=project), "output:")
    _refused(_cli("build", "briefing.yaml", "--date", "2024-05-01", cwd=project), "output:")
    assert any(dated.glob("*.txt"))


def test_an_audience_named_like_an_input_folder_never_replaces_it(project):
    """cfg/aud_data: output "{audience}" and an audience named data."""
    config = _one_audience(project)
    _set(config, "  analyst:\n", "  data:\n")
    _set(config, "output: out/{briefing}/{date}/{audience}", 'output: "{audience}"')
    before = _files(project / "data")
    _refused(_cli("validate", "briefing.yaml", cwd=project), "output:")
    _refused(_cli("build", "briefing.yaml", cwd=project), "output:")
    assert _files(project / "data") == before


def test_a_name_that_is_the_sources_folder_is_refused(project):
    """cfg/name_data: editions, .lock and latest/ would land among the sources."""
    config = project / "briefing.yaml"
    _set(config, "name: western-development", "name: data")
    _set(config, "output: out/{briefing}/{date}/{audience}", 'output: "{briefing}/{date}/{audience}"')
    _refused(_cli("validate", "briefing.yaml", cwd=project), "output:", "holds the briefing's own input")


@pytest.mark.parametrize("output", ["../victim-{audience}", "../../escaped-x/{briefing}/{date}/{audience}",
                                    "{elsewhere}/{{date}}/{{audience}}"])
def test_an_output_outside_the_project_is_refused(project, output):
    elsewhere = project.parent / f"{project.name}-elsewhere"  # an absolute path outside the project
    output = output.format(elsewhere=elsewhere) if "{elsewhere}" in output else output
    victim = project.parent / "victim-executive"
    victim.mkdir(exist_ok=True)
    (victim / "precious.txt").write_text("x", encoding="utf-8")
    _set(project / "briefing.yaml", "output: out/{briefing}/{date}/{audience}", f'output: "{output}"')
    _refused(_cli("validate", "briefing.yaml", cwd=project), "output:", "outside the project", "--out")
    _refused(_cli("build", "briefing.yaml", "--date", DATE, cwd=project), "output:")
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "x"
    assert not elsewhere.exists()


@pytest.mark.parametrize("name", ["", ".", "..", "../../../escaped-aud", "a/b", ".hidden", "latest"])
def test_an_audience_name_must_be_one_folder(project, name):
    """cfg/aud_empty, cfg/aud_dot, cfg/aud_dotdot, cfg/aud_latest_nodate."""
    _set(project / "briefing.yaml", "  analyst:\n", f'  "{name}":\n')
    _refused(_cli("validate", "briefing.yaml", cwd=project), f"audiences.{name}:", "rename the audience")
    _refused(_cli("build", "briefing.yaml", "--date", DATE, cwd=project), "audiences.")
    assert not (project / "out").exists()


@pytest.mark.parametrize("name", ["../../../escaped-name", "{absolute}", ".."])
def test_a_briefing_name_must_be_one_folder_also_under_out(project, name):
    """cfg/name_escape, cfg/out_abs_name: neither the output nor --out DIR is left through the name."""
    absolute = project.parent / f"{project.name}-absolute-name"
    name = name.format(absolute=absolute)
    _set(project / "briefing.yaml", "name: western-development", f'name: "{name}"')
    _refused(_cli("validate", "briefing.yaml", cwd=project), "name:")
    _refused(_cli("build", "briefing.yaml", "--out", "out2", cwd=project), "name:")
    assert not absolute.exists() and not (project / "out2").exists()


def test_out_that_makes_the_root_an_input_folder_is_refused(project):
    config = project / "briefing.yaml"
    _set(config, "name: western-development", "name: sources")
    result = _cli("build", "briefing.yaml", "--out", "data", "--date", DATE, cwd=project)
    _refused(result, "holds the briefing's own input", "--out")
    assert sorted(p.name for p in (project / "data" / "sources").iterdir()) == \
        sorted(p.name for p in (Path(__file__).resolve().parent.parent / "data" / "sources").iterdir())


def test_a_folder_of_the_users_in_the_way_is_never_replaced(project):
    mine = project / "out" / "western-development" / DATE / "analyst"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    line = _refused(_cli("build", "briefing.yaml", "--date", DATE, "--force", cwd=project),
                    str(mine), "not an edition of this briefing")
    assert "move it away" in line
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (project / "out" / "western-development" / DATE / "executive").exists()  # all or nothing
    epoch = {"SOURCE_DATE_EPOCH": "1713830400"}  # 2024-04-23: validate looks at today's edition folders
    _refused(_cli("validate", "briefing.yaml", cwd=project, env=epoch), str(mine))


def test_two_configs_never_replace_each_others_editions(project):
    """fault/concurrent_two_configs: the same name, so the same folders."""
    other = project / "other.yaml"
    other.write_text((project / "briefing.yaml").read_text(encoding="utf-8")
                     .replace("title: 西部大开发简报", "title: 另一份简报"), encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    edition = project / "out" / "western-development" / DATE / "analyst"
    first = _files(edition)
    line = _refused(_cli("build", "other.yaml", "--date", DATE, cwd=project), "another briefing",
                    str(project / "briefing.yaml"))
    assert "--force" in line
    _refused(_cli("build", "other.yaml", "--date", "2024-04-24", cwd=project), "another briefing")
    assert _files(edition) == first
    assert not (project / "out" / "western-development" / "2024-04-24").exists()
    forced = _cli("build", "other.yaml", "--date", DATE, "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert json.loads((edition / "manifest.json").read_text(encoding="utf-8"))["config"]["path"] == str(other)


def test_two_names_with_one_output_never_replace_each_others_editions(project):
    """fault/two_names_same_output."""
    config = project / "briefing.yaml"
    _set(config, "output: out/{briefing}/{date}/{audience}", "output: shared/{date}/{audience}")
    other = project / "other.yaml"
    other.write_text(config.read_text(encoding="utf-8").replace("name: western-development", "name: other"),
                     encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    first = _files(project / "shared")
    _refused(_cli("build", "other.yaml", "--date", DATE, cwd=project), "another briefing")
    assert _files(project / "shared") == first


def test_keep_prunes_only_this_briefings_editions(project):
    """Prune and the tidying of leftovers touch only folders this config made."""
    config = project / "briefing.yaml"
    _set(config, "output: out/{briefing}/{date}/{audience}", "output: out/{briefing}/{date}/{audience}\nkeep: 1")
    root = project / "out" / "western-development"
    mine = root / "2020-01-01" / "notes"
    mine.mkdir(parents=True)
    (mine / "keep.txt").write_text("mine", encoding="utf-8")
    backup = root / "2020-01-01" / ".sources-backup.2023.old"
    backup.mkdir()
    (backup / "a.txt").write_text("old", encoding="utf-8")
    assert _cli("build", "briefing.yaml", "--date", "2024-04-22", cwd=project).returncode == 0
    assert _cli("build", "briefing.yaml", "--date", DATE, "--force", cwd=project).returncode == 0
    assert not (root / "2024-04-22").exists()  # this briefing's older edition, pruned
    assert (mine / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (backup / "a.txt").read_text(encoding="utf-8") == "old"
    assert not (root / "2020-01-01" / "sources-backup").exists()


def test_a_glob_never_follows_a_link_out_of_the_project(project):
    """src/symlink_passwd, src/symlink_dir: a link among the sources, to a file or a folder elsewhere."""
    outside = project.parent / f"{project.name}-secret"
    (outside / "etc").mkdir(parents=True, exist_ok=True)
    (outside / "shadow.txt").write_text("root:secret-hash:0:0\n", encoding="utf-8")
    (outside / "etc" / "hosts.txt").write_text("secret host list\n", encoding="utf-8")
    (project / "data" / "sources" / "shadow.txt").symlink_to(outside / "shadow.txt")
    line = _refused(_cli("validate", "briefing.yaml", cwd=project), "shadow.txt", "a link to", "outside the project")
    assert "names it by its own path" in line
    _refused(_cli("build", "briefing.yaml", "--date", DATE, cwd=project), "a link to")
    (project / "data" / "sources" / "shadow.txt").unlink()
    (project / "data" / "bad").mkdir()
    (project / "data" / "bad" / "etc").symlink_to(outside / "etc")
    config = project / "briefing.yaml"
    _set(config, "  - data/sources/*.txt\n", "  - data/sources/*.txt\n  - data/bad/etc/**/*.txt\n")
    _refused(_cli("validate", "briefing.yaml", cwd=project), "hosts.txt", "a link to")
    assert not (project / "out").exists()


def test_a_link_inside_the_project_and_a_file_named_in_full_are_read(project):
    """What a user expects: a link that stays in the project is a file like any other, and a path written out
    in full (no wildcard) is read wherever it leads; a pattern that itself points outside reads that folder."""
    shared = project.parent / f"{project.name}-shared"
    shared.mkdir(exist_ok=True)
    source = next((project / "data" / "sources").glob("*.txt"))
    (shared / "copy.txt").write_bytes(source.read_bytes())
    (project / "data" / "linked.txt").symlink_to(shared / "copy.txt")
    (project / "data" / "sources" / "alias.txt").symlink_to(source)
    config = project / "briefing.yaml"
    _set(config, "  - data/sources/*.txt\n", f"  - data/sources/*.txt\n  - data/linked.txt\n"
                                              f"  - ../{shared.name}/*.txt\n")
    result = _cli("validate", "briefing.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "(4 sources" in result.stdout


def test_a_latest_that_is_not_the_pointers_folder_is_never_replaced(project):
    root = project / "out" / "western-development"
    root.mkdir(parents=True)
    (root / "latest").write_text("mine", encoding="utf-8")
    _refused(_cli("build", "briefing.yaml", "--date", DATE, cwd=project), "latest", "never replaced")
    assert (root / "latest").read_text(encoding="utf-8") == "mine" and not (root / DATE).exists()
