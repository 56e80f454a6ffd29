"""Highlighting: the Pygments lexer (engine/documents/lexer.py, a Pygments plugin) and the TextMate
grammar of the VS Code extension (editors/vscode/) over every shipped rule file, and the highlighted
rule text of the HTML document."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error, Keyword, Name, Number, Operator, String

from parkscore.api import render_standard
from parkscore.dsl.tokens import Kind, scan
from parkscore.engine.documents.html import standard_html
from parkscore.engine.documents.lexer import ParkscoreLexer, textmate_grammar

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "standards").rglob("*.pks"))


def test_the_lexer_is_a_pygments_plugin() -> None:
    assert isinstance(get_lexer_by_name("parkscore"), ParkscoreLexer)
    assert isinstance(get_lexer_for_filename("3-environment.pks"), ParkscoreLexer)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT / "standards")))
def test_every_shipped_rule_file_lexes_without_an_error_token(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = list(ParkscoreLexer().get_tokens(text))
    errors = [v for t, v in tokens if t in Error]
    assert errors == [], f"{path}: characters no token of the grammar has: {errors}"
    assert "".join(v for _, v in tokens).rstrip("\n") == text.rstrip("\n")  # every character kept, in order


def test_a_band_is_highlighted_word_by_word_and_a_stray_character_is_an_error() -> None:
    tokens = [(t, v) for t, v in ParkscoreLexer().get_tokens('  score 0.05 < COD_intensity <= 0.1 -> 2 "说明" # note\n') if v.strip()]
    assert tokens[:8] == [(Keyword, "score"), (Number, "0.05"), (Operator, "<"), (Name, "COD_intensity"), (Operator, "<="),
                          (Number, "0.1"), (Operator, "->"), (Number, "2")]
    assert tokens[8][0] in String and tokens[9][1] == "# note"
    assert (Error, "？") in list(ParkscoreLexer().get_tokens("score x ？ 1\n"))


def test_the_standard_document_shows_each_indicator_rule_text_highlighted() -> None:
    html = standard_html(render_standard("cpcif-green-park@2020"))
    assert html.count('<div class="pks"><pre>') == 37
    assert ('<span class="k">score</span><span class="w"> </span><span class="m">0.05</span><span class="w"> </span>'
            '<span class="o">&lt;</span><span class="w"> </span><span class="n">COD_intensity</span>') in html
    assert ".pks .k {" in html  # the style sheet travels with the file


TEXTMATE = ROOT / "editors" / "vscode" / "syntaxes" / "parkscore.tmLanguage.json"


def test_the_vscode_grammar_is_the_generated_one() -> None:
    assert json.loads(TEXTMATE.read_text(encoding="utf-8")) == textmate_grammar(), \
        "regenerate: python -m parkscore.engine.documents.lexer > editors/vscode/syntaxes/parkscore.tmLanguage.json"


def _textmate_tokens(grammar: dict, line: str) -> list[tuple[int, str, str]]:
    """A TextMate engine's reading of one line, for a grammar of `match` rules only: at each
    position the rule whose match starts first wins (the earlier rule on a tie)."""
    rules = [(re.compile(p["match"]), p) for p in grammar["patterns"]]
    out, at = [], 0
    while at < len(line):
        found = [(m.start(), i, m, p) for i, (rx, p) in enumerate(rules) if (m := rx.search(line, at)) and m.end() > m.start()]
        if not found:
            break
        _, _, m, p = min(found, key=lambda f: (f[0], f[1]))
        if "captures" in p:
            out += [(m.start(int(g)) + 1, m.group(int(g)), c["name"]) for g, c in p["captures"].items()]
        else:
            out.append((m.start() + 1, m.group(), p["name"]))
        at = m.end()
    return out


SCOPES = {Kind.COMMENT: "comment.line", Kind.STRING: "string.quoted", Kind.NUMBER: "constant.numeric", Kind.KEYWORD: "keyword.other",
          Kind.NAME: "variable.other", Kind.OPERATOR: "keyword.operator"}


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT / "standards")))
def test_the_vscode_grammar_colours_every_shipped_rule_file_as_the_scanner_reads_it(path: Path) -> None:
    grammar = textmate_grammar()
    text = path.read_text(encoding="utf-8")
    seen = {(n, col): (word, scope) for n, line in enumerate(text.split("\n"), 1) for col, word, scope in _textmate_tokens(grammar, line)}
    for tok in scan(text):
        if tok.kind is not Kind.SPACE:
            word, scope = seen.get((tok.line, tok.col), ("", ""))
            assert word == tok.text and scope.startswith(SCOPES[tok.kind]), f"{path.name}:{tok.line}:{tok.col} {tok} read as {word!r} {scope}"
