"""The document's date set by the user: `briefing extract --date`, and a source's `date:` in the config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import InputError
from briefing.ingest import gather
from conftest import run_cli

NOTICE = "绿溪县水利工作情况\n\n今年全县新修小型水渠40条，比上年增长25%。会议要求，各乡镇要抓紧完成渠道清淤。\n"


def _notice(tmp_path: Path, name: str = "notice.txt") -> Path:
    path = tmp_path / name
    path.write_text(NOTICE, encoding="utf-8")
    return path


def test_extract_date_places_this_year(tmp_path: Path):
    path = _notice(tmp_path)
    undated = json.loads(run_cli("extract", str(path)).stdout)
    assert undated["document"]["date"] is None
    assert {i["period"] for i in undated["indicators"]} == {"今年"}
    result = run_cli("extract", str(path), "--date", "2025-06-30")
    assert result.returncode == 0, result.stderr
    dated = json.loads(result.stdout)
    assert dated["document"]["date"] == "2025-06-30"
    assert [(i["value"], i["period"]) for i in dated["indicators"]] == [("40", "2025"), ("25", "2025")]
    assert not any("resolved" in i for i in dated["indicators"])


def test_extract_date_is_over_what_the_file_says(tmp_path: Path):
    result = run_cli("extract", str(_notice(tmp_path, "2024-01-05-notice.txt")), "--date", "2025-06-30", "--format", "md")
    assert result.returncode == 0 and "2025年6月30日 · " in result.stdout  # the date in the document's language


def test_extract_with_a_wrong_date_is_one_line_and_exit_2(tmp_path: Path):
    result = run_cli("extract", str(_notice(tmp_path)), "--date", "2025-02-30")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def _config(tmp_path: Path, sources: str) -> Path:
    _notice(tmp_path)
    path = tmp_path / "briefing.yaml"
    path.write_text(f"title: 测试\nsources:\n{sources}audiences:\n  analyst: {{template: analyst}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["2025-06-30", '"2025-06-30"'])
def test_a_source_date_in_the_config_is_the_documents(tmp_path: Path, written: str):
    config = load_config(_config(tmp_path, f"  - file: notice.txt\n    date: {written}\n"))
    assert [s.date for s in config.source_specs] == ["2025-06-30"]
    assert config.sources == (tmp_path / "notice.txt",)
    documents, failures = gather(config.source_specs)
    assert failures == () and [d.date for d in documents] == ["2025-06-30"]


def test_a_plain_source_entry_has_no_date_of_its_own(tmp_path: Path):
    config = load_config(_config(tmp_path, "  - notice.txt\n"))
    assert [s.date for s in config.source_specs] == [None]
    assert [d.date for d in gather(config.source_specs)[0]] == [None]


@pytest.mark.parametrize("value, shown", [("2025-02-30", '"2025-02-30"'), ("30/06/2025", '"30/06/2025"'),
                                          ("20250630", "20250630")])
def test_a_wrong_source_date_names_the_file_and_line(tmp_path: Path, value: str, shown: str):
    path = _config(tmp_path, f"  - file: notice.txt\n    date: {value}\n")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.line() == (f"{path}:4: sources.0.date: expected a date YYYY-MM-DD, got {shown} "
                                 "(e.g. date: 2024-03-05)")


def test_a_feed_takes_no_date_and_a_file_no_limits(tmp_path: Path):
    (tmp_path / "news.xml").write_text("<rss/>", encoding="utf-8")
    path = _config(tmp_path, "  - feed: news.xml\n    date: 2025-06-30\n  - file: notice.txt\n    timeout: 5\n")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.line().splitlines() == [
        f"{path}:4: sources.0.date: a feed's items carry their own dates (remove date:, or list the page as url:)",
        f"{path}:6: sources.1.timeout: only a web page or a feed is fetched (remove timeout: from a file)"]


def test_validate_with_a_wrong_source_date_exits_2_with_one_line(tmp_path: Path):
    path = _config(tmp_path, "  - file: notice.txt\n    date: 2025-13-01\n")
    result = run_cli("validate", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f'briefing: {path}:4: sources.0.date: expected a date YYYY-MM-DD, got "2025-13-01" (e.g. date: 2024-03-05)']
