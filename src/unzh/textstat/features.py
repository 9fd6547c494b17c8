"""The document-feature matrix (dfm): group x term counts that the term measures share.

After quanteda's ``dfm`` / ``dfm_group``: :func:`dfm` reads the token table
(:mod:`unzh.segment.segmenter`) once and returns a :class:`Dfm`, from which
:func:`unzh.textstat.frequency.term_frequency`, :func:`unzh.textstat.frequency.group_sizes`,
:func:`unzh.textstat.keyness.textstat_keyness` and :func:`unzh.textstat.keyness.textstat_tfidf`
read their numbers.  This module owns the counting rules they all follow:

* **grouping** — by one column of :data:`unzh.text.structure.GROUP_COLUMNS` (anything else:
  :func:`check_grouping`'s one-line error), or, with ``by=None``, one group
  named :data:`ALL` for every row.  Rows whose group is missing belong to no
  group and are not counted.  Groups are the values some row has, in display
  order: numeric for ``debate``, order of first appearance otherwise (a group
  whose rows are all stopwords is still a group, with no terms);
* **counted tokens** — rows with a group that are not stopwords (``stop`` is
  False).  ``n_tokens`` of a group counts them; a row whose ``token`` is
  missing counts as a token but is no term (no column);
* **paragraphs** — a paragraph is a distinct ``(doc_id, para_id)``; a group's
  ``n_paragraphs`` counts the paragraphs with at least one row of the group,
  stopwords included; the paragraph frequency of a (group, term) cell counts
  the paragraphs of the group in which the term is counted at least once;
* **terms** — the columns are the terms counted at least once, in the order
  the measures sort terms in: a categorical ``token`` column by its
  categories' order, any other by value (code points).

The matrices are ``scipy.sparse.csr_matrix`` (int64, sorted indices, no
explicit zeros), ``counts`` and ``doc_freq`` with the same sparsity pattern.
They are built from integer codes of the table's columns (a categorical's own
codes, else ``pd.factorize``) — no filtered copy of the table, no grouping of
strings: a sparse paragraph x term matrix (one row per distinct (group,
paragraph) pair), then summed by group (``G @ P`` and ``G @ (P > 0)``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from unzh.lexicon.matcher import run_starts
from unzh.text.structure import ALL_GROUPS, check_grouping

#: The one group's label without ``by``.
ALL = ALL_GROUPS

__all__ = ["ALL", "Dfm", "dfm", "dfm_encoded"]


@dataclass(frozen=True, eq=False)
class Dfm:
    """Group x term counts of a token table (see the module docstring for what is counted).

    ``counts[i, j]``: occurrences of term ``terms[j]`` in group ``groups[i]``;
    ``doc_freq[i, j]``: paragraphs of the group containing it; ``n_tokens[i]``:
    counted tokens of the group (the rate denominator; the row sum of ``counts``
    plus rows with a missing token); ``n_paragraphs[i]``: its paragraphs.
    ``groups`` has the dtype of the token table's ``by`` column (``["all"]``
    without ``by``), ``terms`` that of its ``token`` column.
    """

    by: str | None
    groups: pd.Index
    terms: pd.Index
    counts: sparse.csr_matrix
    doc_freq: sparse.csr_matrix
    n_tokens: np.ndarray
    n_paragraphs: np.ndarray

    def __repr__(self) -> str:
        return (f"Dfm(by={self.by!r}: {self.shape[0]:,} groups x {self.shape[1]:,} terms, "
                f"{int(self.n_tokens.sum()):,} tokens, {int(self.n_paragraphs.sum()):,} paragraphs)")

    @property
    def shape(self) -> tuple[int, int]:
        """(groups, terms)."""
        return self.counts.shape

    @property
    def group_column(self) -> str:
        """The name of the group column of tables made from this dfm: ``by``, or ``"group"`` without it."""
        return self.by if self.by is not None else "group"

    def group_labels(self, rows: np.ndarray):
        """The labels of groups ``rows`` (positions), as an array of ``groups``' dtype."""
        return self.groups.take(rows).array

    def term_labels(self, columns: np.ndarray):
        """The terms of ``columns`` (positions), as an array of ``terms``' dtype."""
        return self.terms.take(columns).array

    def cells(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The non-zero cells in row-major order: ``(row, column, count, doc_freq)`` arrays (int64)."""
        row = np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.counts.indptr))
        return row, self.counts.indices.astype(np.int64), self.counts.data, self.doc_freq.data

    def term_totals(self) -> np.ndarray:
        """Occurrences of all terms per group (``n_tokens`` without the rows that have no token)."""
        return np.asarray(self.counts.sum(axis=1), dtype=np.int64).ravel()

    def total(self) -> Dfm:
        """The groups added up into one group, :data:`ALL` (each paragraph counted once per group it belongs to)."""
        return self._regroup(np.zeros(self.shape[0], dtype=np.int64), pd.Index([ALL]), None)

    def group(self, *labels) -> Dfm:
        """The rows of groups ``labels``, in the order given (:class:`KeyError` for a label that is not a group)."""
        rows = self.groups.get_indexer(list(labels))
        if (rows < 0).any():
            raise KeyError(labels[int(np.flatnonzero(rows < 0)[0])])
        return Dfm(self.by, self.groups.take(rows), self.terms, self.counts[rows], self.doc_freq[rows],
                   self.n_tokens[rows], self.n_paragraphs[rows])

    def _regroup(self, target: np.ndarray, groups: pd.Index, by: str | None) -> Dfm:
        g = _indicator(target, len(groups))
        return Dfm(by, groups, self.terms, _canonical(g @ self.counts), _canonical(g @ self.doc_freq),
                   np.bincount(target, weights=self.n_tokens, minlength=len(groups)).astype(np.int64),
                   np.bincount(target, weights=self.n_paragraphs, minlength=len(groups)).astype(np.int64))

    def to_frame(self) -> pd.DataFrame:
        """The non-zero cells as a long table: ``group column, term, count, doc_freq``, in (group, term) order."""
        row, col, count, doc_freq = self.cells()
        return pd.DataFrame({self.group_column: self.group_labels(row), "term": self.term_labels(col),
                             "count": count, "doc_freq": doc_freq})

    def restore_dtype(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with its group column (if any) in the token table's dtype (pandas may infer another)."""
        if self.by is not None and self.by in table.columns:
            table[self.by] = table[self.by].astype(self.groups.dtype)
        return table


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column (-1 = missing) and the values they number (``values[code]``).

    A categorical column's own codes and categories, read as they are (no hashing, no copy of the
    table); any other column through ``pd.factorize`` (values numbered in order of first appearance).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    codes, uniques = pd.factorize(values)
    return codes, pd.Index(uniques)


def _indicator(row: np.ndarray, n_rows: int) -> sparse.csr_matrix:
    """The ``n_rows x len(row)`` 0/1 matrix with a 1 at ``(row[j], j)``: ``_indicator(row) @ m`` adds ``m``'s rows up by ``row``."""
    n = len(row)
    return sparse.csr_matrix((np.ones(n, dtype=np.int64), (row, np.arange(n))), shape=(n_rows, n))


def _canonical(m) -> sparse.csr_matrix:
    """``m`` as a CSR matrix without explicit zeros, its indices sorted."""
    m = sparse.csr_matrix(m)
    m.eliminate_zeros()
    m.sort_indices()
    return m


def _groups(tokens: pd.DataFrame, by: str | None) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Per row its group's code (-1: none), each code's position in display order (-1: no row has it), the labels."""
    if by is None:
        return np.zeros(len(tokens), dtype=np.int8), np.zeros(1, dtype=np.int64), pd.Index([ALL])
    col = tokens[by]
    code, values = _codes(col)
    heads = code[run_starts(code)]  # a value's first appearance begins a run: only run heads are hashed
    present = pd.unique(heads[heads >= 0])
    if by == "debate":
        present = np.array(sorted(present, key=lambda c: values[c]), dtype=np.int64)
    position = np.full(len(values), -1, dtype=np.int64)
    position[present] = np.arange(len(present))
    if isinstance(col.dtype, pd.CategoricalDtype):
        labels = pd.Categorical.from_codes(present, dtype=col.dtype)
    else:
        labels = values.take(present).array.astype(col.dtype)
    return code, position, pd.Index(labels, dtype=col.dtype)


def _distinct_rows(*columns: np.ndarray) -> tuple[np.ndarray, int]:
    """Number the distinct rows of integer ``columns`` (in order of first appearance), and how many there are.

    Two columns at a time: both numbered densely (below the number of rows), so their combined
    key stays below rows ** 2, whatever the values.
    """
    code, uniques = pd.factorize(columns[0])
    for column in columns[1:]:
        other, values = pd.factorize(column)
        code, uniques = pd.factorize(code.astype(np.int64) * len(values) + other)
    return code, len(uniques)


def _paragraphs(tokens: pd.DataFrame, group: np.ndarray, position: np.ndarray,
                n_groups: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The table's runs of rows with equal (group, doc_id, para_id) neighbours, and the paragraphs they make up.

    Returns the index of each run's first row, each run's paragraph as a number (-1: no group)
    and each group's number of paragraphs.  The paragraphs, distinct (group, paragraph) pairs, are
    numbered group by group (those of group position 0 first): a number's group is
    ``np.repeat(np.arange(n_groups), n_paragraphs)[number]``.  Only the run heads are hashed
    (one per paragraph in a table in document order).
    """
    doc = _codes(tokens["doc_id"])[0]
    pid = tokens["para_id"].to_numpy(np.int64)
    starts = run_starts(group)
    starts |= run_starts(doc)
    starts |= run_starts(pid)
    heads = np.flatnonzero(starts)
    head_group = group[heads]
    grouped = head_group >= 0
    number = np.full(len(heads), -1, dtype=np.int64)
    if not grouped.any():
        return heads, number, np.zeros(n_groups, dtype=np.int64)
    first = heads[grouped]
    pairs, n_pairs = _distinct_rows(head_group[grouped], doc[first], pid[first])
    pair_group = np.empty(n_pairs, dtype=np.int64)
    pair_group[pairs] = position[head_group[grouped]]
    renumber = np.empty(n_pairs, dtype=np.int64)
    renumber[np.argsort(pair_group, kind="stable")] = np.arange(n_pairs)
    number[grouped] = renumber[pairs]
    return heads, number, np.bincount(pair_group, minlength=n_groups)


#: rows rewritten at a time where a whole-table temporary array would be large
_CHUNK = 1 << 20


def dfm(tokens: pd.DataFrame, by: str | None = None, *, terms: bool = True) -> Dfm:
    """The :class:`Dfm` of a token table: counted tokens of each group of ``by`` (one group without it).

    ``terms=False``: only the groups and their sizes (``n_tokens``, ``n_paragraphs``), no columns
    (the terms are neither numbered nor counted).  Raises :class:`UnknownTermError` (an
    InputError) for an unknown ``by``.  An empty table, or one with no counted token, gives a dfm
    without columns (and, without groups, without rows).  ``tokens`` may be a :class:`Dfm` already
    (grouped by ``by``): it is returned as it is, so every measure that reads a dfm takes one.
    """
    if isinstance(tokens, Dfm):  # counted already (e.g. document by document, unzh.textstat.streaming)
        if tokens.by != by:
            raise ValueError(f"this dfm is grouped by {tokens.by!r}, not {by!r}")
        return tokens
    check_grouping(tokens, by)
    group, position, labels = _groups(tokens, by)
    n_groups = len(labels)
    heads, paragraph, n_paragraphs = _paragraphs(tokens, group, position, n_groups)
    # counted rows: a group, not a stopword; a missing token counts as a token but is no term
    counted = ~tokens["stop"].to_numpy(dtype=bool)
    counted &= group >= 0
    if not terms:
        none = sparse.csr_matrix((n_groups, 0), dtype=np.int64)
        return Dfm(by, labels, pd.Index([], dtype=tokens["token"].dtype), none, none.copy(),
                   np.bincount(position[group[counted]], minlength=n_groups), n_paragraphs)
    term, values = _codes(tokens["token"])
    no_term = counted & (term < 0)
    counted &= term >= 0
    n_units = int(n_paragraphs.sum())
    row_paragraph = np.repeat(paragraph.astype(np.int32 if n_units < 2 ** 31 else np.int64),
                              np.diff(heads, append=len(counted)))[counted]
    term = term[counted]
    seen = np.flatnonzero(np.bincount(term, minlength=len(values)))  # codes of the terms counted
    if not isinstance(tokens["token"].dtype, pd.CategoricalDtype):  # terms by value (categories: their order)
        seen = seen[values.take(seen).argsort(kind="mergesort")]
    column = np.empty(len(values), dtype=np.int64)
    column[seen] = np.arange(len(seen))
    if isinstance(tokens["token"].dtype, pd.CategoricalDtype):
        labels_terms = pd.CategoricalIndex(pd.Categorical.from_codes(seen, dtype=tokens["token"].dtype))
    else:
        labels_terms = values.take(seen)
    n_terms = len(seen)
    # one key per counted row, sorted: (term, paragraph); paragraphs are numbered group by group, so
    # each (term, group) pair's rows are one run of keys, and its paragraphs runs within it
    key = column[term]
    del term
    key *= n_units  # below n_terms x n_units <= rows ** 2: no overflow
    key += row_paragraph
    del row_paragraph
    key.sort()
    paragraph_runs = run_starts(key)
    if n_groups == 1:
        key //= n_units  # key -> term
    else:
        group_of = np.repeat(np.arange(n_groups, dtype=np.int64), n_paragraphs)
        for i in range(0, len(key), _CHUNK):  # key -> term x n_groups + group, a slice at a time
            k = key[i:i + _CHUNK]
            g = group_of[k % n_units]
            k //= n_units
            k *= n_groups
            k += g
    pair_starts = np.flatnonzero(run_starts(key))
    pair = key[pair_starts]
    count = np.diff(np.append(pair_starts, len(key)))
    doc_freq = (np.add.reduceat(paragraph_runs, pair_starts, dtype=np.int64) if len(pair_starts)
                else np.zeros(0, dtype=np.int64))
    del key, paragraph_runs
    # pairs come term by term (column-major): compressed columns, turned into rows
    pair_term, pair_group = np.divmod(pair, n_groups)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_term, minlength=n_terms), out=indptr[1:])
    shape = (n_groups, n_terms)
    counts = _canonical(sparse.csc_matrix((count, pair_group, indptr), shape=shape).tocsr())
    doc_freq = _canonical(sparse.csc_matrix((doc_freq, pair_group, indptr), shape=shape).tocsr())
    n_tokens = np.asarray(counts.sum(axis=1), dtype=np.int64).ravel()  # plus the rows without a term:
    if no_term.any():
        n_tokens += np.bincount(position[group[no_term]], minlength=n_groups)
    return Dfm(by, labels, labels_terms, counts, doc_freq, n_tokens, n_paragraphs)


def dfm_encoded(rows: pd.DataFrame, enc, stopwords: frozenset, by: str | None = None) -> Dfm:
    """The :class:`Dfm` of one document's tokens in compact form, without building its token table.

    ``rows``: the paragraph rows segmented (in order), ``enc`` their tokens
    (:class:`unzh.segment.tokens.EncodedTokens`, kept tokens only, row by row), ``stopwords`` the
    segmenter's list.  The same counts as :func:`dfm` of the token table built from them (tested
    cell by cell): a group's paragraphs are its rows with at least one kept token (stopwords
    included); its counted tokens, terms, counts and paragraph frequencies leave the stopwords
    out; groups in order of first appearance (``debate`` sorted).  Groups are a categorical
    (categories: the column's values, sorted) or ``Int64`` debates, as in the token table; terms
    plain strings (a token table's term categories would hold every stopword too), which
    :func:`unzh.textstat.streaming.dfm_merge` unites across a corpus's documents.
    """
    n_rows = len(rows)
    per_row = np.asarray(enc.counts, dtype=np.int64)
    if len(per_row) != n_rows:
        raise ValueError(f"{len(per_row)} token counts for {n_rows} paragraph rows")
    has_tokens = per_row > 0
    if by is None:
        group_of_row = np.zeros(n_rows, dtype=np.int64)
        labels = pd.Index([ALL])
    else:
        check_grouping(rows, by)
        codes, uniques = pd.factorize(rows[by], sort=False)
        present = pd.unique(codes[has_tokens & (codes >= 0)])
        if by == "debate":
            present = np.array(sorted(present, key=lambda c: uniques[c]), dtype=np.int64)
        position = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the last: code -1 (no group)
        position[present] = np.arange(len(present))
        group_of_row = position[codes]
        values = uniques.take(present)
        if by == "debate":
            labels = pd.Index(pd.array(values, dtype="Int64"))
        else:  # a categorical, as in the token table: categories the column's values, sorted
            categories = pd.Index(sorted(str(u) for u in uniques), dtype="str")
            labels = pd.CategoricalIndex(pd.Categorical(pd.array(values, dtype="str"), categories=categories))
    n_groups = len(labels)
    grouped_rows = has_tokens & (group_of_row >= 0)
    n_paragraphs = np.bincount(group_of_row[grouped_rows], minlength=n_groups).astype(np.int64)
    import pyarrow as pa
    import pyarrow.compute as pc
    types = pa.array(list(enc.types), type=pa.string())
    stop_type = pc.is_in(types, value_set=_stopword_array(stopwords)).to_numpy(zero_copy_only=False)
    row = np.repeat(np.arange(n_rows, dtype=np.int64), per_row)
    code = np.asarray(enc.code, dtype=np.int64)
    group = group_of_row[row]
    counted = ~stop_type[code] & (group >= 0)
    row, code, group = row[counted], code[counted], group[counted]
    n_tokens = np.bincount(group, minlength=n_groups).astype(np.int64)
    seen = np.flatnonzero(np.bincount(code, minlength=len(types)))
    seen_types = types.take(pa.array(seen, type=pa.int64()))
    order = pc.sort_indices(seen_types).to_numpy()  # terms by code point (Arrow compares UTF-8 bytes)
    seen = seen[order]
    column = np.full(len(types), -1, dtype=np.int64)
    column[seen] = np.arange(len(seen))
    term = column[code]
    n_terms = len(seen)
    counts = _csr(group * n_terms + term, n_groups, n_terms)
    # a paragraph counts once per term: its distinct (row, term) pairs, each with its row's group
    first = np.unique(row * max(n_terms, 1) + term, return_index=True)[1]
    doc_freq = _csr(group[first] * n_terms + term[first], n_groups, n_terms)
    terms = pd.Index(pd.array(seen_types.take(pa.array(order)), dtype="str"))
    return Dfm(by, labels, terms, counts, doc_freq, n_tokens, n_paragraphs)


def _csr(key: np.ndarray, n_rows: int, n_cols: int) -> sparse.csr_matrix:
    """The ``n_rows x n_cols`` matrix counting each ``key = row * n_cols + col`` (sorted, no zeros)."""
    if n_rows * n_cols <= 1 << 24:
        counts = np.bincount(key, minlength=n_rows * n_cols)
        cells = np.flatnonzero(counts)
        data = counts[cells]
    else:
        cells, data = np.unique(key, return_counts=True)
    rows, cols = np.divmod(cells, max(n_cols, 1))
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return sparse.csr_matrix((data.astype(np.int64), cols.astype(np.int64), indptr), shape=(n_rows, n_cols))


_STOP_ARRAYS: dict[frozenset, object] = {}


def _stopword_array(stopwords: frozenset):
    """A stopword list as an Arrow array (made once per list: a corpus's documents share it)."""
    arr = _STOP_ARRAYS.get(stopwords)
    if arr is None:
        import pyarrow as pa
        _STOP_ARRAYS.clear()
        arr = _STOP_ARRAYS[stopwords] = pa.array(sorted(stopwords), type=pa.string())
    return arr
