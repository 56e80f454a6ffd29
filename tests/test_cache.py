"""The cache of loaded standards (dsl/cache.py): reused while nothing changed, never trusted."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parkscore.dsl import cache, parser
from parkscore.dsl.load import load

ROOT = Path(__file__).resolve().parent.parent
STD = ROOT / "parkscore" / "standards" / "cpcif-green-park" / "2020"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("PARKSCORE_CACHE_DIR", str(where))
    return where


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the Lark parser is asked to parse (a cache hit parses none)."""
    seen: list[str] = []
    real = parser.parse_tree

    def spy(text: str, path: str):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(text, path)
    monkeypatch.setattr(parser, "parse_tree", spy)
    return seen


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "std"
    shutil.copytree(STD, dest, ignore=shutil.ignore_patterns("tests"))
    return dest


def test_a_second_load_parses_nothing_and_gives_the_same_standard(store: Path, parses: list[str], tmp_path: Path) -> None:
    std = _copy(tmp_path)
    first = load(str(std))
    assert parses and first.std is not None
    parses.clear()
    again = load(str(std))
    assert parses == []
    assert again.std == first.std and again.diagnostics == first.diagnostics
    assert [p.name for p in store.iterdir()] and all(p.stat().st_mode & 0o777 == 0o600 for p in store.iterdir())


def test_an_edited_rule_file_is_a_miss(store: Path, parses: list[str], tmp_path: Path) -> None:
    std = _copy(tmp_path)
    before = load(str(std)).std
    assert before is not None
    f = next(p for p in sorted(std.glob("*.pks")) if "<= 0.05 -> 3" in p.read_text(encoding="utf-8"))
    f.write_text(f.read_text(encoding="utf-8").replace("<= 0.05 -> 3", "<= 0.06 -> 3", 1), encoding="utf-8")
    parses.clear()
    after = load(str(std)).std
    assert parses and after is not None and after != before


@pytest.mark.parametrize("damage", ["truncate", "garbage", "group-writable"])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(store: Path, parses: list[str], tmp_path: Path, damage: str) -> None:
    std = _copy(tmp_path)
    good = load(str(std)).std
    (entry,) = list(store.iterdir())
    if damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:-100])
    elif damage == "garbage":
        raw = entry.read_bytes()
        entry.write_bytes(raw[:200] + b"\x00" * 50 + raw[250:])  # checksum no longer matches
    else:
        entry.chmod(0o664)
    parses.clear()
    assert load(str(std)).std == good
    assert parses, "a damaged or group-writable entry must not be used"


def test_an_unwritable_or_disabled_cache_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PARKSCORE_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    std = _copy(tmp_path)
    assert load(str(std)).std is not None
    monkeypatch.setenv("PARKSCORE_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    parses.clear()
    assert load(str(std)).std is not None and parses


def test_an_amendment_is_a_miss_when_its_base_changes(store: Path, parses: list[str], tmp_path: Path) -> None:
    base = _copy(tmp_path)
    draft = tmp_path / "draft"
    draft.mkdir()
    (draft / "0.pks").write_text(f'standard "draft" version "1"\n  amends "{base}"\n', encoding="utf-8")
    first = load(str(draft))
    assert first.std is not None
    f = next(p for p in sorted(base.glob("*.pks")) if "<= 0.05 -> 3" in p.read_text(encoding="utf-8"))
    f.write_text(f.read_text(encoding="utf-8").replace("<= 0.05 -> 3", "<= 0.06 -> 3", 1), encoding="utf-8")
    parses.clear()
    second = load(str(draft))
    assert parses and second.std != first.std


def test_scoring_from_the_cache_does_not_build_the_parser(tmp_path: Path) -> None:
    """Start-up: with the standard cached, `score` imports neither Lark nor the checker's parser."""
    env = {**os.environ, "PARKSCORE_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys; from parkscore.cli import main; sys.argv = ['parkscore', 'score', 'examples/parks/synthetic-complete.yaml']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('LARK' if 'lark' in sys.modules else 'NO-LARK', file=sys.stderr)")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True) for _ in range(2)]
    assert "ELIGIBLE" in runs[1].stdout
    assert runs[0].stderr.strip().endswith("LARK") and runs[1].stderr.strip().endswith("NO-LARK")
