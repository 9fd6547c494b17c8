"""Valid input that used to fail: few words, no title, no group, nothing coded (fast, no notebook run).

The end-to-end runs of the same cases (`unzh report` on tests/fixtures/edge/) are in
tests/test_report_outputs.py.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from unzh.segment import compare_segmentations
from unzh.text import read_corpus, read_document
from unzh.textplot import (
    NoFigure,
    textplot_before_after,
    textplot_cooccurrence_heatmaps,
    textplot_theme_coverage,
    textplot_theme_network,
    wordcloud_frequencies,
)
from unzh.textplot.style import save_figure
from unzh.textstat import code_themes, textstat_cooccurrence, textstat_themes, theme_graph
from unzh.textstat.emphasis import textstat_stakeholders
from unzh.textstat.stakeholders import code_stakeholders

EDGE = Path(__file__).parent / "fixtures" / "edge"
TINY, NOTHEMES = EDGE / "tiny.txt", EDGE / "nothemes.txt"


def unzh(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_metadata_without_a_title_names_the_document_by_its_id():
    """tiny.meta.json has an organ and a language, no symbol, title or date: the source line still names it."""
    meta = read_corpus([TINY]).metadata
    assert meta == {"organ": "General Assembly", "language": "zh", "title": "tiny"}
    assert read_corpus([NOTHEMES]).metadata == {"title": "nothemes"}  # no .meta.json at all


def test_fewer_distinct_words_than_the_top_asked_for():
    """8 distinct words (4 Arabic letters, as jieba cuts them, and 各国 合作 和平 移徙) for a top 20: 8 rows."""
    compare = compare_segmentations(read_corpus([TINY]).paragraphs, top=20)
    assert list(compare["rank"]) == list(range(1, 9))
    assert list(compare["unzh_word"]) == ["ا", "ل", "س", "م", "各国", "合作", "和平", "移徙"]
    assert list(compare["unzh_count"]) == [8, 8, 4, 4, 3, 2, 2, 1]


def test_the_two_segmentations_may_have_different_numbers_of_words():
    """原籍国 twice: plain jieba 原籍 + 国 (2 words), the dictionary 原籍国 (1): the second unzh row is empty."""
    compare = compare_segmentations(pd.DataFrame({"text": ["原籍国和原籍国。"]}))
    assert compare["plain_word"].tolist() == ["原籍", "国"] and compare["plain_count"].tolist() == [2, 2]
    assert compare["unzh_word"].iloc[0] == "原籍国" and compare["unzh_word"].isna().tolist() == [False, True]
    assert compare["unzh_count"].iloc[0] == 2 and compare["unzh_count"].isna().tolist() == [False, True]
    fig = textplot_before_after(compare, "Source: test; unzh")
    assert [len(ax.patches) for ax in fig.axes[:2]] == [2, 1]
    assert isinstance(textplot_before_after(compare.iloc[:0], "Source: test; unzh"), NoFigure)


def test_word_cloud_leaves_out_words_its_font_cannot_draw_and_says_so():
    from unzh.segment import Segmenter, tokens_table
    from unzh.text import body
    from unzh.textstat import term_frequency

    tokens = tokens_table(body(read_corpus([TINY]).paragraphs), Segmenter(), cache=False)
    words = wordcloud_frequencies(term_frequency(tokens, by="doc_id"), "doc_id")
    assert words["term"].tolist() == ["各国", "合作", "和平"]  # count >= 2; 移徙 occurs once
    assert words.attrs["left_out"] == ["ا", "س", "ل", "م"]


@pytest.fixture(scope="module")
def no_themes():
    coded = code_themes(read_corpus([NOTHEMES]).paragraphs, unit="paragraph")
    assert len(coded) == 2  # two body paragraphs, neither naming a theme of the lexicon
    return coded


def test_a_document_coding_no_theme_gives_no_theme_figure(no_themes, tmp_path, capsys):
    coverage = textstat_themes(no_themes, "doc_id")
    assert int(coverage["units_coded"].sum()) == 0 and len(coverage) == 20  # 20 themes x 1 document
    fig = textplot_theme_coverage(coverage, no_themes, "doc_id")
    assert isinstance(fig, NoFigure) and fig.reason == "no paragraph is coded with any theme of the lexicon"
    heat = textplot_cooccurrence_heatmaps(no_themes, "doc_id")
    assert isinstance(heat, NoFigure)
    assert heat.reason == "no two themes are coded in the same paragraph in any document: no co-occurrence to draw"
    pooled = textstat_cooccurrence(no_themes, "doc_id", include_all=True)
    pooled = pooled[pooled["group"] == "all"]
    graph = theme_graph(pooled, textstat_themes(no_themes), min_count=2, weight="jaccard",
                        labels_zh=no_themes.attrs["labels_zh"], labels_en=no_themes.attrs["labels_en"])
    net = textplot_theme_network(graph, n_pairs=len(pooled))
    assert isinstance(net, NoFigure)
    assert net.reason == "no pair of themes is coded together in at least 2 paragraphs: no edge, so no network to draw"
    assert save_figure(fig, "03_themes_by_doc_id", tmp_path) == [] and list(tmp_path.iterdir()) == []
    assert capsys.readouterr().out == ("03_themes_by_doc_id: not drawn: no paragraph is coded with any theme "
                                       "of the lexicon\n")


def test_stakeholders_without_a_body_paragraph_give_an_empty_table():
    """No body paragraph (only the heading of the fixture kept): 0 sentences, 0 rows by section, no error."""
    paragraphs = read_document(TINY).paragraphs
    coded = code_stakeholders(paragraphs[paragraphs["kind"] == "heading"])
    assert len(coded) == 0
    table = textstat_stakeholders(coded, "section", n_boot=10)
    assert len(table) == 0 and list(table.columns[:3]) == ["section", "actor_id", "label"]


def test_stakeholders_by_a_grouping_the_document_lacks_is_one_line_exit_2():
    r = unzh("stakeholders", TINY, "--by", "debate")
    assert r.returncode == 2 and r.stdout == ""
    # the groupings a text offers are checked before anything is counted (unzh.text.structure.resolve_grouping)
    # (paragraph: the numbered paragraphs 1. and 2.)
    assert r.stderr == ("unzh: error: --by: this text has no such unit 'debate' (use one of: section, doc_id, "
                        "unit_kind, path, paragraph)\n")
    r = unzh("stakeholders", TINY, "--by", "section", "--n-boot", "0")
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert len(r.stdout.splitlines()) == 1 + 27  # the header and one row per actor of the lexicon
