"""``parkscore lsp``: the language server (Language Server Protocol over stdio, pygls), a client of
``parkscore.api.authoring``: each request is translated to one API call and the answer to the
protocol. Positions: the API counts characters from 1; the protocol counts the client's code
units (UTF-16 unless negotiated otherwise) from 0, converted here with pygls's codec."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from parkscore.api import Diagnostic, DiagnosticError, Loaded, Span, format_source
from parkscore.api import authoring as ed

TOKEN_TYPES = ["comment", "string", "number", "keyword", "operator", "variable", "function", "namespace", "event", "enumMember", "type"]
# what a name is (dsl/navigate.py) -> the semantic token type editors colour it as
_TOKEN_OF = {"input": "variable", "indicator": "function", "category": "namespace", "gate": "event", "level": "enumMember", "unit": "type"}
_SYMBOL_KIND = {"category": t.SymbolKind.Namespace, "indicator": t.SymbolKind.Function, "input": t.SymbolKind.Variable,
                "gate": t.SymbolKind.Event, "header": t.SymbolKind.File}
_COMPLETION_KIND = {"input": t.CompletionItemKind.Variable, "indicator": t.CompletionItemKind.Function, "category": t.CompletionItemKind.Module,
                    "gate": t.CompletionItemKind.Event, "level": t.CompletionItemKind.EnumMember, "unit": t.CompletionItemKind.Unit,
                    "keyword": t.CompletionItemKind.Keyword}
_SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning}


def _version() -> str:
    try:
        return version("parkscore")
    except PackageNotFoundError:  # pragma: no cover - a checkout without an install
        return "0"


class ParkscoreServer(LanguageServer):
    """The server with the last analysis of each open file's standard."""

    def __init__(self) -> None:
        super().__init__("parkscore", _version(), text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.sessions: dict[str, Loaded] = {}  # file path -> its standard as last checked
        self.published: dict[str, set[str]] = {}  # standard folder -> files that were given diagnostics

    # -- positions ---------------------------------------------------------------------------
    def _line(self, loaded: Loaded | None, file: str, n: int) -> str:
        if loaded is not None:
            return loaded.sources.line(file, n)
        return ""

    def position(self, loaded: Loaded | None, file: str, line: int, col: int) -> t.Position:
        """A 1-based character position as the client counts."""
        text = self._line(loaded, file, line)
        units = self.workspace.position_codec.client_num_units(text[: max(col - 1, 0)])
        return t.Position(line=max(line - 1, 0), character=units)

    def range(self, loaded: Loaded | None, span: Span) -> t.Range:
        end_line, end_col = span.end_line, span.end_col
        if end_line > span.line and not self._line(loaded, span.file, end_line)[: end_col - 1].strip():
            # a rule's span runs to the indentation of the next line: it ends at the end of its last line of text
            end_line -= 1
            end_col = len(self._line(loaded, span.file, end_line)) + 1
        return t.Range(self.position(loaded, span.file, span.line, span.col), self.position(loaded, span.file, end_line, end_col))

    def char_col(self, uri: str, pos: t.Position) -> tuple[str, int, int]:
        """A client position as (file, 1-based line, 1-based character column)."""
        doc = self.workspace.get_text_document(uri)
        lines = doc.lines
        server = self.workspace.position_codec.position_from_client_units(lines, pos) if pos.line < len(lines) else pos
        return _path(uri), pos.line + 1, server.character + 1

    def location(self, loaded: Loaded | None, span: Span) -> t.Location:
        return t.Location(uri=from_fs_path(str(ed.source_path(span.file))) or span.file, range=self.range(loaded, span))

    # -- analysis ------------------------------------------------------------------------------
    def analyse(self, uri: str) -> Loaded | None:
        """Check the standard of ``uri`` with every open buffer, publish diagnostics for each of its files."""
        path = _path(uri)
        if not path.endswith(".pks"):
            return None
        overlay = {_path(d.uri): d.source for d in self.workspace.text_documents.values() if d.uri.startswith("file:")}
        loaded = ed.edit_session(path, overlay)
        files = ed.editable_files(loaded)
        for f in files:
            self.sessions[f] = loaded
        by_file: dict[str, list[t.Diagnostic]] = {f: [] for f in files}
        for d in loaded.diagnostics:
            target = d.span.file if d.span.file in by_file else path  # a diagnostic with no place in the folder goes on the file edited
            by_file[target].append(self.diagnostic(loaded, d, located=d.span.file in by_file))
        for f in self.published.get(loaded.ref, set()) - set(by_file):
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=from_fs_path(f) or f, diagnostics=[]))
        self.published[loaded.ref] = set(by_file)
        for f, diags in by_file.items():
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=from_fs_path(f) or f, diagnostics=diags))
        return loaded

    def diagnostic(self, loaded: Loaded, d: Diagnostic, located: bool = True) -> t.Diagnostic:
        rng = self.range(loaded, d.span) if located and d.span.line else t.Range(t.Position(0, 0), t.Position(0, 0))
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "") + ("" if located else f" ({d.span})")
        related = [t.DiagnosticRelatedInformation(self.location(loaded, r.span), r.message) for r in d.related]
        return t.Diagnostic(range=rng, message=message, severity=_SEVERITY.get(d.severity.value, t.DiagnosticSeverity.Information),
                            code=d.code, source="parkscore", related_information=related or None)

    def session(self, uri: str) -> Loaded | None:
        path = _path(uri)
        return self.sessions.get(path) or self.analyse(uri)


def _path(uri: str) -> str:
    return str(Path(to_fs_path(uri) or uri).absolute())


server = ParkscoreServer()


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ParkscoreServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ParkscoreServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ParkscoreServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ParkscoreServer, params: t.DidCloseTextDocumentParams) -> None:
    ls.analyse(params.text_document.uri)  # the file on disk replaces the buffer


def _symbol(ls: ParkscoreServer, doc: t.TextDocumentIdentifier, position: t.Position) -> tuple[Loaded, Any] | None:
    loaded = ls.session(doc.uri)
    if loaded is None or loaded.std is None:
        return None
    file, line, col = ls.char_col(doc.uri, position)
    sym = ed.symbol_at(loaded.std, loaded.sources, file, line, col)
    return (loaded, sym) if sym is not None else None


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: ParkscoreServer, params: t.HoverParams) -> t.Hover | None:
    found = _symbol(ls, params.text_document, params.position)
    if found is None:
        return None
    loaded, sym = found
    assert loaded.std is not None
    text = ed.hover_rule(loaded.std, sym.span.file, sym.span.line) if sym.kind == "keyword" else ed.hover(loaded.std, sym.name)
    if text is None:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text), range=ls.range(loaded, sym.span))


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ParkscoreServer, params: t.DefinitionParams) -> list[t.Location] | None:
    found = _symbol(ls, params.text_document, params.position)
    if found is None:
        return None
    loaded, sym = found
    return [ls.location(loaded, s) for s in ed.definitions(loaded.sources, ed.session_files(loaded), sym.name)] or None


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: ParkscoreServer, params: t.ReferenceParams) -> list[t.Location] | None:
    found = _symbol(ls, params.text_document, params.position)
    if found is None:
        return None
    loaded, sym = found
    spans = ed.references(loaded.sources, ed.session_files(loaded), sym.name)
    if not params.context.include_declaration:
        decls = set(ed.definitions(loaded.sources, ed.session_files(loaded), sym.name))
        spans = [s for s in spans if s not in decls]
    return [ls.location(loaded, s) for s in spans]


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: ParkscoreServer, params: t.RenameParams) -> t.WorkspaceEdit | None:
    found = _symbol(ls, params.text_document, params.position)
    if found is None:
        return None
    loaded, sym = found
    if sym.kind not in ("input", "indicator", "category", "gate", "level"):
        raise ValueError(f"'{sym.name}' is a {sym.kind}: only names the standard defines can be renamed")
    problem = ed.rename_problem(loaded.std, params.new_name) if loaded.std is not None else None
    if problem:
        raise ValueError(problem)
    return _workspace_edit(ls, loaded, ed.rename(loaded.sources, ed.editable_files(loaded), sym.name, params.new_name))


def _workspace_edit(ls: ParkscoreServer, loaded: Loaded, edits: Any) -> t.WorkspaceEdit:
    changes: dict[str, list[t.TextEdit]] = {}
    for e in edits:
        changes.setdefault(from_fs_path(e.span.file) or e.span.file, []).append(t.TextEdit(ls.range(loaded, e.span), e.text))
    return t.WorkspaceEdit(changes=changes)


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_action(ls: ParkscoreServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    loaded = ls.session(params.text_document.uri)
    if loaded is None:
        return []
    file = _path(params.text_document.uri)
    out = []
    want = params.range
    for d in loaded.diagnostics:
        if d.span.file != file or not d.fixes:
            continue
        lsp_diag = ls.diagnostic(loaded, d)
        r = lsp_diag.range
        if (r.end.line, r.end.character) < (want.start.line, want.start.character) or (r.start.line, r.start.character) > (want.end.line, want.end.character):
            continue
        for fix in d.fixes:
            out.append(t.CodeAction(title=fix.title, kind=t.CodeActionKind.QuickFix, diagnostics=[lsp_diag],
                                    edit=_workspace_edit(ls, loaded, fix.edits), is_preferred=fix is d.fixes[0]))
    return out


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[" ", "/"]))
def completion(ls: ParkscoreServer, params: t.CompletionParams) -> t.CompletionList:
    loaded = ls.session(params.text_document.uri)
    items = ed.completions(loaded.std if loaded is not None else None)
    return t.CompletionList(is_incomplete=False, items=[
        t.CompletionItem(label=c.label, kind=_COMPLETION_KIND[c.kind], detail=c.detail) for c in items])


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: ParkscoreServer, params: t.DocumentFormattingParams) -> list[t.TextEdit] | None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    try:
        new = format_source(doc.source, _path(doc.uri))
    except DiagnosticError:
        return None  # the diagnostics already say why
    if new == doc.source:
        return []
    lines = doc.lines
    end = t.Position(line=len(lines), character=0)
    return [t.TextEdit(t.Range(t.Position(0, 0), end), new)]


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: ParkscoreServer, params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
    loaded = ls.session(params.text_document.uri)
    if loaded is None or loaded.std is None:
        return []

    def one(o: Any) -> t.DocumentSymbol:
        rng = ls.range(loaded, o.span)
        return t.DocumentSymbol(name=o.name, detail=o.detail, kind=_SYMBOL_KIND[o.kind], range=rng, selection_range=rng,
                                children=[one(c) for c in o.children])

    return [one(o) for o in ed.outline(loaded.std, _path(params.text_document.uri))]


@server.feature(t.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, t.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=[]))
def semantic_tokens(ls: ParkscoreServer, params: t.SemanticTokensParams) -> t.SemanticTokens:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    loaded = ls.session(params.text_document.uri)
    data: list[int] = []
    prev_line, prev_start = 0, 0
    lines = doc.lines
    codec = ls.workspace.position_codec
    for tok, cls in ed.classified(loaded.std if loaded is not None else None, doc.source):
        kind = _TOKEN_OF.get(cls, cls)
        if kind not in TOKEN_TYPES:
            continue
        line = tok.line - 1
        text = lines[line] if line < len(lines) else ""
        start = codec.client_num_units(text[: tok.col - 1])
        length = codec.client_num_units(tok.text)
        data += [line - prev_line, start - prev_start if line == prev_line else start, length, TOKEN_TYPES.index(kind), 0]
        prev_line, prev_start = line, start
    return t.SemanticTokens(data=data)


def main() -> None:
    """Serve on stdin and stdout until the client says exit."""
    server.start_io()


__all__ = ["main", "server"]
