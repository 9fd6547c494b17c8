"""Term frequencies from the token table: counts, rates and document frequency.

After quanteda's ``textstat_frequency``: each function takes the token table
(see :mod:`unzh.segment.segmenter`) and returns a new table; nothing is written.

Definitions (for a term :math:`t` in a group :math:`g`, or in the whole text):

* ``count`` :math:`f_{t,g}` — occurrences of the term;
* ``rate_per_1000`` :math:`1000\\,f_{t,g}/N_g`, where :math:`N_g` is the number
  of *counted* tokens of the group: kept tokens (no punctuation, whitespace or
  numbers — :func:`unzh.segment.segmenter.is_kept`) that are not stopwords.  The rates
  of a group therefore add up to 1,000;
* ``doc_freq`` — the number of paragraphs (distinct ``(doc_id, para_id)``) of
  the group in which the term occurs at least once.

Stopwords (``stop`` is True) and filtered tokens never appear: the token
table holds no filtered tokens, and stopword rows are not counted.  The
counting itself (groups, counted tokens, paragraphs, term order) is the
document-feature matrix's, :func:`unzh.textstat.features.dfm`, which the keyness and
TF-IDF measures read as well.

Grouping is by a column of the token table (:data:`GROUP_COLUMNS`), normally
:func:`unzh.text.structure.default_grouping` (``debate`` for the seed document).
Rows whose group is missing (e.g. the annex introduction when grouping by
``debate``) belong to no group: they count in the overall table only.
Groups keep their natural order (numeric for ``debate``, order of appearance
otherwise); terms are sorted by count (descending), then by the term itself,
so every table is deterministic.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from unzh.lexicon.matcher import run_starts
from unzh.text.structure import check_grouping, group_name
from unzh.text.words import plural
from unzh.textstat.features import dfm

#: Columns of :func:`term_frequency` (after the group column, if any).
FREQUENCY_COLUMNS = ["term", "count", "rate_per_1000", "doc_freq", "rank"]
#: Columns of :func:`group_sizes` (after the group column).
SIZE_COLUMNS = ["n_tokens", "n_paragraphs"]


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


def group_sizes(tokens: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counted tokens (``n_tokens``, the rate denominator) and paragraphs (``n_paragraphs``) per group.

    Without ``by``: one row for the whole text (column ``group`` = ``"all"``).
    ``n_paragraphs`` counts paragraphs with at least one kept token, stopwords
    included (a paragraph made only of stopwords still counts as a paragraph).
    """
    d = dfm(tokens, by, terms=False)
    return pd.DataFrame({d.group_column: d.groups.array, "n_tokens": d.n_tokens, "n_paragraphs": d.n_paragraphs})


def term_frequency(tokens: pd.DataFrame, by: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Term frequency overall (``by=None``) or per group: count, rate per 1,000 tokens, document frequency.

    Returns one row per (group, term) with columns ``[by,] term, count,
    rate_per_1000, doc_freq, rank`` (see the module docstring for the
    definitions); ``rank`` is 1 for the most frequent term of its group (ties
    broken by the term's code points, so the order is reproducible).  ``top``
    keeps the first ``top`` terms of each group.  Raises
    :class:`UnknownTermError` for an unknown ``by``.
    """
    d = dfm(tokens, by)
    if not d.n_tokens.any():
        return pd.DataFrame(columns=([by] if by else []) + FREQUENCY_COLUMNS)
    group, term, count, doc_freq = d.cells()
    # a group's rate denominator is the sum of its terms' counts
    rate = 1000.0 * count / d.term_totals()[group].astype(float)
    # groups in their order, then count (descending), then term (the dfm's columns are in term order)
    row = np.lexsort((term, -count, group))
    group = group[row]
    first = run_starts(group)
    position = np.arange(len(row))
    rank = position - np.maximum.accumulate(np.where(first, position, 0)) + 1
    if top is not None:
        row, group, rank = row[rank <= top], group[rank <= top], rank[rank <= top]
    cols = {} if by is None else {by: d.group_labels(group)}
    cols.update({"term": d.term_labels(term[row]), "count": count[row], "rate_per_1000": rate[row],
                 "doc_freq": doc_freq[row], "rank": rank.astype("int64")})
    return d.restore_dtype(pd.DataFrame(cols))


def group_words(by: str, value) -> str:
    """A group as a sentence names it: "Debate 2", "Art. 3", "document a_resolution"."""
    return f"document {value}" if by == "doc_id" else group_name(by, value)


def empty_groups(tokens, by: str | None, expected=None) -> dict:
    """The groups of ``by`` without a counted token, each with why: ``{group: reason}``, in group order.

    ``tokens``: a token table or its :class:`unzh.textstat.features.Dfm`; ``expected``: the groups
    the text has (e.g. the grouping column's values on its body paragraphs), so that a group whose
    paragraphs gave no token row at all is named too.  Term tables have no row for such a group, and
    keyness cannot compare it (a rate per 0 tokens): the command line names each on stderr.
    """
    if by is None:
        return {}
    d = dfm(tokens, by, terms=False)
    sizes = dict(zip(d.groups.tolist(), d.n_tokens.tolist()))
    order = list(dict.fromkeys([*(expected if expected is not None else ()), *sizes]))
    return {g: "no counted token: its body paragraphs hold only stopwords, numbers or punctuation"
            for g in order if sizes.get(g, 0) == 0}


STOPWORD_ACCOUNT_COLUMNS = ["list", "entries", "tokens_removed", "only_this_list", "words_only_this_list"]


def stopword_account(tokens: pd.DataFrame, files) -> pd.DataFrame:
    """What each stopword list takes out of a token table: one row per file of ``files`` (in order):
    its entries, the tokens of the table it holds, those no other of ``files`` holds, and those
    words with their counts (``"及其 ×4|个 ×3"``, most frequent first, then by code point).

    ``tokens``: a token table with its stopwords (``stop`` flags them; the rows are the kept tokens).
    With the table's ``stop`` column from the same lists, the counted tokens are
    ``(~tokens["stop"]).sum()``.
    """
    from unzh.lexicon.files import read_stopwords
    lists = [(Path(f).name, frozenset(read_stopwords(f))) for f in files]
    words = tokens["token"].astype(str)
    counts = words.value_counts()
    rows = []
    for i, (name, entries) in enumerate(lists):
        others = frozenset().union(*(e for j, (_, e) in enumerate(lists) if j != i))
        mine = counts[counts.index.isin(entries)]
        only = mine[~mine.index.isin(others)]
        only = sorted(only.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append({"list": name, "entries": len(entries), "tokens_removed": int(mine.sum()),
                     "only_this_list": int(sum(n for _, n in only)),
                     "words_only_this_list": "|".join(f"{w} ×{n}" for w, n in only)})
    return pd.DataFrame(rows, columns=STOPWORD_ACCOUNT_COLUMNS)


def describe_stopwords(tokens: pd.DataFrame, files, top: int = 8) -> list[str]:
    """Sentences reading :func:`stopword_account`: the kept and counted tokens, then per list what it
    takes out that no other list does (its ``top`` most frequent such words).

    ``"2,110 tokens kept in the body paragraphs; 884 are stopwords, 1,226 are counted."``,
    ``"stopwords_iso_zh.txt (753 entries) removes 679 tokens (alone, it would leave 1,431 counted), 31 that no other
    list holds: 及其 ×4, …"``.
    """
    account = stopword_account(tokens, files)
    n, counted = len(tokens), int((~tokens["stop"].to_numpy(dtype=bool)).sum())
    lines = [f"{plural(n, 'token')} kept in the body paragraphs; {n - counted:,} are stopwords, "
             f"{counted:,} are counted."]
    for r in account.itertuples():
        words = [w for w in r.words_only_this_list.split("|") if w]
        shown = ", ".join(words[:top]) + (f" and {len(words) - top} more" if len(words) > top else "")
        alone = f" (alone, it would leave {n - r.tokens_removed:,} counted)" if len(account) > 1 else ""
        lines.append(f"{r.list} ({r.entries:,} entries) removes {plural(r.tokens_removed, 'token')}{alone}"
                     + (f", {r.only_this_list:,} that no other list holds: {shown}." if r.only_this_list else
                        ", none that the other lists lack."))
    return lines


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


def describe_top_terms(freq: pd.DataFrame, n: int = 3, by: str | None = None, names=None) -> str:
    """A reading of a :func:`term_frequency` table: its ``n`` most frequent terms with their numbers.

    Overall: ``"The most frequent terms are 移徙者 (41×, 31.4 per 1,000 tokens, in 26 paragraphs), …."``
    With ``by``: one clause per group, ``"Debate 1: 移徙者 (18×, 62.5 per 1,000), …"``, each group
    named by ``names`` where given (:func:`unzh.text.structure.group_names`: "Chapter 2").
    """
    def fmt(r, paragraphs: bool) -> str:
        tail = f", in {plural(int(r.doc_freq), 'paragraph')}" if paragraphs else ""
        return f"{r.term} ({r.count}×, {r.rate_per_1000:.1f} per 1,000{' tokens' if paragraphs else ''}{tail})"

    if by is None:
        top = freq.sort_values("rank", kind="mergesort").head(n)
        return "The most frequent terms are " + ", ".join(fmt(r, True) for r in top.itertuples()) + "."
    clauses = []
    for g in freq[by].drop_duplicates():
        top = freq[freq[by] == g].sort_values("rank", kind="mergesort").head(n)
        clauses.append(f"{group_name(by, g, names=names)}: " + ", ".join(fmt(r, False) for r in top.itertuples()))
    return "; ".join(clauses) + "."


__all__ = [
    "FREQUENCY_COLUMNS", "SIZE_COLUMNS", "counted_tokens",
    "STOPWORD_ACCOUNT_COLUMNS", "describe_key_term_sources", "describe_stopwords", "describe_top_terms", "empty_groups",
    "stopword_account", "group_order", "group_sizes", "group_words", "term_frequency", "term_paragraphs",
]


def describe_key_term_sources(keyness: pd.DataFrame, tokens: pd.DataFrame, paragraphs: pd.DataFrame, by: str,
                              refs, names=None, p_max: float = 0.05, n_texts: int = 2, width: int = 90) -> list[str]:
    """From a number back to its paragraphs: for each group of a :func:`unzh.textstat.keyness.textstat_keyness`
    table, its strongest key term (eligible, p ≤ ``p_max``) with G² and log-ratio, the paragraphs of
    the group that contain it — each cited by ``refs`` (a Series of references indexed like
    ``paragraphs``, e.g. :func:`unzh.explore.logic.unit_references`: "art. 1, para. 2", "debate 2 ¶5")
    — and the first ``n_texts`` of them, cut at ``width`` characters; a group without such a term
    gets one line saying so.  Groups are named by ``names`` where given."""
    from unzh.textstat.keyness import key_terms

    top = key_terms(keyness, by, top=1, direction="positive", p_max=p_max)
    cite = dict(zip(zip(paragraphs["doc_id"].astype(str), paragraphs["para_id"]), refs))
    text = dict(zip(zip(paragraphs["doc_id"].astype(str), paragraphs["para_id"]), paragraphs["text"]))
    lines = []
    for g in keyness[by].drop_duplicates():
        name = group_name(by, g, names=names)
        rows = top[top[by] == g]
        if rows.empty:
            lines.append(f"{name}: no key term at p ≤ {p_max:g} to trace back.")
            continue
        row = rows.iloc[0]
        where = term_paragraphs(tokens, row["term"], by)
        where = where[where[by] == g]
        keys = list(zip(where["doc_id"].astype(str), where["para_id"]))
        lines.append(f"{name}: {row['term']} — G2 = {row['g2']:.1f}, log-ratio {row['log_ratio']:+.1f}; "
                     f"{plural(len(keys), 'paragraph')}: " + ", ".join(cite[k] for k in keys))
        for k in keys[:n_texts]:
            t = text[k]
            lines.append("    " + (t[:width] + "…" if len(t) > width else t))
    return lines
