"""Figures of notebook 02: layout, labels, glosses, and byte-identical builds (written to tmp_path only)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from unzh.segment.tokens import TOKEN_COLUMNS
from unzh.textplot.frequency import (
    cloud_words,
    grid_shape,
    group_title,
    term_glosses,
    term_label,
    textplot_keyness,
    textplot_top_terms,
    textplot_top_terms_by_group,
    textplot_wordclouds,
    untranslated,
    with_glosses,
    wordcloud_frequencies,
)
from unzh.textplot.style import save_figure
from unzh.textstat.frequency import term_frequency
from unzh.textstat.keyness import textstat_keyness

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = "Source: freq_mini test fixture; unzh"
GLOSSES = {"移徙者": "Migrants", "汇款": "Remittances"}


@pytest.fixture(scope="module")
def tokens():
    df = pd.read_csv(FIXTURES / "freq_mini_tokens.csv", dtype={"doc_id": str, "section": str, "token": str})
    for c in ("debate", "para_no"):
        df[c] = df[c].astype("Int64")
    df["stop"] = df["stop"].astype(bool)
    return df.assign(**{c: "" for c in TOKEN_COLUMNS if c not in df.columns})[TOKEN_COLUMNS]  # no unit columns: ""


def visible_axes(fig: Figure):
    return [ax for ax in fig.axes if ax.get_visible()]


def ticklabels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


# ------------------------------------------------------------------ labels
def test_grid_shape():
    assert [grid_shape(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [(1, 1), (1, 2), (2, 2), (2, 2), (2, 3), (2, 3), (3, 3)]
    with pytest.raises(ValueError):
        grid_shape(0)


def test_term_label_uses_a_gloss_only_where_there_is_one():
    assert term_label("移徙者", GLOSSES, "both") == "移徙者 (Migrants)"
    assert term_label("移徙者", GLOSSES, "en") == "Migrants"
    assert term_label("移徙者", GLOSSES, "zh") == "移徙者"
    assert term_label("发展", GLOSSES, "en") == "发展"  # no gloss: the Chinese, never an invented translation
    assert term_label("发展", None, "both") == "发展"


def test_group_title():
    assert group_title("debate", 2, "en", {2: "Debate 2 · Effects…"}) == "Debate 2 · Effects…"
    assert group_title("debate", 3, "en", {2: "Debate 2 · Effects…"}) == "Debate 3"
    assert group_title("debate", 2, "both") == "专题辩论 2 (Debate 2)"
    assert group_title("debate", 2, "en") == "Debate 2"
    assert group_title("section", "annex_intro", "zh") == "附件导言"
    assert group_title("doc_id", "000_x", "both") == "000_x"


def test_term_glosses_from_lexicon_tables():
    stakeholders = pd.DataFrame({"label_zh": ["移徙者", "目的地国和接受国"],
                                 "label_en": ["Migrants", "Countries of destination"],
                                 "aliases": [("移徙者",), ("目的地国", "接受国")]})
    themes = pd.DataFrame({"label_zh": ["汇款", "合作与对话", "人权"],
                           "label_en": ["Remittances", "Cooperation and dialogue", "Human rights (theme)"],
                           "terms": [("汇款", "收款人"), ("合作", "对话"), ("人权",)]})
    g = term_glosses(themes=themes, stakeholders=stakeholders, glossary={})
    assert g["移徙者"] == "Migrants"           # equals the entry's label_zh
    assert g["汇款"] == "Remittances"          # equals the theme's label_zh
    assert g["人权"] == "Human rights (theme)"  # sole term of its entry
    assert "合作" not in g and "对话" not in g   # one of several terms under a broader theme: no gloss
    assert "目的地国" not in g and "收款人" not in g


def test_term_glosses_from_the_project_lexicons():
    g = term_glosses(glossary={})
    assert g["移徙者"] == "Migrants" and g["原籍国"] == "Countries of origin" and g["汇款"] == "Remittances"
    assert "合作" not in g


def test_the_glossary_comes_first_then_the_lexicons():
    stakeholders = pd.DataFrame({"label_zh": ["移徙者"], "label_en": ["Migrants"], "aliases": [("移徙者",)]})
    themes = pd.DataFrame({"label_zh": ["汇款"], "label_en": ["Remittances"], "terms": [("汇款",)]})
    g = term_glosses(themes=themes, stakeholders=stakeholders, glossary={"移徙者": "migrants", "合作": "cooperation"})
    assert g == {"移徙者": "migrants", "合作": "cooperation", "汇款": "Remittances"}
    shipped = term_glosses()
    assert (shipped["移徙者"], shipped["合作"], shipped["会员国"]) == ("migrants", "cooperation", "Member States")


def test_with_glosses_and_untranslated():
    table = pd.DataFrame({"term": ["汇款", "发展", "汇款"], "count": [3, 2, 1]})
    table.attrs["x"] = 1
    out = with_glosses(table, {"汇款": "remittances"})
    assert list(out.columns) == ["term", "en", "count"]
    assert out["en"].tolist() == ["remittances", "", "remittances"]
    assert out.attrs == {"x": 1} and list(table.columns) == ["term", "count"]  # input untouched
    assert untranslated(table["term"], {"汇款": "remittances", "发展": " "}) == ["发展"]


def test_cloud_words_draws_glosses_and_adds_shared_ones():
    words = cloud_words(["利益相关者", "利益有关者", "发展", "汇款"], [2, 1, 4, 3],
                        {"利益相关者": "stakeholders", "利益有关者": "stakeholders", "汇款": "remittances"})
    assert words == {"stakeholders": 3.0, "发展": 4.0, "remittances": 3.0}
    assert cloud_words(["汇款"], [3], None) == {"汇款": 3.0}


# ------------------------------------------------------------------ figures
def test_top_terms_figure(tokens):
    fig = textplot_top_terms(term_frequency(tokens), top=3, lang="both", glosses=GLOSSES, source=SOURCE)
    (ax,) = visible_axes(fig)
    assert ticklabels(ax) == ["汇款 (Remittances)", "移徙者 (Migrants)", "人权"]
    assert [round(p.get_width()) for p in ax.patches] == [4, 4, 2]
    assert "Top 3 terms" in ax.get_title()
    assert any(t.get_text() == SOURCE for t in fig.texts)


def test_top_terms_by_group_shares_the_x_axis(tokens):
    fb = term_frequency(tokens, by="debate")
    fig = textplot_top_terms_by_group(fb, "debate", top=2, lang="en", glosses=GLOSSES)
    axes = visible_axes(fig)
    assert [ax.get_title() for ax in axes] == ["Debate 1", "Debate 2"]
    assert ticklabels(axes[0]) == ["Migrants", "人权"] and ticklabels(axes[1]) == ["Remittances", "发展"]
    assert axes[0].get_xlim() == axes[1].get_xlim()
    assert [round(p.get_width()) for p in axes[1].patches] == [500, 333]  # rates per 1,000 tokens


def test_three_groups_fill_a_2x2_grid_with_one_empty_cell(tokens):
    fb = term_frequency(tokens, by="section")
    fig = textplot_top_terms_by_group(fb, "section", top=2)
    assert len(fig.axes) == 4 and len(visible_axes(fig)) == 3


def test_keyness_figure_draws_only_eligible_terms(tokens):
    k = textstat_keyness(tokens, "debate")
    fig = textplot_keyness(k, "debate", top=3, lang="zh", glosses=GLOSSES)
    a1, a2 = visible_axes(fig)
    # eligible: debate 1 -> 移徙者 (+6.16), 发展 (-2.79); debate 2 -> 发展 (+2.79), 移徙者 (-6.16); 汇款 is guarded out
    assert ticklabels(a1) == ["移徙者", "发展"] and ticklabels(a2) == ["发展", "移徙者"]
    assert [round(p.get_width(), 2) for p in a1.patches] == [6.16, -2.79]
    assert a1.get_xlim() == a2.get_xlim() and a1.get_xlim()[0] == -a1.get_xlim()[1]
    assert "at least 2 paragraphs" in fig.get_suptitle()


def test_wordcloud_table_and_grid(tokens):
    fb = term_frequency(tokens, by="debate")
    words = wordcloud_frequencies(fb, "debate", max_words=10, min_count=2)
    # words occurring at least twice: debate 1 移徙者 (3); debate 2 汇款 (3), 发展 (2)
    assert [(r.debate, r.term, r.count) for r in words.itertuples()] == [(1, "移徙者", 3), (2, "汇款", 3), (2, "发展", 2)]
    fig = textplot_wordclouds(fb, "debate", max_words=10, min_count=2, lang="en", source=SOURCE)
    assert [ax.get_title() for ax in visible_axes(fig)] == ["Debate 1", "Debate 2"]
    assert all(len(ax.images) == 1 for ax in visible_axes(fig))


def _build_all(tokens) -> dict[str, Figure]:
    f = term_frequency(tokens)
    fb = term_frequency(tokens, by="debate")
    k = textstat_keyness(tokens, "debate")
    return {
        "02_top_terms_overall": textplot_top_terms(f, top=5, glosses=GLOSSES, source=SOURCE),
        "02_top_terms_by_debate": textplot_top_terms_by_group(fb, "debate", top=3, glosses=GLOSSES, source=SOURCE),
        "02_keyness_by_debate": textplot_keyness(k, "debate", top=3, glosses=GLOSSES, source=SOURCE),
        "02_wordclouds_by_debate": textplot_wordclouds(fb, "debate", min_count=1, source=SOURCE),
    }


def test_building_twice_gives_byte_identical_files(tokens, tmp_path):
    paths = {}
    for run in ("a", "b"):
        for name, fig in _build_all(tokens).items():
            for p in save_figure(fig, name, tmp_path / run):
                paths.setdefault(p.name, []).append(p.read_bytes())
    assert len(paths) == 16  # 4 figures x (PNG, SVG, PDF, caption)
    for name, (first, second) in paths.items():
        assert first == second, f"{name} differs between two builds"
    assert b"<text" not in paths["02_keyness_by_debate.svg"][0]  # SVG draws text as paths
    assert all(paths[f"{n}.caption.txt"][0].decode().endswith(", in freq_mini test fixture.\n") for n in _build_all(tokens))


def test_keyness_without_a_term_to_draw_is_no_figure_and_an_empty_panel_says_so(tokens):
    """A text where no term passes the guard (a goals list: each goal's terms in one paragraph) draws
    no blank canvas but says why; a group with no term drawn says so inside its panel."""
    from unzh.textplot.style import NoFigure
    none = textplot_keyness(textstat_keyness(tokens, "debate", min_paragraphs=9), "debate", top=3, lang="zh")
    assert isinstance(none, NoFigure)
    assert none.reason == "no term occurs in at least 9 paragraphs of a debate, so there is no term to compare"
    k = textstat_keyness(tokens, "debate")
    k.loc[k["debate"] == 2, "eligible"] = False
    fig = textplot_keyness(k, "debate", top=3, lang="zh")
    a1, a2 = visible_axes(fig)
    assert ticklabels(a1) == ["移徙者", "发展"] and ticklabels(a2) == [] and len(a2.patches) == 0
    assert [t.get_text() for t in a2.texts] == ["no term in at least 2 paragraphs"]


def test_a_group_without_a_word_for_the_cloud_is_named_not_hidden():
    """The convention: its preamble (3 paragraphs) has no word twice, so it gets no word-cloud panel;
    the figure's title and the sentence under it name it instead of leaving it out silently."""
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text import body, read_document
    from unzh.text.structure import default_grouping, group_names
    from unzh.textplot.frequency import describe_wordclouds, wordcloud_frequencies
    p = read_document(FIXTURES / "layouts" / "convention.txt").paragraphs
    by = default_grouping(p)
    freq = term_frequency(tokens_table(body(p), Segmenter()), by=by)
    words = wordcloud_frequencies(freq, by)
    assert words.attrs["without_words"] == ["preamble"]
    assert describe_wordclouds(words, by, names=group_names(p, by)).endswith(
        "words drawn per panel: Chapter 1 3, Chapter 2 1; no panel for Preamble: no word occurs there at least 2 times.")
    fig = textplot_wordclouds(freq, by, lang="en")
    assert fig.get_suptitle().endswith("\nnot drawn: Preamble (no word occurs 2× there)")
    assert fig.unzh_description.startswith("Word clouds of the terms of each section but Preamble, where no word "
                                           "occurs 2 times, word size")
    assert len(visible_axes(fig)) == 2
