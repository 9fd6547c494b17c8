r"""Keyness of each group against the rest, and TF-IDF by group.

After quanteda's ``textstat_keyness`` / ``dfm_tfidf``: each function takes the
token table (:mod:`unzh.segment`) and returns a table.  Counting follows
:mod:`unzh.frequency`: stopwords are dropped, rows without a group (e.g. the
annex introduction when grouping by ``debate``) take no part, so each debate
is compared with the *other debates* only.

Keyness (one row per group :math:`g` and term :math:`t`)
---------------------------------------------------------
With :math:`a` = occurrences of :math:`t` in :math:`g`, :math:`b` = in the
rest, :math:`c` = counted tokens of :math:`g`, :math:`d` = of the rest,
:math:`N = c + d`, the 2×2 table has observed cells
:math:`O = (a,\ b,\ c-a,\ d-b)` and expected cells
:math:`E = \big(c\frac{a+b}{N},\ d\frac{a+b}{N},\ c\frac{N-a-b}{N},\ d\frac{N-a-b}{N}\big)`.

* ``g2`` — Dunning's log-likelihood over the four cells,
  :math:`G^2 = 2\sum O\ln(O/E)` (with :math:`0\ln 0 = 0`; no continuity
  correction), **signed**: positive when the term is relatively more
  frequent in :math:`g` (:math:`a/c > b/d`, "key"), negative when it is
  under-used.  Equals ``scipy.stats.chi2_contingency(table,
  correction=False, lambda_="log-likelihood")``; Rayson's two-cell form
  (the Lancaster log-likelihood wizard) drops the two non-term cells and is
  slightly larger.
* ``p_value`` — :math:`P(\chi^2_1 \ge |G^2|)` (``scipy.stats.chi2.sf``, computed by the
  function it calls, ``scipy.special.chdtrc``).
  :math:`|G^2| \ge 3.84` ⇔ :math:`p \le 0.05`.  No correction for the many
  terms tested: read p-values as a ranking aid, not as confirmatory tests.
* ``log_ratio`` — Hardie's (2014) effect size, the binary log of the ratio of
  relative frequencies, :math:`\log_2\frac{a/c}{b/d}`; a zero count
  (:math:`a=0` or :math:`b=0`) is replaced by 0.5 (only the zero one; corpus
  sizes unchanged), so the value stays finite.  +1 = twice as frequent in
  :math:`g` as in the rest, −1 = half.
* ``doc_freq`` / ``doc_freq_rest`` — paragraphs of :math:`g` / of the rest
  that contain the term; ``n_paragraphs`` — paragraphs of :math:`g`.
* ``eligible`` — the minimum-paragraph guard: True when the side that uses
  the term more (``doc_freq`` if :math:`G^2 \ge 0`, else ``doc_freq_rest``)
  has at least ``min_paragraphs`` paragraphs containing it, so a single
  paragraph that repeats a word cannot make it key (or under-used).

TF-IDF by group
---------------
Each group is one "document".  :math:`\mathrm{tf}_{t,g}` = rate per 1,000
counted tokens of :math:`g`; :math:`\mathrm{idf}_t = \log_{10}(G/G_t)` with
:math:`G` groups and :math:`G_t` groups containing :math:`t`;
:math:`\mathrm{tfidf} = \mathrm{tf}\cdot\mathrm{idf}`.  Unsmoothed: a term
found in every group scores 0.  Same as quanteda's
``dfm_tfidf(dfm_group(x, debate), scheme_tf = "prop") * 1000``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# the chi-squared tail functions behind scipy.stats.chi2.sf / .isf, without importing scipy.stats
# (~50 MB of resident memory and ~1 s of import for two functions; the values are the same)
from scipy.special import chdtrc, chdtri

from .allocation import no_huge_pages
from .errors import InputError
from .frequency import (
    _restore_dtype,
    _sort_rank,
    _TermCounts,
    counted_tokens,
    group_name,
    group_order,
    group_sizes,
)

#: Hardie's correction: a zero frequency counts as this in the log-ratio.
ZERO_CORRECTION = 0.5
#: Default minimum number of paragraphs for a term to be key.
MIN_PARAGRAPHS = 2
#: |G2| at p = 0.05 with one degree of freedom.
G2_CRITICAL_05 = float(chdtri(1, 0.05))

KEYNESS_COLUMNS = [
    "term", "count", "count_rest", "n_tokens", "n_tokens_rest", "rate_per_1000", "rate_rest_per_1000",
    "g2", "p_value", "log_ratio", "doc_freq", "doc_freq_rest", "n_paragraphs", "eligible",
]
TFIDF_COLUMNS = ["term", "count", "tf", "groups_with_term", "idf", "tfidf", "rank"]


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """o * ln(o / e), with 0 where o == 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)


def log_likelihood(a, b, c, d) -> np.ndarray:
    """Signed G² (four-cell, no correction) for term counts ``a``, ``b`` in corpora of ``c``, ``d`` tokens.

    Vectorised over numpy arrays; see the module docstring for the formula.
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = c + d
    k = a + b
    obs = (a, b, c - a, d - b)
    exp = (c * k / n, d * k / n, c * (n - k) / n, d * (n - k) / n)
    g2 = 2.0 * sum(_xlogx_over(o, e) for o, e in zip(obs, exp))
    g2 = np.maximum(g2, 0.0)  # rounding can give -1e-16
    sign = np.sign(a * d - b * c)
    return sign * g2


def log_ratio(a, b, c, d, correction: float = ZERO_CORRECTION) -> np.ndarray:
    """Hardie's log-ratio log2((a/c)/(b/d)); a zero ``a`` or ``b`` is replaced by ``correction``."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a = np.where(a == 0, correction, a)
    b = np.where(b == 0, correction, b)
    return np.log2((a / c) / (b / d))


def _check_groups(order: list, by: str) -> None:
    if len(order) < 2:
        raise InputError(None, f"keyness compares groups: grouping by {by!r} gives {len(order)} group(s), need at least 2")


@no_huge_pages()  # corpus-scale arrays: see unzh.allocation
def textstat_keyness(tokens: pd.DataFrame, by: str, min_paragraphs: int = MIN_PARAGRAPHS) -> pd.DataFrame:
    """Keyness of every term in each group of ``by`` against all other groups.

    Returns one row per (group, term) over the vocabulary of all groups, with
    columns ``[by] +`` :data:`KEYNESS_COLUMNS` (defined in the module
    docstring), sorted by group, then signed ``g2`` descending, then term.
    Raises InputError for an unknown ``by``, fewer than two groups, or
    ``min_paragraphs < 1``.
    """
    if min_paragraphs < 1:
        raise InputError(None, f"--min-paragraphs must be at least 1, got {min_paragraphs}")
    # count and paragraphs of each (group, term), and each group's sizes, from one pass over the table's codes
    counts = _TermCounts(tokens, by, paragraphs=True)
    n_groups = counts.grouping.n
    if n_groups < 2:
        _check_groups(group_order(tokens, by), by)
    # the vocabulary of all groups, in the order of the columns of a (group, token) unstack
    categorical = isinstance(tokens["token"].dtype, pd.CategoricalDtype)
    term_rank = np.arange(len(counts.terms)) if categorical else _sort_rank(counts.terms)
    seen = np.zeros(len(counts.terms), dtype=bool)
    seen[counts.term] = True
    vocabulary = np.flatnonzero(seen)
    vocabulary = vocabulary[np.argsort(term_rank[vocabulary], kind="stable")]
    column = np.empty(len(counts.terms), dtype=np.int64)
    column[vocabulary] = np.arange(len(vocabulary))
    terms = counts.terms.take(vocabulary).to_numpy()
    n_terms = len(terms)
    # every group at once: groups x terms arrays (groups in their order), flattened group by group
    a = np.zeros((n_groups, n_terms), dtype=np.int64)
    a[counts.group, column[counts.term]] = counts.count
    dfa = np.zeros((n_groups, n_terms), dtype=np.int64)
    dfa[counts.group, column[counts.term]] = counts.doc_freq
    b = a.sum(axis=0) - a
    c = counts.n_tokens.astype(np.int64)[:, None]
    d = int(counts.n_tokens.sum()) - c
    g2 = log_likelihood(a, b, c, d)
    dfb = dfa.sum(axis=0) - dfa  # paragraphs belong to one group, so these add up
    side = np.where(g2 >= 0, dfa, dfb)
    # rows: group (in order), then signed g2 descending (NaN last), then term (by value: the column is strings)
    term_order = _sort_rank(pd.Index(terms))
    group = np.repeat(np.arange(n_groups), n_terms)
    row = np.lexsort((np.tile(term_order, n_groups), -g2.ravel(), group))
    group, col = np.divmod(row, n_terms)
    n_tok = counts.n_tokens.astype(np.int64)
    n_rest = int(n_tok.sum()) - n_tok
    df = pd.DataFrame({
        by: counts.grouping.labels(group), "term": terms[col],
        "count": a.ravel()[row], "count_rest": b.ravel()[row],
        "n_tokens": n_tok[group], "n_tokens_rest": n_rest[group],
        "rate_per_1000": (1000.0 * a / c).ravel()[row], "rate_rest_per_1000": (1000.0 * b / d).ravel()[row],
        "g2": g2.ravel()[row], "p_value": chdtrc(1, np.abs(g2)).ravel()[row],
        "log_ratio": log_ratio(a, b, c, d).ravel()[row],
        "doc_freq": dfa.ravel()[row], "doc_freq_rest": dfb.ravel()[row],
        "n_paragraphs": counts.n_paragraphs.astype(np.int64)[group],
        "eligible": (side >= min_paragraphs).ravel()[row],
    })
    df.attrs["min_paragraphs"] = min_paragraphs
    return _restore_dtype(df, tokens, by)


def key_terms(keyness: pd.DataFrame, by: str, top: int | None = 10, direction: str = "positive",
              p_max: float | None = None) -> pd.DataFrame:
    """The ``top`` strongest eligible terms per group: ``direction`` "positive" (key), "negative" (under-used) or "both".

    "both" gives up to ``top`` of each, positive first (largest G² first), then
    negative (most negative last).  ``p_max`` keeps only rows with
    ``p_value <= p_max``.  Rows with G² = 0 are never returned.
    """
    if direction not in ("positive", "negative", "both"):
        raise ValueError(f"direction must be 'positive', 'negative' or 'both', got {direction!r}")
    df = keyness[keyness["eligible"]]
    if p_max is not None:
        df = df[df["p_value"] <= p_max]
    pos = df[df["g2"] > 0]
    neg = df[df["g2"] < 0].iloc[::-1]  # most negative first within each group
    pick = []
    if direction in ("positive", "both"):
        pick.append(pos.groupby(by, sort=False, observed=True).head(top) if top is not None else pos)
    if direction in ("negative", "both"):
        n = neg.groupby(by, sort=False, observed=True).head(top) if top is not None else neg
        pick.append(n.iloc[::-1])  # back to descending G2
    out = pd.concat(pick) if len(pick) > 1 else pick[0]
    order = {g: i for i, g in enumerate(keyness[by].drop_duplicates())}
    out = (out.assign(_g=out[by].map(order))
              .sort_values(["_g", "g2", "term"], ascending=[True, False, True], kind="mergesort")
              .drop(columns="_g"))
    return out.reset_index(drop=True)


@no_huge_pages()  # corpus-scale arrays: see unzh.allocation
def textstat_tfidf(tokens: pd.DataFrame, by: str, top: int | None = None) -> pd.DataFrame:
    """TF-IDF of every term in each group (see the module docstring), sorted by group then ``tfidf`` descending.

    Columns ``[by] +`` :data:`TFIDF_COLUMNS`: ``count``, ``tf`` (per 1,000
    counted tokens), ``groups_with_term``, ``idf`` (log10), ``tfidf`` and
    ``rank`` within the group (ties by count, then term).  Only terms present in
    the group are listed.  ``top`` keeps the first ``top`` of each group.
    """
    counted = counted_tokens(tokens, by)
    order = group_order(tokens, by)
    if not order:
        raise InputError(None, f"no token has a value in column {by!r}")
    df = counted.groupby([by, "token"], observed=True).size().rename("count").reset_index().rename(columns={"token": "term"})
    sizes = group_sizes(tokens, by)
    n = dict(zip(sizes[by], sizes["n_tokens"]))
    df["tf"] = 1000.0 * df["count"] / df[by].map(n).astype(float)
    df["groups_with_term"] = df.groupby("term", observed=True)[by].transform("nunique").astype("int64")
    df["idf"] = np.log10(len(order) / df["groups_with_term"])
    df["tfidf"] = df["tf"] * df["idf"]
    rank = {g: i for i, g in enumerate(order)}
    df = (df.assign(_g=df[by].map(rank))
            .sort_values(["_g", "tfidf", "count", "term"], ascending=[True, False, False, True], kind="mergesort")
            .drop(columns="_g"))
    df["rank"] = df.groupby(by, sort=False, observed=True).cumcount() + 1
    if top is not None:
        df = df[df["rank"] <= top]
    df["count"] = df["count"].astype("int64")
    df["rank"] = df["rank"].astype("int64")
    return _restore_dtype(df[[by] + TFIDF_COLUMNS].reset_index(drop=True), tokens, by)


def describe_keyness(keyness: pd.DataFrame, by: str, n: int = 3, p_max: float = 0.05,
                     glosses: dict[str, str] | None = None) -> list[str]:
    """One sentence per group naming its ``n`` strongest key terms (eligible, p ≤ ``p_max``) with their numbers.

    E.g. ``"Debate 2 is distinguished by 汇款 (remittances; G2 = 21.3, log-ratio +4.1, in 5 of 10 paragraphs)."``
    A group without such a term gets a sentence saying so.
    """
    glosses = glosses or {}
    top = key_terms(keyness, by, top=n, direction="positive", p_max=p_max)
    lines = []
    for g in keyness[by].drop_duplicates():
        rows = top[top[by] == g]
        name = group_name(by, g, "en")
        mp = keyness.attrs.get("min_paragraphs", MIN_PARAGRAPHS)
        if rows.empty:
            lines.append(f"{name} has no term that is key at p ≤ {p_max:g} in at least {mp} paragraphs.")
            continue
        parts = []
        for r in rows.itertuples():
            gloss = f"{glosses[r.term]}; " if r.term in glosses else ""
            parts.append(f"{r.term} ({gloss}G2 = {r.g2:.1f}, log-ratio {r.log_ratio:+.1f}, "
                         f"in {r.doc_freq} of {r.n_paragraphs} paragraphs)")
        lines.append(f"{name} is distinguished by " + ", ".join(parts) + ".")
    return lines


__all__ = [
    "G2_CRITICAL_05", "KEYNESS_COLUMNS", "MIN_PARAGRAPHS", "TFIDF_COLUMNS", "ZERO_CORRECTION",
    "describe_keyness", "group_name", "key_terms", "log_likelihood", "log_ratio",
    "textstat_keyness", "textstat_tfidf",
]
