"""Work kept between runs: a standard parsed and checked, or compiled to Python, is stored in the
user's cache directory and reused while nothing it was made from has changed.

* Where: ``$PARKSCORE_CACHE_DIR`` if set (``off`` turns the cache off), else the platform's
  user cache directory (``$XDG_CACHE_HOME/parkscore``, ``~/.cache/parkscore``,
  ``~/Library/Caches/parkscore``, ``%LOCALAPPDATA%\\parkscore\\Cache``).
* Keyed by a hash of everything the entry was made from (``key``): the texts of the rule files,
  the Python version and the files of parkscore's own parser, checker and compiler (their sizes
  and modification times: a new version of parkscore replaces them), so an edited rule file or an
  upgraded parkscore is a miss.
* Never trusted: an entry whose bytes do not match the checksum written with them (truncated,
  corrupt), that another user could have written (not owned by this user, or writable by group
  or others), or that does not unpickle is ignored and rebuilt; a directory that cannot be
  written only costs the time of rebuilding. Entries are written to a temporary file and renamed,
  so concurrent runs (test workers, ``--jobs``) never read half an entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any, Iterable

_MAGIC = b"parkscore-cache/1\n"


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is turned off."""
    env = os.environ.get("PARKSCORE_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "none") else Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "parkscore" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "parkscore"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "parkscore"


@cache
def _fingerprint() -> str:
    """What makes an entry of another parkscore stale: the files of its parser, checker and
    compiler (an upgrade or an edit replaces them), and the Python that pickled it."""
    here = Path(__file__).resolve().parent
    parts = [sys.version]
    for folder in (here, here.parent / "grammar", here.parent / "engine" / "scoring"):
        for f in sorted(folder.glob("*.*")):
            if f.suffix in (".py", ".lark"):
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def key(kind: str, parts: Iterable[str]) -> str:
    """The name of an entry: ``kind`` and a hash of what it was made from."""
    h = hashlib.sha256(_fingerprint().encode())
    for p in parts:
        h.update(b"\0" + p.encode("utf-8", "surrogatepass"))
    return f"{kind}-{h.hexdigest()[:40]}"


def _trusted(path: Path) -> bool:
    """Written by this user and by nobody else (POSIX); on Windows the profile's ACLs decide."""
    if not hasattr(os, "getuid"):
        return True
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def get(name: str) -> Any | None:
    """The entry, or None: missing, turned off, untrusted, corrupt or unreadable."""
    where = cache_dir()
    if where is None:
        return None
    path = where / name
    try:
        if not (_trusted(where) and _trusted(path)):
            return None
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            return None
        digest, payload = raw[len(_MAGIC):len(_MAGIC) + 64], raw[len(_MAGIC) + 65:]
        if hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        return pickle.loads(payload)  # noqa: S301 - our own entry: owner, permissions and checksum verified above
    except Exception:  # noqa: BLE001 - any failure to read an entry is a miss, never an error
        return None


def put(name: str, value: Any) -> None:
    """Store an entry; a cache that cannot be written is skipped silently (it is only a cache)."""
    import tempfile  # a run that finds its entries never writes one

    where = cache_dir()
    if where is None:
        return
    tmp: str | None = None
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(tmp, where / name)
    except Exception:  # noqa: BLE001 - unwritable, full, unpicklable: rebuilt next time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
