"""The config's keys, one documented field per line: key -> (type, help). Audience keys are the model's
AUDIENCE_KEYS, beside the Audience they fill."""

from __future__ import annotations

from briefing.ingest.readers import DEFAULT_MAX_ITEMS
from briefing import languages
from briefing.model import InputLimits, Limits

_HEADERS = languages.get(languages.DEFAULT).words.headers  # the examples are in the default language
_SHOWN = ("indicator", "unit", "region", "source")

TOP_KEYS = {
    "title": (str, "the briefing's title, shown on every audience's edition"),
    "name": (str, "a short name for the output path ({briefing}); defaults to the config file's name"),
    "sources": (list, "source documents: paths or glob patterns (relative to this file), http(s) addresses, "
                      "{url: …} and {feed: …} entries (SOURCE_KEYS)"),
    "indicators": (list, "indicator tables ({table: path, sheet, form, columns, periods}) and {from_sources: true|false}"),
    "audiences": (dict, "one entry per audience: {template: name-or-path, ...limits}"),
    "output": (str, "the edition folder, with {briefing}, {date} and {audience}"),
    "summary_chars": (int, "default summary length, in characters (Chinese) or words (English)"),
    "keep": (int, "keep this many dated editions of the briefing; older ones are removed (default: all)"),
    "on_failure": (str, "a shell command run when a build fails; BRIEFING_ERROR, BRIEFING_EXIT_CODE, "
                        "BRIEFING_CONFIG are in its environment (mail or chat the error)"),
    "deliver": (str, "a shell command run after a good build (and by `briefing resend`); BRIEFING_EDITIONS "
                     "(one folder a line), BRIEFING_DATE, BRIEFING_CONFIG are in its environment"),
    "since": (str, "last-edition: read only sources changed since the latest edition was built"),
    "limits": (dict, "how much of each input a build takes before refusing it (LIMIT_KEYS)"),
    "aliases": (dict, "an indicator's other names, under the name to show: {gross domestic product: [GDP, national GDP]}"),
}
_L = InputLimits()
# limits: each bounds one input, checked before the work; a larger value lets a bigger input through.
LIMIT_KEYS = {
    "source_mb": (float, f"a local source or table file's size on disk, in megabytes (default {_L.source_mb:g})"),
    "unpacked_mb": (float, f"what a .docx or .xlsx unzips to, or a PDF's streams decode to, in megabytes "
                           f"(default {_L.unpacked_mb:g})"),
    "pdf_pages": (int, f"pages of one PDF (default {_L.pdf_pages})"),
    "html_depth": (int, f"elements nested inside each other in an HTML page, 2047 at most (default {_L.html_depth})"),
    "numbers": (int, f"numbers written in one source document, years and dates too (default {_L.numbers:,})"),
    "table_rows": (int, f"rows of one indicator table or sheet (default {_L.table_rows})"),
    "template_mb": (float, f"what one template may render to, in megabytes (default {_L.template_mb:g})"),
    "render_seconds": (float, f"seconds one render of one template may take (default {_L.render_seconds:g})"),
    "query_seconds": (float, f"seconds one SQL query of an indicator table may run (default {_L.query_seconds:g})"),
}
TABLE_KEYS = {
    "table": (str, "a CSV (UTF-8 or GB18030), Excel .xlsx or .parquet file, relative to this file"),
    "sql": (str, "a query whose result is the table (SELECT …), run read-only against database:"),
    "database": (str, "the query's database: a SQLite file relative to this file, or a server's URL "
                      "(postgresql://user@host/db; a password as ${NAME}, from the environment)"),
    "sheet": (str, 'the sheet of an .xlsx file, by name (default: the first; quote a name that is a number: "2023")'),
    "form": (str, "tidy: one row per figure (the default); wide: one row per indicator, one column per period"),
    "columns": (dict, "the table's own header names, e.g. {" + ", ".join(f"{field}: {names[0]}" for field, names in
                                                             _HEADERS.items() if field in _SHOWN) + "}"),
    "periods": (str, "wide form: a pattern matching every period column's header (default: headers that are a year or a range)"),
}
# sources: one entry each; a plain string is a path, a glob or an http(s) address (a web page).
SOURCE_KEYS = {
    "file": (str, "a path or glob pattern, relative to this file, as a plain entry is; written so to give it a date:"),
    "url": (str, "a web page, http:// or https://: its main text, title and date are read"),
    "feed": (str, "an RSS or Atom feed: an address, or a file relative to this file; each item's page is read"),
    "max_items": (int, f"a feed: read at most this many items, the first it lists (default {DEFAULT_MAX_ITEMS})"),
    "timeout": (float, f"seconds one request may take, answer and all (default {Limits.timeout:g})"),
    "retries": (int, f"further tries after a timeout, a lost connection or a server error (default {Limits.retries})"),
    "max_mb": (float, f"refuse a page larger than this, in megabytes (default {Limits.max_bytes // 2 ** 20})"),
    "date": (str, "a file's or a page's date, YYYY-MM-DD, over what it says; its relative periods (this year, year to date) "
                  "are placed by it"),
}
DEFAULT_OUTPUT = "out/{briefing}/{date}/{audience}"


