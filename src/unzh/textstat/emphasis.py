"""Stakeholder measures per group, bootstrap intervals over paragraphs, ranks and the rhetorical profile.

Input: the sentence table of :func:`unzh.textstat.stakeholders.code_stakeholders`.
For an actor *a* and a group *g* (the body paragraphs whose grouping column
— ``debate``, ``section``, ``doc_id`` … — has the value *g*; paragraphs
with no value, e.g. the letter and introduction when grouping by debate,
belong to no group):

===================  =========================================================
mentions             alias matches of *a* in the group's paragraphs
chars                characters of the group's paragraphs (``n_chars``:
                     whitespace excluded)
rate                 mentions per 1,000 characters = 1000 · mentions / chars
paragraphs_naming    paragraphs with at least one mention of *a*
paragraphs           paragraphs of the group
share                paragraphs_naming / paragraphs
emphasis             sum over the mentions of their sentence's weight
                     (strong 3, medium 2, weak 1, no verb ``none_weight``):
                     a mention in a "stressed" sentence counts three times
                     one in a "mentioned" sentence.  Not normalised …
emphasis_rate        … so this is the score to compare across groups of
                     different length: 1000 · emphasis / chars
mean_weight          emphasis / mentions: the average force with which the
                     group names *a* (NaN if never named)
===================  =========================================================

**Intervals** (``*_low``, ``*_high``): percentile bootstrap over
paragraphs.  In each of ``n_boot`` resamples the group's *n* paragraphs are
drawn *n* times with replacement and every measure is recomputed from the
drawn paragraphs (ratios as ratios of sums: a long paragraph weighs more);
the interval is the central ``level`` (95 %) of the resampled values.  The
same draws serve every actor of a group (intervals of two actors in one
debate come from the same resamples).  Draws come from
``numpy.random.default_rng([seed, crc32(group)])``: fixed by the seed and
the group's own value, so adding or removing another group changes nothing.
With few paragraphs per group (the seed's debates have 9-14), two intervals that overlap widely say that
the difference between them could be the luck of which paragraphs were
written.  Everything is vectorised (a few matrix products per group), so the default 10,000
resamples take milliseconds; at corpus scale (hundreds of groups) the groups are
shared among the cores (``workers``), each group with its own draws.
"""
from __future__ import annotations

import zlib
from functools import partial
from itertools import chain
from operator import itemgetter

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from unzh.errors import InputError
from unzh.segment.parallel import default_workers, map_forked
from unzh.text.structure import GROUP_COLUMNS, UNIT_GROUPINGS, check_grouping, group_name, groups_in_order
from unzh.text.words import plural
from unzh.textstat.stakeholders import STRENGTHS, actor_ids, actor_labels

__all__ = [
    "DEFAULT_N_BOOT",
    "DEFAULT_SEED",
    "MEASURES",
    "STAT_COLUMNS",
    "bootstrap_intervals",
    "compare_stats",
    "describe_profile",
    "describe_top",
    "describe_top_actor",
    "MEASURE_NAMES",
    "top_actor",
    "group_totals",
    "paragraph_matrices",
    "rhetorical_profile",
    "stakeholder_ranks",
    "textstat_stakeholders",
]

DEFAULT_N_BOOT = 10_000  # enough for stable 95% percentile bounds (>= 10,000: Efron & Tibshirani)
DEFAULT_SEED = 2006
#: resamples drawn and summed at a time
RESAMPLE_CHUNK = 256
#: draws (resamples x paragraphs, over all groups) from which the groups are shared among the cores:
#: a worker process takes ~0.7 s to start (imports, the matrices pickled to it); 158 M draws took
#: 2.4 s in one process, 2.1 s in two (1.4 s when the worker was forked, before Python 3.13)
PARALLEL_MIN_DRAWS = 100_000_000
#: measures that get a bootstrap interval
MEASURES = ("rate", "share", "emphasis", "emphasis_rate")
STAT_COLUMNS = ["actor_id", "label", "actor_group", "mentions", "paragraphs_naming", "paragraphs", "chars",
                "rate", "rate_low", "rate_high", "share", "share_low", "share_high",
                "emphasis", "emphasis_low", "emphasis_high", "emphasis_rate", "emphasis_rate_low",
                "emphasis_rate_high", "mean_weight"]
_PARA_KEYS = ["doc_id", "para_id"]


def _groups(coded: pd.DataFrame, by: str | None) -> list:
    if by is None:
        return ["all"]
    return groups_in_order(coded[by])


def paragraph_matrices(coded: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Paragraph-level data: ``(paragraphs, M, E)``.

    ``paragraphs``: one row per paragraph of the sentence table (document
    order) with its metadata and ``para_chars``; ``M[i, j]``: mentions of
    actor *j* (lexicon order) in paragraph *i*; ``E[i, j]``: their emphasis
    (each mention times its sentence's weight).
    """
    ids = actor_ids(coded)
    col = {a: j for j, a in enumerate(ids)}
    # each sentence's paragraph: (doc_id, para_id) numbered in order of first appearance
    doc, _ = pd.factorize(coded["doc_id"], use_na_sentinel=False)
    para, _ = pd.factorize(coded["para_id"], use_na_sentinel=False)
    sentence_row, paragraph_keys = pd.factorize(doc.astype(np.int64) * (int(para.max(initial=0)) + 1) + para)
    shape = (len(paragraph_keys), len(ids))
    # one (paragraph, actor, weight) triple per mention, summed with bincount: the mentions are
    # added one by one in table order, as a loop would add them (so E is the same to the last bit)
    mentions = coded["mentions"].tolist()
    per_sentence = np.fromiter(map(len, mentions), np.intp, len(mentions))
    rows = np.repeat(sentence_row, per_sentence)
    keys = map(itemgetter(3), chain.from_iterable(mentions))  # Match.key, iterated in C
    cols = np.fromiter(map(col.__getitem__, keys), np.intp, len(rows))
    weights = np.repeat(coded["weight"].to_numpy(dtype=float), per_sentence)
    cell = rows * len(ids) + cols
    M = np.bincount(cell, minlength=shape[0] * shape[1]).astype(float).reshape(shape)
    E = np.bincount(cell, weights=weights, minlength=shape[0] * shape[1]).reshape(shape)
    kept = [c for c in coded.columns if c in ("doc_id", "para_id", "section", "section_title", "debate", "para_no",
                                              "para_chars", *GROUP_COLUMNS, *UNIT_GROUPINGS)]
    paragraphs = coded[kept].drop_duplicates(_PARA_KEYS).reset_index(drop=True)
    return paragraphs, M, E


def bootstrap_intervals(M: np.ndarray, E: np.ndarray, chars: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                        level: float = 0.95) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Percentile intervals of :data:`MEASURES` for one group, resampling its paragraphs (rows) with replacement.

    ``M``/``E``: paragraphs x actors mentions / emphasis; ``chars``: characters
    per paragraph.  Returns ``{measure: (low, high)}``, arrays over actors.
    """
    n, k = M.shape
    if n == 0 or n_boot == 0:
        nan = np.full(k, np.nan)
        return {m: (nan, nan) for m in MEASURES}
    # an actor the group never mentions is 0 in every resample, so its bounds are 0: only the actors
    # it mentions are resampled (the draws depend on n alone, and each actor's sums and quantiles are
    # computed on their own, so the numbers are those of resampling every column)
    present = np.flatnonzero(M.any(axis=0) | E.any(axis=0))
    if len(present) < k:
        zero = np.zeros(k)
        found = bootstrap_intervals(M[:, present], E[:, present], chars, n_boot=n_boot, rng=rng, level=level) \
            if len(present) else None
        out = {}
        for m in MEASURES:
            low, high = zero.copy(), zero.copy()
            if found is not None:
                low[present], high[present] = found[m]
            out[m] = (low, high)
        if found is None:  # the draws are still taken: the next group's stream must not depend on this one
            _ = [rng.integers(0, n, size=(min(RESAMPLE_CHUNK, n_boot - lo), n)) for lo in range(0, n_boot, RESAMPLE_CHUNK)]
        return out
    # the resamples RESAMPLE_CHUNK at a time (the draws of consecutive calls are those of one call:
    # the same numbers as before), so the arrays stay small and are reused instead of fresh memory
    # for every group, whose first touch cost more than the arithmetic
    sums = np.empty((n_boot, 1 + 3 * k))
    sums_of = _sums_of(chars, M, E, row_total=n)  # each resample draws n paragraphs
    number_apart = n * np.arange(min(n_boot, RESAMPLE_CHUNK))[:, None]
    for lo in range(0, n_boot, RESAMPLE_CHUNK):
        b = min(RESAMPLE_CHUNK, n_boot - lo)
        draws = rng.integers(0, n, size=(b, n))
        # times each paragraph is drawn in each resample: a (b x n) matrix of counts, from one
        # bincount over the draws numbered apart per resample (in place: no second draws-sized array)
        draws += number_apart[:b]
        sums_of(np.bincount(draws.ravel(), minlength=b * n).reshape(b, n), out=sums[lo:lo + b])
    c, cm, cn, ce = sums[:, 0], sums[:, 1:k + 1], sums[:, k + 1:2 * k + 1], sums[:, 2 * k + 1:]
    per_k = np.divide(1000.0, c, out=np.zeros_like(c), where=c > 0)[:, None]
    # the four measures stacked, one row per (measure, actor): one quantile call over contiguous rows
    # (each row's quantile is computed on its own, so the values are those of four separate calls)
    values = np.vstack([(cm * per_k).T, (cn / n).T, ce.T, (ce * per_k).T])
    low, high = _row_quantiles(values, [(1 - level) / 2, 1 - (1 - level) / 2])
    return {m: (low[i * k:(i + 1) * k], high[i * k:(i + 1) * k]) for i, m in enumerate(MEASURES)}


def _sums_of(chars: np.ndarray, M: np.ndarray, E: np.ndarray, row_total: float):
    """A function ``(counts, out=None) ->`` the resampled sums ``counts @ chars``, ``counts @ M``,
    ``counts @ (M > 0)`` and ``counts @ E`` side by side (resamples x paragraphs times the data),
    for counts whose rows sum to at most ``row_total``.

    Decided once per group, used for every chunk of its resamples.  When every input is a whole
    number and no sum can reach 2**53, every partial sum is an exact integer, so the products do
    not depend on the order of summation: one matrix product over the four stacked is then bit
    for bit the four separate products, and faster.  Below 2**24 the same holds in single
    precision, which halves the work again.  Otherwise: four products in double.
    """
    X = np.column_stack([chars, M, M > 0, E])

    def separate(counts, out=None):
        counts = counts.astype(float)
        S = np.column_stack([counts @ chars, counts @ M, counts @ (M > 0), counts @ E])
        if out is None:
            return S
        out[...] = S
        return out

    if not np.array_equal(X, np.trunc(X)):
        return separate
    bound = float(row_total) * float(np.abs(X).max(initial=0.0))
    if bound >= 2.0 ** 53:
        return separate
    if bound < 2.0 ** 24:
        X32 = X.astype(np.float32)

        def single(counts, out=None):
            S = counts.astype(np.float32) @ X32
            if out is None:
                return S.astype(float)
            out[...] = S  # exact integers: the same values in double
            return out
        return single

    def double(counts, out=None):
        return np.matmul(counts.astype(float), X, out=out)
    return double


def _row_quantiles(values: np.ndarray, q: list[float]) -> np.ndarray:
    """``np.quantile(values, q, axis=1)`` (its default "linear" method), bit for bit, from sorted rows.

    numpy's quantile selects the order statistics it needs with a partition, which is not
    vectorised and took 3x as long as sorting the rows outright.  The interpolation below is
    numpy's own (``numpy.lib._function_base_impl._quantile`` and ``_lerp``); equal values are
    interchangeable, so the order statistics of a sort are those of a partition, except that
    -0.0 and 0.0 are equal yet differ in sign, and NaN: rows with a sign bit set or NaN
    (never the case for counts, characters and non-negative weights) go to np.quantile.
    """
    values = np.asarray(values, dtype=float)
    n = values.shape[1]
    if n < 2 or np.isnan(values).any() or np.signbit(values).any():
        return np.quantile(values, q, axis=1)
    ordered = np.sort(values, axis=1)
    virtual = (n - 1) * np.asarray(q, dtype=float)  # numpy: the virtual index of the "linear" method
    below = np.floor(virtual)
    above = below + 1
    below[virtual >= n - 1] = above[virtual >= n - 1] = -1  # past the last value: take the last value
    below[virtual < 0] = above[virtual < 0] = 0  # before the first: the first
    below, above = below.astype(np.intp), above.astype(np.intp)
    gamma = (virtual - below)[:, None]
    a, b = ordered[:, below].T, ordered[:, above].T
    diff = b - a
    out = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def _group_intervals(M, E, chars, rows: list, seeds: list, n_boot: int, level: float, j: int) -> dict:
    """Group ``j``'s intervals: its paragraphs ``rows[j]`` resampled with its own stream ``seeds[j]``."""
    r = rows[j]
    return bootstrap_intervals(M[r], E[r], chars[r], n_boot=n_boot, rng=np.random.default_rng(seeds[j]), level=level)


def textstat_stakeholders(coded: pd.DataFrame, by: str | None = None, *, n_boot: int = DEFAULT_N_BOOT,
                          seed: int = DEFAULT_SEED, level: float = 0.95, lang: str = "both",
                          workers: int | None = None) -> pd.DataFrame:
    """Actor x group measures (module docstring) with bootstrap intervals; one row per group and actor.

    ``by``: grouping column (``None``: the whole text, no group column).
    Every actor of the lexicon gets a row in every group (zeros included),
    in lexicon order within groups in order of appearance.  ``label`` is in
    ``lang``; ``actor_group`` is the actor's lexicon group.  ``attrs`` record
    ``by, n_boot, seed, level`` and the coding's rule and lexicon hashes.
    ``workers``: processes sharing the groups' resamples (:func:`unzh.segment.parallel.map_forked`;
    default: the machine's cores when there are at least :data:`PARALLEL_MIN_DRAWS` draws,
    else 1).  Each group has its own random stream, so the numbers do not depend on it.
    """
    check_grouping(coded, by)
    if n_boot < 0:
        raise InputError("--n-boot", f"must be 0 or more, got {n_boot}")
    if not 0 < level < 1:
        raise InputError("level", f"must be between 0 and 1, got {level}")
    ids = actor_ids(coded)
    labels = actor_labels(coded, lang)
    paragraphs, M, E = paragraph_matrices(coded)
    chars = paragraphs["para_chars"].to_numpy(dtype=float)
    groups = _groups(coded, by)
    if by is not None:  # each group's rows (document order) from one factorisation, not one comparison per group
        codes, uniques = pd.factorize(paragraphs[by])
        position = {u: i for i, u in enumerate(uniques)}
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    k = len(ids)

    def group_rows(g):
        if by is None:
            return slice(None)
        i = position.get(g)
        return order[bounds[i]:bounds[i + 1]] if i is not None else np.zeros(0, dtype=np.intp)

    # group j's resamples: its own draws, whichever process computes them (pickled to the workers)
    intervals = partial(_group_intervals, M, E, chars, [group_rows(g) for g in groups],
                        [[int(seed), zlib.crc32(str(g).encode("utf-8"))] for g in groups], n_boot, level)
    if workers is None:  # all cores only where the resamples are many (see PARALLEL_MIN_DRAWS)
        workers = default_workers() if n_boot * len(chars) >= PARALLEL_MIN_DRAWS else 1
    # one BLAS thread: a group's products are small, and OpenBLAS's own threads, which spin between
    # calls, then compete with the processes sharing the groups (200 groups x 2,000 resamples: 2.4 s
    # with 2 processes and OpenBLAS threads, 1.7 s with one thread each, 2.9 s in one process)
    with threadpool_limits(1, user_api="blas"):
        cis = map_forked(intervals, len(groups), workers)
    numbers: dict[str, list[np.ndarray]] = {c: [] for c in STAT_COLUMNS[3:]}  # one array per group and column
    for g, ci in zip(groups, cis):
        rows = group_rows(g)
        m, e, ch = M[rows], E[rows], chars[rows]
        n, total = len(ch), float(ch.sum())
        mentions, emphasis = m.sum(axis=0), e.sum(axis=0)
        naming = (m > 0).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            point = {"rate": 1000 * mentions / total if total else np.zeros(k),
                     "share": naming / n if n else np.zeros(k),
                     "emphasis": emphasis,
                     "emphasis_rate": 1000 * emphasis / total if total else np.zeros(k)}
            mean_weight = np.where(mentions > 0, emphasis / np.where(mentions > 0, mentions, 1), np.nan)
        group = {"mentions": mentions.astype(int), "paragraphs_naming": naming.astype(int),
                 "paragraphs": np.full(k, n), "chars": np.full(k, int(total)), "mean_weight": mean_weight}
        for measure in MEASURES:
            group[measure] = point[measure]
            group[f"{measure}_low"], group[f"{measure}_high"] = ci[measure]
        for c, values in group.items():
            numbers[c].append(values)
    # one table for all groups (not one per group, concatenated): the same rows, columns and types
    data = {"actor_id": ids * len(groups), "label": [labels[a] for a in ids] * len(groups),
            "actor_group": [coded.attrs["actor_groups"][a] for a in ids] * len(groups)}
    data.update({c: np.concatenate(v) if v else np.zeros(0) for c, v in numbers.items()})  # no group: no rows
    if by is not None:
        data[by] = [g for g in groups for _ in ids]
    out = (pd.DataFrame(data, columns=([by] if by else []) + STAT_COLUMNS) if groups
           else pd.DataFrame(columns=([by] if by else []) + STAT_COLUMNS))
    if by == "debate":
        out["debate"] = out["debate"].astype("Int64")
    out.attrs = {**{k: coded.attrs.get(k) for k in ("rule", "none_weight", "stakeholders_sha256", "verbs_sha256")},
                 "by": by, "n_boot": int(n_boot), "seed": int(seed), "level": float(level),
                 "interval": (f"percentile bootstrap over paragraphs, {n_boot} resamples, seed {seed}" if n_boot
                              else "none (no resamples)"),
                 "actor_order": {a: i for i, a in enumerate(ids)},
                 **{k: dict(coded.attrs[k]) for k in ("labels_zh", "labels_en", "actor_groups")}}
    return out


# ---------------------------------------------------------------- ranks
def stakeholder_ranks(stats: pd.DataFrame, by: str, *, measure: str = "emphasis", top: int | None = 10) -> pd.DataFrame:
    """Each actor's rank by ``measure`` within each group, for the ``top`` actors overall.

    Rank 1 = highest value in the group; equal values share the best rank
    (1, 2, 2, 4); actors not named in a group (value 0) get no rank (NA).
    The ``top`` actors are those with the highest ``measure`` summed over the
    groups (ties: lexicon order); ``None`` keeps every actor named somewhere.
    Columns: ``by, actor_id, label, actor_group, value, rank, overall``
    (``overall`` = the actor's position in the overall order, 1 = first).
    """
    order = stats.attrs.get("actor_order", {})
    total = stats.groupby("actor_id", sort=False, observed=True)[measure].sum()
    total = total[total > 0]
    chosen = sorted(total.index, key=lambda a: (-total[a], order.get(a, 0)))
    chosen = chosen[:top] if top is not None else chosen
    d = stats.copy()
    d["value"] = d[measure]
    d["rank"] = d.groupby(by, sort=False, observed=True)["value"].rank(method="min", ascending=False)
    d.loc[d["value"] <= 0, "rank"] = np.nan
    d["rank"] = d["rank"].astype("Int64")
    d = d[d["actor_id"].isin(chosen)]
    d["overall"] = d["actor_id"].map({a: i for i, a in enumerate(chosen, start=1)})
    d = d.sort_values([by, "overall"], kind="stable")
    out = d[[by, "actor_id", "label", "actor_group", "value", "rank", "overall"]].reset_index(drop=True)
    out.attrs = {**{k: stats.attrs[k] for k in ("labels_zh", "labels_en") if k in stats.attrs},
                 "measure": measure, "by": by}
    return out


# ---------------------------------------------------------------- rhetorical profile
def rhetorical_profile(coded: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Sentences of each group by strength: ``by, strength, sentences, own_verb, share, total``.

    Every strength of :data:`unzh.textstat.stakeholders.STRENGTHS` (strong, medium,
    weak, none) gets a row in every group.  ``own_verb``: of those sentences,
    how many carry their own reporting verb (the rest inherit the verb of the nearest earlier
    sentence of their paragraph, or a sub-item its chapeau's, :func:`unzh.textstat.stakeholders.rule_text`); ``share`` =
    sentences / total sentences of the group.
    """
    check_grouping(coded, by)
    groups = _groups(coded, by)
    # one groupby over (group, strength) rather than filtering the table per group and strength
    key = pd.Series("all", index=coded.index, dtype=object) if by is None else coded[by]
    own = coded["verb_source"].eq("sentence").astype("int64")
    idx = pd.MultiIndex.from_product([groups, list(STRENGTHS)])
    by_pair = own.groupby([key, coded["strength"]], sort=False, observed=True)
    sentences = by_pair.size().reindex(idx, fill_value=0).to_numpy().astype(int)
    own_verb = by_pair.sum().reindex(idx, fill_value=0).to_numpy().astype(int)
    total = key.value_counts(sort=False).reindex(groups, fill_value=0).to_numpy().astype(int).repeat(len(STRENGTHS))
    share = np.divide(sentences, total, out=np.full(len(total), np.nan), where=total > 0)
    out = pd.DataFrame({**({by: list(idx.get_level_values(0))} if by else {}),
                        "strength": list(idx.get_level_values(1)), "sentences": sentences, "own_verb": own_verb,
                        "share": share, "total": total})
    if by == "debate":
        out["debate"] = out["debate"].astype("Int64")
    out.attrs["rule"] = coded.attrs.get("rule", "strongest")  # how the strengths were given (its words: rule_text)
    out.attrs["chapeau"] = coded.attrs.get("chapeau", False)
    return out


# ---------------------------------------------------------------- lexicon groups
def group_totals(stats: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Mentions and emphasis per lexicon group (states, international bodies …) within each group of ``by``.

    Columns: ``by, actor_group, mentions, emphasis, mention_share`` (of the
    group's mentions of any actor) ``, mean_weight`` (emphasis / mentions).
    """
    keys = ([by] if by else []) + ["actor_group"]
    t = stats.groupby(keys, sort=False, observed=True)[["mentions", "emphasis"]].sum().reset_index()
    totals = t.groupby(by, sort=False, observed=True)["mentions"].transform("sum") if by else t["mentions"].sum()
    t["mention_share"] = t["mentions"] / totals
    t["mean_weight"] = (t["emphasis"] / t["mentions"]).where(t["mentions"] > 0)
    return t


# ---------------------------------------------------------------- comparing and describing
def compare_stats(a: pd.DataFrame, b: pd.DataFrame, by: str | None, measure: str = "emphasis") -> pd.DataFrame:
    """The (group, actor) rows where ``measure`` differs between two stats tables (e.g. two verb rules)."""
    keys = ([by] if by else []) + ["actor_id"]
    m = a[keys + ["label", measure]].merge(b[keys + [measure]], on=keys, suffixes=("_a", "_b"))
    return m[~np.isclose(m[f"{measure}_a"], m[f"{measure}_b"])].reset_index(drop=True)


def _name(by: str | None, g, names=None) -> str:
    """A group as the sentences name it: "all", "Debate 2", "Art. 3", "Preamble" (not its id), or
    ``names[g]`` (:func:`unzh.text.structure.group_names`: "Chapter 2", as the charts name it)."""
    return "all" if g is None else group_name(by, g, "en", names=names)


#: how the sentences name a measure of :func:`textstat_stakeholders`
MEASURE_NAMES = {"rate": "mention rate (mentions per 1,000 characters)",
                 "emphasis_rate": "emphasis (per 1,000 characters)", "emphasis": "emphasis", "mentions": "mentions"}


def describe_top(stats: pd.DataFrame, by: str | None, n: int = 3, measure: str = "emphasis_rate",
                 names=None) -> list[str]:
    """One line per group: its ``n`` actors with the highest ``measure``, with intervals and mentions
    (groups named by ``names`` where given), the measure named in each line (:data:`MEASURE_NAMES`),
    so that two lists of the same actors — by mention rate and by emphasis — cannot be confused:
    "Debate 1, emphasis (per 1,000 characters): Migrants 153.8 [...] (4 mentions, 3/3 paragraphs)"."""
    lines = []
    what = MEASURE_NAMES.get(measure, measure.replace("_", " "))
    groups = [None] if by is None else list(dict.fromkeys(stats[by]))
    for g in groups:
        d = stats if g is None else stats[stats[by] == g]
        d = d[d[measure] > 0].sort_values([measure, "mentions"], ascending=False, kind="stable").head(n)
        parts = [f"{r.label} {getattr(r, measure):.1f} [{getattr(r, measure + '_low'):.1f}, "
                 f"{getattr(r, measure + '_high'):.1f}] ({plural(int(r.mentions), 'mention')}, {r.paragraphs_naming}/"
                 f"{plural(int(r.paragraphs), 'paragraph')})" for r in d.itertuples(index=False)]
        lines.append(f"{_name(by, g, names)}, {what}: " + ("; ".join(parts) or "no actor named"))
    return lines


def top_actor(stats: pd.DataFrame, by: str | None, group=None):
    """The most emphasised actor of ``group`` (most mentions among equals; then lexicon order): its
    row of ``stats``, or None when the group names no actor."""
    d = stats if by is None else stats[stats[by] == group]
    d = d[d["mentions"] > 0].sort_values(["emphasis", "mentions"], ascending=False, kind="stable")
    return None if d.empty else d.iloc[0]


def describe_top_actor(stats: pd.DataFrame, by: str | None, group=None, names=None) -> str:
    """The line above a group's evidence: its most emphasised actor (:func:`top_actor`), mentions,
    emphasis and interval — "Chapter 2: Migrant workers: 3 mentions, emphasis 5 [2, 8]" — and the
    actors whose emphasis is the same (up to three named), or that the group names no actor."""
    name = _name(by, group, names)
    top = top_actor(stats, by, group)
    if top is None:
        return f"{name}: no actor of the lexicon is named."
    interval = (f" [{top['emphasis_low']:g}, {top['emphasis_high']:g}]"
                if pd.notna(top.get("emphasis_low")) else "")
    line = f"{name}: {top['label']}: {plural(int(top['mentions']), 'mention')}, emphasis {top['emphasis']:g}{interval}"
    d = stats if by is None else stats[stats[by] == group]
    tied = d[(d["mentions"] > 0) & (d["emphasis"] == top["emphasis"]) & (d.index != top.name)]
    if len(tied):  # (the evidence below is the first's: say that others have the same emphasis)
        named = [f"{r.label} ({plural(int(r.mentions), 'mention')})" for r in tied.head(3).itertuples()]
        more = f" and {len(tied) - 3} more" if len(tied) > 3 else ""
        line += f"; the same emphasis: {', '.join(named)}{more}"
    return line


def describe_clear_of_zero(stats: pd.DataFrame, by: str | None, measure: str = "emphasis_rate",
                           names=None) -> list[str]:
    """One line per group: the actors whose interval of ``measure`` stays above 0 (lower bound > 0),
    highest first, with the interval, computed from the table — the only ground for saying that an
    actor's score is more than a few paragraphs' chance: "debate 4: 1 of 27 actors with an interval
    above 0: 移徙者 (Migrants) 13.0 [2.6, 25.2]"; without resamples (``n_boot=0``) there are no
    intervals, and the line says so."""
    lines = []
    groups = [None] if by is None else list(dict.fromkeys(stats[by]))
    for g in groups:
        d = stats if g is None else stats[stats[by] == g]
        name = _name(by, g, names)
        low = d[f"{measure}_low"]
        if low.isna().all():
            lines.append(f"{name}: no intervals (no resamples)")
            continue
        clear = d[low > 0].sort_values([measure, "mentions"], ascending=False, kind="stable")
        head = f"{name}: {len(clear)} of {len(d)} actors with an interval above 0"
        lines.append(head + (": " + "; ".join(
            f"{r.label} {getattr(r, measure):.1f} [{getattr(r, measure + '_low'):.1f}, {getattr(r, measure + '_high'):.1f}]"
            for r in clear.itertuples(index=False)) if len(clear) else " (every interval reaches 0)"))
    return lines


def describe_profile(profile: pd.DataFrame, by: str | None, names=None) -> list[str]:
    """One line per group: "debate 1: 19 of 25 sentences strong (76%), 6 medium (24%) …"."""
    lines = []
    groups = [None] if by is None else list(dict.fromkeys(profile[by]))
    for g in groups:
        d = profile if g is None else profile[profile[by] == g]
        total = int(d["total"].iloc[0])
        parts = [f"{r.sentences} {r.strength} ({r.share:.0%})" for r in d.itertuples(index=False) if r.sentences]
        lines.append(f"{_name(by, g, names)}: {plural(total, 'sentence')}: " + ", ".join(parts))
    return lines
