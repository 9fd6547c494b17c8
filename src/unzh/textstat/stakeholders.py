"""Stakeholder mentions and the force of the sentences that name them.

Two lexicons drive the analysis (both data files a reader can open and edit):

* the **stakeholder lexicon** (``data/lexicons/stakeholders.tsv``,
  :func:`unzh.lexicon.files.load_stakeholders`): actors with a Chinese and an
  English label, a group (states, international bodies, civil society and
  business, people) and their aliases;
* the **reporting-verb lexicon** (``data/lexicons/reporting_verbs.tsv``,
  :func:`unzh.lexicon.files.load_reporting_verbs`): verbs graded strong / medium /
  weak, each with a numeric weight (3 / 2 / 1 in the project's file).

**Mentions.** An actor's mentions are the occurrences of its aliases in the
cleaned text of the body paragraphs, found longest match first without
overlap (:mod:`unzh.lexicon.matcher`): 移徙工人 is one mention of migrant workers,
never also of workers (工人); 各国政府 is governments, not also States (各国).

**The force of a sentence.** Paragraphs are split into sentences after
。！？； (:func:`unzh.lexicon.matcher.split_sentences`) and reporting verbs are found
in each sentence, longest first (特别强调指出 is one strong verb, not 强调 +
指出).  Then, with the default ``rule="strongest"`` (the rule of the issue):

1. a sentence that contains reporting verbs gets the **strongest** of them
   (highest weight; among equals the first) — ``verb_source = "sentence"``;
2. a sentence without one inherits the verb of the **nearest sentence before it** in its
   paragraph that has one (it continues that sentence: in debate 1 ¶3 "the actions to take
   include training officials ..." continues 指出应采取行动, not the paragraph's opening 强调)
   — ``verb_source = "paragraph"``; sentences before a paragraph's first verb have none.  A
   sentence whose only verbs are non-reporting uses (below: 会员国经安全理事会之建议由大会接纳,
   本宪章不得认为授权…) has a verb, just not a reporting one: it inherits nothing (strength
   ``"none"``, ``verb_source = "not_reporting"``), and the verbless sentences that continue it
   inherit nothing either.  A sub-item of a numbered paragraph ((a), (一), ㈠: a paragraph of its
   own in the table) continues its chapeau ("2. 鼓励会员国：" … "(a) 降低汇款费用；"): its sentences
   before its first verb take the verb of the chapeau's last sentence — ``verb_source = "chapeau"``;
3. a sentence in a paragraph with no reporting verb at all gets strength
   ``"none"`` and weight ``none_weight`` (default **1**, the weight of a weak
   verb): the report states the point without attributing it, which carries
   no more force than "noted", yet the mention is still a mention — weight 0
   would make an actor named often in plain statements vanish from the
   emphasis score.  ``verb_source = "none"``.  (In the seed document one
   debate paragraph is in this case: debate 3 ¶3.)

``rule="first"`` takes the first verb of each sentence instead of the
strongest.  Verb matches that are not reporting uses are dropped by rule
(``data/lexicons/reporting_verbs_not.txt``): a verb right after 之 or 的 (a noun:
经安全理事会之建议, 继续分析这些问题的建议), after 不, 未, 没有 (negated: 本宪章不得认为),
after 被, 加以, 予以 (passive: 被认为, 应加以强调) or after 过分 (过分强调).  The two
nouns of the seed's list (交流看法、意见和建议; 这项提议被视为) are still matched.

:func:`code_stakeholders` returns the **sentence table**, one row per
sentence of every body paragraph (sentences naming no actor included, since
the rhetorical profile counts them):

=============  ===============================================================
doc_id …       ``doc_id, para_id, section, section_title, debate, para_no``
               (from the paragraph table)
para_chars     characters of the sentence's paragraph (``n_chars``:
               whitespace excluded) — the denominator of the rates
sentence_no    1-based number of the sentence in its paragraph
text           the sentence
verbs          tuple of the reporting verbs found in the sentence, in order
verb           the verb that sets the sentence's force ("" if none)
strength       ``strong`` / ``medium`` / ``weak`` / ``none``
weight         the number the sentence's mentions are multiplied by
verb_source    ``sentence``, ``paragraph`` (inherited from an earlier sentence), ``chapeau`` (a
               sub-item's, inherited from its chapeau), ``not_reporting`` (its only verbs are
               non-reporting uses: graded ``none``, and it blocks inheritance) or ``none``
actors         tuple of the actor ids named, in order of first mention
aliases        tuple of the distinct aliases matched, in order
n_mentions     number of alias matches in the sentence
mentions       tuple of :class:`unzh.lexicon.matcher.Match` (positions in ``text``;
               ``key`` = actor id)
=============  ===============================================================

Its ``attrs`` carry the lexicons (actor ids in lexicon order, labels, groups,
file paths and SHA-256), the rule and ``none_weight``; the measures in
:mod:`unzh.textstat.emphasis` read them, so a filtered table still knows every actor.
:func:`mention_table` lists every mention; :func:`stakeholder_evidence`
gives the sentences behind any number, aliases marked 【like this】.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from unzh import config
from unzh.errors import InputError
from unzh.lexicon import matcher
from unzh.lexicon.files import (
    OPENING_PREFIX_RE,
    check_ids,
    coded_ids,
    coded_labels,
    known_terms,
    load_reporting_verbs,
    load_stakeholders,
    load_themes,
    read_stopwords,
    term_index,
)
from unzh.text.structure import BODY_KINDS
from unzh.textstat import coding

__all__ = [
    "NONE",
    "RULES",
    "RULE_TEXT",
    "CHAPEAU_TEXT",
    "rule_text",
    "SENTENCE_COLUMNS",
    "STRENGTHS",
    "actor_ids",
    "actor_labels",
    "check_actor_ids",
    "code_stakeholders",
    "default_actor_blockers",
    "format_stakeholder_evidence",
    "mention_table",
    "sentence_table_for_csv",
    "stakeholder_evidence",
]

#: strength of a sentence in a paragraph without any reporting verb
NONE = "none"
#: the strengths a sentence can have, strongest first
STRENGTHS = ("strong", "medium", "weak", NONE)
#: how a sentence with several reporting verbs is graded
RULES = ("strongest", "first")
#: each rule in words — the one place the charts' subtitles and captions, the notebooks and the
#: provenance take it from (:func:`code_stakeholders` implements it)
RULE_TEXT = {
    "strongest": "its strongest reporting verb, else the verb of the nearest earlier sentence of its paragraph",
    "first": "its first reporting verb, else the verb of the nearest earlier sentence of its paragraph",
}
#: what the rule adds where a sub-item took its chapeau's verb (``verb_source = "chapeau"``)
CHAPEAU_TEXT = " or, for a sub-item, of its chapeau"


def rule_text(rule: str, chapeau: bool = False) -> str:
    """The rule in words (:data:`RULE_TEXT`), with :data:`CHAPEAU_TEXT` where a sub-item took its chapeau's verb
    (``chapeau``: the sentence table's ``attrs["chapeau"]``): what was done to this document, no more."""
    return RULE_TEXT[rule] + (CHAPEAU_TEXT if chapeau else "")


SENTENCE_COLUMNS = coding.UNIT_COLUMNS + ["para_chars", "sentence_no", "text", "verbs", "verb", "strength", "weight",
                            "verb_source", "actors", "aliases", "n_mentions", "mentions"]
_JOIN = "|"
#: a sentence's verb_source by code
_SOURCES = [NONE, "sentence", "paragraph", "not_reporting", "chapeau"]
#: the key of the non-reporting uses in the verb matcher (no verb of the lexicon has it)
_NOT_REPORTING = "\x00not reporting"


def default_actor_blockers() -> tuple[str, ...]:
    """The longer known terms an alias is not matched inside: the user dictionaries' words and the theme terms."""
    return known_terms(None, load_themes())


def _at_openings(found, texts: list[str], is_opening: np.ndarray):
    """The verb matches ``found`` without those of opening verbs (``is_opening`` by verb code) that do not
    open their sentence: only a number, an item letter, 我们 or 又 / 还 / 并 … stand before them
    (:data:`unzh.lexicon.files.OPENING_PREFIX_RE`: 3. 决定…, (b) 请…, 又请…; not 作出明智的决定, 申请)."""
    check = np.flatnonzero(is_opening[found.code])
    if not len(check):
        return found
    keep = np.ones(len(found.code), dtype=bool)
    for k in check.tolist():
        keep[k] = OPENING_PREFIX_RE.fullmatch(texts[found.text[k]], 0, int(found.start[k])) is not None
    return found._replace(text=found.text[keep], start=found.start[keep], end=found.end[keep], code=found.code[keep])


def _chapeaux(selected: pd.DataFrame) -> dict[int, int]:
    """Each sub-item's chapeau, by position in ``selected``: the nearest earlier coded paragraph of its
    document whose ``unit`` is the item's without its last bracket (``2(b)(一)`` → ``2(b)`` → ``2``)."""
    out: dict[int, int] = {}
    last: dict[tuple, int] = {}  # (doc_id, unit) -> its latest position
    for i, (doc, unit) in enumerate(zip(selected["doc_id"].tolist(), selected["unit"].tolist())):
        unit = unit if isinstance(unit, str) else ""
        if unit.endswith(")") and "(" in unit:
            parent = last.get((doc, unit[:unit.rindex("(")]))
            if parent is not None:
                out[i] = parent
        if unit:
            last[(doc, unit)] = i
    return out


def _inherit_from_chapeaux(selected, counts, verb_code, source, lead) -> None:
    """A sub-item continues its chapeau (2. 鼓励会员国： (a) 降低汇款费用): the sentences before the item's
    first verb, which have none of their own and inherit none in their paragraph, take the verb of the
    chapeau's last sentence (``verb_source = "chapeau"``); items in document order, so an item of an
    item takes what its own chapeau took.  In place."""
    chapeaux = _chapeaux(selected)
    if not chapeaux:
        return
    ends = np.cumsum(counts)
    starts = ends - counts
    for item, chapeau in chapeaux.items():  # (in document order: dicts keep insertion order)
        verb = verb_code[ends[chapeau] - 1]
        if verb < 0:
            continue
        s = np.arange(starts[item], ends[item])
        take = s[(source[s] == 0) & (lead[s] == -1)]  # no verb of its own, none before it, not blocked
        verb_code[take] = verb
        source[take] = 4


def code_stakeholders(paragraphs: pd.DataFrame, stakeholders: pd.DataFrame | str | Path | None = None,
                      verbs: pd.DataFrame | str | Path | None = None, *, rule: str = "strongest",
                      none_weight: float = 1.0, kinds: Sequence[str] = BODY_KINDS,
                      blockers: Iterable[str] | None = None,
                      not_reporting: Iterable[str] | None = None) -> pd.DataFrame:
    """The sentence table (module docstring) of the body paragraphs of a paragraph table.

    ``stakeholders`` / ``verbs``: loaded lexicons or their paths (default: the
    project's files).  ``rule``: ``"strongest"`` (default) or ``"first"``
    verb of a sentence.  ``none_weight``: weight of sentences in paragraphs
    without any reporting verb.  Only rows whose ``kind`` is in ``kinds``
    are coded.  ``blockers``: longer known terms inside which no alias is matched
    (:class:`unzh.lexicon.matcher.TermMatcher`; default :func:`default_actor_blockers`: 难民 is not
    found inside 国际难民法, 工人 not inside 工人赤字).  ``not_reporting``: strings that, just before a
    verb, make it no reporting verb (default: the lines of :data:`unzh.config.REPORTING_VERBS_NOT`:
    之/的 (a noun), 不/未 (negated), 被/加以 (passive), 过分; ``()`` for none).
    """
    if rule not in RULES:
        raise InputError("--rule", f"unknown rule {rule!r} (use 'strongest' or 'first')")
    if not none_weight >= 0:
        raise InputError("none_weight", f"must be a number >= 0, got {none_weight!r}")
    actors_df = coding.lexicon_table(stakeholders, load_stakeholders)
    verbs_df = coding.lexicon_table(verbs, load_reporting_verbs)
    actor_matcher = matcher.TermMatcher(term_index(actors_df, "actor_id", "aliases"),
                                        default_actor_blockers() if blockers is None else blockers)
    prefixes = read_stopwords(config.REPORTING_VERBS_NOT) if not_reporting is None else tuple(not_reporting)
    # the non-reporting uses (之建议, 不得认为 ...) are matched with the verbs, longest first, under their own
    # key: they are no reporting verb, but they mark the sentence as having a verb (no inheritance, below)
    verb_terms = term_index(verbs_df, "verb", "verb")
    # opening verbs (^决定 in the file) count only where they open a sentence: no prefix rule for them
    opening = set(verbs_df["verb"][verbs_df["opening"].astype(bool)]) if "opening" in verbs_df.columns else set()
    verb_terms.update({e: _NOT_REPORTING for e in (p + v for p in sorted(prefixes) for v in verbs_df["verb"]
                                                  if v not in opening) if e not in verb_terms})
    verb_matcher = matcher.TermMatcher(verb_terms)
    grade = {v: (s, w) for v, s, w in zip(verbs_df["verb"], verbs_df["strength"], verbs_df["weight"])}
    order = {a: i for i, a in enumerate(actors_df["actor_id"])}

    # columns, not rows: the sentences of all paragraphs split in one pass, their verbs and actors found
    # in one pass each (matcher.TermMatcher.find_arrays), each sentence's verb, distinct actors and aliases
    # from numpy arrays of them, the metadata taken from the paragraph table's columns; equal tuples
    # are one object (several times faster and leaner at corpus scale; the same table)
    units = ["unit"] if "unit" in paragraphs.columns else []
    selected = coding.coded_rows(paragraphs, kinds, ["n_chars", *units])
    paragraph_texts = selected["text"].tolist()
    texts, counts = matcher.split_sentences_each(paragraph_texts)
    if not counts.all():  # a paragraph without a sentence is one sentence, as it stands
        per_paragraph = np.maximum(counts, 1)
        starts = np.cumsum(per_paragraph) - per_paragraph
        everything = np.empty(int(per_paragraph.sum()), dtype=object)
        alone = np.zeros(len(everything), dtype=bool)
        alone[starts[counts == 0]] = True
        everything[alone] = [paragraph_texts[i] for i in np.flatnonzero(counts == 0).tolist()]
        everything[~alone] = texts
        texts, counts = everything.tolist(), per_paragraph
    n = len(texts)
    if not n:  # no sentence: the table pandas makes of empty lists, as it always was
        out = pd.DataFrame({c: [] for c in SENTENCE_COLUMNS}, columns=SENTENCE_COLUMNS)
        for col in ("debate", "para_no", "sentence_no", "para_chars", "n_mentions"):
            out[col] = out[col].astype("Int64")
        out["weight"] = out["weight"].astype(float)
    else:
        rows, numbers = matcher.number_within(counts)  # the paragraph of each sentence, its number there
        # the verb that sets each sentence's force (-1: none): its own (strongest or first), else the
        # nearest earlier sentence's of its paragraph
        found = verb_matcher.find_arrays(texts)
        verb_names = found.terms  # verb codes index these
        reporting = np.array([v in grade for v in verb_names], dtype=bool)[found.code]
        # a sentence whose only verbs are non-reporting uses has a verb, just not a reporting one
        not_reporting = np.zeros(n, dtype=bool)
        not_reporting[found.text[~reporting]] = True
        found = found._replace(text=found.text[reporting], start=found.start[reporting], end=found.end[reporting],
                               code=found.code[reporting])
        if opening:
            found = _at_openings(found, texts, np.array([v in opening for v in verb_names], dtype=bool))
        weights = np.array([float(grade[v][1]) if v in grade else 0.0 for v in verb_names] + [float(none_weight)])
        strengths = [grade[v][0] if v in grade else NONE for v in verb_names] + [NONE]
        verb_lists = matcher.group_by_text(found.term_of(found.code), found.text, n)
        at = found.text
        if rule == "first":
            own = np.flatnonzero(matcher.run_starts(at))
        else:  # the strongest; among equals the first (a stable sort keeps the order of equals)
            by_weight = np.lexsort((-weights[found.code], at))
            own = by_weight[matcher.run_starts(at[by_weight])]
        verb_code = np.full(n, -1, dtype=np.intp)
        verb_code[at[own]] = found.code[own]
        source = np.zeros(n, dtype=np.intp)  # index in _SOURCES
        source[at[own]] = 1
        # a sentence without a verb inherits the verb of the nearest sentence before it in its paragraph
        # that has one (it continues that sentence: 'the actions include ...' after 指出应采取行动);
        # sentences before a paragraph's first verb have none.  A sentence whose verb is no reporting
        # use (经安全理事会之建议, 不得认为) has a verb of its own: it inherits nothing, and neither does
        # a sentence that continues it
        blocked = (verb_code < 0) & not_reporting
        source[blocked] = 3
        lead = pd.Series(np.where(verb_code >= 0, verb_code, np.where(blocked, -2, np.nan))).groupby(rows).ffill()
        lead = lead.fillna(-1).to_numpy(dtype=np.intp)
        inherit = (verb_code < 0) & ~blocked & (lead >= 0)
        verb_code[inherit] = lead[inherit]
        source[inherit] = 2
        if units:
            _inherit_from_chapeaux(selected, counts, verb_code, source, lead)
        mentions = actor_matcher.find_arrays(texts)
        first = matcher.first_in_text(mentions.text, mentions.key_code[mentions.code])
        actor_lists = matcher.group_by_text(mentions.key_of(mentions.code[first]), mentions.text[first], n)
        alias_first = matcher.first_in_text(mentions.text, mentions.code)
        alias_lists = matcher.group_by_text(mentions.term_of(mentions.code[alias_first]), mentions.text[alias_first], n)
        columns = coding.unit_columns(selected, rows)
        columns.update({
            "para_chars": coding.column_like_list(selected["n_chars"], rows, int_na=True),
            "sentence_no": pd.arrays.IntegerArray(numbers.astype(np.int64), np.zeros(n, dtype=bool)),
            "text": pd.Series(texts, dtype=coding.str_dtype()).array,
            "verbs": coding.object_column(verb_lists),
            "verb": pd.Series([*verb_names, ""]).array.take(verb_code),  # -1: the last, ""
            "strength": pd.Series(strengths).array.take(verb_code),
            "weight": weights[verb_code],
            "verb_source": pd.Series(_SOURCES).array.take(source),
            "actors": coding.object_column(actor_lists),
            "aliases": coding.object_column(alias_lists),
            "n_mentions": pd.arrays.IntegerArray(np.bincount(mentions.text, minlength=n).astype(np.int64),
                                                 np.zeros(n, dtype=bool)),
            "mentions": coding.object_column(mentions.matches()),
        })
        out = pd.DataFrame(columns, columns=SENTENCE_COLUMNS, copy=False)
        for col in ("debate", "para_no", "para_chars"):
            out[col] = out[col].astype("Int64")
    ids = [str(a) for a in actors_df["actor_id"]]
    (a_src, a_sha), (v_src, v_sha) = coding.lexicon_source(actors_df), coding.lexicon_source(verbs_df)
    out.attrs = {
        "actor_ids": ids, "actor_order": order,
        "labels_zh": dict(zip(ids, map(str, actors_df["label_zh"]))),
        "labels_en": dict(zip(ids, map(str, actors_df["label_en"]))),
        "actor_groups": dict(zip(ids, map(str, actors_df["group"]))),
        "verb_weights": {str(v): float(w) for v, w in zip(verbs_df["verb"], verbs_df["weight"])},
        "rule": rule, "none_weight": float(none_weight),
        "chapeau": bool((out["verb_source"] == "chapeau").any()),
        "stakeholders_source": a_src, "stakeholders_sha256": a_sha,
        "verbs_source": v_src, "verbs_sha256": v_sha,
    }
    return out


# ---------------------------------------------------------------- reading the table
def actor_ids(coded: pd.DataFrame) -> list[str]:
    """Every actor of the lexicon the table was coded with, in lexicon order."""
    return coded_ids(coded, "actor_ids", "actor", "code_stakeholders")


def actor_labels(coded: pd.DataFrame, lang: str = "both") -> dict[str, str]:
    """Display labels by actor id: "移徙者", "Migrants" or "移徙者 (Migrants)" (``lang`` zh/en/both)."""
    return coded_labels(coded, actor_ids(coded), lang)


def check_actor_ids(coded: pd.DataFrame, wanted) -> list[str]:
    """Return ``wanted`` as a list; raise :class:`UnknownTermError` naming the first id the lexicon lacks."""
    return check_ids(actor_ids(coded), wanted, coded.attrs.get("stakeholders_source") or "stakeholders", "actor")


def mention_table(coded: pd.DataFrame) -> pd.DataFrame:
    """One row per mention: where it is, which actor and alias, and its sentence's verb, strength and weight."""
    cols = ["doc_id", "para_id", "section", "debate", "para_no", "sentence_no", "start", "actor_id", "alias",
            "actor_group", "verb", "strength", "weight", "verb_source"]
    groups = coded.attrs.get("actor_groups", {})
    rows = [(r.doc_id, r.para_id, r.section, r.debate, r.para_no, r.sentence_no, m.start, m.key, m.term,
             groups.get(m.key, ""), r.verb, r.strength, r.weight, r.verb_source)
            for r in coded.itertuples(index=False) for m in r.mentions]
    out = pd.DataFrame(rows, columns=cols)
    for col in ("debate", "para_no", "sentence_no", "para_id"):
        out[col] = out[col].astype("Int64")
    out["weight"] = out["weight"].astype(float)
    return out


def sentence_table_for_csv(coded: pd.DataFrame) -> pd.DataFrame:
    """The sentence table for a CSV file: tuples joined with ``|``, match positions dropped."""
    out = coded.drop(columns=["mentions"]).copy()
    for col in ("verbs", "actors", "aliases"):
        out[col] = [_JOIN.join(t) for t in coded[col]]
    return out


# ---------------------------------------------------------------- evidence
EVIDENCE_COLUMNS = ["ref", "doc_id", "section", "debate", "para_no", "sentence_no", "actor_id", "aliases", "mentions",
                    "verb", "strength", "weight", "verb_source", "contribution", "text"]


def stakeholder_evidence(coded: pd.DataFrame, actor: str | None = None, *, by: str | None = None, group=None,
                         left: str = "【", right: str = "】") -> pd.DataFrame:
    """The sentences behind the numbers: one row per (sentence, actor named in it), in document order.

    ``actor``: one actor id (default: every actor).  ``by``/``group``
    restrict to one group (e.g. ``by="debate", group=2``); ``by`` alone keeps every sentence and
    adds the grouping column after ``ref`` (empty for a sentence outside every group).  ``mentions`` is
    the actor's mentions in the sentence, ``contribution`` = mentions x
    weight: summed over a group's rows they give the actor's mentions and
    emphasis in that group.  ``text`` has the actor's aliases wrapped in
    ``left``/``right``.  Unknown actors raise :class:`UnknownTermError`; an
    unknown group or column, :class:`InputError`.
    """
    wanted = check_actor_ids(coded, [actor]) if actor is not None else None
    d = coding.evidence_rows(coded, by, group)
    grouped = bool(by) and group is None
    rows = []
    for r in d.itertuples(index=False):
        for a in r.actors:
            if wanted is not None and a not in wanted:
                continue
            ms = [m for m in r.mentions if m.key == a]
            rows.append((r.ref, *((getattr(r, by),) if grouped else ()), r.doc_id, r.section, r.debate, r.para_no, r.sentence_no, a,
                         _JOIN.join(dict.fromkeys(m.term for m in ms)), len(ms), r.verb, r.strength, r.weight,
                         r.verb_source, len(ms) * r.weight, matcher.mark_terms(r.text, ms, left, right)))
    out = pd.DataFrame(rows, columns=[EVIDENCE_COLUMNS[0], *([by] if grouped else []), *EVIDENCE_COLUMNS[1:]])
    for col in ("debate", "para_no", "sentence_no", "mentions"):
        out[col] = out[col].astype("Int64")
    for col in ("weight", "contribution"):
        out[col] = out[col].astype(float)
    out.attrs = {"actor": actor, "by": by, "group": group}
    return out


def format_stakeholder_evidence(ev: pd.DataFrame, max_chars: int | None = None) -> str:
    """Evidence rows as lines "Debate 1 ¶4, sentence 2 [强调, strong x3]: …【移徙者】…", "op. para. 2 (a),
    sentence 1 [...]: …" (each place as its ``ref`` cites it; the document id first in a corpus)."""
    lines = []
    for r in ev.itertuples(index=False):
        verb = r.verb or "no verb"
        how = {"paragraph": ", inherited", "chapeau": ", from its chapeau"}.get(r.verb_source, "")
        text = coding.clipped(r.text, max_chars)
        lines.append(f"{r.ref}, sentence {r.sentence_no} [{verb}, {r.strength} x{r.weight:g}{how}]: {text}")
    return "\n".join(lines)
