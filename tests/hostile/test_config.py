"""Hostile configs (issue 12: P16, P28, P31): a config is checked whole and small, and every string in it is
text a folder, a template and a mail can carry; each refusal is one line naming the file and the key."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.conftest import edit, run


def test_a_billion_laughs_config_is_refused_while_it_is_read(fresh: Path):
    levels = ["laugh0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    levels += [f"laugh{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 10)]
    with open(fresh / "briefing.yaml", "a", encoding="utf-8") as config:
        config.write("\n".join(levels) + "\n")
    run("cfg/billion_laughs", "validate", cwd=fresh).handled(2).says("briefing.yaml", "aliases", "10,000")


def test_a_config_over_a_megabyte_is_refused_before_it_is_parsed(fresh: Path):
    with open(fresh / "briefing.yaml", "a", encoding="utf-8") as config:
        config.write(("# " + "x" * 98 + "\n") * 12_000)  # 1.2 MB of comment
    run("cfg/huge_yaml_comment", "validate", cwd=fresh).handled(2).says("briefing.yaml", "1 MB")


def test_a_duplicate_key_is_an_error_naming_both_lines(fresh: Path):
    config = fresh / "briefing.yaml"
    edit(config, "title: 东北振兴简报\n", "title: 东北振兴简报\ntitle: 另一个标题\n")
    run("cfg/dup_keys", "validate", cwd=fresh).handled(2).says("briefing.yaml:5", "title", "line 4")


def test_a_duplicate_key_inside_an_audience_is_an_error_too(fresh: Path):
    edit(fresh / "briefing.yaml", "    max_figures: 3\n", "    max_figures: 3\n    max_figures: 5\n")
    run("cfg/dup_keys", "validate", cwd=fresh).handled(2).says("audiences.executive.max_figures", "line 19")


def test_a_negative_top_level_summary_length_is_refused(fresh: Path):
    edit(fresh / "briefing.yaml", "name: northeast\n", "name: northeast\nsummary_chars: -5\n")
    run("cfg/summary_neg", "validate", cwd=fresh).handled(2).says("briefing.yaml:6", "summary_chars", "-5")


def test_an_audience_name_with_a_newline_is_refused(fresh: Path):
    edit(fresh / "briefing.yaml", "  analyst:\n", '  "ana\\nlyst":\n')
    run("cfg/aud_newline", "validate", cwd=fresh).handled(2).says("briefing.yaml", "audiences")


def test_a_control_character_in_the_title_is_a_config_error_naming_the_key(fresh: Path):
    edit(fresh / "briefing.yaml", "title: 东北振兴简报\n", 'title: "东北\\x01振兴简报"\n')
    run("cfg/title_injection", "validate", cwd=fresh).handled(2).says("briefing.yaml:4", "title", "U+0001")


def test_a_control_character_deep_in_the_config_names_its_key_path(fresh: Path):
    edit(fresh / "briefing.yaml", "    title: 领导参阅\n", '    title: "领导\\x1b[31m参阅"\n')
    run("cfg/title_injection", "build", cwd=fresh).handled(2).says("audiences.executive.title", "U+001B")


def test_a_key_a_merge_brings_in_may_be_given_again(fresh: Path):
    """Not a duplicate: `<<: *executive` then `title:` overrides the merged title, as YAML means it to."""
    edit(fresh / "briefing.yaml", "  executive:\n", "  executive: &executive\n")
    edit(fresh / "briefing.yaml", "  analyst:\n    template: analyst\n",
         "  analyst:\n    <<: *executive\n    template: analyst\n")
    run("cfg/dup_keys", "validate", cwd=fresh).handled(0)
