"""The Pygments lexer of rule files (``.pks``): the HTML documents highlight rule text with it,
and it is registered as a Pygments plugin (entry point ``pygments.lexers``), so ``pygmentize -l
parkscore``, Sphinx and MkDocs highlight rule files too. It reuses the scanner of
``dsl/tokens.py`` (the grammar's own keywords): no second list of the language's words."""
from __future__ import annotations

from typing import Iterator

from pygments.lexer import Lexer
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, String, Text, _TokenType

from parkscore.dsl.tokens import Kind, keywords, scan

_TOKENS: dict[Kind, _TokenType] = {
    Kind.COMMENT: Comment.Single,
    Kind.STRING: String.Double,
    Kind.NUMBER: Number,
    Kind.KEYWORD: Keyword,
    Kind.NAME: Name,
    Kind.OPERATOR: Operator,
    Kind.SPACE: Text.Whitespace,
    Kind.OTHER: Error,  # a character no token of the grammar has: the parser reports it
}


class ParkscoreLexer(Lexer):
    """parkscore rule files: standards, amendments and schemes."""

    name = "parkscore"
    aliases = ["parkscore", "pks"]
    filenames = ["*.pks"]
    mimetypes = ["text/x-parkscore"]

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        at = 0
        for tok in scan(text):
            yield at, _TOKENS[tok.kind], tok.text
            at += len(tok.text)


def highlight_html(text: str) -> str:
    """Rule text as HTML (``<pre>`` with Pygments' short classes, styled by ``css()``), escaped."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    return highlight(text, ParkscoreLexer(), HtmlFormatter(cssclass="pks"))


def css() -> str:
    """The style sheet of ``highlight_html``'s classes: the default Pygments style's rules for the
    token types this lexer makes, nothing else."""
    from pygments.formatters import HtmlFormatter
    from pygments.token import STANDARD_TYPES

    used = {f".pks .{STANDARD_TYPES[t]} " for t in _TOKENS.values()}
    rules = HtmlFormatter(cssclass="pks").get_style_defs(".pks").splitlines()
    return "\n".join(r.split(" /*")[0] for r in rules if any(r.startswith(u) for u in used))


def textmate_grammar() -> dict[str, object]:
    """The TextMate grammar of rule files (editors/vscode/syntaxes/parkscore.tmLanguage.json is
    this, written by ``python -m parkscore.engine.documents.lexer``; a test keeps the two equal and
    checks that it colours every shipped rule file as the scanner does). One regular expression a
    line each, in the subset Oniguruma and Python's ``re`` read alike."""
    words = "|".join(sorted(keywords(), key=lambda w: (-len(w), w)))
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "parkscore",
        "scopeName": "source.parkscore",
        "fileTypes": ["pks"],
        "patterns": [
            {"name": "comment.line.number-sign.parkscore", "match": "#.*$"},
            {"name": "string.quoted.double.parkscore", "match": r'"(?:[^"\\]|\\.)*"?'},
            {"match": r"\b(indicator|gate)\s+([A-Z]+\.?\d+(?:\.\d+)*(?:\(\d+\))?)(?!\w)",
             "captures": {"1": {"name": "keyword.other.parkscore"}, "2": {"name": "constant.numeric.clause.parkscore"}}},
            {"name": "keyword.other.parkscore", "match": rf"\b(?:{words})\b"},
            {"name": "constant.numeric.parkscore", "match": r"\b\d+(?:\.\d+)*(?:\(\d+\))?"},
            {"name": "keyword.operator.parkscore", "match": r"<=|>=|->|\.\.|[<>=+\-*/%:(),|]"},
            {"name": "variable.other.parkscore", "match": r"[^\W\d]\w*"},
        ],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(textmate_grammar(), ensure_ascii=False, indent=2))
