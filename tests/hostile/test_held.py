"""Cases of the review that the earlier fixes hold (P2, P3, P12, P25, P27), kept here so the suite's table
has them, and so the harness itself is tested on a build that succeeds and on refusals."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostile.conftest import edit, run


def test_a_plain_build_succeeds_silently_within_the_bounds(fresh: Path):
    run("baseline/build", "build", "--date", "2024-05-01", cwd=fresh).handled(0)
    assert (fresh / "out/northeast/2024-05-01/analyst/briefing.docx").is_file()


def test_output_dot_is_refused_and_the_project_kept(fresh: Path):
    config = fresh / "briefing.yaml"
    edit(config, "output: out/{briefing}/{date}/{audience}", "output: .")
    run("cfg/output_dotonly", "build", cwd=fresh).handled(2).says("briefing.yaml", "output")
    assert config.is_file() and (fresh / "data/sources").is_dir()


def test_an_audience_named_dot_is_refused(fresh: Path):
    edit(fresh / "briefing.yaml", "  analyst:\n", '  ".":\n')
    run("cfg/aud_dot", "validate", cwd=fresh).handled(2).says("briefing.yaml")


def test_a_link_to_a_system_file_is_refused(fresh: Path):
    os.symlink("/etc/passwd", fresh / "data/sources/passwd.txt")
    run("src/symlink_passwd", "build", cwd=fresh).handled(2).says("passwd.txt")


def test_an_address_urllib_cannot_take_apart_is_a_config_line(fresh: Path):
    edit(fresh / "briefing.yaml", "  - data/sources/*.txt", "  - data/sources/*.txt\n  - 'http://[::1'")
    run("src/url_ipv6_plain", "validate", cwd=fresh).handled(2).says("briefing.yaml")


def test_a_negative_summary_length_for_extract_is_refused(fresh: Path):
    run("cli/extract_summary_neg", "extract", "data/sources/2025-03-14-northeast-revitalization.txt",
        "--summary-chars", "-10", cwd=fresh).handled(2, lines=5)  # argparse: its usage, then the line
