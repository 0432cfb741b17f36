"""A project: `briefing init` makes a new one; its templates are listed, copied to edit and wired to an audience."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from briefing.errors import InputError, machine
from briefing.resources import SKELETON
from briefing.templating import (BUILTIN_TEMPLATES, DIGEST_FILE, STYLE_FILE, TEMPLATE_FILE, WORD_FILE, Template,
                                 builtin_template_names, find_template_folder, load_template, looks_like_path,
                                 project_templates)


EXAMPLES = ("csv", "sql")  # what the starter project's indicator table is: a CSV file, or a SQLite database


def make_project(folder: Path, example: str = "csv") -> None:
    """Copy the starter project (config, templates, an example source and table) into `folder`: whole, or
    (when the disk refuses) not at all. With example "sql", its figures are in a SQLite database that the
    config queries, instead of a CSV file."""
    _check_new_folder(folder)
    made = not folder.exists()
    try:
        with machine("making the project", folder):
            shutil.copytree(SKELETON, folder, dirs_exist_ok=True)
            templates = folder / "templates"
            for name in ("executive", "analyst"):
                shutil.copytree(BUILTIN_TEMPLATES / name, templates / name)
            if example == "sql":
                _sql_example(folder)
    except BaseException:
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        raise


SQL_EXAMPLE = """  - database: data/indicators/northeast.sqlite   # a SQLite file; or a server: postgresql://…
    sql: |                                        # any query: its columns are the table's header
      SELECT i.name AS indicator, f.period, f.value, i.unit, f.region, f.note AS source
      FROM figures f JOIN indicators i ON i.id = f.indicator
      ORDER BY i.name, f.period
"""


def _sql_example(folder: Path) -> None:
    """The starter table as an office keeps it in a database (indicators and their figures, in two tables), and
    the config's table entry a query of it."""
    import sqlite3

    import pandas as pd  # the table layer reads every table, the starter's too

    table = folder / "data" / "indicators" / "northeast.csv"
    rows = pd.read_csv(table, dtype=str, keep_default_na=False, encoding="utf-8").to_dict("records")
    database = sqlite3.connect(folder / "data" / "indicators" / "northeast.sqlite")
    try:
        database.executescript("CREATE TABLE indicators (id INTEGER PRIMARY KEY, name TEXT UNIQUE, unit TEXT);"
                               "CREATE TABLE figures (indicator INTEGER REFERENCES indicators, period TEXT, "
                               "value REAL, region TEXT, note TEXT);")
        for row in rows:
            database.execute("INSERT OR IGNORE INTO indicators (name, unit) VALUES (?, ?)", (row["indicator"], row["unit"]))
            database.execute("INSERT INTO figures SELECT id, ?, ?, ?, ? FROM indicators WHERE name = ?",
                             (row["period"], float(row["value"]), row["region"], row["source"], row["indicator"]))
        database.commit()
    finally:
        database.close()
    table.unlink()
    config = folder / "briefing.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - table: data/indicators/northeast.csv\n", SQL_EXAMPLE), encoding="utf-8")


def _check_new_folder(folder: Path) -> None:
    """A new project goes into a new or empty folder, under folders (not under a file)."""
    existing = next((p for p in [folder, *folder.parents] if os.path.lexists(p)), Path("."))
    if not existing.is_dir():
        what = "is where the new project's folder must be" if existing == folder else "is a file, not a folder"
        raise InputError(str(existing), what, "give a new folder's path, e.g. briefing init my-briefing")
    if existing == folder and any(folder.iterdir()):
        raise InputError(str(folder), "the folder is not empty", "give a new or empty folder")


@dataclass(frozen=True)
class Listed:
    """One row of `briefing templates list`."""

    name: str
    origin: str  # "project templates/NAME", "built-in", "path"
    extends: str
    description: str
    shadowed_by: str = ""  # a built-in the project overrides with a folder of the same name
    problem: str = ""  # when its template.yaml cannot be read


def list_templates(project: Path) -> list[Listed]:
    """The project's templates, then the built-in ones, as the search path sees them."""
    rows = []
    mine = {p.name for p in project_templates(project)}
    for folder in project_templates(project):
        rows.append(_row(folder, f"project {folder.relative_to(project)}"))
    for name in builtin_template_names():
        row = _row(BUILTIN_TEMPLATES / name, "built-in")
        rows.append(replace(row, shadowed_by=f"templates/{name}" if name in mine else ""))
    return rows


def _row(folder: Path, origin: str) -> Listed:
    try:
        template = load_template(folder)
    except InputError as exc:
        return Listed(folder.name, origin, "", "", problem=exc.line().splitlines()[0])
    return Listed(template.name, origin, template.extends, template.description)


def new_template(name: str, source: str, project: Path) -> Path:
    """Copy template `source` to the project's templates/NAME, every file it uses in place, ready to edit.

    The copy extends `source`, so what it does not change still follows it; its digest,
    Word template and chart style are copies of the ones `source` uses (its own or inherited).
    """
    if looks_like_path(name) or not name.strip() or name in (".", ".."):
        raise InputError(name, "a template name is a folder name, not a path", "e.g. briefing templates new my-brief")
    destination = project / "templates" / name
    if destination.exists():
        raise InputError(str(destination), "already exists", "choose another name, or edit that template")
    found = find_template_folder(source, project)
    if found is None:
        raise InputError(source, f'no template "{source}"',
                         f"use a built-in ({', '.join(builtin_template_names())}) or a folder under templates/")
    template = load_template(found)
    destination.mkdir(parents=True)
    try:
        _copy_files(template, destination)
        _write_template_yaml(template, source, name, destination)
    except BaseException:
        shutil.rmtree(destination, ignore_errors=True)
        raise
    return destination


def _copy_files(template: Template, destination: Path) -> None:
    for filename in (WORD_FILE, DIGEST_FILE):
        shutil.copyfile(template.file(filename), destination / filename)
    for extra in template.folder.iterdir():  # partials and a logo the template's own files may use
        if extra.name not in (WORD_FILE, DIGEST_FILE, TEMPLATE_FILE, "__pycache__"):
            copy = shutil.copytree if extra.is_dir() else shutil.copyfile
            copy(extra, destination / extra.name)
    if not (destination / STYLE_FILE).exists():
        (destination / STYLE_FILE).write_text(
            "# The chart style of this template: a matplotlib style file, read after the built-in analyst\n"
            "# style. Set only what differs, e.g.\n#   font.size: 11\n#   axes.prop_cycle: cycler('color', "
            "['9e9e9e', '1f4e79'])\n", encoding="utf-8")


def _write_template_yaml(template: Template, source: str, name: str, destination: Path) -> None:
    settings = {k: v for k, v in template.settings().items()}
    data = {"name": name, "description": f"copied from {template.name}: {template.description}".rstrip(": "),
            "extends": source if not looks_like_path(source) else str(template.folder), "defaults": settings}
    if source == name:  # a project template named like the built-in it copies extends that built-in
        data["extends"] = source
    text = ("# Made by `briefing templates new`. The defaults are those of the template it was copied from;\n"
            "# change any of them, or remove one to follow that template again.\n")
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    (destination / TEMPLATE_FILE).write_text(text, encoding="utf-8")


def wire(config: Path, audience: str, template: str) -> str:
    """Set `audiences.AUDIENCE.template: TEMPLATE` in the config file, keeping its comments and layout.

    Adds the audience when the config has none of that name, with a title in the project's language (that of
    the audience whose template it was made from, see _title_for). The edited file is loaded again; if it
    does not load, the original is put back and the error raised. Returns "set" or "added".
    """
    from briefing.config import load_config

    original = config.read_text(encoding="utf-8")
    edited, how = _wired(original, audience, template, config, lambda: _title_for(load_config(config), template))
    config.write_text(edited, encoding="utf-8")
    try:
        load_config(config)
    except InputError:
        config.write_text(original, encoding="utf-8")
        raise
    return how


def _title_for(loaded, template: str) -> str:
    """A new audience's title: the title of the config's audience of the template it extends (its nearest
    ancestor that one uses), else the edition's name for its built-in ancestor, in the language of the
    project's title (the words the user wrote it in)."""
    from briefing import languages
    from briefing.templating import chain_folders

    folder = find_template_folder(template, loaded.path.parent)
    chain = chain_folders(folder)[1:] if folder is not None else ()
    for ancestor in chain:
        titled = next((a.title for a in loaded.audiences if a.template.resolve() == ancestor.resolve()
                       and a.title != a.name), None)
        if titled:
            return titled
    labels = languages.get(languages.detect(loaded.title)).words.labels
    builtin = next((f.name for f in chain if f.parent.resolve() == BUILTIN_TEMPLATES.resolve()), "base")
    return labels.get(f"edition:{builtin}", labels["edition:base"])


def _wired(text: str, audience: str, template: str, config: Path, title) -> tuple[str, str]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    audiences = _value(root, "audiences")
    if not isinstance(audiences, yaml.MappingNode):
        raise InputError(str(config), "audiences: not a mapping", "add audiences: with at least one audience")
    entry = _value(audiences, audience)
    if entry is None and not any(k.value == audience for k, _ in audiences.value):
        return _add_audience(text, audiences, audience, template, config, title()), "added"
    if isinstance(entry, yaml.ScalarNode) and entry.value in ("", None) or entry is None:
        key = next(k for k, _ in audiences.value if k.value == audience)
        return _splice(text, key.end_mark.index, _line_end(text, key.end_mark.index), f": {{template: {template}}}"), "set"
    if not isinstance(entry, yaml.MappingNode):
        raise InputError(str(config), f"audiences.{audience}: not a mapping", "write it as {template: NAME}")
    current = _value(entry, "template")
    if current is not None:
        return _splice(text, current.start_mark.index, current.end_mark.index, template), "set"
    if entry.flow_style:
        start = entry.start_mark.index + 1
        return _splice(text, start, start, f"template: {template}, "), "set"
    first = entry.value[0][0]
    indent = " " * first.start_mark.column
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    return _splice(text, line_start, line_start, f"{indent}template: {template}\n"), "set"


def _add_audience(text: str, audiences: yaml.MappingNode, audience: str, template: str, config: Path,
                  title: str) -> str:
    if audiences.flow_style:
        raise InputError(str(config), "audiences: is written on one line", f"add {audience}: {{template: {template}}} by hand")
    indent = " " * audiences.value[0][0].start_mark.column
    end = audiences.end_mark.index
    # the mapping ends at the start of the next key's line, or the end of the file
    before = text[:end].rstrip("\n")
    line = f"{indent}{audience}:\n{indent}  template: {template}\n{indent}  title: {_scalar(title)}\n"
    return before + "\n" + line + text[end:].lstrip("\n") if text[end:].strip() else before + "\n" + line


def _scalar(text: str) -> str:
    """A title as a YAML scalar: quoted when it would not read back as itself."""
    plain = yaml.safe_load(text) == text if text.strip() == text and text else False
    return text if plain and not any(c in text for c in ":#{}[]") else '"' + text.replace('"', '\\"') + '"'


def _value(mapping, key: str):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if k.value == key), None)


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end
