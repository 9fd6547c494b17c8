"""The explorer's logic, headless: every toggle's effect with exact values, each cross-checked by an
independent count (str.count on the cleaned text, plain jieba, sets of tokens).

Tiny fixtures first (hand-countable: tests/fixtures/explore/two_chapters.txt, the convention and
goals layouts), then the seed, whose values the brief asks for (者 with and without the
dictionary, the stopword list, the keyness threshold, sentence units).
"""
from __future__ import annotations

import re
from pathlib import Path

import jieba
import pandas as pd
import pytest

from unzh import config
from unzh.errors import InputError
from unzh.explore import logic
from unzh.explore.logic import Explorer, Settings, describe_change, describe_term, diff_rankings, term_counts, unit_reference
from unzh.segment.tokens import SENTENCE_END

FIXTURES = Path(__file__).parent / "fixtures"
TWO = FIXTURES / "explore" / "two_chapters.txt"
CONVENTION = FIXTURES / "layouts" / "convention.txt"
GOALS = FIXTURES / "layouts" / "goals.txt"


@pytest.fixture
def counting(monkeypatch):
    """Count the real segmentations (calls of tokens_table) the explorer makes."""
    calls = []
    real = logic.tokens_table

    def spy(*args, **kw):
        calls.append(args[1].user_dict)
        return real(*args, **kw)
    monkeypatch.setattr(logic, "tokens_table", spy)
    return calls


def overall(counts: pd.DataFrame) -> dict:
    return counts.iloc[-1].to_dict()


def plain_jieba_tokens(texts) -> list[str]:
    """Plain jieba (its own dictionary, no user dictionary, HMM off), not the package's Segmenter."""
    tk = jieba.Tokenizer()
    return [t for text in texts for t in tk.lcut(text, HMM=False)]


# ------------------------------------------------------------------ small fixtures, by hand

def test_three_counts_on_the_convention_by_hand():
    ex = Explorer(CONVENTION)
    c = ex.term_counts("移徙工人")
    # 6 paragraphs say 移徙工人 once each: preamble 1, chapter 1 two (art. 1, art. 2), chapter 2 three
    assert c["section"].tolist() == ["preamble", "section_1", "section_2", "all"]
    assert c["occurrences"].tolist() == [1, 2, 3, 6] and c["tokens"].tolist() == [1, 2, 3, 6]
    assert c["inside_longer"].tolist() == [0, 0, 0, 0] and c["across_tokens"].tolist() == [0, 0, 0, 0]
    # counted tokens: 37 of the 64 kept tokens are not stopwords (本 ×4, 的 ×4, 应 ×2 … are, and since the
    # stopwords-iso list also 所有, 下列, 不, 于 …: 本公约不适用于 is 本|公约|不适用|于, the dictionary's 不适用)
    tokens = ex.tokens()
    assert c["n_tokens"].tolist()[-1] == 37 == int((~tokens["stop"]).sum()) and len(tokens) == 64
    assert c["rate_per_1000"].tolist()[-1] == pytest.approx(1000 * 6 / 37)
    assert c["occurrences"].tolist()[-1] == sum(t.count("移徙工人") for t in ex.body["text"])


def test_inside_longer_tokens_on_the_goals():
    ex = Explorer(GOALS)
    c = overall(ex.term_counts("贫困"))
    # target 1.1 ends with 贫困 (a token); target 1.2 has 贫困人口 (one token containing it)
    assert (c["occurrences"], c["tokens"], c["inside_longer"], c["across_tokens"]) == (2, 1, 1, 0)
    assert ex.kwic("贫困")["ref"].tolist() == ["target 1.1", "target 1.2"]


def test_a_user_dictionary_file_changes_the_tokens_not_the_text(tmp_path, counting):
    """无国籍人 (stateless persons) is cut 无国籍|人 by the shipped dictionaries: the term spans two tokens;
    a user dictionary with 无国籍人 makes it one token, and the text is the same."""
    ex = Explorer(CONVENTION)
    before = overall(ex.term_counts("无国籍人"))
    assert (before["occurrences"], before["tokens"], before["inside_longer"], before["across_tokens"]) == (1, 0, 0, 1)
    words = plain_jieba_tokens(ex.body["text"])
    assert "无国籍" in words and "无国籍人" not in words
    text = ex.body["text"].tolist()
    own = tmp_path / "own.dict.txt"
    own.write_text("无国籍人 1000 n\n", encoding="utf-8")
    change = ex.change(dictionary=str(own))
    after = overall(ex.term_counts("无国籍人"))
    assert (after["occurrences"], after["tokens"], after["inside_longer"], after["across_tokens"]) == (1, 1, 0, 0)
    assert change.changed == ("dictionary",) and change.segmented and len(counting) == 2
    assert ex.tokens()["token"].astype("str").tolist().count("无国籍人") == 1
    assert ex.body["text"].tolist() == text


def test_stopword_file_and_none_refilter_without_segmenting(tmp_path, counting):
    ex = Explorer(CONVENTION, settings=Settings(top=3))
    assert ex.top_terms()["term"].head(3).tolist() == ["移徙工人", "公约", "人员"]  # 人: a stopword of stopwords-iso
    stop = tmp_path / "stop.txt"
    stop.write_text("移徙工人\n", encoding="utf-8")
    change = ex.change(stopwords=str(stop))
    assert not change.segmented and len(counting) == 1
    rows = change.frequency.set_index("term")
    assert rows.loc["移徙工人", "change"] == "left" and rows.loc["移徙工人", "rank_before"] == 1
    assert pd.isna(rows.loc["移徙工人", "rank_after"])
    c = overall(ex.term_counts("移徙工人"))
    assert c["tokens"] == 6 and c["n_tokens"] == 64 - 6  # only 移徙工人 is a stopword now: 58 counted
    change = ex.change(stopwords="none")
    assert overall(ex.term_counts("的"))["n_tokens"] == 64 == len(ex.tokens())
    top = ex.top_terms().head(4)  # 本 and 的 (stopwords until now) tie with 公约 at 4
    assert list(zip(top["term"], top["count"])) == [("移徙工人", 6), ("公约", 4), ("本", 4), ("的", 4)]
    # 本 is in the text 5 times, once inside the token 本国
    b = overall(ex.term_counts("本"))
    assert (b["occurrences"], b["tokens"], b["inside_longer"]) == (5, 4, 1) == (
        sum(t.count("本") for t in ex.body["text"]), 4, 1)
    assert not change.segmented and len(counting) == 1


def test_minimum_units_threshold_on_the_convention(counting):
    ex = Explorer(CONVENTION, settings=Settings(top=5))
    k2 = ex.keyness_ranking()
    # (人, key here before the stopwords-iso list, is a stopword of it)
    assert list(zip(k2["section"], k2["term"], k2["rank"])) == [
        ("section_1", "人员", 1), ("section_1", "公约", 2), ("section_2", "移徙工人", 1)]
    change = ex.change(min_paragraphs=3)
    # 人员 is in 2 paragraphs of chapter 1: out at 3; 公约 (3 paragraphs) moves up to 1
    assert list(zip(change.keyness["term"], change.keyness["change"], change.keyness["rank_before"],
                    change.keyness["rank_after"])) == [("公约", "moved", 2, 1), ("人员", "left", 1, pd.NA)]
    chapter1 = ex.body[ex.body["section"] == "section_1"]["text"]
    assert [sum(1 for t in chapter1 if w in t) for w in ("人员", "公约")] == [2, 3]
    assert change.frequency.empty and not change.segmented and len(counting) == 1


def test_sentence_units_make_a_repeated_term_key():
    """移徙工人 is said twice in paragraph 1, in two sentences: key with sentence units only."""
    ex = Explorer(TWO, settings=Settings(top=5))
    assert ex.by == "section" and ex.keyness_ranking().empty
    change = ex.change(unit="sentence")
    assert list(zip(change.keyness["section"], change.keyness["term"], change.keyness["change"],
                    change.keyness["rank_after"], change.keyness["count_after"])) == [
        ("section_1", "移徙工人", "entered", 1, 2)]
    assert change.frequency.empty  # counts do not depend on the unit
    text = ex.body["text"].iloc[0]
    sentences = [s for s in re.split("[" + "".join(SENTENCE_END) + "]", text) if s.strip()]
    assert sum("移徙工人" in s for s in sentences) == 2 and sum("移徙工人" in t for t in ex.body["text"]) == 1


def test_neighbours_by_paragraph_and_by_sentence():
    ex = Explorer(TWO)
    n = ex.neighbours("移徙工人")
    assert n["term"].tolist() == ["享有", "保护", "受", "权利"] and n["units"].tolist() == [1, 1, 1, 1]
    assert n["units_with_term"].tolist() == [1] * 4 and n["share"].tolist() == [1.0] * 4
    ex.change(unit="sentence")
    n = ex.neighbours("移徙工人")
    assert n["units_with_term"].tolist() == [2] * 4 and n["share"].tolist() == [0.5] * 4


def test_unit_references_of_articles_items_targets():
    ex = Explorer(CONVENTION)
    assert ex.kwic("移徙工人")["ref"].tolist() == ["preambular para. 2", "art. 1, para. 1", "art. 2", "art. 3, para. 1",
                                               "art. 3, para. 2", "art. 4"]
    assert ex.kwic("难民")["ref"].tolist() == ["art. 1, para. 2 (b)"]
    assert unit_reference({"debate": 2, "para_no": 5, "unit_kind": "paragraph", "unit": "", "path": ""}) == "Debate 2 ¶5"
    assert unit_reference({"unit_kind": "target", "unit": "3.a", "path": "目标3"}) == "target 3.a"
    assert unit_reference({"unit_kind": "operative", "unit": "5", "path": ""}) == "op. para. 5"
    assert unit_reference({"unit_kind": "item", "unit": "5(a)", "path": "5"}) == "op. para. 5 (a)"


def test_dispersion_marks_every_paragraph():
    ex = Explorer(CONVENTION)
    d = ex.dispersion("移徙工人")
    assert len(d) == 11 and d["occurrences"].tolist() == [0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1]
    assert d["group"].tolist() == ["preamble"] * 3 + ["section_1"] * 5 + ["section_2"] * 3


def test_diff_rankings_by_hand():
    before = pd.DataFrame({"term": ["a", "b", "c", "d"], "count": [9, 5, 4, 1], "rank": [1, 2, 3, 4]})
    after = pd.DataFrame({"term": ["b", "a", "d", "c"], "count": [6, 5, 4, 4], "rank": [1, 2, 3, 4]})
    d = diff_rankings(before, after, 2)
    assert d["term"].tolist() == ["b", "a"] and d["change"].tolist() == ["moved", "moved"]
    assert d["rank_move"].tolist() == [1, -1] and d["count_change"].tolist() == [1, -4]
    d = diff_rankings(before, after, 3)
    assert list(zip(d["term"], d["change"])) == [("b", "moved"), ("a", "moved"), ("d", "entered"), ("c", "left")]
    same = diff_rankings(before, before.assign(count=[9, 5, 4, 2]), 4)
    assert list(zip(same["term"], same["change"], same["count_change"])) == [("d", "count changed", 1)]


def test_bad_settings_and_terms_are_one_line_errors():
    with pytest.raises(InputError, match="unit"):
        Settings(unit="word")
    with pytest.raises(InputError, match="at least 1"):
        Settings(min_paragraphs=0)
    ex = Explorer(TWO)
    with pytest.raises(InputError, match="empty"):
        ex.term_counts(" ")
    with pytest.raises(InputError, match="no-such.txt"):
        Explorer(TWO.parent / "no-such.txt")


def test_click_through_adds_up_to_the_table_cells():
    ex = Explorer(CONVENTION)
    themes, actors = ex.theme_table(), ex.actor_table()
    for row in themes.index:
        for j, g in enumerate(ex.groups()):
            assert len(ex.theme_evidence(row, g)) == themes.loc[row].iloc[j], (row, g)
    for row in actors.index:
        for g in [g for g in ex.groups() if ex.group_name(g) in actors.columns]:
            assert int(ex.actor_evidence(row, g)["mentions"].sum()) == actors.loc[row, ex.group_name(g)], (row, g)
    assert len(ex.group_paragraphs("section_2", "移徙工人")) == 3
    assert ex.group_paragraphs("section_2")["ref"].tolist() == ["art. 3, para. 1", "art. 3, para. 2", "art. 4"]


def test_term_counts_without_a_grouping():
    ex = Explorer(GOALS)
    c = term_counts(ex.body, ex.tokens(), "消除", None)  # targets 1.1 and 2.1
    assert c.to_dict("records") == [{"group": "all", "occurrences": 2, "tokens": 2, "inside_longer": 0,
                                     "across_tokens": 0, "n_tokens": 22, "rate_per_1000": pytest.approx(1000 * 2 / 22)}]


# ------------------------------------------------------------------ the seed: each toggle

@pytest.fixture(scope="module")
def seed_body():
    return Explorer(config.SEED_DOCUMENT).body


def test_seed_zhe_with_and_without_the_dictionary(seed_body, counting):
    ex = Explorer(config.SEED_DOCUMENT)
    on = ex.term_counts("者")
    assert on["occurrences"].tolist() == [20, 17, 9, 7, 61] and on["tokens"].tolist() == [0, 0, 0, 0, 0]
    assert on["inside_longer"].tolist() == [20, 17, 9, 7, 61]
    change = ex.change(dictionary=False)
    off = ex.term_counts("者")
    assert off["occurrences"].tolist() == [20, 17, 9, 7, 61]
    assert off["tokens"].tolist() == [19, 9, 6, 6, 45] and off["inside_longer"].tolist() == [1, 8, 3, 1, 16]
    assert off["n_tokens"].tolist()[-1] == 1430 and on["n_tokens"].tolist()[-1] == 1226
    # independently: str.count on the cleaned text, plain jieba's tokens
    assert sum(t.count("者") for t in seed_body["text"]) == 61
    words = plain_jieba_tokens(seed_body["text"])
    assert words.count("者") == 45 and sum(w.count("者") for w in words if len(w) > 1) == 16
    rows = change.frequency.set_index("term")
    assert (rows.loc["者", "change"], rows.loc["者", "rank_after"], rows.loc["者", "count_after"]) == ("entered", 3, 45)
    assert (rows.loc["移徙者", "change"], rows.loc["移徙者", "rank_before"], rows.loc["移徙者", "count_before"]) == ("left", 1, 41)
    assert len(change.frequency) == 26 and change.segmented and len(counting) == 2
    back = ex.change(dictionary=True)
    assert not back.segmented and len(counting) == 2  # both token tables kept
    assert describe_term(on, "者") == ("者: 61 occurrences in the text; 0 as a token of its own, 61 inside longer "
                                      "tokens, 0 across token boundaries.")
    assert describe_change(change).startswith("dictionary True → False (segmented again). 6 entered the top terms "
                                              "(top 20): 者 (#3), 国 (#4), 原籍 (#9), 对话 (#13), 政策 (#17); 6 left")


def test_seed_stopwords_none_does_not_segment(counting):
    ex = Explorer(config.SEED_DOCUMENT)
    change = ex.change(stopwords="none")
    assert not change.segmented and len(counting) == 1
    top3 = change.frequency.head(3)
    assert list(zip(top3["term"], top3["change"], top3["rank_after"], top3["count_after"])) == [
        ("的", "entered", 1, 143), ("和", "entered", 2, 97), ("在", "entered", 3, 44)]
    assert int((change.frequency["change"] == "entered").sum()) == 11
    assert (change.frequency.loc[change.frequency["change"] == "moved", "count_change"] == 0).all()
    tokens = ex.tokens()
    assert int((tokens["token"] == "的").sum()) == 143 and overall(ex.term_counts("的"))["n_tokens"] == len(tokens) == 2110


def test_seed_min_paragraphs_and_sentence_units(seed_body, counting):
    ex = Explorer(config.SEED_DOCUMENT)
    change = ex.change(min_paragraphs=3)
    row = change.keyness[(change.keyness["debate"] == 1) & (change.keyness["term"] == "打击")].iloc[0]
    assert (row["change"], row["rank_before"], row["count_before"]) == ("left", 3, 3)
    debate1 = seed_body[seed_body["debate"] == 1]["text"]
    words = [set(plain_jieba_tokens([t])) for t in debate1]  # 打击 is a word for plain jieba too
    assert sum("打击" in w for w in words) == 2  # in 2 paragraphs of debate 1: under the guard of 3
    assert len(change.keyness) == 90 and change.frequency.empty
    ex.change(min_paragraphs=2)
    change = ex.change(unit="sentence")
    row = change.keyness[(change.keyness["debate"] == 1) & (change.keyness["term"] == "罪行")].iloc[0]
    assert (row["change"], row["rank_after"], row["count_after"]) == ("entered", 4, 3)
    paras = ex.group_paragraphs(1, "罪行")
    assert paras["ref"].tolist() == ["Debate 1 ¶5"] and paras["occurrences"].tolist() == [3]
    sentences = [s for s in re.split("[。！？；]", paras["text"].iloc[0]) if "罪行" in s]
    assert len(sentences) == 3  # one paragraph, three sentences: passes the guard of 2 as sentences only
    assert len(change.keyness) == 56 and not change.segmented and len(counting) == 1


def test_seed_kwic_dispersion_neighbours_and_evidence(seed_body):
    ex = Explorer(config.SEED_DOCUMENT)
    k = ex.kwic("移徙者")
    assert len(k) == 42 == sum(t.count("移徙者") for t in seed_body["text"])
    assert (k["ref"].iloc[0], k["ref"].iloc[-1]) == ("Annex: introduction ¶6", "Debate 4 ¶6")
    d = ex.dispersion("移徙者")
    assert (int(d["occurrences"].sum()), int((d["occurrences"] > 0).sum()), len(d)) == (42, 26, 54)
    n = ex.neighbours("人权", 3)
    assert n["term"].tolist() == ["强调", "移徙者", "指出"] and n["units"].tolist() == [7, 6, 5]
    assert n["units_with_term"].tolist() == [9] * 3
    tokens = ex.tokens()
    counted = tokens[~tokens["stop"]]
    by_para = counted.groupby("para_id")["token"].apply(lambda s: set(s.astype(str)))
    with_term = [s for s in by_para if any("人权" in t for t in s)]
    assert len(with_term) == 9 and sum("强调" in s for s in with_term) == 7
    themes = ex.theme_table()
    assert themes.loc["human_rights · Human rights"].tolist() == [9, 0, 2, 2]  # as notebook 03: 9 of 14 in debate 1
    assert len(ex.theme_evidence("human_rights · Human rights", 1)) == 9
    actors = ex.actor_table()
    assert actors.loc["migrants · Migrants"].tolist() == [19, 9, 4, 5]
    assert int(ex.actor_evidence("migrants · Migrants", 1)["mentions"].sum()) == 19


# ------------------------------------------------------------------ notebook 05, headless

@pytest.mark.notebook
def test_notebook_05_runs_headless_and_prints_the_answers(tmp_path):
    """Under papermill (no front end) the widgets print as text and the exercises print their
    answers; `unzh report` leaves 05 out on purpose (it has no figures and needs a live kernel)."""
    import nbformat
    import papermill as pm

    from unzh.report.notebooks import NOTEBOOKS
    assert "05-explore.ipynb" not in NOTEBOOKS
    source = config.NOTEBOOKS_DIR / "05-explore.ipynb"
    nb = nbformat.read(source, as_version=4)
    assert nb.cells[1].metadata.get("tags") == ["parameters"]
    out = tmp_path / "out"
    pm.execute_notebook(str(source), str(tmp_path / "05.ipynb"), cwd=str(config.NOTEBOOKS_DIR), kernel_name="python3",
                        parameters={"documents": [str(config.SEED_DOCUMENT)], "output_dir": str(out)},
                        progress_bar=False, log_output=False)
    done = nbformat.read(tmp_path / "05.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in done.cells if c.cell_type == "code" for o in c.outputs
                      if o.output_type == "stream")
    ex = Explorer(config.SEED_DOCUMENT)
    assert "dictionary on:  " + describe_term(ex.term_counts("者"), "者") in printed
    change = ex.change(dictionary=False)
    assert "dictionary off: " + describe_term(ex.term_counts("者"), "者") in printed
    assert describe_change(change) in printed
    assert "segmentations so far: 1" in printed
    assert sorted(p.name for p in out.glob("*.csv")) == ["05_exercise1_dictionary_off.csv",
                                                        "05_exercise2_no_stopwords.csv", "05_exercise3_sentence_units.csv"]
    assert len(pd.read_csv(out / "05_exercise1_dictionary_off.csv")) == len(change.frequency) == 26
    widget_text = [o for c in done.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "display_data"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in widget_text)


# ------------------------------------------------------------------ the figure and the widgets, headless

def test_dispersion_strip_draws_a_bar_per_paragraph_with_the_term():
    from unzh.explore.plots import textplot_dispersion
    ex = Explorer(CONVENTION)
    fig = textplot_dispersion(ex.dispersion("移徙工人"), "移徙工人", ex.by,
                              names={g: ex.group_name(g) for g in ex.groups()})
    (ax,) = fig.axes
    heights = [p.get_height() for p in ax.containers[0]]
    assert heights == [1, 1, 1, 1, 1, 1]  # six paragraphs, once each
    assert [t.get_text() for t in ax.texts] == ["Preamble", "Chapter 1", "Chapter 2"]  # the groups, as the charts name them
    assert "6 in 6 paragraphs" in ax.get_xlabel()


def test_the_widgets_show_the_logic_tables(tmp_path):
    """Without a front end: the app's HTML views hold the logic layer's tables, and a toggle
    shows its diff table and says whether it segmented."""
    from unzh.explore.widgets import ExplorerApp
    app = ExplorerApp(Explorer(CONVENTION), term="移徙工人")
    assert app.kwic.value.count("<tr>") == 6 and 'class="dataframe unzh-table unzh-kwic"' in app.kwic.value
    assert "art. 1, para. 1" in app.kwic.value and "unzh-counts" in app.counts.value
    assert app.term.options[0] == "移徙工人"
    app.min_paragraphs.value = 3
    assert "min_paragraphs: 2 → 3" in app.status.value and "no new segmentation" in app.status.value
    assert app.diff.value.count("unzh-diff-keyness") == 1 and app.diff.value.count("<tr>") == 2
    assert "<td>Chapter" in app.diff.value or "<td>Preamble" in app.diff.value   # groups named, not ids
    app.dictionary.value = "off"
    assert "segmented again" in app.status.value
    app.theme.value = [t for t in app.theme.options if t.startswith("labour")][0] if any(
        t.startswith("labour") for t in app.theme.options) else app.theme.options[1]
    assert "unzh-evidence" in app.evidence.value
    app.path.value = str(tmp_path / "missing.txt")
    app._load()
    assert "missing.txt" in app.status.value and "unzh-error" in app.status.value
    app.path.value = "tests/fixtures/layouts/goals.txt"  # relative: from the project folder, as in the notebooks
    app._load()
    assert "1 document(s), Grouped by goal (column &#x27;section&#x27;): 2 groups: Goal 1, Goal 2." in app.status.value
    assert app.kwic.value.count("<tr>") == 0 and "does not occur" in app.kwic.value  # 移徙工人 is not in the goals


def test_backend_toggle_segments_again_with_the_same_tokens(counting):
    """rjieba is verified against jieba: the same tokens, so nothing moves; it is a new segmentation."""
    ex = Explorer(CONVENTION, settings=Settings(top=5))
    change = ex.change(backend="rjieba")
    assert change.changed == ("backend",) and change.segmented and len(counting) == 2
    assert change.frequency.empty and change.keyness.empty
    assert ex.tokens()["token"].astype("str").tolist() == ex.tokens(Settings(backend="jieba"))["token"].astype("str").tolist()


def test_the_counts_name_the_groups_and_a_file_choice_needs_a_file():
    """The counts table names each group as the charts do (Preamble, Chapter 1 …, not its id); choosing
    "file" with an empty path box changes nothing and says so in one line (it used to fall back to
    the shipped list without a word)."""
    from unzh.explore.widgets import ExplorerApp
    app = ExplorerApp(Explorer(CONVENTION), term="移徙工人")
    # 移徙工人: 1 in the preamble (考虑到移徙工人的脆弱处境), 2 in chapter 1 (1., 就本公约而言), 3 in chapter 2
    assert app.ex.named_counts("移徙工人")[["group", "occurrences"]].values.tolist() == [
        ["Preamble", 1], ["Chapter 1", 2], ["Chapter 2", 3], ["all", 6]]
    assert "<td>Chapter 1</td>" in app.counts.value
    before = app.ex.settings
    app.dictionary.value = "file"
    assert app.ex.settings == before
    assert "unzh-error" in app.status.value and "type the path of a user dictionary file" in app.status.value
    app.stopwords.value = "file"
    assert app.ex.settings == before and "type the path of" in app.status.value
