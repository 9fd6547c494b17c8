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
from .matching import distinct_sorted, run_starts
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


def group_order(tokens: pd.DataFrame, by: str) -> list:
    """The groups of ``by`` in display order: sorted for ``debate``, order of appearance otherwise."""
    values = tokens[by].dropna()
    return sorted(values.unique()) if by == "debate" else list(values.unique())


#: combined integer keys stay below this (int64, with room to spare); beyond it the parts are renumbered
_MAX_KEY = 2 ** 62


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column (-1 = missing) and the values they number (``values[code]``).

    A categorical column's own codes and categories, read as they are (no hashing, no copy of the
    table); any other column through ``pd.factorize`` (values numbered in order of first appearance).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    codes, uniques = pd.factorize(values)
    return codes, pd.Index(uniques)


def _first_appearances(codes: np.ndarray) -> np.ndarray:
    """The codes ``>= 0`` in order of first appearance (as ``Series.unique``), read from the runs of ``codes``.

    A value's first appearance always begins a run, so only the run starts are hashed (one per
    paragraph or document in a table in document order, instead of one per token).
    """
    heads = codes[run_starts(codes)]
    return pd.unique(heads[heads >= 0])


def _sort_rank(values: pd.Index) -> np.ndarray:
    """Each value's position once ``values`` are sorted as pandas sorts a column of them (values distinct)."""
    rank = np.empty(len(values), dtype=np.int64)
    rank[values.argsort(kind="mergesort")] = np.arange(len(values))
    return rank


class _Grouping:
    """The groups of ``by`` as integers.

    ``code``: per row of the table, its group's code (``0 .. n_codes - 1``; -1 = no group), the
    column's own codes (:func:`_codes`), so nothing per row is translated; ``position``: each code's
    place in :func:`group_order` (-1 for a code no row has), ``n`` groups; :meth:`labels` turns
    positions back into ``by`` values of the column's dtype.  Without ``by``: one group for every row.
    """

    def __init__(self, tokens: pd.DataFrame, by: str | None):
        if by is None:
            self.code, self.n_codes, self.position, self.n = np.zeros(len(tokens), dtype=np.int8), 1, np.zeros(1, np.int64), 1
            return
        col = tokens[by]
        self.dtype = col.dtype
        self.code, self._values = _codes(col)
        self.n_codes = len(self._values)
        present = _first_appearances(self.code)  # group_order: order of appearance, ...
        if by == "debate":  # ... sorted values for debates
            present = np.array(sorted(present, key=lambda c: self._values[c]), dtype=np.int64)
        self._present = present
        self.n = len(present)
        self.position = np.full(self.n_codes, -1, dtype=np.int64)
        self.position[present] = np.arange(self.n)

    def labels(self, positions: np.ndarray):
        """The ``by`` values of group ``positions``, as an array of the token table's dtype."""
        codes = self._present[positions]
        if isinstance(self.dtype, pd.CategoricalDtype):
            return pd.Categorical.from_codes(codes, dtype=self.dtype)
        return self._values.take(codes).array.astype(self.dtype)


def _paragraph_codes(tokens: pd.DataFrame) -> tuple[np.ndarray, int]:
    """One integer in ``0 .. n - 1`` per (doc_id, para_id) pair, and ``n`` (a bound, not a count).

    Document code x para_id span + para_id, shifted to start at 0 so that it combines with other codes.
    """
    doc, docs = _codes(tokens["doc_id"])
    pid = tokens["para_id"].to_numpy(np.int64)
    low = int(pid.min()) if len(pid) else 0
    span = int(pid.max()) - low + 1 if len(pid) else 1
    key = doc.astype(np.int64)
    key += 1  # a missing doc_id (-1) becomes 0
    key *= span
    key += pid
    key -= low
    return key, (len(docs) + 1) * span


def _combine(major: np.ndarray, n_major: int, minor: np.ndarray, n_minor: int) -> tuple[np.ndarray, np.ndarray | None, int]:
    """``major * n_minor + minor`` as int64 keys, ordered as the (major, minor) pairs; and ``n_minor`` used.

    ``major``'s values are ``0 .. n_major - 1`` (an int64 ``major`` is overwritten: it becomes the
    keys), ``minor``'s ``0 .. n_minor - 1``.  When a key could reach :data:`_MAX_KEY`, ``minor`` is
    numbered densely first (its order is then lost, its distinctness kept); if that is not enough,
    ``major`` too, and its values are returned (else None): :func:`_major` reads them back from a
    key either way.
    """
    major_values = None
    if n_major * n_minor >= _MAX_KEY:
        minor, uniques = pd.factorize(minor)
        n_minor = max(len(uniques), 1)
    if n_major * n_minor >= _MAX_KEY:
        major, major_values = pd.factorize(major)
    key = major.astype(np.int64, copy=False)  # an int64 major is overwritten: no copy of it
    key *= n_minor
    key += minor
    return key, major_values, n_minor


def _major(key: np.ndarray, major_values: np.ndarray | None, n_minor: int) -> np.ndarray:
    """The ``major`` values of keys made by :func:`_combine`."""
    major = key // n_minor
    return major if major_values is None else np.asarray(major_values)[major]


def _run_lengths(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices where the runs of equal neighbours of ``values`` begin, and the runs' lengths."""
    starts = np.flatnonzero(run_starts(values))
    return starts, np.diff(np.append(starts, len(values)))


def _paragraphs_per_group(g: _Grouping, para: np.ndarray, n_para: int) -> np.ndarray:
    """Distinct paragraphs (codes of :func:`_paragraph_codes`) of each group, by position, every row counted.

    Distinct (group, paragraph) pairs over every row (major 0: no group); each distinct pair begins
    a run in table order, so only the run heads are sorted.
    """
    major = g.code.astype(np.int64)
    major += 1
    gp, groups, n_minor = _combine(major, g.n_codes + 1, para, n_para)
    code = _major(distinct_sorted(gp[run_starts(gp)]), groups, n_minor)
    return np.bincount(g.position[code[code > 0] - 1], minlength=g.n)


class _TermCounts:
    """What :func:`term_frequency` and :func:`~unzh.keyness.textstat_keyness` count, in one pass over
    the table's integer codes (no filtered copy of the table, no grouping of strings).

    Per observed (group, term) pair: ``group`` (position in :func:`group_order`), ``term`` (code into
    ``terms``), ``count`` and ``doc_freq`` (distinct paragraphs), the numbers of
    ``counted_tokens(tokens, by).groupby([by, "token"])``; pairs sorted by (group code, term code).
    Per group (by position): ``n_tokens`` (counted tokens) and, with ``paragraphs``, ``n_paragraphs``
    (paragraphs with a token of the group, stopwords included), the numbers of :func:`group_sizes`.
    ``any_counted``: whether any row is counted (not a stopword, and has a group).
    """

    def __init__(self, tokens: pd.DataFrame, by: str | None, paragraphs: bool = False):
        check_grouping(tokens, by)
        self.grouping = g = _Grouping(tokens, by)
        term, self.terms = _codes(tokens["token"])
        para, n_para = _paragraph_codes(tokens)
        counted = ~tokens["stop"].to_numpy(dtype=bool)
        counted &= g.code >= 0
        self.any_counted = bool(counted.any())
        self.n_paragraphs = None
        if paragraphs:
            self.n_paragraphs = _paragraphs_per_group(g, para, n_para)
        no_term = counted & (term < 0)  # a missing token counts as a token, but is no term (groupby drops it)
        counted &= term >= 0
        n_terms = max(len(self.terms), 1)
        pair = g.code[counted].astype(np.int64)
        pair *= n_terms
        pair += term[counted]
        # (pair, paragraph) keys, sorted: a pair's rows are a run, its distinct paragraphs runs within it
        key, pair_values, n_minor = _combine(pair, g.n_codes * n_terms, para[counted], n_para)
        del pair, para
        key.sort()
        paragraph_runs = run_starts(key)
        key //= n_minor  # the pair (or its dense number) of each sorted row
        starts, self.count = _run_lengths(key)
        self.doc_freq = np.add.reduceat(paragraph_runs.astype(np.int64), starts) if len(starts) else self.count.copy()
        pairs = key[starts] if pair_values is None else np.asarray(pair_values)[key[starts]]
        code, self.term = np.divmod(pairs, n_terms)
        self.group = g.position[code]
        self.n_tokens = np.bincount(self.group, weights=self.count, minlength=g.n).astype(np.int64)
        if no_term.any():
            self.n_tokens += np.bincount(g.position[g.code[no_term]], minlength=g.n)


@no_huge_pages()  # corpus-scale arrays: see unzh.allocation
def group_sizes(tokens: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counted tokens (``n_tokens``, the rate denominator) and paragraphs (``n_paragraphs``) per group.

    Without ``by``: one row for the whole text (column ``group`` = ``"all"``).
    ``n_paragraphs`` counts paragraphs with at least one kept token, stopwords
    included (a paragraph made only of stopwords still counts as a paragraph).
    """
    check_grouping(tokens, by)
    para, n_para = _paragraph_codes(tokens)
    if by is None:
        counted = counted_tokens(tokens, by, columns=["stop"])
        return pd.DataFrame({"group": ["all"], "n_tokens": [len(counted)],
                             "n_paragraphs": [len(distinct_sorted(para[run_starts(para)]))]})
    # from integer codes over the whole table, no filtered copies of it
    g = _Grouping(tokens, by)
    counted = (g.code >= 0) & ~tokens["stop"].to_numpy(dtype=bool)
    return pd.DataFrame({by: g.labels(np.arange(g.n)),
                         "n_tokens": np.bincount(g.position[g.code[counted]], minlength=g.n),
                         "n_paragraphs": _paragraphs_per_group(g, para, n_para)})


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
    c = _TermCounts(tokens, by)
    if not c.any_counted:
        cols = ([by] if by else []) + FREQUENCY_COLUMNS
        return pd.DataFrame(columns=cols)
    # a group's counted tokens (group_sizes' n_tokens) are the sum of its terms' counts
    total = np.bincount(c.group, weights=c.count, minlength=c.grouping.n).astype(np.int64)
    rate = 1000.0 * c.count / total[c.group].astype(float)
    # groups in their order, then count (descending), then term (as pandas sorts the token column:
    # a categorical by its categories' order, other values by value); (group, term) pairs are distinct
    term_rank = c.term if isinstance(tokens["token"].dtype, pd.CategoricalDtype) else _sort_rank(c.terms)[c.term]
    row = np.lexsort((term_rank, -c.count, c.group))
    group = c.group[row]
    first = run_starts(group)
    position = np.arange(len(row))
    rank = position - np.maximum.accumulate(np.where(first, position, 0)) + 1
    if top is not None:
        row, group, rank = row[rank <= top], group[rank <= top], rank[rank <= top]
    cols = {} if by is None else {by: c.grouping.labels(group)}
    term = c.term[row]
    cols["term"] = (pd.Categorical.from_codes(term, dtype=tokens["token"].dtype)
                    if isinstance(tokens["token"].dtype, pd.CategoricalDtype) else c.terms.take(term).array)
    cols.update({"count": c.count[row].astype("int64"), "rate_per_1000": rate[row],
                 "doc_freq": c.doc_freq[row].astype("int64"), "rank": rank.astype("int64")})
    out = pd.DataFrame(cols)
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
    out = hits.groupby(cols, sort=False, dropna=False, observed=True).size().rename("count").reset_index()
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
