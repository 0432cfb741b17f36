"""The golden digests: each built-in template's digest of the sample, as it is known to look."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import GOLDEN  # noqa: E402


BUILT_IN = ("executive", "analyst", "public", "jianbao")


@pytest.mark.parametrize("name", BUILT_IN)
def test_golden_digest(golden_build: Path, name: str):
    expected = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    actual = (golden_build / name / "digest.md").read_text(encoding="utf-8")
    assert actual == expected, f"the {name} digest changed; if on purpose, run `make golden` and read the diff"


def test_golden_digests_say_what_each_template_is_for():
    executive, analyst, public, jianbao = (
        (GOLDEN / f"{n}.md").read_text(encoding="utf-8") for n in BUILT_IN)
    assert "内部参阅" in executive and "## 摘要" not in executive and "强化科技创新" not in executive
    assert analyst.index("## 目录") < analyst.index("## 新变化") < analyst.index("## 摘要")
    assert "## 附件：原文摘录" in analyst and "> **第24段**" in analyst and "⚑" in analyst
    assert "内部" not in public and "¶" not in public and "附件" not in public and "xinhua-" not in public
    assert jianbao.startswith("**内部资料　注意保存**\n\n**西部大开发简报**\n\n第1期\n\n综合研究室编　　2024年4月23日\n\n---\n")
    assert "## 一、摘要" in jianbao and "## 二、重要指示" in jianbao and "¶" not in jianbao
