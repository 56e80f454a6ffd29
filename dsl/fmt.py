"""The canonical formatter: parse tree -> AST -> text, keeping every comment.

Formatting never changes meaning (the AST of the output equals the AST of the input, spans
ignored) and is idempotent. Comments are kept where they were: a comment on its own line stays
above the statement that follows it, a comment after a statement stays on that statement's line.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import ast, scheme
from .diagnostics import DiagnosticError, SourceMap
from .load import header_kind
from .numbers import written
from .parser import parse_tree
from .printer import cond_text, expr_text, quote, rule_text
from .text import source_lines, width
from .transform import to_ast

INDENT = "  "


@dataclass
class _Line:
    src: int  # the source line it prints (0: none)
    indent: str
    text: str
    blank_before: bool = False


def comments_of(text: str) -> dict[int, tuple[bool, str]]:
    """line -> (whole line?, comment text) for every '#' comment outside a string."""
    out: dict[int, tuple[bool, str]] = {}
    for n, line in enumerate(source_lines(text), 1):
        in_str = esc = False
        for i, ch in enumerate(line):
            if esc:
                esc = False
            elif ch == "\\" and in_str:
                esc = True
            elif ch == '"':
                in_str = not in_str
            elif ch == "#" and not in_str:
                out[n] = (not line[:i].strip(), line[i:].rstrip())
                break
    return out


q = quote


def _header(h: ast.Header) -> list[_Line]:
    lines = dict(h.field_lines)
    out = [_Line(h.span.line, "", f"standard {q(h.family)} version {q(h.version)}")]
    fields = [("title", h.title and f"title {q(h.title)}"), ("source", h.source and f"source {q(h.source)}"),
              ("status", h.status and f"status {q(h.status)}"), ("date", h.date and f"date {q(h.date)}"),
              ("total", h.total is not None and f"total {written(h.total)}"),
              ("pass", h.pass_mark is not None and f"pass total >= {written(h.pass_mark)}" + (f" {q(h.pass_note)}" if h.pass_note else "")),
              ("amends", h.amends and f"amends {q(h.amends)}"),
              ("illustrative", h.illustrative and f"illustrative {q(h.illustrative)}"),
              ("scope", h.scope and f"scope {q(h.scope)}"),
              ("data_sources", h.data_sources and f"data_sources {q(h.data_sources)}"),
              ("effective", h.effective and f"effective {q(h.effective)}"), ("until", h.until and f"until {q(h.until)}")]
    out += [_Line(lines.get(k, 0), "", str(t)) for k, t in fields if t]
    reading_lines = [n for k, n in h.field_lines if k == "reading"]
    out += [_Line(reading_lines[i] if i < len(reading_lines) else 0, "", f"reading {q(r)}") for i, r in enumerate(h.readings)]
    out += [_Line(g.span.line, "", f"grade {g.name} {q(g.title)} {cond_text(g.test)}") for g in h.grades]
    return out


def _pad(s: str, w: int) -> str:
    return s + " " * (w - width(s))


def _input_type(i: ast.InputDecl) -> str:
    typ = {"bool": "bool", "items": "items"}.get(i.kind) or (f"{i.unit} by year" if i.kind == "series" else str(i.unit))
    return typ + (f" range {i.range}" if i.range is not None else "")


def _input(i: ast.InputDecl, prefix: str = "", id_w: int = 0, type_w: int = 0) -> _Line:
    includes = " includes " + ", ".join(r.name for r in i.includes) if i.includes else ""
    return _Line(i.span.line, "", f"{prefix}input {_pad(i.id, id_w)} : {_pad(_input_type(i), type_w)} {q(i.title)}{includes}")


def _align_inputs(decls: list[object]) -> dict[int, tuple[int, int]]:
    """Consecutive input declarations are aligned in columns, like a table (as gofmt aligns)."""
    widths: dict[int, tuple[int, int]] = {}
    run: list[ast.InputDecl] = []

    def flush() -> None:
        if run:
            w = (max(width(i.id) for i in run), max(width(_input_type(i)) for i in run))
            for i in run:
                widths[id(i)] = w
            run.clear()

    for d in decls:
        if isinstance(d, ast.InputDecl):
            run.append(d)
        else:
            flush()
    flush()
    return widths


def _indicator(ind: ast.Indicator, prefix: str = "") -> list[_Line]:
    out = [_Line(ind.span.line, "", f"{prefix}indicator {ind.clause} {ind.id} {q(ind.title)}", True)]
    attrs = []
    if ind.unit is not None:
        attrs.append(f"unit {ind.unit}")
    if ind.max_points is not None:
        attrs.append(f"max {written(ind.max_points)}")
    if ind.table is not None:
        attrs.append(f"table {ind.table}")
    if ind.requirement is not None:
        attrs.append(f"requirement {ind.requirement.op} {written(ind.requirement.value)}")
    if ind.requirement_text is not None:
        attrs.append(f"requirement {q(ind.requirement_text)}")
    if ind.range is not None:
        attrs.append(f"range {ind.range}")
    if ind.veto:
        attrs.append("veto" if ind.veto is True else f"veto grade {ind.veto}")
    if attrs:
        out.append(_Line(ind.attr_line, INDENT, " ".join(attrs)))
    if ind.formula is not None:
        out.append(_Line(ind.formula.span.line, INDENT, f"{ind.formula.target} = {expr_text(ind.formula.expr)}"))
    out += [_Line(r.span.line, INDENT, rule_text(r)) for r in ind.rules]
    return out


def _category(c: ast.Category, prefix: str = "") -> list[_Line]:
    attrs = (f" max {written(c.max_points)}" if c.max_points is not None else "") + (f" weight {written(c.weight)}%" if c.weight is not None else "") + \
        (f" pass at least {c.at_least}" if c.at_least is not None else "") + (" bonus" if c.bonus else "")
    out = [_Line(c.span.line, "", f"{prefix}category {c.id} {q(c.title)}{attrs}", True)]
    for i in c.indicators:
        out += _indicator(i)
    return out


def _gate(g: ast.Gate, prefix: str = "") -> _Line:
    return _Line(g.span.line, "", f"{prefix}gate {g.clause} {g.id} {q(g.title)}" + (" advisory" if g.advisory else ""))


def _decl(d: object, widths: dict[int, tuple[int, int]]) -> list[_Line]:
    if isinstance(d, ast.InputDecl):
        return [_input(d, "", *widths[id(d)])]
    if isinstance(d, ast.Category):
        return _category(d)
    if isinstance(d, ast.Gate):
        return [_gate(d)]
    if isinstance(d, ast.Remove):
        return [_Line(d.span.line, "", f"remove {d.what} {d.id}")]
    assert isinstance(d, ast.Override)
    node = d.node
    if isinstance(node, ast.Indicator):
        return _indicator(node, "override ")
    if isinstance(node, ast.Category):
        return _category(node, "override ")
    if isinstance(node, ast.Gate):
        return [_gate(node, "override ")]
    assert isinstance(node, ast.InputDecl)
    return [_input(node, "override ")]


def format_file(sf: ast.SourceFile, text: str) -> str:
    lines: list[_Line] = _header(sf.header) if sf.header else []
    prev_kind = "header" if sf.header else None
    decls = [d for d in sf.decls if not isinstance(d, ast.Header)]
    widths = _align_inputs(decls)
    for d in decls:
        block = _decl(d, widths)
        kind = type(d).__name__ if not isinstance(d, ast.Override) else "Override" + type(d.node).__name__
        # runs of one-line declarations (inputs, gates, removes) stay together; blocks get a blank line
        if prev_kind is not None and (kind != prev_kind or kind in ("Category", "OverrideCategory", "OverrideIndicator")):
            block[0].blank_before = True
        prev_kind = kind
        lines += block
    return _print(lines, text)


def _print(lines: list[_Line], text: str) -> str:
    """The printed lines with the comments of ``text`` put back where they were."""
    comments = comments_of(text)
    src_lines = source_lines(text)
    pending = sorted(comments)
    out: list[str] = []

    def emit_comments_before(src: int, indent: str) -> None:
        while pending and (src == 0 or pending[0] < src):
            line = pending.pop(0)
            out.append(indent + comments[line][1])  # (a trailing comment of an unprinted line moves above)
            # a blank line the author left after a comment block is kept (one at most)
            if line < len(src_lines) and not src_lines[line].strip() and (line + 1) not in comments:
                out.append("")

    for ln in lines:
        if ln.src and pending and pending[0] < ln.src and ln.blank_before and out:
            out.append("")
            ln.blank_before = False
        if ln.src:
            emit_comments_before(ln.src, ln.indent)
        if ln.blank_before and out and out[-1] != "":
            out.append("")
        text_line = ln.indent + ln.text
        if ln.src in comments and not comments[ln.src][0] and pending and pending[0] == ln.src:
            pending.pop(0)
            text_line += "  " + comments[ln.src][1]
        out.append(text_line)
    for line in pending:
        out.append(comments[line][1])
    return "\n".join(out).rstrip("\n") + "\n"


def format_scheme(s: scheme.Scheme, text: str) -> str:
    """A lifecycle scheme in canonical form: header fields, then each declaration in the order
    written (a state's dues and an event's transitions indented under it), comments kept."""
    lines = [_Line(s.span.line, "", f"scheme {q(s.family)} version {q(s.version)}")]
    readings = iter(s.readings)
    values = {"title": s.title, "source": s.source, "status": s.status, "date": s.date}
    for key, line in s.field_lines:
        lines.append(_Line(line, "", f"reading {q(next(readings))}" if key == "readings" else f"{key} {q(values[key] or '')}"))
    clause = lambda c: f"clause {q(c.text)}"  # noqa: E731
    decls: list[scheme.Condition | scheme.State | scheme.Event] = sorted([*s.conditions, *s.states, *s.events], key=lambda d: d.span.line)
    prev: type | None = scheme.Scheme
    for d in decls:
        if isinstance(d, scheme.Condition):
            unless = f" unless {d.unless[0]} within {d.unless[1]}" if d.unless else ""
            block = [_Line(d.span.line, "", f"condition {d.id} {clause(d.clause)} {q(d.wording)}{unless}")]
        elif isinstance(d, scheme.State):
            attrs = [a for a, on in (("initial", d.initial), ("final", d.final), ("holds title", d.holds_title)) if on]
            if d.valid is not None and d.valid_clause is not None:
                attrs.append(f"valid {d.valid} {clause(d.valid_clause)}")
            block = [_Line(d.span.line, "", " ".join([f"state {d.id} {q(d.title)}", *attrs]))]
            block += [_Line(u.span.line, INDENT, (f"due {u.id} every {u.every}" if u.every else f"on expiry {u.id}") + f" {clause(u.clause)} {q(u.wording)}")
                      for u in d.dues]
        else:
            block = [_Line(d.span.line, "", f"event {d.id} {q(d.title)}" + (" application" if d.application else ""))]
            for t in d.transitions:
                opts = [f"from {', '.join(t.sources)} -> {t.target}"]
                if t.renews:
                    opts.append("renews" + (f" at most {t.renewals}" if t.renewals is not None else ""))
                if t.bar is not None:
                    opts.append(f"bar applications {t.bar}")
                if t.while_valid:
                    opts.append("while valid")
                opts.append(clause(t.clause) + (f" {q(t.wording)}" if t.wording is not None else ""))
                block.append(_Line(t.span.line, INDENT, " ".join(opts)))
        block[0].blank_before = type(d) is not prev  # a run of one kind stays together
        prev = type(d)
        lines += block
    return _print(lines, text)


def format_source(text: str, path: str) -> str:
    """Format one .pks file (a standard's or a lifecycle scheme's); raises DiagnosticError on a
    syntax error."""
    if header_kind([text]) == "scheme":
        return format_scheme(scheme.scheme_ast(text, path), text)
    sf, diags = to_ast(parse_tree(text, path), path)
    if diags:  # a text the transform could not read as written would not print back unchanged
        sources = SourceMap()
        sources.add(path, text)
        raise DiagnosticError(diags, sources)
    return format_file(sf, text)
