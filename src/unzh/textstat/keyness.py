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
* ``counted`` — ``tokens``, or ``occurrences`` for a **hidden head**: a term that a longer
  dictionary word holds as a part (人权 in 国际人权标准 and 国际人权法, given ``compounds``, the
  dictionary's words).  The dictionary keeps such a compound one token, so the token 人权 misses the
  human rights the text names there (seed, debates 1-4: 5/0/0/4 tokens against 7/0/1/4 occurrences),
  and by tokens 人权 looked significantly under-used in debate 3 (G² −5.4).  A head's ``count`` and
  ``count_rest`` are then its occurrences, as a token and inside those compounds (what ``unzh kwic``
  finds, :mod:`unzh.textstat.occurrences`), and its ``doc_freq`` the largest paragraph count among the
  term and the compounds that hold it — at least that many paragraphs hold it, so the guard never
  passes on a guess.  A part is a run of the constituents jieba's own dictionary cuts the compound
  into (:func:`hidden_heads`): 国际人权法 = 国际 | 人权 | 法 holds 人权, 国际法律文书 = 国际 | 法律 | 文书 holds
  no 国际法; a constituent next to a one-character affix (:data:`AFFIXES`) is no part (移徙者 = 移徙 | 者,
  an agent suffix, holds no 移徙: migrants are not migration).  Group sizes stay the counted tokens.

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
    "g2", "p_value", "q_value", "log_ratio", "doc_freq", "doc_freq_rest", "n_paragraphs", "eligible", "counted",
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


def _check_groups(order: list, by: str, empty: list = ()) -> None:
    if len(order) < 2:
        without = (f" with a counted token ({', '.join(map(str, empty))}: none)" if empty else "")
        raise InputError(None, f"keyness compares groups: grouping by {by!r} gives {len(order)} group(s){without}, "
                               "need at least 2")


#: One-character affixes (prefixes, suffixes): a word that is a term plus one of these is a derivation of
#: it, not a compound holding it (:func:`hidden_heads`): 非/不/反/无/未 negate, 可 (-able: 可持续), 各/本/该
#: determine; 者 (agent), 性 (-ness), 化 (-ise), 们 (plural), 到 (a verb's complement: 考虑到), 式/型 (-style,
#: -type), 率/度 (rate, degree), 界 (circles: 学术界).  Standard Chinese word formation (词缀).
AFFIXES = {"prefix": frozenset("非不反无未可各本该"), "suffix": frozenset("者性化们到式型率度界")}


def compound_parts(word: str) -> list[str]:
    """How jieba's own dictionary cuts ``word`` when the word itself is not a choice (HMM off):
    ``国际人权标准`` → ``国际 | 人权 | 标准``, ``国际法律文书`` → ``国际 | 法律文书``; ``[word]`` for a word of
    one or two characters.  Its dynamic programme, without the edge that spans the whole word."""
    from unzh.segment.dictionary import _tokenizer
    n = len(word)
    if n < 3:
        return [word]
    tk = _tokenizer(None)
    dag = {k: [j for j in v if not (k == 0 and j == n - 1)] or [k] for k, v in tk.get_DAG(word).items()}
    route: dict = {}
    tk.calc(word, dag, route)
    out, i = [], 0
    while i < n:
        j = route[i][1] + 1
        out.append(word[i:j])
        i = j
    return out


def _parts(word: str, cut, depth: int = 0) -> list[str]:
    """Every part of ``word`` (module docstring): each run of its pieces (:func:`compound_parts`) but the
    whole, not right after a prefix nor right before a suffix of :data:`AFFIXES`, and the parts of its
    pieces of three characters or more, recursively."""
    pieces = cut(word)
    if len(pieces) < 2 or depth > 4:
        return []
    out = []
    for i in range(len(pieces)):
        if i > 0 and len(pieces[i - 1]) == 1 and pieces[i - 1] in AFFIXES["prefix"]:
            continue
        for j in range(i + 1, len(pieces) + 1):
            if (i, j) == (0, len(pieces)):
                continue
            if j < len(pieces) and len(pieces[j]) == 1 and pieces[j] in AFFIXES["suffix"]:
                continue
            run = "".join(pieces[i:j])
            if len(run) >= 2:
                out.append(run)
    for piece in pieces:
        if len(piece) >= 3:
            out += _parts(piece, cut, depth + 1)
    return out


def hidden_heads(terms, compounds, cut=None) -> dict[str, list[tuple[str, int]]]:
    """The terms of ``terms`` that longer words of ``compounds`` hold as a part, with those words and
    how many times each holds it: ``{"人权": [("国际人权标准", 1), ("国际人权法", 1)]}``.  A part is a run of
    the pieces jieba's own dictionary cuts the word into (``cut``, default :func:`compound_parts`), or of
    the pieces of those pieces, not next to a one-character affix (:data:`AFFIXES`): 国际人权法 = 国际 |
    人权法 = 国际 | 人权 | 法 holds 人权; 国际法律文书 = 国际 | 法律 | 文书 holds no 国际法; 移徙者 = 移徙 | 者
    holds no 移徙.  Only words of ``terms`` count."""
    cut = compound_parts if cut is None else cut
    vocabulary = {str(t) for t in terms}
    out: dict[str, list[tuple[str, int]]] = {}
    for word in sorted(vocabulary.intersection(map(str, compounds))):
        found: dict[str, int] = {}
        for part in _parts(word, cut):
            if part in vocabulary and part != word:
                found[part] = found.get(part, 0) + 1
        for part, times in found.items():
            out.setdefault(part, []).append((word, times))
    return out


def _groups_keyness(d, min_paragraphs: int, heads: dict | None = None):
    """The keyness columns of each group of the dfm ``d`` against the rest, one group at a time
    (memory: a few arrays of the vocabulary's size, whatever the number of groups): yields
    ``(group, columns)`` with every column an array over the terms (in the dfm's term order).
    ``heads``: ``{column: [(column of a compound holding it, times), ...]}`` (:func:`hidden_heads`), the
    terms counted by occurrences: as a token and inside those compounds; their ``doc_freq`` the largest
    paragraph count among the term and those compounds."""
    n_groups, n_terms = d.shape
    counts, doc_freq = d.counts.tocsr(), d.doc_freq.tocsr()
    heads = heads or {}
    head_cols = np.array(sorted(heads), dtype=np.int64)
    # the heads' counts in every group (groups x heads, small): occurrences, and the paragraph lower bound
    a_heads = counts[:, head_cols].toarray().astype(float) if len(head_cols) else np.zeros((n_groups, 0))
    df_heads = doc_freq[:, head_cols].toarray().astype(np.int64) if len(head_cols) else np.zeros((n_groups, 0), np.int64)
    for k, j in enumerate(head_cols.tolist()):
        for w, times in heads[j]:
            a_heads[:, k] += times * counts[:, w].toarray().ravel()
            df_heads[:, k] = np.maximum(df_heads[:, k], doc_freq[:, w].toarray().ravel())
    total = np.asarray(counts.sum(axis=0), dtype=float).ravel()
    total_df = np.asarray(doc_freq.sum(axis=0), dtype=np.int64).ravel()
    if len(head_cols):
        total[head_cols] = a_heads.sum(axis=0)
        total_df[head_cols] = df_heads.sum(axis=0)
    n_tok = d.n_tokens
    n_rest = int(n_tok.sum()) - n_tok
    # a term absent from a group has a = 0 and b = its corpus total: its numbers depend on that total
    # alone, so they are computed once per distinct total (a few thousand, against a vocabulary of
    # 100,000 and more) and looked up; the terms present in the group are computed one by one
    totals, total_at = np.unique(total, return_inverse=True)
    zeros = np.zeros(len(totals))
    for g in range(n_groups):
        row = counts[g]
        a = np.zeros(n_terms)
        a[row.indices] = row.data
        dfa = np.zeros(n_terms, dtype=np.int64)
        drow = doc_freq[g]
        dfa[drow.indices] = drow.data
        if len(head_cols):
            a[head_cols], dfa[head_cols] = a_heads[g], df_heads[g]
        present = np.flatnonzero(a)
        b, dfb = total - a, total_df - dfa  # paragraphs belong to one group, so these add up
        c, rest = float(n_tok[g]), float(n_rest[g])
        # the present terms' (a, b) pairs repeat too (1 and 0, 1 and 1, ...): once per distinct pair
        pair = a[present].astype(np.int64) * (int(total.max()) + 1) + b[present].astype(np.int64)
        pairs, pair_at = np.unique(pair, return_inverse=True)
        ap, bp = (pairs // (int(total.max()) + 1)).astype(float), (pairs % (int(total.max()) + 1)).astype(float)
        g2_absent, g2_present = log_likelihood(zeros, totals, c, rest), log_likelihood(ap, bp, c, rest)
        g2 = g2_absent[total_at]
        g2[present] = g2_present[pair_at]
        p = chdtrc(1, np.abs(g2_absent))[total_at]
        p[present] = chdtrc(1, np.abs(g2_present))[pair_at]
        lr = log_ratio(zeros, totals, c, rest)[total_at]
        lr[present] = log_ratio(ap, bp, c, rest)[pair_at]
        eligible = np.where(g2 >= 0, dfa, dfb) >= min_paragraphs
        q = np.full(n_terms, np.nan)
        q[eligible] = benjamini_hochberg(p[eligible])  # within the group, over its eligible terms
        with np.errstate(divide="ignore", invalid="ignore"):
            yield g, {"count": a.astype(np.int64), "count_rest": b.astype(np.int64),
                      "rate_per_1000": 1000.0 * a / c, "rate_rest_per_1000": 1000.0 * b / rest,
                      "g2": g2, "p_value": p, "q_value": q, "log_ratio": lr,
                      "doc_freq": dfa, "doc_freq_rest": dfb, "eligible": eligible}


def _term_ranks(d) -> np.ndarray:
    """Each term's rank by value (code points), whatever the terms' dtype."""
    rank = np.empty(d.shape[1], dtype=np.int64)
    rank[pd.Index(d.terms.to_numpy()).argsort(kind="mergesort")] = np.arange(d.shape[1])
    return rank


def _selected(cols: dict, rank: np.ndarray, top: int | None, direction: str, p_max: float | None) -> np.ndarray:
    """The terms :func:`key_terms` keeps of one group: up to ``top`` eligible positive (largest G² first)
    and/or negative (most negative), in the keyness table's order (G² descending, then term)."""
    ok = cols["eligible"].copy()
    if p_max is not None:
        ok &= cols["p_value"] <= p_max
    g2 = cols["g2"]
    parts = []
    if direction in ("positive", "both"):
        pos = np.flatnonzero(ok & (g2 > 0))
        parts.append(pos[np.lexsort((rank[pos], -g2[pos]))][:top])
    if direction in ("negative", "both"):
        neg = np.flatnonzero(ok & (g2 < 0))
        parts.append(neg[np.lexsort((-rank[neg], g2[neg]))][:top])  # the most negative first
    pick = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return pick[np.lexsort((rank[pick], -g2[pick]))]


def textstat_keyness(tokens: pd.DataFrame, by: str, min_paragraphs: int = MIN_PARAGRAPHS, compounds=None, *,
                     top: int | None = None, direction: str | None = None, p_max: float | None = None
                     ) -> pd.DataFrame:
    """Keyness of every term in each group of ``by`` against all other groups.

    Returns one row per (group, term) over the vocabulary of all groups, with
    columns ``[by] +`` :data:`KEYNESS_COLUMNS` (defined in the module
    docstring), sorted by group, then signed ``g2`` descending, then term.
    ``compounds``: the dictionary's words; given, the hidden heads among the terms are counted by
    occurrences (``counted``; :func:`hidden_heads`).
    With ``top`` (or ``direction`` or ``p_max``): only the rows :func:`key_terms` would keep of
    that table (the ``top`` strongest eligible terms of each group, ``direction`` "positive" by
    default), computed group by group without building the table, whose size is groups times
    vocabulary (80 documents of a corpus x 120,000 terms: 9.6 million rows); ``attrs["without_rows"]``
    names the groups none of whose terms is kept, with their paragraphs.  Each group's q-values are
    over all its eligible terms either way.  A group without a counted token is left out
    (``attrs["empty_groups"]``).  Raises InputError for an unknown ``by``, fewer than two groups,
    or ``min_paragraphs < 1``.
    """
    if min_paragraphs < 1:
        raise InputError(None, f"--min-paragraphs must be at least 1, got {min_paragraphs}")
    select = top is not None or direction is not None or p_max is not None
    direction = direction or "positive"
    if direction not in ("positive", "negative", "both"):
        raise ValueError(f"direction must be 'positive', 'negative' or 'both', got {direction!r}")
    d = dfm(tokens, by)
    empty = [g for g, n in zip(d.groups.tolist(), d.n_tokens.tolist()) if n == 0]
    if empty:  # no rate per 0 tokens: a group without a counted token is left out (attrs["empty_groups"])
        d = d.group(*[g for g, n in zip(d.groups.tolist(), d.n_tokens.tolist()) if n > 0])
    n_groups, n_terms = d.shape
    if n_groups < 2:
        _check_groups(d.groups, by, empty)
    term_values = [str(t) for t in d.terms.to_numpy()]
    heads: dict = {}
    if compounds is not None:
        column = {t: j for j, t in enumerate(term_values)}
        heads = {column[part]: [(column[w], times) for w, times in words]
                 for part, words in hidden_heads(column, compounds).items()}
    by_occurrences = np.zeros(n_terms, dtype=bool)
    by_occurrences[list(heads)] = True
    rank = _term_ranks(d)
    parts, groups = [], []
    for g, cols in _groups_keyness(d, min_paragraphs, heads):
        rows = _selected(cols, rank, top, direction, p_max) if select else np.lexsort((rank, -cols["g2"]))
        parts.append({k: v[rows] for k, v in cols.items()} | {"_term": rows})
        groups.append(np.full(len(rows), g, dtype=np.int64))
    without = {d.groups[g]: int(d.n_paragraphs[g]) for g, rows in enumerate(groups) if not len(rows)}
    if select and isinstance(d.groups, pd.CategoricalIndex):
        # key_terms puts the groups of a categorical column in the order of its categories
        order = np.argsort(d.groups.codes, kind="stable")
        parts, groups = [parts[i] for i in order], [groups[i] for i in order]
    group = np.concatenate(groups)
    col = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    import pyarrow as pa
    terms = pa.array(term_values, type=pa.string())
    term_col = pd.array(terms.take(pa.array(col["_term"])), dtype="str")
    n_tok = d.n_tokens
    n_rest = int(n_tok.sum()) - n_tok
    df = pd.DataFrame({
        by: d.group_labels(group), "term": term_col,
        "count": col["count"], "count_rest": col["count_rest"],
        "n_tokens": n_tok[group], "n_tokens_rest": n_rest[group],
        "rate_per_1000": col["rate_per_1000"], "rate_rest_per_1000": col["rate_rest_per_1000"],
        "g2": col["g2"], "p_value": col["p_value"], "q_value": col["q_value"], "log_ratio": col["log_ratio"],
        "doc_freq": col["doc_freq"], "doc_freq_rest": col["doc_freq_rest"],
        "n_paragraphs": d.n_paragraphs[group], "eligible": col["eligible"],
        "counted": np.where(by_occurrences[col["_term"]], "occurrences", "tokens"),
    }, copy=False)
    df.attrs["min_paragraphs"] = min_paragraphs
    if empty:
        df.attrs["empty_groups"] = empty
    df.attrs["unit"] = tokens.attrs.get("unit", "paragraph") if isinstance(tokens, pd.DataFrame) else "paragraph"
    if select:
        df.attrs["selected"] = {"top": top, "direction": direction, "p_max": p_max}
        df.attrs["without_rows"] = without
    return d.restore_dtype(df)


def groups_without_key_terms(keyness: pd.DataFrame, by: str) -> dict:
    """The groups of a :func:`textstat_keyness` table in which no term is key, each with why
    (``{group: reason}``, in table order): no term used more there than in the rest passes the
    minimum-paragraph guard, often because the group has fewer paragraphs than the guard asks.
    :func:`key_terms` has no row for them."""
    mp = keyness.attrs.get("min_paragraphs", MIN_PARAGRAPHS)
    unit = keyness.attrs.get("unit", "paragraph")
    if "without_rows" in keyness.attrs:  # a table of the selected rows only: its groups without a row
        return {g: (f"it has {plural(int(n), unit)}, fewer than --min-paragraphs {mp}: no term can be key in it"
                    if n < mp else
                    f"no term used more than in the rest is found in at least {mp} of its {plural(int(n), unit)}")
                for g, n in keyness.attrs["without_rows"].items()}
    key = keyness["eligible"].to_numpy(dtype=bool) & (keyness["g2"].to_numpy() > 0)
    groups = pd.DataFrame({"group": keyness[by].to_numpy(dtype=object), "key": key,
                           "n": keyness["n_paragraphs"].to_numpy()})
    agg = groups.groupby("group", sort=False).agg(key=("key", "any"), n=("n", "first"))
    return {g: (f"it has {plural(int(n), unit)}, fewer than --min-paragraphs {mp}: no term can be key in it"
                if n < mp else
                f"no term used more than in the rest is found in at least {mp} of its {plural(int(n), unit)}")
            for g, has_key, n in zip(agg.index, agg["key"], agg["n"]) if not has_key}


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
    "AFFIXES", "FDR", "G2_CRITICAL_05", "KEYNESS_COLUMNS", "benjamini_hochberg", "MIN_PARAGRAPHS", "TFIDF_COLUMNS", "ZERO_CORRECTION",
    "compound_parts", "describe_keyness", "groups_without_key_terms", "hidden_heads", "key_terms", "log_likelihood", "log_ratio",
    "textstat_keyness", "textstat_tfidf",
]
