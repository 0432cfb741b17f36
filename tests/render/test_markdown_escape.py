"""The digest writes every text of the context as Markdown that shows it as it is (the report's P11).

A source or a table may hold anything; in `digest.md` it is text, never a tag, a link, a remote image
or a table column. What the template itself writes (headings, tables, links to charts) stays Markdown.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from briefing.render.markdown import render_markdown
from briefing.templating import load_template
from briefing.templating.filters import BLOCK_MARK, markdown
from conftest import ROOT, copy_project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


@pytest.mark.parametrize("text, written", [
    ("plain words, 26.9 万亿元 (2023)", "plain words, 26.9 万亿元 (2023)"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ('<img src=x onerror="go()">', '&lt;img src=x onerror="go()">'),
    ("[click](javascript:go())", r"\[click\](javascript:go())"),
    ("![pixel](http://127.0.0.1:9/p.png)", r"!\[pixel\](http://127.0.0.1:9/p.png)"),
    ("[x]: http://127.0.0.1:9/", r"\[x\]: http://127.0.0.1:9/"),
    ("[点击]", r"\[点击\]"),
    ("wide.xlsx[西部], row 3", "wide.xlsx[西部], row 3"),
    ("a | b", r"a \| b"),
    ("*bold* _it_ `code` ~~gone~~", r"\*bold\* \_it\_ \`code\` \~\~gone\~\~"),
    (r"a \*", r"a \\\*"),
    ("&lt;b&gt; and R&D", "&amp;lt;b&amp;gt; and R&D"),
    ("one\nline\r\n# two", "one line # two"),
    ("−0.5 and -0.5", "−0.5 and -0.5"),
    (26.9, "26.9"),
])
def test_a_text_is_written_as_it_is(text, written: str):
    assert str(markdown(text)) == written


@pytest.mark.parametrize("text, written", [
    ("# Heading", r"\# Heading"), ("> quoted", r"\> quoted"), ("- item", r"\- item"), ("+ item", r"\+ item"),
    ("2024. The year", r"2024\. The year"), ("1) first", r"1\) first"), ("---", r"\---"), ("===", r"\==="),
    ("#hashtag", "#hashtag"), ("-5.0", "-5.0"), ("2024年", "2024年"),
])
def test_a_text_never_opens_a_block(tmp_path: Path, text: str, written: str):
    """Where a value opens a line, a list item or a quote, what would make it a heading, a quote, a list or a
    rule is escaped; where it follows other text on its line, it is written as it is."""
    body = "{{ t }}\n\n- {{ t }}\n\n> {{ t }}\n\n1. > - {{ t }}\n\n(¶1) {{ t }}\n\n**{{ t }}**\n"
    text_out = render_markdown({"t": text}, load_template(_digest(tmp_path, body)))
    assert text_out.splitlines()[::2] == [written, f"- {written}", f"> {written}", f"1. > - {written}",
                                          f"(¶1) {text}", f"**{text}**"]
    assert BLOCK_MARK not in text_out


def _digest(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "digest.md.j2").write_text(body, encoding="utf-8")
    return folder


def test_a_template_writes_its_own_markdown_and_escapes_the_context(tmp_path: Path):
    folder = _digest(tmp_path, '{% macro h(t) %}## {{ t }}{% endmacro %}{{ "#" * 2 }} {{ title }}\n'
                               "{{ h(title) }}\n{% block b %}*{{ title }}*{% endblock %}\n"
                               "{{ title|safe }}\n| {{ cell }} |\n")
    text = render_markdown({"title": "<b>T</b>", "cell": "x|y"}, load_template(folder))
    assert text == "## &lt;b>T&lt;/b>\n## &lt;b>T&lt;/b>\n*&lt;b>T&lt;/b>*<b>T</b>\n| x\\|y |\n"


def test_hostile_source_text_and_table_cells_stay_text_in_the_digest(tmp_path: Path):
    project = copy_project(tmp_path)
    (project / "data/sources/2024-04-22-hostile.txt").write_text(
        "习近平强调，要加快建设现代化产业体系，<script>alert(1)</script>推动高质量发展。\n\n"
        "习近平指出，要推进 ![t](http://127.0.0.1:9/t.png) 和 [详情](javascript:alert(1)) 的落实。\n\n"
        '习近平要求，要 <iframe src="http://127.0.0.1:9/f"></iframe> 扩大有效投资。\n', encoding="utf-8")
    table = project / "data/indicators/western-region.csv"
    table.write_text(table.read_text(encoding="utf-8") + "外贸|进出口,2023,3.7,万亿元,西部地区,海关 [公告](javascript:x)\n",
                     encoding="utf-8")
    result = run_cli("build", str(project / "briefing.yaml"), "--date", DATE)
    assert result.returncode == 0, result.stderr
    for audience in ("executive", "analyst"):
        digest = (project / "out/western-development" / DATE / audience / "digest.md").read_text(encoding="utf-8")
        assert "<script" not in digest and "<iframe" not in digest, audience
        assert not re.search(r"(?<!\\)\]\((javascript|http)", digest), audience
        rows = [line for line in digest.splitlines() if line.startswith("|")]
        assert rows and all(len(re.findall(r"(?<!\\)\|", r)) == 5 for r in rows), audience
    analyst = (project / "out/western-development" / DATE / "analyst/digest.md").read_text(encoding="utf-8")
    assert "&lt;script>alert(1)&lt;/script>" in analyst and r"外贸\|进出口" in analyst
