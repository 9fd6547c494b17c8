"""Writing the tables behind the figures (CSV, UTF-8, deterministic, atomic)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.io_utils import atomic_write_text

_SLUG = re.compile(r"[a-z0-9_-]+")


def save_table(df: pd.DataFrame, name: str, folder: str | Path | None = None, float_format: str = "%.6g") -> Path:
    """Write ``df`` as ``<folder>/<name>.csv`` (no index; floats to 6 significant digits); return the path."""
    if not _SLUG.fullmatch(name):
        raise ValueError(f"table name must match [a-z0-9_-]+, got {name!r}")
    folder = Path(folder) if folder is not None else config.FIGURES_DIR
    text = df.to_csv(index=False, lineterminator="\n", float_format=float_format)
    return atomic_write_text(folder / f"{name}.csv", text)
