"""Names a package exports, imported when first used (PEP 562): the one way parkscore keeps
``import parkscore`` and a command's start-up from importing every module of the engine."""
from __future__ import annotations

import importlib
import sys
from typing import Any, Callable, Mapping


def exports(module: str, where: Mapping[str, str], subpackages: tuple[str, ...] = ()
            ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``module``: ``where`` maps a name to the module that
    defines it; ``subpackages`` are imported by name (``parkscore.api``)."""

    def __getattr__(name: str) -> Any:
        if name in subpackages:
            return importlib.import_module(f"{module}.{name}")
        if name not in where:
            raise AttributeError(f"module '{module}' has no attribute '{name}'")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(sys.modules[module], name, value)  # the next lookup is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[module])) | set(where) | set(subpackages))

    return __getattr__, __dir__
