"""Bad input: a one-line message naming the file, the place and the fix; exit 2; nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.resources import BUILTIN_TEMPLATES
from conftest import SAMPLE, run_cli


def _set(project: Path, old: str, new: str) -> None:
    path = project / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _typo_template(project: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES / "executive", project / "templates" / "executive")
    path = project / "templates" / "executive" / "digest.md.j2"
    text = path.read_text(encoding="utf-8")
    assert "{{ heading(labels.directives) }}" in text
    path.write_text(text.replace("{{ heading(labels.directives) }}", "{{ titel }}"), encoding="utf-8")


def _broken_syntax(project: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES / "analyst", project / "templates" / "analyst")
    text = (BUILTIN_TEMPLATES / "base" / "digest.md.j2").read_text(encoding="utf-8")
    path = project / "templates" / "analyst" / "digest.md.j2"
    path.write_text(text.replace("{% endfor %}", "{% endfro %}", 1), encoding="utf-8")


def _not_a_docx(project: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES / "executive", project / "templates" / "executive")
    (project / "templates" / "executive" / "briefing.docx").write_text("not a Word file", encoding="utf-8")


CASES = {
    "word template not a docx": (_not_a_docx, "briefing.docx", "cannot read the Word template"),
    "yaml syntax": (lambda p: _set(p, "title: 西部大开发简报", "title: [西部"), "briefing.yaml:", "YAML syntax error"),
    "wrong type": (lambda p: _set(p, "max_directives: 6", "max_directives: six"), "briefing.yaml:", 'audiences.executive.max_directives: expected an integer, got "six"'),
    "unknown key": (lambda p: _set(p, "max_figures: 3", "max_figure: 3"), "briefing.yaml:", "audiences.executive.max_figure: unknown key"),
    "missing title": (lambda p: _set(p, "title: 西部大开发简报\n", ""), "briefing.yaml", "title: missing"),
    "no source matches": (lambda p: _set(p, "data/sources/*.txt", "data/sourcez/*.txt"), "briefing.yaml:", '"data/sourcez/*.txt" matches no file'),
    "missing table": (lambda p: (p / "data/indicators/western-region.csv").unlink(), "briefing.yaml:", "western-region.csv\" not found"),
    "unknown template": (lambda p: _set(p, "template: analyst", "template: analyts"), "briefing.yaml:", 'no template "analyts"'),
    "text in a number column": (lambda p: (p / "data/indicators/western-region.csv").write_text(
        "indicator,period,value,unit,region,source\n地区生产总值,2019,二十,万亿元,西部,x\n", encoding="utf-8"),
        "western-region.csv:2", 'column value: "二十" is not a number'),
    "missing column": (lambda p: (p / "data/indicators/western-region.csv").write_text(
        "indicator,period,unit\nGDP,2019,元\n", encoding="utf-8"), "western-region.csv:1", "missing column value"),
    "empty table": (lambda p: (p / "data/indicators/western-region.csv").write_text("", encoding="utf-8"),
                    "western-region.csv", "the table is empty"),
    "duplicate row": (lambda p: (p / "data/indicators/western-region.csv").write_text(
        "indicator,period,value,unit\nGDP,2019,1,元\nGDP,2019,2,元\n", encoding="utf-8"), "western-region.csv:3", "duplicate row"),
    "template typo": (_typo_template, "digest.md.j2:14", "'titel' is undefined"),
    "template syntax": (_broken_syntax, "digest.md.j2:", "template syntax error"),
    "an address urllib cannot take apart": (lambda p: _set(p, "  - data/sources/*.txt", "  - data/sources/*.txt\n  - 'http://[::1'"),
                                            "briefing.yaml:", "is not a valid address"),
    "output field": (lambda p: _set(p, "output: out/{briefing}/{date}/{audience}", "output: out/{brief}/{audience}"),
                     "briefing.yaml:", "unknown field {brief}"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(project: Path, case: str):
    change, where, message = CASES[case]
    change(project)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-23")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert line.startswith("briefing: ") and where in line and message in line, line
    assert not (project / "out").exists() or not any((project / "out").rglob("*.docx"))


def test_missing_config(tmp_path: Path):
    result = run_cli("build", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "nope.yaml: config file not found" in result.stderr
    assert "briefing init" in result.stderr


def test_several_config_errors_reported_together(project: Path):
    _set(project, "max_directives: 6", "max_directives: six")
    _set(project, "max_figures: 3", "max_figures: -3")
    result = run_cli("validate", str(project / "briefing.yaml"))
    assert result.returncode == 2
    assert "max_directives" in result.stderr and "max_figures: expected 0 or more" in result.stderr


def test_unknown_audience_on_the_command_line(project: Path):
    result = run_cli("build", str(project / "briefing.yaml"), "--audience", "minister")
    assert result.returncode == 2 and 'no audience "minister"' in result.stderr and "executive, analyst" in result.stderr


def test_bad_date(project: Path):
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-13-01")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_a_failed_audience_publishes_nothing(project: Path):
    _typo_template(project)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-23")
    assert result.returncode == 2
    day = project / "out" / "western-development" / "2024-04-23"
    assert not day.exists() or list(day.iterdir()) == []  # the analyst edition, rendered first or not, is not published


def test_validate_ok(project: Path):
    result = run_cli("validate", str(project / "briefing.yaml"))
    assert result.returncode == 0 and "1 sources, 1 tables, 2 audiences" in result.stdout


def test_extract_refuses_a_negative_summary_length():
    result = run_cli("extract", str(SAMPLE), "--summary-chars", "-10")
    assert result.returncode == 2 and "give 0 or more" in result.stderr and "Traceback" not in result.stderr
