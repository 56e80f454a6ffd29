"""The language server, spoken to over pipes as an editor does (pygls's client, lsprotocol types):
`python -m parkscore lsp` started per test on a copy of a shipped standard."""
from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

pytest.importorskip("pygls")
from lsprotocol import types as t  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STD2020 = ROOT / "standards" / "cpcif-green-park" / "2020"
DRAFT = ROOT / "standards" / "cpcif-green-park" / "2021-draft"


class Editor:
    """An editor's side of the protocol: open, change, ask; diagnostics as they are published."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[t.Diagnostic]] = {}
        self.published = asyncio.Event()
        self.versions: dict[str, int] = {}

    def open(self, path: Path) -> str:
        uri = from_fs_path(str(path))
        assert uri
        self.versions[uri] = 1
        self.published.clear()
        self.client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "parkscore", 1, path.read_text("utf-8"))))
        return uri

    def replace(self, uri: str, line: int, start: int, end: int, text: str) -> None:
        """Type ``text`` over characters [start, end) of 0-based ``line``."""
        self.versions[uri] += 1
        self.published.clear()
        change = t.TextDocumentContentChangePartial(range=t.Range(t.Position(line, start), t.Position(line, end)), text=text)
        self.client.text_document_did_change(t.DidChangeTextDocumentParams(t.VersionedTextDocumentIdentifier(self.versions[uri], uri), [change]))

    async def settled(self) -> None:
        await asyncio.wait_for(self.published.wait(), 60)
        await asyncio.sleep(0.2)  # every file of the folder is published in one go


async def ask(request: Awaitable[Any]) -> Any:
    """A request's answer, or a failure after 30 s (never a hung test)."""
    return await asyncio.wait_for(request, 30)


def run(body: Callable[[Editor], Awaitable[None]]) -> None:
    async def main() -> None:
        client = LanguageClient("parkscore-tests", "1")
        editor = Editor(client)
        loop = asyncio.get_running_loop()

        @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: t.PublishDiagnosticsParams) -> None:  # may run off the loop's thread
            editor.diagnostics[params.uri] = params.diagnostics
            loop.call_soon_threadsafe(editor.published.set)

        await client.start_io(sys.executable, "-m", "parkscore", "lsp")
        try:
            await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities()))
            client.initialized(t.InitializedParams())
            await body(editor)
        finally:  # the server exits when told to, whether the test passed or not
            await asyncio.wait_for(client.shutdown_async(None), 30)
            client.exit(None)
            await client.stop()

    asyncio.run(main())


@pytest.fixture
def std(tmp_path: Path) -> Path:
    out = tmp_path / "2020"
    shutil.copytree(STD2020, out, ignore=shutil.ignore_patterns("tests"))
    return out


def _line_of(path: Path, needle: str) -> int:
    """0-based line of the first line containing ``needle``."""
    return next(i for i, line in enumerate(path.read_text("utf-8").split("\n")) if needle in line)


def test_clean_standard_gets_empty_diagnostics_for_every_file(std: Path) -> None:
    async def body(ed: Editor) -> None:
        ed.open(std / "3-environment.pks")
        await ed.settled()
        assert {Path(u).name for u in ed.diagnostics} == {p.name for p in std.glob("*.pks")}
        assert {u: [d.message for d in ds] for u, ds in ed.diagnostics.items() if ds} == {}
    run(body)


def test_a_gap_typed_into_7_17_is_diagnosed_and_fixed_by_its_code_action(std: Path) -> None:
    env = std / "3-environment.pks"
    line = _line_of(env, "score COD_intensity <= 0.05 -> 3")
    col = env.read_text("utf-8").split("\n")[line].index("0.05")

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        ed.replace(uri, line, col, col + 4, "0.04")
        await ed.settled()
        (d,) = ed.diagnostics[uri]
        assert d.code == "E302" and d.severity == t.DiagnosticSeverity.Error
        assert "covers (0.04, 0.05]" in d.message
        assert d.range.start.line == line + 1  # at the band the moved bound left behind
        assert (d.range.end.line, d.range.end.character) == (line + 1, len("  score 0.05 < COD_intensity <= 0.1 -> 2"))  # its text, not the next line
        assert d.related_information and d.related_information[0].location.range.start.line == line
        actions = await ask(ed.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d]))))
        assert actions is not None
        titles = [a.title for a in actions if isinstance(a, t.CodeAction)]
        assert titles == [f"start the band at line {line + 2} at 0.04", f"end the band at line {line + 1} at 0.05"]
        first = actions[0]
        assert isinstance(first, t.CodeAction) and first.edit and first.edit.changes
        (edit,) = first.edit.changes[uri]
        assert edit.new_text == "0.04" and edit.range.start.line == line + 1
        next_line = env.read_text("utf-8").split("\n")[line + 1]
        assert next_line[edit.range.start.character:edit.range.end.character] == "0.05"
        # applying the fix leaves no diagnostic
        ed.replace(uri, edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.new_text)
        await ed.settled()
        assert not ed.diagnostics[uri]
    run(body)


def test_overlap_has_the_other_band_and_fixes(std: Path) -> None:
    env = std / "3-environment.pks"
    line = _line_of(env, "score COD_intensity <= 0.05 -> 3")
    col = env.read_text("utf-8").split("\n")[line].index("0.05")

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        ed.replace(uri, line, col, col + 4, "0.06")
        await ed.settled()
        (d,) = ed.diagnostics[uri]
        assert d.code == "E301" and d.related_information
        assert d.related_information[0].location.range.start.line == line
        actions = await ask(ed.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d]))))
        assert actions and [a.title for a in actions] == [f"start the band at line {line + 2} at 0.06", f"end the band at line {line + 1} at 0.05"]
    run(body)


def test_hover_definition_references(std: Path) -> None:
    env = std / "3-environment.pks"
    line = _line_of(env, "COD_intensity = COD_emitted / industrial_output")
    col = env.read_text("utf-8").split("\n")[line].index("COD_emitted") + 3
    decl = _line_of(env, "input COD_emitted")

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        pos = t.TextDocumentPositionParams(t.TextDocumentIdentifier(uri), t.Position(line, col))
        hov = await ask(ed.client.text_document_hover_async(t.HoverParams(pos.text_document, pos.position)))
        assert hov is not None and isinstance(hov.contents, t.MarkupContent)
        assert hov.contents.value == "**input** `COD_emitted`: kg\n\n园区工业COD排放量\n\nread by 7.17 `COD_intensity`"
        defs = await ask(ed.client.text_document_definition_async(t.DefinitionParams(pos.text_document, pos.position)))
        assert isinstance(defs, list) and len(defs) == 1 and isinstance(defs[0], t.Location)
        assert defs[0].uri == uri and defs[0].range.start == t.Position(decl, len("input "))
        refs = await ask(ed.client.text_document_references_async(t.ReferenceParams(
            context=t.ReferenceContext(include_declaration=True), text_document=pos.text_document, position=pos.position)))
        assert refs is not None and sorted(r.range.start.line for r in refs) == [decl, line]
        # an indicator: its clause, maximum, table and bands in words
        ind = t.Position(_line_of(env, "score COD_intensity <= 0.05"), len("  score COD"))
        hov = await ask(ed.client.text_document_hover_async(t.HoverParams(pos.text_document, ind)))
        assert hov is not None and isinstance(hov.contents, t.MarkupContent)
        assert hov.contents.value.startswith("**7.17 单位工业总产值COD排放量** `COD_intensity`\n\ncategory `environment` · max 3 points · table 16")
        assert "- 3 points ≤ 0.05\n- 2 points in (0.05, 0.1]\n- 1 point in (0.1, 0.15]\n- 0 points > 0.15" in hov.contents.value
        # a band, on its keyword: its interval and points
        band = t.Position(_line_of(env, "score 0.05 < COD_intensity <= 0.1"), len("  sc"))
        hov = await ask(ed.client.text_document_hover_async(t.HoverParams(pos.text_document, band)))
        assert hov is not None and isinstance(hov.contents, t.MarkupContent)
        assert hov.contents.value == "**band** of 7.17 `COD_intensity`: 2 points for a value in (0.05, 0.1]"
        # an erratum: what the source printed and what is encoded
        note = t.Position(_line_of(env, "erratum \"表17"), len("  err"))
        hov = await ask(ed.client.text_document_hover_async(t.HoverParams(pos.text_document, note)))
        assert hov is not None and isinstance(hov.contents, t.MarkupContent)
        assert hov.contents.value.startswith("**erratum of the source** on 7.18 `ammonia_intensity`\n\n表17 prints the 2-point row as 0.005 < x ≤ 0.1")
    run(body)


def test_an_amendment_goes_to_its_base_and_is_checked_with_it(tmp_path: Path) -> None:
    draft = tmp_path / "2021-draft"
    shutil.copytree(DRAFT, draft, ignore=shutil.ignore_patterns("tests"))
    files = sorted(draft.glob("*.pks"))
    over = next(f for f in files if "override indicator" in f.read_text("utf-8"))
    line = _line_of(over, "override indicator")
    text = over.read_text("utf-8").split("\n")[line]
    name = text.split()[3]

    async def body(ed: Editor) -> None:
        uri = ed.open(over)
        await ed.settled()
        assert not any(ed.diagnostics.values())
        assert all("/standards/cpcif-green-park/2020/" not in u for u in ed.diagnostics)  # the base is not the author's to fix
        pos = t.Position(line, text.index(name) + 1)
        defs = await ask(ed.client.text_document_definition_async(t.DefinitionParams(t.TextDocumentIdentifier(uri), pos)))
        assert isinstance(defs, list) and len(defs) == 2
        assert [Path(str(d.uri)).parts[-3:-1] for d in defs if isinstance(d, t.Location)][0] == ("cpcif-green-park", "2020")
        assert isinstance(defs[1], t.Location) and defs[1].uri == uri and defs[1].range.start.line == line
    run(body)


def test_completion_formatting_symbols_tokens(std: Path) -> None:
    env = std / "3-environment.pks"

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        doc = t.TextDocumentIdentifier(uri)
        comp = await ask(ed.client.text_document_completion_async(t.CompletionParams(text_document=doc, position=t.Position(0, 0))))
        assert isinstance(comp, t.CompletionList)
        labels = {(c.label, c.kind) for c in comp.items}
        assert ("COD_emitted", t.CompletionItemKind.Variable) in labels and ("万元", t.CompletionItemKind.Unit) in labels
        assert ("score", t.CompletionItemKind.Keyword) in labels
        assert next(c.detail for c in comp.items if c.label == "亩") == "1 亩 = 1/1500 km2"
        # the shipped file is canonical: no edits; a mangled spacing is put back
        edits = await ask(ed.client.text_document_formatting_async(t.DocumentFormattingParams(text_document=doc, options=t.FormattingOptions(tab_size=2, insert_spaces=True))))
        assert not edits
        line = _line_of(env, "score COD_intensity <= 0.05 -> 3")
        ed.replace(uri, line, 0, 2, "      ")
        edits = await ask(ed.client.text_document_formatting_async(t.DocumentFormattingParams(text_document=doc, options=t.FormattingOptions(tab_size=2, insert_spaces=True))))
        assert edits and edits[0].new_text == env.read_text("utf-8")
        syms = await ask(ed.client.text_document_document_symbol_async(t.DocumentSymbolParams(doc)))
        assert syms is not None
        cats = [s for s in syms if isinstance(s, t.DocumentSymbol) and s.kind == t.SymbolKind.Namespace]
        assert [c.name for c in cats] == ["environment"]
        assert "7.17 COD_intensity" in [k.name for k in cats[0].children or []]
        toks = await ask(ed.client.text_document_semantic_tokens_full_async(t.SemanticTokensParams(doc)))
        assert toks is not None and len(toks.data) % 5 == 0 and len(toks.data) > 500
    run(body)


def test_rename_a_data_key_across_the_folder(std: Path) -> None:
    ind = std / "1-industry.pks"
    text = ind.read_text("utf-8")
    key = "industrial_output"
    assert key in (std / "3-environment.pks").read_text("utf-8")
    line = _line_of(ind, f"input {key}") if f"input {key}" in text else None

    async def body(ed: Editor) -> None:
        where = ind if line is not None else next(p for p in std.glob("*.pks") if f"input {key}" in p.read_text("utf-8"))
        uri = ed.open(where)
        await ed.settled()
        at = t.Position(_line_of(where, f"input {key}"), len("input ") + 2)
        edit = await ask(ed.client.text_document_rename_async(t.RenameParams(text_document=t.TextDocumentIdentifier(uri), position=at, new_name="gross_output")))
        assert edit is not None and edit.changes
        # every use in rules (the comment of 4-resources.pks line 2 that names it is not a use)
        expected = {from_fs_path(str(std / "3-environment.pks")): 6, from_fs_path(str(std / "4-resources.pks")): 2}
        assert {u: len(es) for u, es in edit.changes.items()} == expected
        assert all(e.new_text == "gross_output" for es in edit.changes.values() for e in es)
        with pytest.raises(Exception, match="keyword"):
            await ask(ed.client.text_document_rename_async(t.RenameParams(text_document=t.TextDocumentIdentifier(uri), position=at, new_name="score")))
    run(body)


def test_missing_range_quick_fix(std: Path) -> None:
    env = std / "3-environment.pks"
    line = _line_of(env, "input COD_emitted")
    typed = 'input reuse_share : % "中水回用率"'

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        ed.replace(uri, line, 0, 0, typed + "\n")
        await ed.settled()
        (d,) = [d for d in ed.diagnostics[uri] if d.code == "L103"]
        assert d.range.start == t.Position(line, typed.index("%")) and "no range" in d.message
        actions = await ask(ed.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d]))))
        assert actions and isinstance(actions[0], t.CodeAction) and actions[0].edit and actions[0].edit.changes
        (edit,) = actions[0].edit.changes[uri]
        assert edit.new_text == " range 0..100" and edit.range.start == edit.range.end == t.Position(line, typed.index("%") + 1)
    run(body)


def test_a_syntax_error_is_positioned(std: Path) -> None:
    env = std / "3-environment.pks"
    line = _line_of(env, "score COD_intensity <= 0.05 -> 3")

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        ed.replace(uri, line, 2, 7, "scroe")
        await ed.settled()
        diags: list[Any] = ed.diagnostics[uri]
        assert [d.code for d in diags] == ["E001"] and diags[0].range.start.line == line
    run(body)


def test_the_example_session_shows_the_gap_its_fix_and_a_hover() -> None:
    import subprocess

    out = subprocess.run([sys.executable, str(ROOT / "examples" / "editor" / "session.py")], capture_output=True, text=True,
                         timeout=120, encoding="utf-8").stdout
    assert '"code": "E302"' in out and "covers (0.05, 0.06]" in out
    assert '"title": "start the band at line 66 at 0.05"' in out and '"newText": "0.05"' in out
    assert out.count('"diagnostics": []}') == 2  # clean when opened, clean again once the fix is applied
    assert "**input** `COD_emitted`: kg" in out and "read by 7.17 `COD_intensity`" in out


@pytest.mark.parametrize(("typed", "code"), [
    ("COD_intensity = " + " + ".join(["COD_emitted"] * 3000) + " / industrial_output", "E004"),  # a formula bomb: refused before parsing
    ("score COD_intensity <= 0.05 -> 3 \x00\x07", "E005"),  # control characters pasted from elsewhere
    ('score COD_intensity <= 0.05 -> 3 "\\n"', "E001"),  # an escape the language does not have
    ("import os; os.system('x')  # __import__", "E001"),  # code where rules are expected: a syntax error, never run
])
def test_hostile_text_typed_into_a_buffer_is_a_diagnostic_and_the_server_answers_on(std: Path, typed: str, code: str) -> None:
    """Issue 26, the language server as a new surface: what a hostile or careless buffer holds is a
    diagnostic at its line; the server keeps answering (a hover after it)."""
    env = std / "3-environment.pks"
    line = _line_of(env, "score COD_intensity <= 0.05 -> 3")

    async def body(ed: Editor) -> None:
        uri = ed.open(env)
        await ed.settled()
        ed.replace(uri, line, 0, len(env.read_text("utf-8").split("\n")[line]), typed)
        await ed.settled()
        assert code in [d.code for d in ed.diagnostics[uri]], ed.diagnostics[uri]
        hover = await ask(ed.client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(line - 1, 3))))
        assert hover is None or hover.contents
    run(body)
