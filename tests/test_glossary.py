"""The English glossary: its loader, its coverage of the seed and the layout fixtures, and the
labels built from it (English tick labels, debate titles as panel titles)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from unzh import config
from unzh.errors import LexiconError
from unzh.lexicon.files import glossary_dict, load_glossary
from unzh.segment import Segmenter, tokens_table
from unzh.text import body, read_corpus
from unzh.text.structure import add_unit_grouping, group_labels, short_title
from unzh.textplot.frequency import (
    fit_label,
    fit_title,
    term_glosses,
    textplot_keyness,
    textplot_top_terms,
    textplot_top_terms_by_group,
    textplot_wordclouds,
    untranslated,
)
from unzh.textstat import term_frequency, textstat_keyness

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "# a comment\nterm\ten\tsource\n"
LATIN = re.compile(r"[A-Za-z]")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed():
    corpus = read_corpus([config.SEED_DOCUMENT])
    return corpus.paragraphs, tokens_table(body(corpus.paragraphs), Segmenter())


# ------------------------------------------------------------------ the loader
def test_load_one_file(tmp_path):
    path = write(tmp_path, "g.tsv", HEADER + "汇款\tremittances\tUNTERM/UN usage\n会员国\tMember States\tUNTERM/UN usage\n")
    g = load_glossary(path)
    assert g[["term", "en", "source"]].values.tolist() == [
        ["汇款", "remittances", "UNTERM/UN usage"], ["会员国", "Member States", "UNTERM/UN usage"]]
    assert g["file"].tolist() == [str(path)] * 2 and g.attrs["sources"] == [str(path)]
    assert glossary_dict(g) == {"汇款": "remittances", "会员国": "Member States"}


def test_later_files_override_earlier_ones(tmp_path):
    a = write(tmp_path, "a.tsv", HEADER + "汇款\tremittances\tUNTERM/UN usage\n发展\tdevelopment\tUNTERM/UN usage\n")
    b = write(tmp_path, "b.tsv", HEADER + "发展\tgrowth\tmy reading\n合作\tcooperation\tgeneral (translation)\n")
    g = load_glossary([a, b])
    assert glossary_dict(g) == {"汇款": "remittances", "发展": "growth", "合作": "cooperation"}
    assert g.set_index("term").loc["发展", "source"] == "my reading"
    assert g.set_index("term").loc["发展", "file"] == str(b)


@pytest.mark.parametrize("body_text, fragments", [
    ("汇款\tremittances\n", ["line 3", "'汇款'", "expected 3 tab-separated fields"]),
    ("汇款\t\tUN\n", ["line 3", "empty en"]),
    ("汇款\tremittances\tUN\n发展\tdevelopment\tUN\n汇款\tremittance\tUN\n", ["line 5", "'汇款'", "duplicate term (first on line 3)"]),
    ("汇 款\tremittances\tUN\n", ["line 3", "whitespace"]),
])
def test_a_malformed_line_is_one_line_naming_file_and_line(tmp_path, body_text, fragments):
    path = write(tmp_path, "mine.tsv", HEADER + body_text)
    with pytest.raises(LexiconError) as info:
        load_glossary([config.GLOSSARY, path])
    message = str(info.value)
    assert "\n" not in message and "mine.tsv" in message
    for fragment in fragments:
        assert fragment in message, message


def test_a_missing_column_header(tmp_path):
    path = write(tmp_path, "g.tsv", "term\tenglish\n汇款\tremittances\n")
    with pytest.raises(LexiconError, match=r"g\.tsv: line 1: column header lacks en, source"):
        load_glossary(path)


def test_the_shipped_glossary_has_un_usage():
    g = load_glossary()
    en = glossary_dict(g)
    assert (en["会员国"], en["缔约国"], en["移徙者"], en["原籍国"], en["汇款"], en["强调"]) == (
        "Member States", "States parties", "migrants", "countries of origin", "remittances", "stressed")
    assert set(g["source"]) <= {"UNTERM/UN usage", "general (translation)", "UN usage (HLD 2006 round tables)"}


# ------------------------------------------------------------------ coverage
def test_the_glossary_covers_the_300_most_frequent_terms_of_the_seed(seed):
    _, tokens = seed
    top = term_frequency(tokens).sort_values("rank").head(300)["term"]
    assert len(top) == 300
    assert untranslated(top, glossary_dict()) == []


def test_the_glossary_covers_lexicon_labels_and_the_seed_debate_titles(seed):
    from unzh.lexicon.files import load_reporting_verbs, load_stakeholders, load_themes

    en = glossary_dict()
    labels = [*load_themes()["label_zh"], *load_stakeholders()["label_zh"], *load_reporting_verbs()["verb"]]
    assert untranslated(labels, en) == []
    paragraphs, _ = seed
    titles = paragraphs.groupby("debate")["debate_title"].first().str.rstrip("。")
    assert untranslated(titles, en) == []


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "layouts").glob("*.txt")), ids=lambda p: p.stem)
def test_the_glossary_covers_the_top_20_of_every_layout_fixture(fixture):
    tokens = tokens_table(body(read_corpus([fixture]).paragraphs), Segmenter())
    assert untranslated(term_frequency(tokens).head(20)["term"], glossary_dict()) == []


@pytest.mark.parametrize("fixture", [*sorted((FIXTURES / "layouts").glob("*.txt")), FIXTURES / "long_labels.txt"],
                         ids=lambda p: p.stem)
def test_every_term_the_charts_draw_on_a_fixture_has_english(fixture):
    """What notebook 02 charts on each fixture analysed alone (the top 20, the top 10 of each group of
    its default grouping, the key and under-used terms drawn), as `unzh report FIXTURE` draws it."""
    from unzh.text.structure import default_grouping
    from unzh.textstat import key_terms
    paragraphs = read_corpus([fixture]).paragraphs
    by = default_grouping(paragraphs)
    tokens = tokens_table(body(paragraphs), Segmenter())
    terms = [*term_frequency(tokens).head(20)["term"], *term_frequency(tokens, by=by).query("rank <= 10")["term"]]
    if tokens[by].nunique() > 1:
        terms += list(key_terms(textstat_keyness(tokens, by, min_paragraphs=2), by, top=6, direction="both")["term"])
    assert untranslated(terms, term_glosses()) == []


def test_the_principal_organs_of_the_un_are_glossed():
    en = glossary_dict()
    assert [en[t] for t in ("大会", "安全理事会", "经济及社会理事会", "托管理事会", "国际法院", "秘书处", "人权理事会")] == [
        "General Assembly", "Security Council", "Economic and Social Council", "Trusteeship Council",
        "International Court of Justice", "Secretariat", "Human Rights Council"]


def test_header_lines_give_no_terms():
    """resolution_sc.txt opens '联合国 S/RES/1674 (2006)' / '安全理事会 Distr.: General': front matter, not
    text.  Notebook 01 compares segmentations on the body paragraphs, as every count; on the whole
    table the header's Latin words came out as the 'terms' Distr, General and RES."""
    from unzh.segment import compare_segmentations
    paragraphs = read_corpus([FIXTURES / "layouts" / "resolution_sc.txt"]).paragraphs
    header = {"Distr", "General", "RES"}
    whole = compare_segmentations(paragraphs, top=20)
    assert header <= set(whole["plain_word"].dropna()) | set(whole["unzh_word"].dropna())   # what it was
    counted = compare_segmentations(body(paragraphs), top=20)
    assert not header & (set(counted["plain_word"].dropna()) | set(counted["unzh_word"].dropna()))
    tokens = tokens_table(body(paragraphs), Segmenter())
    assert not header & set(tokens["token"].astype(str))


# ------------------------------------------------------------------ English labels on the seed
def test_with_lang_en_every_term_label_of_the_seed_charts_is_english(seed):
    paragraphs, tokens = seed
    g = term_glosses()
    by = "debate"
    figs = [textplot_top_terms(term_frequency(tokens), top=20, lang="en", glosses=g),
            textplot_top_terms_by_group(term_frequency(tokens, by=by), by, top=10, lang="en", glosses=g),
            textplot_keyness(textstat_keyness(tokens, by, min_paragraphs=2), by, top=6, lang="en", glosses=g)]
    counts = []
    for fig in figs:
        labels = [t.get_text() for ax in fig.axes if ax.get_visible() for t in ax.get_yticklabels()]
        assert labels and all(LATIN.search(t) for t in labels), [t for t in labels if not LATIN.search(t)]
        counts.append(len(labels))
    assert counts == [20, 40, 48]


def test_english_word_clouds_list_what_stays_chinese(seed):
    _, tokens = seed
    fb = term_frequency(tokens, by="debate")
    fig = textplot_wordclouds(fb, "debate", lang="en", glosses={"移徙者": "migrants"})
    assert "移徙者" not in fig.untranslated and "移徙" in fig.untranslated
    assert textplot_wordclouds(fb, "debate", lang="en", glosses=term_glosses()).untranslated == []


# ------------------------------------------------------------------ titles
def test_short_title_rule():
    assert short_title("国际移徙与发展的多层面方面，包括汇款。") == "国际移徙与发展的多层面方…"  # comma, then 12
    assert short_title("促进建立伙伴关系、能力建设") == "促进建立伙伴关系…"               # cut at 、
    assert short_title("移徙与发展。") == "移徙与发展"                                   # nothing cut
    assert short_title("Effects of international migration on economic and social development") == \
        "Effects of international migration on…"                                      # last space within 40
    assert short_title("Multidimensional aspects, including remittances") == "Multidimensional aspects…"
    assert short_title("Human rights") == "Human rights"
    assert short_title("一二三四五六七八九十一二三", max_cjk=5) == "一二三四五…"
    # a leading number is kept and not counted, and its own mark (、) does not cut the title
    assert short_title("一、导言：背景与任务") == "一、导言…"
    assert short_title("第三章 移徙工人的权利，包括家庭成员") == "第三章 移徙工人的权利…"
    assert short_title("IV. Follow-up and review, including") == "IV. Follow-up and review…"
    assert short_title("（二）人权与移徙") == "（二）人权与移徙" and short_title("一、") == "一、"


DEBATES = "导言段落，移徙者。\n\n专题辩论 1：国际移徙对经济和社会发展的影响，包括汇款。\n\n移徙者，汇款。\n\n专题辩论 2：人权\n\n人权，发展。\n"
TITLE_EN = {"国际移徙对经济和社会发展的影响，包括汇款":
            "Effects of international migration on economic and social development, including remittances"}


def test_debate_labels_carry_the_shortened_titles(tmp_path):
    paragraphs = read_corpus([write(tmp_path, "debates.txt", DEBATES)]).paragraphs
    assert group_labels(paragraphs, "debate", "zh") == {1: "专题辩论 1 · 国际移徙对经济和社会发展…", 2: "专题辩论 2 · 人权"}
    assert group_labels(paragraphs, "debate", "en", glosses=TITLE_EN) == {
        1: "Debate 1 · Effects of international migration on…", 2: "Debate 2"}
    assert group_labels(paragraphs, "debate", "en", glosses={**TITLE_EN, "人权": "human rights"})[2] == \
        "Debate 2 · human rights"
    assert group_labels(paragraphs, "debate", "both", glosses=TITLE_EN) == {
        1: "专题辩论 1 · 国际移徙对经济和社会发展…\nDebate 1 · Effects of international migration on…",
        2: "专题辩论 2 · 人权\nDebate 2"}
    sections = group_labels(paragraphs, "section", "en", glosses=TITLE_EN)
    assert sections["debate_1"] == "Debate 1 · Effects of international migration on…"
    # a coded table has the headings in section_title only
    coded = paragraphs[["section", "section_title", "debate"]][paragraphs["kind"] == "paragraph"]
    assert group_labels(coded, "debate", "en", glosses=TITLE_EN) == {
        1: "Debate 1 · Effects of international migration on…", 2: "Debate 2"}
    # a table without titles (tokens) keeps the numbers
    tokens = tokens_table(body(paragraphs), Segmenter())
    assert group_labels(tokens, "debate", "both") == {1: "专题辩论 1 (Debate 1)", 2: "专题辩论 2 (Debate 2)"}


def test_panel_titles_show_the_debate_titles(tmp_path):
    paragraphs = read_corpus([write(tmp_path, "debates.txt", DEBATES)]).paragraphs
    tokens = tokens_table(body(paragraphs), Segmenter())
    titles = group_labels(paragraphs, "debate", "en", glosses=TITLE_EN)
    fig = textplot_top_terms_by_group(term_frequency(tokens, by="debate"), "debate", top=2, lang="en", titles=titles)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    # a title with a heading: flush right over the bars; a number alone: centred; 8 pt for all
    assert [ax.get_title(loc="right") for ax in panels] == ["Debate 1 · Effects of international migration on…", ""]
    assert [ax.get_title() for ax in panels] == ["", "Debate 2"]
    assert panels[1].title.get_fontsize() == 8 and panels[0]._right_title.get_fontsize() == 8


def test_fit_title_breaks_lines_wider_than_the_panel():
    # two columns at 8 pt: (6.5 in / 2 - 0.2 in gap) * 72 / 4 pt = 54 Latin letters (27 CJK characters) per line
    assert fit_title("Debate 1 · Effects of international migration on…", 2) ==         "Debate 1 · Effects of international migration on…"
    # three columns: 35 letters; broken after the "·", then at a space
    assert fit_title("Debate 1 · Effects of international migration on…", 3) ==         "Debate 1 ·\nEffects of international migration\non…"
    # six columns: 15 letters; CJK characters count two and break anywhere, words never
    assert fit_title("专题辩论 1 · 国际移徙对经济和社会发展…\nDebate 1", 6) == "专题辩论 1 ·\n国际移徙对经济\n和社会发展…\nDebate 1"
    assert fit_label("Promoting the building of partnerships…", 0.7, 6.5) == "Promoting the\nbuilding of\npartnerships…"


def test_unit_labels_name_articles_and_targets():
    for fixture, by, expected in (("convention.txt", "article", "Art. 1"), ("goals.txt", "target", "Target 1.1")):
        paragraphs = read_corpus([FIXTURES / "layouts" / fixture]).paragraphs
        labels = group_labels(add_unit_grouping(paragraphs, by), by, "en")
        assert next(iter(labels.values())) == expected


def test_before_after_chart_speaks_english_where_the_glossary_does():
    """Notebook 01's before/after chart: with --lang en each word the glossary knows is drawn in English;
    the fragments a split leaves (者, 国) have no gloss and stay in Chinese; with "both", term over gloss."""
    from unzh.segment import compare_segmentations
    from unzh.textplot import textplot_before_after
    compare = compare_segmentations(read_corpus([FIXTURES / "long_labels.txt"]).paragraphs, top=20)
    glosses = term_glosses()
    fig = textplot_before_after(compare, "Source: test; unzh", lang="en", glosses=glosses)
    left, right = fig.axes[:2]
    plain = compare.head(15)["plain_word"].dropna().tolist()
    assert [t.get_text() for t in left.get_yticklabels()] == [glosses.get(w, w) for w in plain]
    assert "者" in plain and "者" not in glosses
    unzh = compare.head(15)["unzh_word"].dropna().tolist()
    assert all(w in glosses for w in unzh)  # every UN-dictionary word of this fixture has English
    assert [t.get_text() for t in right.get_yticklabels()] == [glosses[w] for w in unzh]
    both = textplot_before_after(compare, "Source: test; unzh", lang="both", glosses=glosses)
    assert both.axes[1].get_yticklabels()[0].get_text() == f"{unzh[0]}\n({glosses[unzh[0]]})"
