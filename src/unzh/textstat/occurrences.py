"""Counts that a compound cannot hide: a term's occurrences in the text, as a token, and inside longer tokens.

The dictionary keeps compounds whole (国际人权标准, 国际人权法), so the token 人权 is not counted where
the text says 国际人权标准.  For a term, :func:`term_counts` gives per group

* ``occurrences`` — non-overlapping occurrences of the string in the paragraphs' text, left to right
  (what ``unzh kwic`` lists);
* ``tokens`` — token rows equal to the term (stopword or not);
* ``in_longer_tokens`` — occurrences inside longer tokens (人权 in 国际人权标准: one);
* ``across_tokens`` — the rest: occurrences that straddle a token boundary, so that the four add up
  (``occurrences = tokens + in_longer_tokens + across_tokens``); nothing is left out.

:func:`term_keyness` is the keyness (signed G², p, log-ratio; :mod:`unzh.textstat.keyness`) of one
term in each group against the others, counted as occurrences (default) or as tokens; the group
sizes are the counted tokens in both cases.  A dictionary head (人权) is compared by occurrences.

May import: numpy, pandas, scipy.special, unzh.errors, unzh.text, unzh.textstat.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy.special import chdtrc

from unzh.errors import InputError
from unzh.text.words import plural
from unzh.textstat.frequency import group_sizes
from unzh.textstat.keyness import _check_groups, log_likelihood, log_ratio

__all__ = ["COUNTS", "TERM_COUNT_COLUMNS", "describe_hidden_heads", "term_counts", "term_keyness"]

TERM_COUNT_COLUMNS = ["term", "occurrences", "tokens", "in_longer_tokens", "across_tokens"]
#: what :func:`term_keyness` can count
COUNTS = ("occurrences", "tokens")


def _check_term(term: str) -> None:
    if not term or not term.strip():
        raise InputError("--term", "empty term")


def _labels(frame: pd.DataFrame, by: str | None) -> pd.Series:
    return pd.Series("all", index=frame.index) if by is None else frame[by]


def term_counts(paragraphs: pd.DataFrame, tokens: pd.DataFrame, term: str, by: str | None = None) -> pd.DataFrame:
    """The four counts of the module docstring, one row per group (the token table's groups, in order).

    ``paragraphs``: the rows that were segmented into ``tokens`` (e.g. the body paragraphs);
    ``by``: a column of both (None: one row, group ``"all"``).
    """
    _check_term(term)
    sizes = group_sizes(tokens, by)
    group_col = sizes.columns[0]
    groups = list(sizes[group_col])
    occ = paragraphs["text"].astype(str).str.count(re.escape(term)).groupby(_labels(paragraphs, by).to_numpy()).sum()
    tok = tokens["token"].astype(str).to_numpy()
    labels = _labels(tokens, by).to_numpy()
    equal = tok == term
    inside = np.char.count(tok.astype(str), term) * ~equal if len(tok) else np.zeros(0, dtype=np.int64)
    tok_by = pd.Series(equal.astype(np.int64)).groupby(labels).sum()
    in_by = pd.Series(inside.astype(np.int64)).groupby(labels).sum()
    rows = []
    for g in groups:
        o, t, i = int(occ.get(g, 0)), int(tok_by.get(g, 0)), int(in_by.get(g, 0))
        rows.append({group_col: g, "term": term, "occurrences": o, "tokens": t, "in_longer_tokens": i,
                     "across_tokens": o - t - i})
    out = pd.DataFrame(rows, columns=[group_col, *TERM_COUNT_COLUMNS])
    if by is not None:
        out[group_col] = out[group_col].astype(sizes[group_col].dtype)
    return out


def term_keyness(paragraphs: pd.DataFrame, tokens: pd.DataFrame, term: str, by: str,
                 count: str = "occurrences") -> pd.DataFrame:
    """Keyness of ``term`` in each group of ``by`` against the rest, counted as ``count`` (occurrences or tokens).

    Columns: ``by, term, count, count_rest, n_tokens, n_tokens_rest, g2, p_value, log_ratio, counted``
    (``counted`` says which count).  Group sizes are the counted tokens (stopwords out), as in
    :func:`unzh.textstat.keyness.textstat_keyness`, whose ``g2`` this equals for ``count="tokens"``.
    """
    if count not in COUNTS:
        raise InputError("--count", f"unknown count {count!r} (use 'occurrences' or 'tokens')")
    counts = term_counts(paragraphs, tokens, term, by)
    sizes = group_sizes(tokens, by)
    _check_groups(list(sizes[sizes.columns[0]]), by)
    a = counts[count].to_numpy(dtype=float)
    b = a.sum() - a
    c = sizes["n_tokens"].to_numpy(dtype=float)
    d = c.sum() - c
    g2 = log_likelihood(a, b, c, d)
    return pd.DataFrame({
        by: counts[counts.columns[0]], "term": term, "count": a.astype(np.int64), "count_rest": b.astype(np.int64),
        "n_tokens": c.astype(np.int64), "n_tokens_rest": d.astype(np.int64), "g2": g2,
        "p_value": chdtrc(1, np.abs(g2)), "log_ratio": log_ratio(a, b, c, d), "counted": count,
    })


def describe_hidden_heads(paragraphs: pd.DataFrame, tokens: pd.DataFrame, terms, by: str | None = None,
                          names=None) -> list[str]:
    """One line per term of ``terms`` that longer tokens hide (found inside them at least once): its
    occurrences in the text, as a token and inside longer tokens, and — with ``by`` — its G² in each
    group counted by tokens and by occurrences (:func:`term_keyness`), with p.  A single line says
    so when no term is hidden.  Groups are named by ``names`` where given (:func:`unzh.text.structure.group_names`).

    ``"人权: 12 occurrences in the text, 9 as a token, 3 inside longer tokens; G2 by tokens / by
    occurrences: Debate 1 +1.85 / +0.95 (p 0.33), …"``
    """
    from unzh.text.structure import group_name
    lines = []
    terms = list(dict.fromkeys(str(t) for t in terms))
    for term in terms:
        c = term_counts(paragraphs, tokens, term, None)  # the totals: every paragraph, grouped or not
        if int(c["in_longer_tokens"].sum()) == 0:
            continue
        text = (f"{term}: {plural(int(c['occurrences'].sum()), 'occurrence')} in the text, {int(c['tokens'].sum())} as a "
                f"token, {int(c['in_longer_tokens'].sum())} inside longer tokens")
        if by is not None:
            k_tok = term_keyness(paragraphs, tokens, term, by, count="tokens")
            k_occ = term_keyness(paragraphs, tokens, term, by, count="occurrences")
            parts = [f"{group_name(by, g, names=names)} {gt:+.2f} / {go:+.2f} (p {p:.3f})" for g, gt, go, p in
                     zip(k_occ[by], k_tok["g2"], k_occ["g2"], k_occ["p_value"])]
            text += "; G2 by tokens / by occurrences (p by occurrences): " + ", ".join(parts)
        lines.append(text)
    return lines or [f"No term of these {len(terms)} is hidden inside longer tokens: tokens and occurrences agree."]
