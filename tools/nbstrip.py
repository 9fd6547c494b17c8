#!/usr/bin/env python3
"""Strip a notebook's outputs: the git clean filter that ``make env`` installs for ``*.ipynb``.

Reads a notebook (JSON) on stdin, writes it on stdout without what a run adds: outputs and
execution counts of code cells, the cell papermill injects (tagged ``injected-parameters``),
cell metadata other than non-empty ``tags`` (the ``parameters`` tag stays),
and notebook metadata other than ``kernelspec`` and the language name (papermill's record, the
Python version of whoever saved it).  The JSON is written as nbformat writes it (one-space
indent, sorted keys, UTF-8 text, a final newline), so an unchanged notebook stays byte for byte
the same.  Text that is not a notebook passes through unchanged.

Standard library only, so that git can run it with any Python 3:
    git config filter.nbstrip.clean "python3 tools/nbstrip.py"   (see the Makefile's git-filter target)
Also usable by hand: ``python3 tools/nbstrip.py < in.ipynb > out.ipynb``.
"""
from __future__ import annotations

import json
import sys

KEEP_CELL_METADATA = ("tags",)


def strip(nb: dict) -> dict:
    """Return ``nb`` without outputs, execution counts and run metadata (see the module docstring)."""
    meta = nb.get("metadata", {})
    kept = {}
    if "kernelspec" in meta:
        kept["kernelspec"] = meta["kernelspec"]
    if isinstance(meta.get("language_info"), dict) and "name" in meta["language_info"]:
        kept["language_info"] = {"name": meta["language_info"]["name"]}
    nb["metadata"] = kept
    # the parameters papermill injected into an executed notebook are a run's, not the notebook's
    nb["cells"] = [c for c in nb.get("cells", []) if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb["cells"]:
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in KEEP_CELL_METADATA and v}
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def main() -> int:
    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError:
        sys.stdout.buffer.write(text.encode("utf-8"))
        return 0
    if not isinstance(nb, dict) or "cells" not in nb:
        sys.stdout.buffer.write(text.encode("utf-8"))
        return 0
    out = json.dumps(strip(nb), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
