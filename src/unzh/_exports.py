"""Flat re-exports for the package and its subpackages, imported on first use.

``from unzh.textstat import term_frequency`` works without importing every measure (and
scipy, matplotlib, jieba) up front: each ``__init__`` lists ``{name: module}`` and this
module turns that list into ``__getattr__``/``__dir__``/``__all__`` (PEP 562).
May import: nothing of unzh.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping


def lazy(package: str, exports: Mapping[str, str]):
    """``(__getattr__, __dir__, __all__)`` for ``package`` re-exporting ``name`` from ``package.module``."""

    def __getattr__(name: str):
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        globals_ = importlib.import_module(package).__dict__
        globals_[name] = value  # later look-ups skip __getattr__
        return value

    def __dir__():
        return sorted(set(importlib.import_module(package).__dict__) | set(exports))

    return __getattr__, __dir__, sorted(exports)
