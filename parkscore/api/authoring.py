"""For the authors of standards: run test cases (with coverage), generate cases."""
from __future__ import annotations

from pathlib import Path

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
