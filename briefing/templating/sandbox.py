"""The sandbox every template renders in, Markdown and Word alike: what a template may reach, and how much it may make.

Jinja's SandboxedEnvironment refuses private attributes and Python internals. On top of it:

- a template reads attributes of data only (text, numbers, lists, mappings, dates) and of Jinja's
  own helpers (loop, namespace, macros): an object that slipped into a context is refused whole;
- what a template makes is bounded, not its operands: no text, list or rendered file over
  `max_text` characters (the config's limits.template_mb, MAX_TEXT by default), no field width over
  MAX_WIDTH, no whole number over MAX_INT_BITS bits;
- a render has `render_seconds` (limits.render_seconds, RENDER_SECONDS by default): every loop, call,
  attribute and piece of output checks the clock.

Each refusal is a TemplateLimit (a SecurityError), which `template_error` turns into one line with the template's
file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import time
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator

from jinja2 import nodes, pass_environment
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from briefing.patterns import lazy

MAX_TEXT = 20_000_000  # characters of one text, list or rendered file a template makes (a digest is ~50,000)
MAX_WIDTH = 10_000  # a field width: format specs, center, indent, batch
MAX_REPEAT = 100_000  # a text or a list repeated with *
MAX_POWER = 100  # the exponent of **
MAX_INT_BITS = 100_000  # a whole number computed in a template (a figure has at most a few dozen)
RENDER_SECONDS = 10.0  # one render of one template, Word parts together

DATA = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, range, Decimal, dt.date, Markup)
LOOP_GUARD = "loop_guard"  # the filter every {% for %} goes through (see BoundedCodeGenerator)
WIDTH_FILTERS = frozenset({"center", "indent", "batch", "slice", "tojson", "wordwrap"})
WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
PERCENT_FIELD = lazy(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")


class TemplateLimit(SecurityError):
    """A template went past one of the bounds above; `key` is the config's limits: key that raises it, if any."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


def is_data(obj: Any) -> bool:
    """Whether a template may read the attributes of `obj`: data, or one of Jinja's own helpers."""
    return isinstance(obj, DATA) or type(obj).__module__.split(".")[0] == "jinja2"


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every loop's items through the clock and every `~` through the size bound."""

    def visit_Template(self, node: nodes.Template, frame=None) -> None:
        for loop in node.find_all(nodes.For):
            if not (isinstance(loop.iter, nodes.Filter) and loop.iter.name == LOOP_GUARD):
                loop.iter = nodes.Filter(loop.iter, LOOP_GUARD, [], [], None, None, lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, reading data only, and bounded in size (`max_text` characters) and time
    (`render_seconds`). Make one for each render: its clock starts when it is made."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, max_text: int = MAX_TEXT, render_seconds: float = RENDER_SECONDS,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_text = max_text
        self.render_seconds = render_seconds
        self.deadline = time.monotonic() + render_seconds
        self.filters[LOOP_GUARD] = _loop_guard
        self.globals["lipsum"] = _lipsum

    def bound_filters(self) -> None:
        """Every filter, Jinja's and ours, refuses a width over MAX_WIDTH and a result over max_text."""
        self.filters.update({name: _bounded_filter(self, name, f) for name, f in self.filters.items()
                             if name != LOOP_GUARD})

    # ------------------------------------------------------------ what a template may reach

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return is_data(obj) and super().is_safe_attribute(obj, attr, value)

    # ------------------------------------------------------------ time

    def on_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"the template ran for more than {self.render_seconds:g} s "
                                "(a loop too many, or loops inside loops)", "render_seconds")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.on_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.on_time()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (as Jinja names them)
        __self.on_time()
        _check_method(__obj, args, kwargs, __self.max_text)
        return __self.bounded(super().call(__context, __obj, *args, **kwargs))

    # ------------------------------------------------------------ size

    def bounded(self, value: Any) -> Any:
        """`value` itself, when it is no text or collection over max_text."""
        if isinstance(value, (str, list, tuple, dict, bytes)) and len(value) > self.max_text:
            raise TemplateLimit(f"a text or list of {len(value):,} items is more than a template may make "
                                f"(at most {self.max_text:,})", "template_mb")
        return value

    def concat(self, pieces: Iterable[str]) -> str:
        """The pieces of a block, a macro or a whole file, joined; refused as soon as they pass max_text."""
        kept, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > self.max_text:
                error = TemplateLimit(f"the template writes more than {self.max_text:,} characters", "template_mb")
                if hasattr(pieces, "throw"):  # raised where the template is writing, so the error has its line
                    pieces.throw(error)
                raise error
            kept.append(piece)
            self.on_time()
        return "".join(kept)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        self.on_time()
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right, self.max_text)
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return self.bounded(super().call_binop(context, operator, left, right))


@pass_environment
def _loop_guard(environment: BoundedSandbox, items: Any) -> Iterator[Any]:
    """A loop's items, the clock checked between them."""
    for n, item in enumerate(items):
        if n % 64 == 0:
            environment.on_time()
        yield item


def _bounded_filter(environment: BoundedSandbox, name: str, f: Callable) -> Callable:
    skip = 1 if hasattr(f, "jinja_pass_arg") else 0  # the context or environment Jinja passes first

    @functools.wraps(f)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        environment.on_time()
        value, rest = (args[skip] if len(args) > skip else None), args[skip + 1:]
        if name in WIDTH_FILTERS:
            _check_widths(f"|{name}", [*rest, *kwargs.values()])
        elif name == "format" and isinstance(value, str):
            _check_percent(value, rest or tuple(kwargs.values()))
        elif name == "replace" and len(rest) >= 2:
            _check_replace(value, rest[0], rest[1], environment.max_text)
        elif name == "join" and rest:
            _check_join(rest[0], value, environment.max_text)
        return environment.bounded(f(*args, **kwargs))

    return bounded


def _check_widths(what: str, values: Iterable[Any]) -> None:
    for width in values:
        if isinstance(width, int) and not isinstance(width, bool) and width > MAX_WIDTH:
            raise TemplateLimit(f"{what}: a width of {width:,} is more than a template needs (at most {MAX_WIDTH:,})")


def _check_power(left: Any, right: Any) -> None:
    if isinstance(right, (int, float)) and abs(right) > MAX_POWER:
        raise TemplateLimit(f"a power of {right} is more than a template needs")
    if isinstance(left, int) and isinstance(right, int) and right > 0 and left.bit_length() * right > MAX_INT_BITS:
        raise TemplateLimit(f"a number of more than {MAX_INT_BITS:,} bits is more than a template needs")


def _check_product(left: Any, right: Any, max_text: int) -> None:
    sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
    if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
        if count > MAX_REPEAT:
            raise TemplateLimit(f"repeating {count} times is more than a template needs")
        if len(sequence) * count > max_text:
            raise TemplateLimit(f"repeating makes {len(sequence) * count:,} items, more than a template may make "
                                f"(at most {max_text:,})", "template_mb")
    elif isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"a number of more than {MAX_INT_BITS:,} bits is more than a template needs")


def _check_percent(pattern: str, values: Any) -> None:
    """A printf-style format (`%` or |format) with no field wider than MAX_WIDTH; `*` takes its width from
    the values."""
    values = values if isinstance(values, tuple) else (values,)
    for width, precision in PERCENT_FIELD.findall(pattern):
        for spec in (width, precision):
            if spec == "*":
                _check_widths("a % format", values)
            elif spec:
                _check_widths("a % format", [int(spec)])


def _check_format(pattern: str, args: tuple, kwargs: dict) -> None:
    """A str.format pattern with no field wider than MAX_WIDTH; a nested {width} takes it from the values."""
    for _, field, spec, _ in string.Formatter().parse(pattern):
        if field is None or not spec:
            continue
        _check_widths("a {} format", [int(n) for n in re.findall(r"\d+", spec)])
        if "{" in spec:
            _check_widths("a {} format", [*args, *kwargs.values()])
            _check_format(spec, args, kwargs)


def _check_replace(text: Any, old: Any, new: Any, max_text: int) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > max_text:
            raise TemplateLimit(f"replacing makes more than {max_text:,} characters, more than a template may make",
                                "template_mb")


def _check_method(method: Any, args: tuple, kwargs: dict, max_text: int) -> None:
    """The methods of a text that make a long text from a short one: widths and replacements bounded."""
    method = getattr(method, "__wrapped__", method)  # Jinja wraps str.format in its own formatter
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in WIDTH_METHODS:
        _check_widths(f".{name}()", [*args[:1], *kwargs.values()])
    elif name in ("format", "format_map"):
        _check_format(owner, args, kwargs if name == "format" else (args[0] if args else {}))
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1], max_text)
    elif name == "join" and args:
        _check_join(owner, args[0], max_text)


def _check_join(separator: Any, items: Any, max_text: int) -> None:
    if isinstance(separator, str) and hasattr(items, "__len__") and len(separator) * len(items) > max_text:
        raise TemplateLimit(f"joining makes more than {max_text:,} characters, more than a template may make",
                            "template_mb")


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 (Jinja's names)
    """Jinja's placeholder text, at most MAX_WIDTH words."""
    from jinja2.utils import generate_lorem_ipsum

    if n * max > MAX_WIDTH:
        raise TemplateLimit(f"lipsum({n}, max={max}) is more placeholder text than a template needs")
    return generate_lorem_ipsum(n, html, min, max)
