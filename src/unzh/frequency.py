"""Term frequencies from the token table: counts, rates and document frequency.

After quanteda's ``textstat_frequency``: each function takes the token table
(see :mod:`unzh.segment`) and returns a new table; nothing is written.

Definitions (for a term :math:`t` in a group :math:`g`, or in the whole text):

* ``count`` :math:`f_{t,g}` — occurrences of the term;
* ``rate_per_1000`` :math:`1000\\,f_{t,g}/N_g`, where :math:`N_g` is the number
  of *counted* tokens of the group: kept tokens (no punctuation, whitespace or
  numbers — :func:`unzh.segment.is_kept`) that are not stopwords.  The rates
  of a group therefore add up to 1,000;
* ``doc_freq`` — the number of paragraphs (distinct ``(doc_id, para_id)``) of
  the group in which the term occurs at least once.

Stopwords (``stop`` is True) and filtered tokens never appear: the token
table holds no filtered tokens, and stopword rows are dropped here.

Grouping is by a column of the token table (:data:`GROUP_COLUMNS`), normally
:func:`unzh.structure.default_grouping` (``debate`` for the seed document).
Rows whose group is missing (e.g. the annex introduction when grouping by
``debate``) belong to no group: they count in the overall table only.
Groups keep their natural order (numeric for ``debate``, order of appearance
otherwise); terms are sorted by count (descending), then by the term itself,
so every table is deterministic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .allocation import no_huge_pages
from .errors import UnknownTermError
from .structure import section_label

#: Columns of the token table that measures may group by.
GROUP_COLUMNS = ("doc_id", "section", "debate")
#: Columns of :func:`term_frequency` (after the group column, if any).
FREQUENCY_COLUMNS = ["term", "count", "rate_per_1000", "doc_freq", "rank"]
#: Columns of :func:`group_sizes` (after the group column).
SIZE_COLUMNS = ["n_tokens", "n_paragraphs"]


def check_grouping(tokens: pd.DataFrame, by: str | None) -> None:
    """Raise :class:`UnknownTermError` (an InputError) unless ``by`` is None or a usable grouping column."""
    if by is None:
        return
    if by not in GROUP_COLUMNS or by not in tokens.columns:
        raise UnknownTermError(None, f"unknown grouping column {by!r} (use one of: {', '.join(GROUP_COLUMNS)})")


def counted_tokens(tokens: pd.DataFrame, by: str | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows measures count: non-stopword tokens (and, with ``by``, only rows that have a group).

    ``columns``: keep only these columns (a measure that needs four columns of a corpus-scale
    token table then copies four, not all of them); default: every column.
    """
    check_grouping(tokens, by)
    mask = ~tokens["stop"].to_numpy(dtype=bool)
    if by is not None:
        mask &= tokens[by].notna().to_numpy(dtype=bool)
    if columns is None:
        return tokens[mask]  # one filtered copy, not two
    return tokens.loc[mask, list(dict.fromkeys(columns))]


def _columns(by: str | None, *names: str) -> list[str]:
    return ([by] if by is not None else []) + list(names)


def group_order(tokens: pd.DataFrame, by: str) -> list:
    """The groups of ``by`` in display order: sorted for ``debate``, order of appearance otherwise."""
    values = tokens[by].dropna()
    return sorted(values.unique()) if by == "debate" else list(values.unique())


def _paragraph_key(df: pd.DataFrame) -> pd.Series:
    """One integer per (doc_id, para_id) pair: document code x (max para_id + 1) + para_id.

    Only ever compared (nunique), never shown; integers instead of joined strings keep a
    corpus-scale token table's key small (8 bytes a token) and fast to hash.
    """
    doc = df["doc_id"]
    codes = doc.cat.codes.to_numpy(np.int64) if isinstance(doc.dtype, pd.CategoricalDtype) \
        else pd.factorize(doc)[0].astype(np.int64)
    pid = df["para_id"].to_numpy(np.int64)
    width = int(pid.max()) + 1 if len(pid) else 1
    return pd.Series(codes * width + pid, index=df.index)


def _distinct_per_group(group: np.ndarray, n_groups: int, values: np.ndarray) -> np.ndarray:
    """How many distinct ``values`` each group ``0 .. n_groups - 1`` has (``group``: one number per row).

    The distinct (group, value) pairs are the runs of their sorted codes: one vectorised sort,
    several times faster on a corpus than pandas' groupby ``nunique``.
    """
    codes, uniques = pd.factorize(values)
    width = max(len(uniques), 1)
    pairs = np.sort(group.astype(np.int64) * width + codes)
    first_of_run = np.ones(len(pairs), dtype=bool)
    first_of_run[1:] = pairs[1:] != pairs[:-1]
    return np.bincount(pairs[first_of_run] // width, minlength=n_groups)


def _group_counts(frame: pd.DataFrame, keys: list[str], para: pd.Series) -> pd.DataFrame:
    """``frame.groupby(keys, sort=False)``: each group's key values, ``count`` (rows) and ``doc_freq``
    (distinct values of ``para``, an integer key such as :func:`_paragraph_key`), groups in order of
    first appearance.

    The same table as ``.agg(count=("token", "size"), doc_freq=("_para", "nunique")).reset_index()``,
    computed from integer codes.
    """
    codes = [pd.factorize(frame[k])[0] for k in keys]  # -1 = missing: groupby drops the row
    keep = np.logical_and.reduce([c >= 0 for c in codes])
    combined = codes[0].astype(np.int64)
    for c in codes[1:]:
        combined = combined * (int(c.max(initial=0)) + 1) + c
    group, _ = pd.factorize(combined[keep])  # numbered in order of first appearance, as groupby(sort=False)
    n_groups = int(group.max(initial=-1)) + 1
    # a group's first row is where its number first exceeds every number before it
    first = np.flatnonzero(keep)[group > np.maximum.accumulate(np.concatenate(([-1], group[:-1])))]
    firsts = frame[keys].iloc[first].assign(count=np.bincount(group, minlength=n_groups),
                                            doc_freq=_distinct_per_group(group, n_groups, np.asarray(para)[keep]))
    # the key columns as groupby makes them (dtypes included): group the groups' first rows
    out = firsts.groupby(keys, sort=False).agg(count=("count", "sum"), doc_freq=("doc_freq", "sum")).reset_index()
    out.attrs = {}  # as the groupby of the whole table: the token table's provenance is not copied
    return out


@no_huge_pages()  # corpus-scale arrays: see unzh.allocation
def group_sizes(tokens: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counted tokens (``n_tokens``, the rate denominator) and paragraphs (``n_paragraphs``) per group.

    Without ``by``: one row for the whole text (column ``group`` = ``"all"``).
    ``n_paragraphs`` counts paragraphs with at least one kept token, stopwords
    included (a paragraph made only of stopwords still counts as a paragraph).
    """
    check_grouping(tokens, by)
    if by is None:
        counted = counted_tokens(tokens, by, columns=["stop"])
        return pd.DataFrame({"group": ["all"], "n_tokens": [len(counted)],
                             "n_paragraphs": [_paragraph_key(tokens).nunique()]})
    order = group_order(tokens, by)
    # from integer codes over the whole table, no filtered copies of it
    group, uniques = pd.factorize(tokens[by])  # -1: no group
    has_group = group >= 0
    counted = has_group & ~tokens["stop"].to_numpy(dtype=bool)
    n_tok = pd.Series(np.bincount(group[counted], minlength=len(uniques)), index=uniques)
    n_par = pd.Series(_distinct_per_group(group[has_group], len(uniques),
                                          _paragraph_key(tokens).to_numpy()[has_group]), index=uniques)
    out = pd.DataFrame({by: order, "n_tokens": n_tok.reindex(order, fill_value=0).to_numpy(),
                        "n_paragraphs": n_par.reindex(order, fill_value=0).to_numpy()})
    return _restore_dtype(out, tokens, by)


def _restore_dtype(df: pd.DataFrame, tokens: pd.DataFrame, by: str | None) -> pd.DataFrame:
    if by is not None and by in df.columns:
        df[by] = df[by].astype(tokens[by].dtype)
    return df


@no_huge_pages()  # corpus-scale arrays: see unzh.allocation
def term_frequency(tokens: pd.DataFrame, by: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Term frequency overall (``by=None``) or per group: count, rate per 1,000 tokens, document frequency.

    Returns one row per (group, term) with columns ``[by,] term, count,
    rate_per_1000, doc_freq, rank`` (see the module docstring for the
    definitions); ``rank`` is 1 for the most frequent term of its group (ties
    broken by the term's code points, so the order is reproducible).  ``top``
    keeps the first ``top`` terms of each group.  Raises
    :class:`UnknownTermError` for an unknown ``by``.
    """
    counted = counted_tokens(tokens, by, columns=_columns(by, "token", "doc_id", "para_id"))
    keys = ["token"] if by is None else [by, "token"]
    if counted.empty:
        cols = ([by] if by else []) + FREQUENCY_COLUMNS
        return pd.DataFrame(columns=cols)
    df = _group_counts(counted, keys, _paragraph_key(counted))
    # a group's counted tokens (group_sizes' n_tokens) are the sum of its terms' counts
    if by is None:
        df["rate_per_1000"] = 1000.0 * df["count"] / int(df["count"].sum())
        df = df.sort_values(["count", "token"], ascending=[False, True], kind="mergesort")
    else:
        n = df.groupby(by, sort=False, observed=True)["count"].sum().to_dict()
        df["rate_per_1000"] = 1000.0 * df["count"] / df[by].map(n).astype(float)
        order = {g: i for i, g in enumerate(group_order(tokens, by))}
        df = (df.assign(_g=df[by].map(order))
                .sort_values(["_g", "count", "token"], ascending=[True, False, True], kind="mergesort")
                .drop(columns="_g"))
    df = df.rename(columns={"token": "term"})
    df["rank"] = df.groupby(by, sort=False).cumcount() + 1 if by else range(1, len(df) + 1)
    if top is not None:
        df = df[df["rank"] <= top]
    out = df[([by] if by else []) + FREQUENCY_COLUMNS].reset_index(drop=True)
    out["count"] = out["count"].astype("int64")
    out["doc_freq"] = out["doc_freq"].astype("int64")
    out["rank"] = out["rank"].astype("int64")
    return _restore_dtype(out, tokens, by)


def term_paragraphs(tokens: pd.DataFrame, term: str, by: str | None = None) -> pd.DataFrame:
    """The paragraphs a term's numbers come from: one row per paragraph containing ``term``.

    Columns ``doc_id, para_id, section, debate, para_no, count`` in document
    order (restricted to rows that have a group when ``by`` is given), so a
    count or document frequency can be traced to the paragraphs behind it.
    """
    counted = counted_tokens(tokens, by)
    hits = counted[counted["token"] == term]
    cols = ["doc_id", "para_id", "section", "debate", "para_no"]
    out = hits.groupby(cols, sort=False, dropna=False).size().rename("count").reset_index()
    return out.sort_values(["doc_id", "para_id"], kind="mergesort").reset_index(drop=True)


def group_name(by: str, value, lang: str = "en") -> str:
    """A group's display name: debates and sections via :func:`unzh.structure.section_label`; other values as they are."""
    if by == "debate":
        return section_label(f"debate_{int(value)}", lang)
    if by == "section":
        return section_label(str(value), lang)
    return str(value)


def describe_top_terms(freq: pd.DataFrame, n: int = 3, by: str | None = None) -> str:
    """A reading of a :func:`term_frequency` table: its ``n`` most frequent terms with their numbers.

    Overall: ``"The most frequent terms are 移徙者 (41×, 31.4 per 1,000 tokens, in 26 paragraphs), …."``
    With ``by``: one clause per group, ``"Debate 1: 移徙者 (18×, 62.5 per 1,000), …"``.
    """
    def fmt(r, paragraphs: bool) -> str:
        tail = f", in {r.doc_freq} paragraphs" if paragraphs else ""
        return f"{r.term} ({r.count}×, {r.rate_per_1000:.1f} per 1,000{' tokens' if paragraphs else ''}{tail})"

    if by is None:
        top = freq.sort_values("rank", kind="mergesort").head(n)
        return "The most frequent terms are " + ", ".join(fmt(r, True) for r in top.itertuples()) + "."
    clauses = []
    for g in freq[by].drop_duplicates():
        top = freq[freq[by] == g].sort_values("rank", kind="mergesort").head(n)
        clauses.append(f"{group_name(by, g)}: " + ", ".join(fmt(r, False) for r in top.itertuples()))
    return "; ".join(clauses) + "."


__all__ = [
    "FREQUENCY_COLUMNS", "GROUP_COLUMNS", "SIZE_COLUMNS", "check_grouping", "counted_tokens",
    "describe_top_terms", "group_name", "group_order", "group_sizes", "term_frequency", "term_paragraphs",
]
