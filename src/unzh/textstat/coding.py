"""What the two coders share: which rows are coded, their metadata columns, the lexicon they use.

:mod:`unzh.textstat.themes` codes units with themes, :mod:`unzh.textstat.stakeholders` sentences
with actors and reporting verbs; both select the body rows of a paragraph table, carry the same
metadata columns into their tables (built column by column, as pandas would from lists) and record
which lexicon file they used.  May import: numpy, pandas, unzh.io_utils.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from unzh.io_utils import sha256_file

#: The paragraph table's columns every coded table carries.
UNIT_COLUMNS = ["doc_id", "para_id", "section", "section_title", "debate", "para_no"]


def lexicon_table(value: pd.DataFrame | str | Path | None, loader: Callable) -> pd.DataFrame:
    """A loaded lexicon as it is, else ``loader(value)`` (a path, or None for the project's file)."""
    return loader(value) if value is None or isinstance(value, (str, Path)) else value


def lexicon_source(df: pd.DataFrame) -> tuple[str | None, str | None]:
    """The file a lexicon table was read from and its SHA-256 (None where unknown or gone)."""
    source = df.attrs.get("source")
    if source and Path(source).is_file():
        return str(source), sha256_file(source)
    return (str(source) if source else None), None


def coded_rows(paragraphs: pd.DataFrame, kinds: Sequence[str], extra: Sequence[str] = ()) -> pd.DataFrame:
    """The rows whose ``kind`` is in ``kinds``: :data:`UNIT_COLUMNS`, then ``extra``, then ``text``."""
    return paragraphs.loc[paragraphs["kind"].isin(kinds).to_numpy(dtype=bool), [*UNIT_COLUMNS, *extra, "text"]]


def unit_columns(selected: pd.DataFrame, rows: np.ndarray | None) -> dict:
    """The metadata columns of the coded units: row ``rows[i]`` of ``selected`` for unit *i*."""
    return {c: column_like_list(selected[c], rows, int_na=c in ("debate", "para_no")) for c in UNIT_COLUMNS}


def unit_place(row, with_document: bool) -> str:
    """Where an evidence row stands: "debate 1" (else its section), with its document id in a corpus."""
    where = f"debate {row.debate}" if not pd.isna(row.debate) else row.section
    return f"{row.doc_id} {where}" if with_document else where


def clipped(text: str, max_chars: int | None) -> str:
    """``text``, cut to ``max_chars`` characters with an ellipsis (whole if None)."""
    return text if max_chars is None or len(text) <= max_chars else text[:max_chars] + "…"


def object_column(values: list) -> np.ndarray:
    """``values`` (e.g. tuples) as a 1-D object array, one element per value."""
    return np.fromiter(values, dtype=object, count=len(values))


def str_dtype() -> pd.api.extensions.ExtensionDtype:
    """The dtype pandas gives a column built from a list of strings."""
    return pd.Series(["x"]).dtype


def column_like_list(column: pd.Series, rows: np.ndarray | None, *, int_na: bool = False):
    """The column pandas makes of ``[column.tolist()[i] for i in rows]`` (all rows if ``rows`` is None).

    Taken from ``column``'s array in C where its dtype is the one pandas infers from those values: a
    string column with at least one string, an int64, float64 or bool column, and with ``int_na``
    (the caller converts the result with ``astype("Int64")``) an Int64 column.  Otherwise built
    from the list, as the coding tables always were.
    """
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype == str_dtype() and column.notna().any():
        values = column.array
    elif int_na and isinstance(dtype, pd.Int64Dtype):
        values = column.array
    elif dtype in (np.dtype(np.int64), np.dtype(np.float64), np.dtype(bool)):
        values = column.to_numpy()
    else:
        listed = column.tolist()
        return pd.Series(listed if rows is None else [listed[i] for i in rows.tolist()]).array
    return values if rows is None else values.take(rows)


# ---------------------------------------------------------------- reading the table
