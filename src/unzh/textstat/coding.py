"""What the two coders share: which rows are coded, their metadata columns, the lexicon they use.

:mod:`unzh.textstat.themes` codes units with themes, :mod:`unzh.textstat.stakeholders` sentences
with actors and reporting verbs; both select the body rows of a paragraph table, carry the same
metadata columns into their tables (built column by column, as pandas would from lists) and record
which lexicon file they used.  May import: numpy, pandas, unzh.io_utils, unzh.text.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from unzh.io_utils import sha256_file
from unzh.text.structure import check_grouping, select_group, unit_references

#: The paragraph table's columns every coded table carries, and ``ref``: the paragraph's citation
#: ("art. 3, para. 2", "Debate 2 ¶5"; :func:`unzh.text.structure.unit_reference`)
UNIT_COLUMNS = ["doc_id", "para_id", "section", "section_title", "debate", "para_no", "ref"]


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
    """The rows whose ``kind`` is in ``kinds``: :data:`UNIT_COLUMNS`, then ``extra``, then ``text``.

    ``ref`` is taken from the table if it has one, else cited from the whole table
    (:func:`unzh.text.structure.unit_references`: an article's siblings and a section's heading count)."""
    mask = paragraphs["kind"].isin(kinds).to_numpy(dtype=bool)
    refs = paragraphs["ref"] if "ref" in paragraphs.columns else unit_references(paragraphs)
    columns = [c for c in UNIT_COLUMNS if c != "ref"]
    out = paragraphs.loc[mask, [*columns, *extra, "text"]]
    out.insert(len(columns), "ref", refs.array[mask])
    return out


def unit_columns(selected: pd.DataFrame, rows: np.ndarray | None) -> dict:
    """The metadata columns of the coded units: row ``rows[i]`` of ``selected`` for unit *i*."""
    return {c: column_like_list(selected[c], rows, int_na=c in ("debate", "para_no")) for c in UNIT_COLUMNS}


def evidence_rows(coded: pd.DataFrame, by: str | None, group) -> pd.DataFrame:
    """The rows of an evidence table: all (``by`` None), those of ``group`` in column ``by``
    (:func:`unzh.text.structure.select_group`), or with ``by`` alone all rows, the column checked."""
    if by is not None and group is None:
        check_grouping(coded, by)
        return coded
    return select_group(coded, by, group)


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
