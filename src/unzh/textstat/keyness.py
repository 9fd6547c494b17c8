r"""Keyness of each group against the rest, and TF-IDF by group.

After quanteda's ``textstat_keyness`` / ``dfm_tfidf``: each function takes the
token table (:mod:`unzh.segment.segmenter`) and returns a table.  The counts are
those of the document-feature matrix (:func:`unzh.textstat.features.dfm`), as for
:mod:`unzh.textstat.frequency`: stopwords are dropped, rows without a group (e.g. the
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
  :math:`|G^2| \ge 3.84` ⇔ :math:`p \le 0.05`, uncorrected (see ``q_value``).
* ``q_value`` — the p-value after the Benjamini–Hochberg correction for the
  many terms tested: within each group, over its eligible terms (the tests
  the guard lets through); empty for terms the guard holds back.  A term is
  significant at the 5% false-discovery rate when ``q_value <= 0.05``.
* ``log_ratio`` — Hardie's (2014) effect size, the binary log of the ratio of
  relative frequencies, :math:`\log_2\frac{a/c}{b/d}`.  Where a count is zero
  (:math:`a=0` or :math:`b=0`) half a token of the smaller side,
  :math:`k = 0.5/\min(c, d)`, is added to *both* relative frequencies,
  :math:`\log_2\frac{a/c + k}{b/d + k}`: the value stays finite and always has
  the sign of G² (replacing only the zero count by 0.5, as Hardie does, gives
  a positive log-ratio to a term absent from a group smaller than twice the
  term's rate elsewhere).  +1 = twice as frequent in :math:`g` as in the
  rest, −1 = half.
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

from unzh.errors import InputError
from unzh.lexicon.matcher import run_starts
from unzh.text.structure import group_name
from unzh.text.words import plural
from unzh.textstat.features import dfm

#: The zero correction of the log-ratio: this many tokens of the smaller side, added to both rates.
ZERO_CORRECTION = 0.5
#: The false-discovery rate at which a key term is called significant (Benjamini–Hochberg).
FDR = 0.05
#: Default minimum number of paragraphs for a term to be key.
MIN_PARAGRAPHS = 2
#: |G2| at p = 0.05 with one degree of freedom.
G2_CRITICAL_05 = float(chdtri(1, 0.05))

KEYNESS_COLUMNS = [
    "term", "count", "count_rest", "n_tokens", "n_tokens_rest", "rate_per_1000", "rate_rest_per_1000",
    "g2", "p_value", "q_value", "log_ratio", "doc_freq", "doc_freq_rest", "n_paragraphs", "eligible",
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
    """Hardie's log-ratio log2((a/c)/(b/d)); where ``a`` or ``b`` is 0, ``k = correction / min(c, d)``
    is added to both relative frequencies, so that the value is finite and has the sign of ``a/c - b/d``."""
    a, b, c, d = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (a, b, c, d)))
    ra, rb = a / c, b / d
    zero = (a == 0) | (b == 0)
    k = np.where(zero, correction / np.minimum(c, d), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2((ra + k) / (rb + k))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) of one family of tests, in the order given."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p
    order = np.argsort(p, kind="mergesort")
    ranked = p[order] * m / np.arange(1, m + 1)
    q = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = q
    return out


def _q_values(p: np.ndarray, eligible: np.ndarray, group: np.ndarray) -> np.ndarray:
    """BH q-values within each group over its eligible tests; NaN elsewhere."""
    q = np.full(len(p), np.nan)
    for g in np.unique(group):
        rows = np.flatnonzero((group == g) & eligible)
        q[rows] = benjamini_hochberg(p[rows])
    return q


def _check_groups(order: list, by: str) -> None:
    if len(order) < 2:
        raise InputError(None, f"keyness compares groups: grouping by {by!r} gives {len(order)} group(s), need at least 2")


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
    d = dfm(tokens, by)
    n_groups, n_terms = d.shape
    if n_groups < 2:
        _check_groups(d.groups, by)
    terms = d.terms.to_numpy()
    # every group at once: groups x terms arrays (groups in their order), flattened group by group
    a = d.counts.toarray()
    dfa = d.doc_freq.toarray()
    b = a.sum(axis=0) - a
    n_tok = d.n_tokens
    n_rest = int(n_tok.sum()) - n_tok
    c, rest = n_tok[:, None], n_rest[:, None]
    g2 = log_likelihood(a, b, c, rest)
    dfb = dfa.sum(axis=0) - dfa  # paragraphs belong to one group, so these add up
    side = np.where(g2 >= 0, dfa, dfb)
    # rows: group (in order), then signed g2 descending (NaN last), then term (by value, whatever the token dtype)
    term_order = np.empty(n_terms, dtype=np.int64)
    term_order[pd.Index(terms).argsort(kind="mergesort")] = np.arange(n_terms)
    group = np.repeat(np.arange(n_groups), n_terms)
    row = np.lexsort((np.tile(term_order, n_groups), -g2.ravel(), group))
    group, col = np.divmod(row, n_terms)
    df = pd.DataFrame({
        by: d.group_labels(group), "term": terms[col],
        "count": a.ravel()[row], "count_rest": b.ravel()[row],
        "n_tokens": n_tok[group], "n_tokens_rest": n_rest[group],
        "rate_per_1000": (1000.0 * a / c).ravel()[row], "rate_rest_per_1000": (1000.0 * b / rest).ravel()[row],
        "g2": g2.ravel()[row], "p_value": chdtrc(1, np.abs(g2)).ravel()[row],
        "q_value": np.nan,
        "log_ratio": log_ratio(a, b, c, rest).ravel()[row],
        "doc_freq": dfa.ravel()[row], "doc_freq_rest": dfb.ravel()[row],
        "n_paragraphs": d.n_paragraphs[group],
        "eligible": (side >= min_paragraphs).ravel()[row],
    })
    df["q_value"] = _q_values(df["p_value"].to_numpy(), df["eligible"].to_numpy(), group)
    df.attrs["min_paragraphs"] = min_paragraphs
    df.attrs["unit"] = tokens.attrs.get("unit", "paragraph") if isinstance(tokens, pd.DataFrame) else "paragraph"
    return d.restore_dtype(df)


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
        pick.append(pos.groupby(by, sort=False).head(top) if top is not None else pos)
    if direction in ("negative", "both"):
        n = neg.groupby(by, sort=False).head(top) if top is not None else neg
        pick.append(n.iloc[::-1])  # back to descending G2
    out = pd.concat(pick) if len(pick) > 1 else pick[0]
    order = {g: i for i, g in enumerate(keyness[by].drop_duplicates())}
    out = (out.assign(_g=out[by].map(order))
              .sort_values(["_g", "g2", "term"], ascending=[True, False, True], kind="mergesort")
              .drop(columns="_g"))
    return out.reset_index(drop=True)


def textstat_tfidf(tokens: pd.DataFrame, by: str, top: int | None = None) -> pd.DataFrame:
    """TF-IDF of every term in each group (see the module docstring), sorted by group then ``tfidf`` descending.

    Columns ``[by] +`` :data:`TFIDF_COLUMNS`: ``count``, ``tf`` (per 1,000
    counted tokens), ``groups_with_term``, ``idf`` (log10), ``tfidf`` and
    ``rank`` within the group (ties by count, then term).  Only terms present in
    the group are listed.  ``top`` keeps the first ``top`` of each group.
    """
    d = dfm(tokens, by)
    n_groups = d.shape[0]
    if not n_groups:
        raise InputError(None, f"no token has a value in column {by!r}")
    group, term, count, _ = d.cells()
    tf = 1000.0 * count / d.n_tokens[group].astype(float)
    groups_with_term = np.bincount(term, minlength=d.shape[1])[term]
    idf = np.log10(n_groups / groups_with_term)
    tfidf = tf * idf
    # groups in their order, then tfidf and count (descending), then term (the dfm's columns are in term order);
    # groups of a categorical column come in the order of its categories, as they always have here
    # (unlike term_frequency and textstat_keyness, which keep the order of appearance)
    order = d.groups.codes if isinstance(d.groups, pd.CategoricalIndex) else np.arange(n_groups)
    row = np.lexsort((term, -count, -tfidf, order[group]))
    group = group[row]
    position = np.arange(len(row))
    rank = position - np.maximum.accumulate(np.where(run_starts(group), position, 0)) + 1
    if top is not None:
        row, group, rank = row[rank <= top], group[rank <= top], rank[rank <= top]
    df = pd.DataFrame({by: d.group_labels(group), "term": d.term_labels(term[row]), "count": count[row],
                       "tf": tf[row], "groups_with_term": groups_with_term[row], "idf": idf[row],
                       "tfidf": tfidf[row], "rank": rank.astype("int64")})
    return d.restore_dtype(df)


def describe_keyness(keyness: pd.DataFrame, by: str, n: int = 3, p_max: float = 0.05,
                     glosses: dict[str, str] | None = None, names=None) -> list[str]:
    """One sentence per group (named by ``names`` where given, :func:`unzh.text.structure.group_names`) naming its ``n`` strongest key terms (eligible, uncorrected p ≤ ``p_max``)
    with their numbers, and how many of the group's key terms stay significant after the
    Benjamini–Hochberg correction (q ≤ :data:`FDR`).

    E.g. ``"Debate 2: strongest key terms 汇款 (remittances; G2 = 21.3, q = 0.004, log-ratio +4.1, in 5 of
    10 paragraphs); 2 key terms significant after correction."``  A group without such a term gets
    a sentence saying so.
    """
    glosses = glosses or {}
    top = key_terms(keyness, by, top=n, direction="positive", p_max=p_max)
    lines = []
    for g in keyness[by].drop_duplicates():
        rows = top[top[by] == g]
        name = group_name(by, g, "en", names=names)
        mp = keyness.attrs.get("min_paragraphs", MIN_PARAGRAPHS)
        if rows.empty:
            lines.append(f"{name} has no term that is key at p ≤ {p_max:g} in at least {mp} "
                         f"{keyness.attrs.get('unit', 'paragraph')}s.")
            continue
        mine = keyness[(keyness[by] == g) & (keyness["g2"] > 0)]
        sig = int((mine["q_value"] <= FDR).sum())
        parts = []
        for r in rows.itertuples():
            gloss = f"{glosses[r.term]}; " if r.term in glosses else ""
            parts.append(f"{r.term} ({gloss}G2 = {r.g2:.1f}, q = {r.q_value:.2f}, log-ratio {r.log_ratio:+.1f}, "
                         f"in {r.doc_freq} of {plural(int(r.n_paragraphs), 'paragraph')})")
        verdict = (f"{plural(sig, 'key term')} significant after the Benjamini–Hochberg correction (q ≤ {FDR:g})" if sig
                   else f"none significant after the Benjamini–Hochberg correction (q ≤ {FDR:g})")
        lines.append(f"{name}: strongest key terms " + ", ".join(parts) + f"; {verdict}.")
    return lines


__all__ = [
    "FDR", "G2_CRITICAL_05", "KEYNESS_COLUMNS", "benjamini_hochberg", "MIN_PARAGRAPHS", "TFIDF_COLUMNS", "ZERO_CORRECTION",
    "describe_keyness", "key_terms", "log_likelihood", "log_ratio",
    "textstat_keyness", "textstat_tfidf",
]
