"""Stakeholder mentions and sentence strength (unzh.textstat.stakeholders): hand-counted fixture; the seed against `unzh kwic`.

The fixture tests/fixtures/stakeholders_mini.txt has six body paragraphs,
coded with tests/fixtures/stakeholders_mini_actors.tsv (migrants 移徙者,
migrant_workers 移徙工人, workers 工人, states 各国, governments 政府|各国政府,
destination 目的地国|接受国) and stakeholders_mini_verbs.tsv (强调指出 strong 3,
强调 strong 3, 指出 medium 2, 认为 medium 2, 提到 weak 1).  Sentences are
split after 。；, characters exclude whitespace:

    P0 (no debate, 8 chars)  会议强调移徙者。
        s1 强调 strong 3 — migrants
    debate 1 ¶1 (21 chars)   强调保护移徙者和移徙工人。指出工人的权利。
        s1 强调 strong 3 — migrants, migrant_workers  (移徙工人: neither 移徙者 nor 工人)
        s2 指出 medium 2 — workers
    debate 1 ¶2 (25 chars)   提到移徙者，强调各国政府的责任。目的地国也很重要。
        s1 提到 + 强调: the strongest, 强调 strong 3 — migrants, governments (各国政府: not states)
        s2 no verb: inherits the verb of the sentence before it, 强调 strong 3 — destination
           (before issue 16: the paragraph's first verb, 提到 weak 1)
    debate 1 ¶3 (19 chars)   移徙者和接受国。强调指出移徙者的贡献。
        s1 no verb and none before it: strength "none", weight none_weight (1) — migrants, destination
           (before issue 16: the 强调指出 of the NEXT sentence, strong 3)
        s2 强调指出 (one verb, not 强调 + 指出) strong 3 — migrants
    debate 2 ¶1 (13 chars)   认为各国和政府应保护工人。
        s1 认为 medium 2 — states, governments, workers
    debate 2 ¶2 (18 chars)   移徙工人在目的地国工作。移徙者也是。
        no reporting verb anywhere: both sentences strength "none", weight none_weight (1)
        s1 — migrant_workers, destination;  s2 — migrants
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from helpers import SEED

from unzh.errors import InputError, UnknownTermError
from unzh.lexicon.files import load_stakeholders
from unzh.text.document import read_document
from unzh.text.structure import body
from unzh.textstat.concordance import kwic
from unzh.textstat.stakeholders import (
    actor_ids,
    actor_labels,
    code_stakeholders,
    default_actor_blockers,
    format_stakeholder_evidence,
    mention_table,
    sentence_table_for_csv,
    stakeholder_evidence,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "stakeholders_mini.txt"
ACTORS = FIXTURES / "stakeholders_mini_actors.tsv"
VERBS = FIXTURES / "stakeholders_mini_verbs.tsv"


@pytest.fixture(scope="module")
def mini_paragraphs():
    return read_document(MINI).paragraphs


@pytest.fixture(scope="module")
def coded(mini_paragraphs):
    return code_stakeholders(mini_paragraphs, ACTORS, VERBS)


def where(coded):
    return [(None if pd.isna(r.debate) else int(r.debate), int(r.para_no), int(r.sentence_no))
            for r in coded.itertuples()]


# ---------------------------------------------------------------- sentences and verbs
def test_one_row_per_sentence_with_paragraph_chars(coded):
    assert where(coded) == [(None, 1, 1), (1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2), (1, 3, 1), (1, 3, 2),
                            (2, 1, 1), (2, 2, 1), (2, 2, 2)]
    assert coded["para_chars"].tolist() == [8, 21, 21, 25, 25, 19, 19, 13, 18, 18]
    assert coded["text"].iloc[3] == "提到移徙者，强调各国政府的责任。"


def test_strongest_verb_per_sentence_and_inheritance(coded):
    assert coded["verbs"].tolist() == [("强调",), ("强调",), ("指出",), ("提到", "强调"), (), (), ("强调指出",),
                                       ("认为",), (), ()]
    assert coded["verb"].tolist() == ["强调", "强调", "指出", "强调", "强调", "", "强调指出", "认为", "", ""]
    assert coded["strength"].tolist() == ["strong", "strong", "medium", "strong", "strong", "none", "strong",
                                          "medium", "none", "none"]
    assert coded["weight"].tolist() == [3, 3, 2, 3, 3, 1, 3, 2, 1, 1]
    assert coded["verb_source"].tolist() == ["sentence", "sentence", "sentence", "sentence", "paragraph",
                                             "none", "sentence", "sentence", "none", "none"]


def test_first_rule_and_none_weight(mini_paragraphs):
    first = code_stakeholders(mini_paragraphs, ACTORS, VERBS, rule="first", none_weight=0)
    assert first["verb"].tolist()[3] == "提到"                       # debate 1 ¶2 s1: first, not strongest
    assert first["weight"].tolist() == [3, 3, 2, 1, 1, 0, 3, 2, 0, 0]  # ¶2 s2 inherits s1's 提到
    assert first.attrs["rule"] == "first" and first.attrs["none_weight"] == 0
    with pytest.raises(InputError, match="unknown rule"):
        code_stakeholders(mini_paragraphs, ACTORS, VERBS, rule="loudest")
    with pytest.raises(InputError):
        code_stakeholders(mini_paragraphs, ACTORS, VERBS, none_weight=-1)


# ---------------------------------------------------------------- mentions
def test_aliases_longest_match_first(coded):
    assert coded["actors"].tolist() == [
        ("migrants",), ("migrants", "migrant_workers"), ("workers",), ("migrants", "governments"),
        ("destination",), ("migrants", "destination"), ("migrants",), ("states", "governments", "workers"),
        ("migrant_workers", "destination"), ("migrants",)]
    assert coded["aliases"].tolist()[3] == ("移徙者", "各国政府")       # 各国政府 is governments, not also 各国
    assert coded["aliases"].tolist()[5] == ("移徙者", "接受国")
    assert coded["n_mentions"].tolist() == [1, 2, 1, 2, 1, 2, 1, 3, 2, 1]


def test_mention_table(coded):
    m = mention_table(coded)
    assert len(m) == 16
    counts = Counter(m["actor_id"])
    # 移徙工人 twice, never 移徙者 or 工人 inside it; 工人 alone twice; 各国 alone once (各国政府 is governments)
    assert counts == {"migrants": 6, "migrant_workers": 2, "workers": 2, "states": 1, "governments": 2,
                      "destination": 3}
    row = m[(m["debate"] == 1) & (m["para_no"] == 2) & (m["actor_id"] == "destination")].iloc[0]
    assert (row["alias"], row["start"], row["verb"], row["weight"], row["verb_source"]) == \
        ("目的地国", 0, "强调", 3.0, "paragraph")
    assert set(m["actor_group"]) == {"people", "states"}


def test_attrs_labels_and_csv(coded):
    assert actor_ids(coded) == ["migrants", "migrant_workers", "workers", "states", "governments", "destination"]
    assert actor_labels(coded, "both")["destination"] == "目的地国 (Countries of destination)"
    assert actor_labels(coded, "en")["workers"] == "Workers"
    assert len(coded.attrs["stakeholders_sha256"]) == 64 and len(coded.attrs["verbs_sha256"]) == 64
    csv = sentence_table_for_csv(coded)
    assert "mentions" not in csv.columns
    assert csv["actors"].iloc[7] == "states|governments|workers"
    assert csv["verbs"].iloc[3] == "提到|强调"


# ---------------------------------------------------------------- evidence
def test_evidence_rows_sum_to_the_numbers(coded):
    ev = stakeholder_evidence(coded, "migrants", by="debate", group=1)
    assert ev["para_no"].tolist() == [1, 2, 3, 3]
    assert ev["text"].tolist() == ["强调保护【移徙者】和移徙工人。", "提到【移徙者】，强调各国政府的责任。",
                                   "【移徙者】和接受国。", "强调指出【移徙者】的贡献。"]
    assert ev["mentions"].sum() == 4 and ev["contribution"].sum() == 10      # migrants in debate 1: 3+3+1+3
    every = stakeholder_evidence(coded)
    assert every["mentions"].sum() == 16
    assert format_stakeholder_evidence(ev.head(2)).splitlines() == [
        "Debate 1 ¶1, sentence 1 [强调, strong x3]: 强调保护【移徙者】和移徙工人。",
        "Debate 1 ¶2, sentence 1 [强调, strong x3]: 提到【移徙者】，强调各国政府的责任。"]
    inherited = stakeholder_evidence(coded, "destination", by="debate", group=1)
    assert "inherited" in format_stakeholder_evidence(inherited).splitlines()[0]


def test_evidence_bad_input(coded):
    with pytest.raises(UnknownTermError, match="unknown actor id 'aliens'"):
        stakeholder_evidence(coded, "aliens")
    with pytest.raises(InputError, match="no such group"):
        stakeholder_evidence(coded, "migrants", by="debate", group=7)
    with pytest.raises(InputError, match="unknown grouping column"):
        stakeholder_evidence(coded, "migrants", by="chapter", group=1)


# ---------------------------------------------------------------- the seed document against `unzh kwic`
def _kwic_count(paragraphs, actors_df, by="debate", blockers=()):
    """Mentions per (debate, actor) counted from KWIC rows, independently of the regex matcher.

    For each alias, every KWIC occurrence in a body paragraph counts, except those
    lying inside an occurrence of a LONGER alias (of any actor, the same actor's
    included: 政府 inside 各国政府 is one mention of governments, 各国 inside it none of
    States; 联合国 inside 常驻联合国代表 is a delegation, not the United Nations), and those
    inside an occurrence of a longer known term (``blockers``: dictionary words, theme terms)
    that the alias does not end (国际难民法 is no mention of refugees; 低成本工人 is one of workers).
    """
    paras = body(paragraphs)
    aliases = {a: actor for actor, al in zip(actors_df["actor_id"], actors_df["aliases"]) for a in al}
    spans = {a: kwic(paras, a) for a in aliases}
    blocking = {b: kwic(paras, b) for b in set(blockers) - set(aliases)
                if any(a in b[:-1] for a in aliases)}
    counts = Counter()
    for alias, rows in spans.items():
        longer = [(b, spans[b]) for b in aliases if len(b) > len(alias) and alias in b]
        longer += [(b, o) for b, o in blocking.items() if alias in b and not b.endswith(alias)]
        for r in rows.itertuples():
            covered = any(((o.para_id == r.para_id) & (o.start <= r.start) &
                           (o.start + len(b) >= r.start + len(alias))).any() for b, o in longer)
            if not covered and not pd.isna(getattr(r, by)):
                counts[(int(getattr(r, by)), aliases[alias])] += 1
    return counts


def test_seed_mentions_equal_kwic_counts(seed_paragraphs):
    actors = load_stakeholders()
    coded = code_stakeholders(seed_paragraphs)
    m = mention_table(coded)
    ours = Counter((int(d), a) for d, a in zip(m["debate"], m["actor_id"]) if not pd.isna(d))
    expected = _kwic_count(seed_paragraphs, actors, blockers=default_actor_blockers())
    assert ours == expected
    # 48 + 30 + 21 + 25 = 124 before blockers; 4 fewer since (debate 1: 国际难民法 is no mention of refugees,
    # 家庭团聚 twice none of families; debate 2: 工人赤字 none of workers)
    assert sum(ours.values()) == 120                  # 45 + 29 + 21 + 25 mentions in debates 1-4
    assert (ours[(1, "refugees")], ours[(2, "workers")], ours[(1, "families")]) == (2, 2, 1)
    assert ours[(1, "migrants")] == 19 and ours[(2, "destination_countries")] == 8


def test_kwic_command_line_agrees_with_the_function(seed_paragraphs):
    """The real `unzh kwic` finds the rows the test above counts (checked for one alias)."""
    out = subprocess.run([sys.executable, "-m", "unzh.cli", "kwic", str(SEED), "移徙工人"],
                         capture_output=True, text=True, check=True).stdout
    rows = pd.read_csv(pd.io.common.StringIO(out))
    body_rows = rows[rows["kind"] == "paragraph"]
    assert len(body_rows) == len(kwic(body(seed_paragraphs), "移徙工人")) == 4


def test_a_paragraph_without_a_sentence_is_one_sentence_and_ties_go_to_the_first(mini_paragraphs):
    changed = mini_paragraphs.copy()
    p0 = changed.index[changed["text"] == "会议强调移徙者。"][0]
    changed.loc[p0, "text"] = " 。；"          # nothing but punctuation: kept, as it stands, as sentence 1
    d22 = changed.index[changed["text"] == "移徙工人在目的地国工作。移徙者也是。"][0]
    changed.loc[d22, "text"] = "指出和认为工人。"  # two medium verbs: "strongest" keeps the first, 指出
    coded = code_stakeholders(changed, ACTORS, VERBS)
    assert coded["text"].iloc[0] == " 。；" and coded["sentence_no"].iloc[0] == 1
    assert (coded["verb"].iloc[0], coded["verb_source"].iloc[0], coded["weight"].iloc[0]) == ("", "none", 1.0)
    assert coded["actors"].iloc[0] == () and coded["n_mentions"].iloc[0] == 0
    last = coded.iloc[-1]
    assert (last["verbs"], last["verb"], last["strength"], last["actors"]) == (("指出", "认为"), "指出", "medium",
                                                                               ("workers",))
    assert len(coded) == 9
    none = code_stakeholders(changed, ACTORS, VERBS, kinds=("no such kind",))
    assert len(none) == 0 and none["n_mentions"].dtype == "Int64"


# ---------------------------------------------------------------- non-reporting uses and inheritance (issue 16)
NOT_FIXTURE = FIXTURES / "lexicons" / "verbs_not.txt"


@pytest.fixture(scope="module")
def not_coded():
    from unzh import config
    return code_stakeholders(read_document(NOT_FIXTURE).paragraphs, config.ACTORS_GENERAL)


def test_a_verb_after_zhi_or_de_is_a_noun(not_coded):
    # 1. 强调经安全理事会之建议接纳会员国: 建议 after 之 is "the recommendation": only 强调 counts
    assert not_coded["verbs"].iloc[0] == ("强调",)
    assert code_stakeholders(read_document(NOT_FIXTURE).paragraphs, None, None,
                             not_reporting=())["verbs"].iloc[0] == ("强调", "建议")


def test_a_negated_verb_is_no_report(not_coded):
    # 2. 本宪章不得认为授权: nothing is stated; the sentence has no verb (and none before it)
    row = not_coded.iloc[1]
    assert (row["verbs"], row["verb"], row["strength"], row["verb_source"]) == ((), "", "none", "not_reporting")


def test_a_passive_verb_is_no_report(not_coded):
    # 3. 被认为难民的人: passive, no reporting verb
    assert not_coded["verbs"].iloc[2] == ()


def test_over_emphasis_and_to_be_stressed_are_no_report(not_coded):
    # 4. 不应过分强调 / 应加以强调 dropped; 秘书长认为 stays: medium
    row = not_coded.iloc[3]
    assert (row["verbs"], row["strength"]) == (("认为",), "medium")


def test_a_sentence_without_a_verb_inherits_the_one_before_it(not_coded):
    # 5. 认识到难民的处境。各国应提供保护。 -> s2 inherits s1's 认识到
    rows = not_coded.iloc[4:6]
    assert rows["sentence_no"].tolist() == [1, 2]
    assert rows["verb"].tolist() == ["认识到", "认识到"] and rows["verb_source"].tolist() == ["sentence", "paragraph"]
    assert rows["actors"].tolist() == [("refugees",), ("states",)]


def test_seed_inheriting_sentences_checked_by_hand(seed_paragraphs):
    """The eight inheriting sentences of the seed's debates, checked by hand (issue 16).

    Debate 1 ¶4 s3 (training officials, 边界管制和安保人员, on children's issues) continues s2's 指出应采取行动,
    not the paragraph's opening 强调: officials 6 -> 4, children 6 -> 5 in debate 1.  Debate 2 ¶4 s3
    continues s2's 承认 (not 重申), ¶9 s1 precedes any verb (none, was 提到: the same weight 1).
    """
    coded = code_stakeholders(seed_paragraphs)
    debates = coded[coded["debate"].notna()]
    no_own = debates[debates["verb_source"] != "sentence"]
    got = [(int(r.debate), int(r.para_no), int(r.sentence_no), r.verb, r.verb_source) for r in no_own.itertuples()
           if r.verb_source == "paragraph" or int(r.debate) == 2]
    assert got == [(1, 4, 3, "指出", "paragraph"), (2, 4, 3, "承认", "paragraph"), (2, 5, 2, "认识到", "paragraph"),
                   (2, 7, 2, "认识到", "paragraph"), (2, 9, 1, "", "none"), (3, 5, 2, "认为", "paragraph"),
                   (3, 5, 3, "认为", "paragraph"), (3, 5, 4, "认为", "paragraph")]
    m = mention_table(coded)
    d1 = m[m["debate"] == 1].groupby("actor_id")["weight"].sum()
    assert (d1["officials"], d1["children"]) == (4, 5)


INHERIT_FIXTURE = FIXTURES / "lexicons" / "verbs_inherit.txt"


def test_a_sentence_whose_verb_is_no_reporting_use_inherits_nothing():
    """tests/fixtures/lexicons/verbs_inherit.txt, by hand:

    1. 强调各国合作。 | 会员国经安全理事会之建议由大会接纳。 (建议 a noun) | 本宪章不得认为授权联合国干涉各国内政。 (negated)
    2. 认为各国应当合作。 | 会员国未提到难民。 (negated)
    3. 强调各国合作。 | 本宪章不得认为授权联合国干涉各国内政。 | 各国应尊重主权。 (no verb: continues the negated one)
    Before: every one of these sentences inherited its paragraph's 强调 (strong, x3) or 认为 (medium, x2).
    """
    from unzh import config
    coded = code_stakeholders(read_document(INHERIT_FIXTURE).paragraphs, config.ACTORS_GENERAL)
    got = [(int(r.para_no), int(r.sentence_no), r.verb, r.strength, r.weight, r.verb_source) for r in coded.itertuples()]
    assert got == [(1, 1, "强调", "strong", 3.0, "sentence"), (1, 2, "", "none", 1.0, "not_reporting"),
                   (1, 3, "", "none", 1.0, "not_reporting"),
                   (2, 1, "认为", "medium", 2.0, "sentence"), (2, 2, "", "none", 1.0, "not_reporting"),
                   (3, 1, "强调", "strong", 3.0, "sentence"), (3, 2, "", "none", 1.0, "not_reporting"),
                   (3, 3, "", "none", 1.0, "none")]
    # States (各国) in 6 sentences: 3 + 1 + 2 + 3 + 1 + 1 = 11 (it was 3 + 3 + 2 + 3 + 3 + 3 = 17)
    weights = mention_table(coded).groupby("actor_id")["weight"].sum()
    assert weights["states"] == 11 and weights["member_states"] == 2 and weights["refugees"] == 1
    # without the rule of non-reporting uses 建议, 认为, 提到 count as the sentences' own verbs
    plain = code_stakeholders(read_document(INHERIT_FIXTURE).paragraphs, config.ACTORS_GENERAL, not_reporting=())
    assert plain["verb"].tolist() == ["强调", "建议", "认为", "认为", "提到", "强调", "认为", "认为"]
    assert plain["verb_source"].tolist()[-1] == "paragraph"


@pytest.mark.parametrize("fixture, expected", [
    ("resolution_ga", [("preamble", "回顾", "weak", "sentence"), ("preamble", "回顾", "weak", "sentence"),
                       ("preamble", "深信", "medium", "sentence"), ("preamble", "注意到", "weak", "sentence"),
                       ("operative", "欢迎", "medium", "sentence"), ("operative", "鼓励", "medium", "sentence"),
                       *[("operative", "鼓励", "medium", "chapeau")] * 4,
                       ("operative", "决定", "medium", "sentence")]),
    ("resolution_sc", [("preamble", "重申", "strong", "sentence"), ("preamble", "重申", "strong", "sentence"),
                       ("preamble", "强调", "strong", "sentence"), ("preamble", "表示关切", "medium", "sentence"),
                       ("operative", "重申", "strong", "sentence"), ("operative", "请", "medium", "sentence"),
                       *[("operative", "请", "medium", "chapeau")] * 2,
                       ("operative", "促请", "strong", "sentence"), *[("operative", "促请", "strong", "chapeau")] * 2,
                       ("operative", "决定", "medium", "sentence")]),
])
def test_resolution_verbs_are_graded_by_the_default_lexicon(fixture, expected):
    """The default verb lexicon knows a resolution's own verbs (its header: from UN drafting practice):
    preambular 回顾 / 深信, operative 欢迎 / 鼓励 / 促请, 表示关切, and the opening verbs 请 and 决定 where
    they open an operative paragraph ("2. 请秘书长…", "3. 决定在…") — each paragraph read by hand.  Sub-items
    continue their chapeau: 2(a), 2(b) and 2(b)(一), 2(b)(二) below it take 鼓励 from "2. 鼓励会员国："; the
    SC's 2(a), 2(b) take 请, 3(一), 3(二) take 促请."""
    paragraphs = read_document(FIXTURES / "layouts" / f"{fixture}.txt").paragraphs
    coded = code_stakeholders(paragraphs)
    assert list(zip(coded["section"], coded["verb"], coded["strength"], coded["verb_source"])) == expected
    # the rule in words says so where it was done (the chart's subtitle, the provenance), and only there
    from unzh.textstat.emphasis import rhetorical_profile
    from unzh.textstat.stakeholders import CHAPEAU_TEXT, RULE_TEXT, rule_text
    assert coded.attrs["chapeau"] is True and rhetorical_profile(coded, "section").attrs["chapeau"] is True
    assert rule_text("strongest", True) == RULE_TEXT["strongest"] + CHAPEAU_TEXT
    plain = code_stakeholders(read_document(FIXTURES / "stakeholders_mini.txt").paragraphs)
    assert plain.attrs["chapeau"] is False and rule_text("strongest", False) == RULE_TEXT["strongest"]


def test_a_sub_item_takes_its_chapeau_verb_only_before_its_own_and_never_across_documents():
    """An item with a verb of its own keeps it; an item's later verbless sentence continues the item's
    own verb, not the chapeau's; an item whose chapeau has no verb stays "none"; a unit "2" of another
    document is no chapeau (hand-made table, two documents)."""
    rows = [("a", "2", "2. 强调下列各点："), ("a", "2(a)", "（a）降低费用。还注意到成本。其余。"),
            ("a", "2(b)", "（b）合作。"), ("b", "2(a)", "（a）交流数据。"), ("b", "3", "3. 各国："),
            ("b", "3(a)", "（a）交流。")]
    paragraphs = pd.DataFrame({
        "doc_id": [d for d, _, _ in rows], "para_id": range(1, 7), "section": "body", "section_title": "",
        "debate": pd.array([None] * 6, dtype="Int64"), "para_no": pd.array(range(1, 7), dtype="Int64"),
        "kind": "paragraph", "text": [t for _, _, t in rows], "n_chars": [len(t) for _, _, t in rows],
        "unit": [u for _, u, _ in rows]})
    coded = code_stakeholders(paragraphs)
    assert list(zip(coded["doc_id"], coded["verb"], coded["verb_source"])) == [
        ("a", "强调", "sentence"),
        ("a", "强调", "chapeau"), ("a", "注意到", "sentence"), ("a", "注意到", "paragraph"),
        ("a", "强调", "chapeau"),
        ("b", "", "none"), ("b", "", "none"), ("b", "", "none")]


@pytest.mark.parametrize("text, verb", [
    ("3. 决定在第六十三届会议上审议本项目。", "决定"), ("（b）请秘书长提交报告。", "请"), ("又请会员国提供资料。", "请"),
    ("㈠ 要求所有各方停止敌对行动。", "要求"), ("1.2 我们决定采取行动。", "决定"), ("还决定继续处理此案。", "决定"),
    ("让所有人都能够作出明智的决定。", ""), ("各国可申请援助。", ""), ("这些做法符合要求。", ""),
    ("谨转递上述报告，请将本函作为文件分发。", ""), ("应秘书长的请求，专家组提交了报告。", ""),
])
def test_opening_verbs_count_only_where_they_open_a_sentence(text, verb):
    """^请, ^决定, ^要求 (opening verbs of the default file) count after a number, an item letter, 我们 or
    又/还 only; inside a sentence they are other words (a noun, 申请, a letter's 请将…)."""
    paragraphs = pd.DataFrame({"doc_id": "d", "para_id": [1], "section": "body", "section_title": "",
                               "debate": pd.array([None], dtype="Int64"), "para_no": pd.array([1], dtype="Int64"),
                               "kind": "paragraph", "text": [text], "n_chars": [len(text)]})
    coded = code_stakeholders(paragraphs)
    assert coded["verb"].tolist() == [verb]
    assert coded["verbs"].tolist() == [(verb,) if verb else ()]


def test_an_opening_verb_in_a_users_file_and_a_bare_mark_is_an_error(tmp_path):
    from unzh.errors import LexiconError
    from unzh.lexicon.files import load_reporting_verbs
    path = tmp_path / "verbs.tsv"
    path.write_text("verb\tstrength\tweight\tlabel_en\n^授权\tmedium\t2\tauthorized\n强调\tstrong\t3\tstressed\n",
                    encoding="utf-8")
    verbs = load_reporting_verbs(path)
    assert list(zip(verbs["verb"], verbs["opening"])) == [("授权", True), ("强调", False)]
    text = "1. 授权会员国采取措施，并强调授权的重要性。"
    paragraphs = pd.DataFrame({"doc_id": "d", "para_id": [1], "section": "body", "section_title": "",
                               "debate": pd.array([None], dtype="Int64"), "para_no": pd.array([1], dtype="Int64"),
                               "kind": "paragraph", "text": [text], "n_chars": [len(text)]})
    assert code_stakeholders(paragraphs, verbs=verbs)["verbs"].tolist() == [("授权", "强调")]
    path.write_text("verb\tstrength\tweight\tlabel_en\n^\tmedium\t2\tx\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 2.*a verb must follow it"):
        load_reporting_verbs(path)
