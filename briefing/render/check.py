"""`briefing templates check`: every mistake in a template, found before a briefing goes out.

Static checks first, file by file: Jinja syntax and names that are no context field
in the digest (with the file and line) and in the Word template (with the Word
paragraph's text); tags Word split in a way docxtpl cannot put together again; section
tags that share their paragraph with text docxtpl would drop; styles the document
uses or the renderer needs that the Word template does not define. Then, when a
context is given, a trial render of both templates in the sandbox, so that mistakes
that only show when rendering (a misspelt attribute, a filter given text it cannot
read, a reach into Python internals) are caught too.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from briefing.errors import InputError
from briefing.model import InputLimits
from briefing.render.word_sections import SECTION_TAG
from briefing.templating import Template
from briefing.templating.engine import environment, template_error
from briefing.patterns import lazy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = lazy(r"\{[{%#].*?[}%#]\}", re.S)
OPENING = lazy(r"\{[{%#]")
PARAGRAPH_TAG = lazy(r"\{%\s*(p|tr|tc|r)\s")
FIELD_STYLES = {"TOC": ("TOC 1", "TOC 2", "Heading 1", "Heading 2"), "SEQ": ("Caption",)}
# formatting Word changes by itself (spelling, revision ids) and that is no difference a reader sees
IGNORED_RPR = {"lang", "noProof", "rsidR", "rsidRPr", "rsidDel", "webHidden"}


@dataclass
class CheckResult:
    """The problems (each fails the check) and notes (worth knowing, not wrong) of one template."""

    template: Template
    problems: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rendered: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def check_template(template: Template, context: dict | None = None) -> CheckResult:
    """Check both templates of `template`; with a context, also render them for trial (in memory)."""
    result = CheckResult(template)
    result.problems += digest_problems(template)
    word_problems(template, result)
    if context is not None and result.ok:
        result.problems += trial_problems(template, context)
        result.rendered = True
    return result


def known_names() -> set[str]:
    from briefing.render.context import FIELDS

    return set(FIELDS)


# ---------------------------------------------------------------- the digest


def digest_files(template: Template) -> list[tuple[str, Path]]:
    """Every Jinja file of the chain, each level's digest and the files it may include, with the name the
    template loader gives it ("<level>:<path>")."""
    files: list[tuple[str, Path]] = []
    for index, level in enumerate(template.chain):
        files += sorted((f"{index}:{p.relative_to(level.folder).as_posix()}", p)
                        for p in level.folder.rglob("*.j2") if p.is_file())
    return files


def digest_problems(template: Template) -> list[InputError]:
    env = environment(template)
    problems: list[InputError] = []
    parsed: list[tuple[Path, nodes.Template]] = []
    for name, path in digest_files(template):
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(InputError(str(path), "not UTF-8 text", "save it as UTF-8"))
            continue
        try:
            env.compile(source, name, str(path))  # also finds unknown filters and tests; the render's name, so
            # that the render finds it compiled
            parsed.append((path, env.parse(source, path.name, str(path))))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(template_error(exc, path))
    defined = set().union(*(top_level_names(ast) for _, ast in parsed)) if parsed else set()
    allowed = known_names() | set(env.globals) | defined
    for path, ast in parsed:
        for name, line in undeclared(ast, allowed):
            problems.append(undeclared_error(str(path), name, line))
    return problems


def top_level_names(ast: nodes.Template) -> set[str]:
    """Names a template defines for its blocks and children: top-level {% set %}, macros, imports."""
    names: set[str] = set()
    for node in ast.body:
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            names |= {n.name for n in node.target.find_all(nodes.Name)} | (
                {node.target.name} if isinstance(node.target, nodes.Name) else set())
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif isinstance(node, (nodes.Import, nodes.FromImport)):
            names |= {node.target} if isinstance(node, nodes.Import) else {
                n if isinstance(n, str) else n[-1] for n in node.names}
    return names


def undeclared(ast: nodes.Template, allowed: set[str]) -> list[tuple[str, int]]:
    """(name, first line) of each variable a template reads that nothing defines, in line order.

    A name only ever tested with `is defined` is an option a child may set, not a mistake.
    """
    tested = {n.node.name for n in ast.find_all(nodes.Test)
              if n.name in ("defined", "undefined") and isinstance(n.node, nodes.Name)}
    names = meta.find_undeclared_variables(ast) - allowed - tested
    lines = {}
    for node in ast.find_all(nodes.Name):
        if node.name in names and node.ctx == "load":
            lines[node.name] = min(lines.get(node.name, node.lineno), node.lineno)
    return sorted(((n, lines.get(n, 0)) for n in names), key=lambda item: (item[1], item[0]))


def undeclared_error(file: str, name: str, place: int | str) -> InputError:
    close = _close_to(name)
    fix = f"did you mean {close}?" if close else "see the context fields in templates/README.md"
    return InputError(file, f"'{name}' is undefined: no context field has that name", fix, place)


def _close_to(name: str) -> str:
    import difflib

    matches = difflib.get_close_matches(name, sorted(known_names()), n=1, cutoff=0.6)
    return matches[0] if matches else ""


# ---------------------------------------------------------------- the Word template


def word_problems(template: Template, result: CheckResult) -> None:
    path = template.word
    try:
        word, parts = _word_parts(path)
    except InputError as exc:
        result.problems.append(exc)
        return
    env = environment(template, word=True)
    for kind, xml in parts:
        result.problems += split_tag_problems(path, kind, xml)
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", word.patch_xml(xml))
        result.problems += word_jinja_problems(env, path, kind, patched)
    result.problems += style_problems(path, word.docx, parts)
    result.notes += order_notes(template, parts)


def _word_parts(path: Path):
    """The DocxTemplate and the XML of its body, headers and footers, as (kind, xml)."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    word = DocxTemplate(str(path))
    try:
        word.init_docx()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InputError(str(path), f"cannot read the Word template: {exc}", "save it again from Word as .docx") from None
    parts = [("", word.get_xml())]
    for rel in word.docx.part.rels.values():
        if rel.reltype in (word.HEADER_URI, word.FOOTER_URI) and not rel.is_external:
            kind = "header " if rel.reltype == word.HEADER_URI else "footer "
            parts.append((kind, rel.target_part.blob.decode("utf-8")))
    return word, parts


def _paragraphs(xml: str):
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    return [p for p in root.iter(f"{W}p")]


def _runs_text(p) -> list[tuple[object, str]]:
    """(the w:t element, its text) of a paragraph, in order, not looking into nested paragraphs."""
    return [(t, t.text or "") for t in p.iter(f"{W}t")]


def paragraph_text(p) -> str:
    text = "".join(t for _, t in _runs_text(p)).strip()
    return text if len(text) <= 60 else text[:57] + "…"


def split_tag_problems(path: Path, kind: str, xml: str) -> list[InputError]:
    """Tags docxtpl cannot read as Word saved them: over two paragraphs, split across a link or field,
    half in one formatting and half in another, and {%p %}/{%tr %} tags with other text beside them."""
    problems: list[InputError] = []
    for p in _paragraphs(xml):
        pieces = _runs_text(p)
        text = "".join(t for _, t in pieces)
        if not OPENING.search(text):
            continue
        owners = [element for element, piece in pieces for _ in piece]
        place = f"{kind}paragraph “{paragraph_text(p)}”"
        spans = [(m.start(), m.end()) for m in TAG.finditer(text)]
        covered = {i for start, end in spans for i in range(start, end)}
        for m in OPENING.finditer(text):
            if m.start() not in covered:
                problems.append(InputError(str(path), f"a tag opened with {m.group()} is not closed in its paragraph",
                                           "keep each tag on one line, in one paragraph; close it with }} or %}",
                                           place))
        for start, end in spans:
            runs = list(dict.fromkeys(owners[start:end]))
            tag = text[start:end]
            if len(runs) > 1:
                problem = _split_problem(runs)
                if problem:
                    problems.append(InputError(str(path), f"Word split the tag {tag} {problem}",
                                               "select the tag, delete it and type it again in one go", place))
            if PARAGRAPH_TAG.match(tag) and text.strip() != tag.strip():
                other = (text[:start] + text[end:]).strip()
                problems.append(InputError(str(path), f"{tag} shares its paragraph with other text (“{other[:30]}”), "
                                           "which the briefing would lose",
                                           "put the tag in a paragraph of its own", place))
    return problems


def _split_problem(texts) -> str:
    """Why a tag spread over several w:t elements cannot be joined safely, or "" when it can."""
    runs = [t.getparent() for t in texts]
    containers = {_container(r) for r in runs}
    if len(containers) > 1:
        return "across a link, a field or a tracked change"
    formats = {_format(r) for r in runs}
    if len(formats) > 1:
        return "into parts with different formatting"
    return ""


def _container(run) -> object:
    parent = run.getparent()
    while parent is not None and parent.tag != f"{W}p":
        if parent.tag in (f"{W}hyperlink", f"{W}ins", f"{W}del", f"{W}fldSimple", f"{W}smartTag", f"{W}sdtContent"):
            return parent
        parent = parent.getparent()
    return None


def _format(run) -> str:
    from lxml import etree

    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return ""
    parts = []
    for child in rpr:
        name = etree.QName(child).localname
        if name not in IGNORED_RPR:
            parts.append(etree.tostring(child).decode())
    return "".join(sorted(parts))


def word_jinja_problems(env, path: Path, kind: str, patched: str) -> list[InputError]:
    """Syntax errors and undeclared names of the Word template, each at its paragraph."""
    from briefing.render.word import paragraph_at

    try:
        env.compile(patched)
        ast = env.parse(patched)
    except jinja2.TemplateSyntaxError as exc:
        text = paragraph_at(patched, exc.lineno or 0)
        return [InputError(str(path), f"Word template syntax error: {exc.message}",
                           "open it in Word and fix the tag ({% … %} or {{ … }})",
                           f"{kind}paragraph “{text}”" if text else kind.strip())]
    problems = []
    for name, line in undeclared(ast, known_names() | set(env.globals) | top_level_names(ast)):
        text = paragraph_at(patched, line, name)
        problems.append(undeclared_error(str(path), name, f"{kind}paragraph “{text}”" if text else kind.strip()))
    return problems


def style_problems(path: Path, document, parts) -> list[InputError]:
    """Styles a paragraph, run or table uses that the template does not define, and styles the renderer needs."""
    defined_ids = {s.get(f"{W}styleId") for s in document.styles.element.iter(f"{W}style")}
    names = {s.name for s in document.styles}
    problems: list[InputError] = []
    seen: set[str] = set()
    for kind, xml in parts:
        for p in _paragraphs(xml):
            for ref in p.iter(f"{W}pStyle", f"{W}rStyle"):
                style = ref.get(f"{W}val")
                if style not in defined_ids and style not in seen:
                    seen.add(style)
                    problems.append(InputError(str(path), f"the style “{style}” is used but not defined",
                                               "apply a style the template has, or add it (Home › Styles)",
                                               f"{kind}paragraph “{paragraph_text(p)}”"))
        for ref in re.findall(r'<w:tblStyle w:val="([^"]+)"', xml):
            if ref not in defined_ids and ref not in seen:
                seen.add(ref)
                problems.append(InputError(str(path), f"the table style “{ref}” is used but not defined",
                                           "choose a table style the template has (Table Design)", kind.strip()))
        for code, needed in FIELD_STYLES.items():
            if re.search(rf"<w:instrText[^>]*>\s*{code}\b", xml) or re.search(rf'w:instr="\s*{code}\b', xml):
                for name in needed:
                    if name not in names and name not in seen:
                        seen.add(name)
                        problems.append(InputError(str(path), f"the {code} field needs the style “{name}”, which the "
                                                   "template lacks", "add the style (Home › Styles › Manage Styles)"))
    return problems


def order_notes(template: Template, parts) -> list[str]:
    """A note when the Word template's sections are in another order than template.yaml's `sections`."""
    body = parts[0][1]
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))
    in_word = list(dict.fromkeys(SECTION_TAG.findall(text)))
    listed = [s for s in template.settings().get("sections") or [] if s in in_word]
    word = [s for s in in_word if s in listed]
    if word != listed:
        return [f"{template.word}: the Word template has the sections in the order {', '.join(word)}; "
                f"`sections` lists {', '.join(listed)}. The Word briefing and the digest both follow `sections` "
                "(change the order there, in template.yaml or the audience's sections:)."]
    return []


# ---------------------------------------------------------------- the trial render


def trial_problems(template: Template, context: dict, limits: InputLimits = InputLimits()) -> list[InputError]:
    """Render both templates in memory, within the config's limits; a mistake that only shows when rendering is
    a problem too."""
    from briefing.render.markdown import render_markdown
    from briefing.render.word import render_docx

    problems: list[InputError] = []
    try:
        render_markdown(context, template, limits)
    except InputError as exc:
        problems.append(exc)
    out = io.BytesIO()
    try:
        render_docx(context, template, out, limits)
    except InputError as exc:
        problems.append(exc)
    else:
        problems += leftover_tags(template.word, out)
    return problems


def leftover_tags(path: Path, rendered: io.BytesIO) -> list[InputError]:
    """Tag text left in a rendered briefing: a tag Word broke so that Jinja never saw it."""
    from docx import Document

    rendered.seek(0)
    document = Document(rendered)
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows for c in row.cells
                                              for p in c.paragraphs]
    for section in document.sections:
        paragraphs += list(section.header.paragraphs) + list(section.footer.paragraphs)
    problems = []
    for p in paragraphs:
        if re.search(r"\{\s*[{%]|[}%]\s*\}", p.text):
            problems.append(InputError(str(path), "a tag is left as text in the rendered briefing",
                                       "retype the tag in one go: its braces were split apart",
                                       f"paragraph “{p.text.strip()[:60]}”"))
    return problems
