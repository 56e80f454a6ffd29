"""Reading park data YAML safely: libyaml's event parser (C, when installed) and a small composer
of our own that keeps every value's position and refuses what park data never needs.

Refused, as diagnostics with positions: control characters and invisible separators (D105,
before YAML sees them); aliases (``*name``: a 400-byte alias bomb would expand to gigabytes),
explicit tags other than YAML's core ones (``!!python/object``), nesting deeper than
``MAX_DEPTH`` (D106); a key given twice (D104; YAML would silently keep the last).

Scalars: numbers are kept exactly as written (``0.05`` is ``Decimal("0.05")``); a plain scalar
YAML 1.1 would read as a number in another way (``1:30`` sexagesimal, ``0x1F``, ``.inf``) or as a
date stays the text written, so nothing is converted silently.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.resolver import Resolver

from parkscore.dsl.diagnostics import Diagnostic
from parkscore.dsl.span import Span
from parkscore.dsl.text import bad_characters

MAX_DEPTH = 32
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {"str", "int", "float", "bool", "null", "map", "seq"}


class Marked:
    """A YAML value with its position; mappings are dicts of Marked, sequences lists of Marked."""

    __slots__ = ("value", "span", "key_span")

    def __init__(self, value: Any, span: Span, key_span: Span | None = None) -> None:
        self.value, self.span = value, span
        self.key_span = key_span or span


def _span(start: Any, end: Any, path: str) -> Span:
    """A span from libyaml marks (0-based); events always carry them."""
    return Span(path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _scalar(ev: yaml.ScalarEvent) -> Any:
    """The value of a scalar: text, a Decimal (written as a plain decimal number), a bool or None."""
    if ev.tag and ev.tag not in ("!", f"{_CORE}str") and not ev.implicit[0]:
        return _typed(ev.tag.removeprefix(_CORE), ev.value)
    if not ev.implicit[0]:  # quoted: text
        return ev.value
    known = _TAGS.get(ev.value)
    if known is not None:
        return _typed(known, ev.value)
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False)).removeprefix(_CORE)
    if len(_TAGS) < 8192:  # keys and common values recur in every file of a population
        _TAGS[ev.value] = tag
    return _typed(tag, ev.value)


_TAGS: dict[str, str] = {}  # a plain scalar's text -> the core tag YAML 1.1 resolves it to


def _typed(tag: str, text: str) -> Any:
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() in ("yes", "true", "on")
    if tag in ("int", "float"):
        try:
            d = Decimal(text.replace("_", ""))
        except InvalidOperation:
            return text  # 1:30, 0x1F, 0o17, .inf: kept as written, not converted
        return d if d.is_finite() else text
    return text  # str, timestamp, anything else: the text as written


def compose(text: str, path: str) -> tuple[Marked | None, list[Diagnostic]]:
    """The document's root value (None if empty) and what was refused or malformed."""
    diags = bad_characters(text, path, "D105")
    if diags:
        return None, diags
    loader = _Parser(text)
    get_event = loader.get_event
    stack: list[tuple[Any, Span, list[Any]]] = []  # (container, start span, pending key) per open collection
    root: Marked | None = None
    try:
        while True:
            ev = get_event()
            kind = type(ev)
            if kind is yaml.ScalarEvent:  # the commonest event first: a value or a key
                if ev.tag and ev.tag != "!" and ev.tag.removeprefix(_CORE) not in _ALLOWED_TAGS:
                    return None, [_refused_tag(ev, path)]
                sm, em = ev.start_mark, ev.end_mark
                done = Marked(_scalar(ev), Span(path, sm.line + 1, sm.column + 1, em.line + 1, em.column + 1))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if ev.tag and ev.tag != "!" and ev.tag.removeprefix(_CORE) not in _ALLOWED_TAGS:
                    return None, [_refused_tag(ev, path)]
                if len(stack) >= MAX_DEPTH:
                    return None, [Diagnostic("D106", f"the data nests deeper than {MAX_DEPTH} levels",
                                             _span(ev.start_mark, ev.end_mark, path))]
                container: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append((container, _span(ev.start_mark, ev.end_mark, path), []))
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, start, _ = stack.pop()
                em = ev.end_mark
                done = Marked(container, Span(path, start.line, start.col, em.line + 1, em.column + 1))
            elif ev is None or kind is yaml.StreamEndEvent:
                break
            elif kind is yaml.AliasEvent:
                return None, [Diagnostic("D106", f"YAML aliases (*{ev.anchor}) are not allowed in park data",
                                         _span(ev.start_mark, ev.end_mark, path), "write the value out where it is needed")]
            else:  # stream and document start and end
                if kind is yaml.DocumentStartEvent and root is not None:
                    return None, [Diagnostic("D101", "a park file holds one YAML document", _span(ev.start_mark, ev.end_mark, path),
                                             "remove the second '---'")]
                continue
            if not stack:
                root = done
                continue
            parent, _, pending = stack[-1]
            if type(parent) is list:
                parent.append(done)
            elif not pending:
                pending.append(done)
            else:
                key = pending.pop()
                name = key.value if isinstance(key.value, str) else _key_text(key.value)
                if name in parent:
                    first = parent[name].key_span
                    diags.append(Diagnostic("D104", f"'{name}' is given twice", key.span,
                                            f"first at line {first.line}; YAML would keep only the last"))
                done.key_span = key.span
                parent[name] = done
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Diagnostic("D101", f"YAML syntax error: {exc.problem or exc.context}", Span(path, line, col, line, col + 1))]
    except yaml.YAMLError as exc:  # a reader error without a mark
        return None, [Diagnostic("D101", f"YAML error: {exc}", Span(path, 1, 1, 1, 2))]
    finally:
        loader.dispose()
    return root, diags


def _refused_tag(ev: Any, path: str) -> Diagnostic:
    return Diagnostic("D106", f"YAML tag {ev.tag} is not allowed in park data", _span(ev.start_mark, ev.end_mark, path), "remove the tag")


def _key_text(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return "<a mapping or list used as a key>"
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return "null" if v is None else str(v)
