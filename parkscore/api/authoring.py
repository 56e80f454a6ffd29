"""For the authors of standards: run test cases (with coverage), generate cases; and what an
editor asks while a standard is typed (diagnostics with fixes, names, hover, completion, outline,
rename: ``dsl/navigate.py``)."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from parkscore.dsl.load import Loaded, folder_source, load_source, source_path
from parkscore.dsl.navigate import (
    Completion,
    Outline,
    Symbol,
    classified,
    completions,
    definitions,
    hover,
    hover_rule,
    outline,
    references,
    rename,
    rename_problem,
    symbol_at,
)
from parkscore.engine.authoring import runner
from parkscore.engine.authoring.runner import TestRun

from .standards import StandardLike, is_installed, standard


def run_tests(*paths: str | Path) -> TestRun:
    """Run the cases of test files, directories of them or standards (their ``tests/``, and for an
    amendment its base's cases too); without paths, every installed standard's cases."""
    return runner.run_tests(*paths)


def testgen(std: StandardLike) -> str:
    """A test file of generated cases for every rule and gate of a standard, with the values the
    engine computes now as expectations, for a person to review and commit (YAML text)."""
    cs = standard(std)
    return runner.testgen(cs, is_installed(cs))


# -- editing: what a language server (or any editor integration) asks of a standard being typed --

def edit_session(file: str | Path, overlay: Mapping[str, str]) -> Loaded:
    """The standard ``file`` belongs to, as an editor has it (``overlay``: path -> text of the open
    buffers, which replace the files on disk), parsed, amended and checked with the linter's
    passes too: every diagnostic, with related places and fixes where the check knows them.
    Nothing is cached on disk (the text changes at every keystroke)."""
    from parkscore.dsl.lint import LINT_PASSES

    return load_source(folder_source(file, overlay), LINT_PASSES, keep=False)


def editable_files(loaded: Loaded) -> list[str]:
    """The files of an edit session a person may change (not an amendment's installed base)."""
    folder = Path(loaded.ref)
    return [n for n in loaded.sources.names() if Path(n).parent == folder]


def session_files(loaded: Loaded) -> list[str]:
    """Every file of an edit session, an amendment's base versions first (so that a definition
    is found where it was first written, then where it is overridden)."""
    mine = editable_files(loaded)
    return [n for n in loaded.sources.names() if n not in mine] + mine



__all__ = ["run_tests", "testgen", "edit_session", "editable_files", "session_files", "source_path", "Completion", "Outline", "Symbol",
           "classified", "completions", "definitions", "hover", "hover_rule", "outline", "references", "rename", "rename_problem", "symbol_at"]
