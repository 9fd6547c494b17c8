"""The seed's hand-written commentary is shown for the seed alone and states no number; the
describe_* sentences that replace the rest are computed from their tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import SEED

from unzh.report.narrative import check_seed_note, seed_note
from unzh.segment.audit import describe_before_after, split_fragments
from unzh.text.corpus import read_corpus
from unzh.text.document import read_document
from unzh.text.structure import body, describe_outside, describe_sections
from unzh.textstat.emphasis import describe_clear_of_zero

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"


def test_the_seed_is_recognised_by_its_bytes_alone(tmp_path):
    assert read_corpus([SEED]).is_seed
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(SEED.read_bytes())
    assert read_corpus([copy]).is_seed                     # the same bytes under another name
    edited = tmp_path / "edited.txt"
    edited.write_bytes(SEED.read_bytes() + "\n附言。\n".encode())
    assert not read_corpus([edited]).is_seed               # one line more: another document
    assert not read_corpus([SEED, LAYOUTS / "goals.txt"]).is_seed   # the seed in a corpus


def test_a_seed_note_is_shown_for_the_seed_only():
    note = "**Reading.** In the seed document debate 2 ¶5 speaks of remittances as an economic effect."
    assert seed_note(read_corpus([SEED]), note).data == note
    assert seed_note(read_corpus([LAYOUTS / "goals.txt"]), note) is None


@pytest.mark.parametrize("text, problem", [
    ("Migrants hold rank 1 in all four debates.", "must start with 'In the seed document'"),
    ("In the seed document migrants are named 19 times in debate 1.", "states no number"),
    ("In the seed document the share is 64 %.", "states no number"),
])
def test_a_seed_note_that_states_a_number_or_hides_its_scope_is_refused(text, problem):
    with pytest.raises(ValueError, match=problem):
        check_seed_note(text)


def test_labels_are_not_numbers():
    assert check_seed_note("In the seed document debates 1 and 4 are put most forcefully; see ¶9.1.")


def test_describe_sections_counts_body_paragraphs_by_section():
    # convention.txt: preamble 本公约缔约国， / 考虑到… / 兹协议如下： (3); chapter 1: article 1's
    # paragraphs 1, 2 and items (a), (b), article 2's text (5); chapter 2: article 3's 1, 2 and
    # article 4 on one line (3); headings: 序言, 第一章, 第一条, 第二条 定义, 第二章, 第三条 (6), and
    # the title, a front-matter line (as the coverage account calls it)
    paragraphs = read_document(LAYOUTS / "convention.txt").paragraphs
    # the chapters named as the charts name them (Chapter 1, not section_1 nor 第一章范围和定义); a
    # preamble and two chapters are three "parts", not three chapters
    assert describe_sections(paragraphs) == [
        "convention: 11 body paragraphs in 3 parts (3 in Preamble, 5 in Chapter 1, 3 in Chapter 2); "
        "most: Chapter 1; other rows: 6 headings, 1 front-matter line."]
    # seven sections headed 一、… to 七、…, three of them with 3 paragraphs; a title line
    assert describe_sections(read_document(FIXTURES / "long_labels.txt").paragraphs) == [
        "long_labels: 17 body paragraphs in 7 sections (3 in Section 1, 3 in Section 2, 3 in Section 3, "
        "2 in Section 4, 2 in Section 5, 2 in Section 6, 2 in Section 7); most: Section 1, Section 2 and "
        "Section 3; other rows: 7 headings, 1 front-matter line."]


def test_split_fragments_and_the_before_after_sentence():
    compare = pd.DataFrame({"rank": [1, 2, 3, 4], "plain_word": ["移徙", "者", "原籍", "发展"],
                            "plain_count": [9, 7, 5, 4], "unzh_word": ["移徙者", "移徙", "原籍国", "发展"],
                            "unzh_count": [7, 2, 5, 4]})
    # 者 is part of 移徙者 and 原籍 of 原籍国 and the package never has them alone; 移徙 (9 for plain
    # jieba, 2 as the package's own token: 7 of its 9 inside 移徙者) is mostly a fragment too; 发展 is
    # the package's own word as often as plain jieba's (4 and 4) and part of no longer term
    assert split_fragments(compare) == ["移徙", "者", "原籍"]
    assert split_fragments(compare, top=2) == ["移徙", "者"]
    assert describe_before_after(compare, 4) == (
        "plain jieba's top 4 holds 3 fragments of terms the dictionary keeps whole: 移徙 (9), 者 (7), 原籍 (5); "
        "with the package's segmentation (its dictionary, HMM off) 2 words enter the top 4: 移徙者, 原籍国.")


def test_a_fragment_of_a_term_outside_the_packages_top_list_is_found():
    """The SC resolution: plain jieba cuts 国际人道主义法 (once in the text: ㈠ 遵守国际人道主义法) into
    国际 | 人道主义法, and 人道主义法 ranks 9th in plain jieba's top 15, while 国际人道主义法 is not in
    the package's top 15 (ties at 1 sorted by character): the fragment is found through the words the
    package keeps whole outside its top list.  人道主义 (2 for plain jieba, 1 as the package's own
    token, 1 inside 人道主义援助) is not mostly inside longer terms: no fragment."""
    from unzh.segment.audit import compare_segmentations
    p = body(read_document(FIXTURES / "layouts" / "resolution_sc.txt").paragraphs)
    assert sum(t.count("国际人道主义法") for t in p["text"]) == 1
    compare = compare_segmentations(p, top=15)
    assert "国际人道主义法" in compare.attrs["kept_whole"] and "国际人道主义法" not in set(compare["unzh_word"])
    assert compare.attrs["unzh_counts"].get("人道主义法", 0) == 0
    assert split_fragments(compare, 15) == ["人道主义法"]
    assert describe_before_after(compare, 15) == (
        "plain jieba's top 15 holds 1 fragment of terms the dictionary keeps whole: 人道主义法 (1); "
        "with the package's segmentation (its dictionary, HMM off) 2 words enter the top 15: 人道主义援助, 保护平民.")


def test_describe_outside_names_what_grouped_measures_leave_out():
    p = read_document(LAYOUTS / "convention.txt").paragraphs
    assert describe_outside(p, "article") == ("3 body paragraphs belong to no article and are left out of "
                                              "the grouped measures (3 in Preamble).")
    assert describe_outside(p, "section") == "Every body paragraph belongs to a chapter."   # its sections are chapters
    assert describe_outside(p, None) == "No grouping: every body paragraph is counted as one whole."


def test_describe_clear_of_zero_reads_the_lower_bounds():
    stats = pd.DataFrame({
        "debate": [1, 1, 1, 2, 2], "label": ["A", "B", "C", "A", "B"], "mentions": [5, 2, 1, 1, 0],
        "emphasis_rate": [9.0, 4.0, 1.0, 2.0, 0.0], "emphasis_rate_low": [3.0, 0.5, 0.0, 0.0, 0.0],
        "emphasis_rate_high": [15.0, 8.0, 3.0, 6.0, 0.0]})
    assert describe_clear_of_zero(stats, "debate") == [
        "Debate 1: 2 of 3 actors with an interval above 0: A 9.0 [3.0, 15.0]; B 4.0 [0.5, 8.0]",
        "Debate 2: 0 of 2 actors with an interval above 0 (every interval reaches 0)"]
    no_boot = stats.assign(emphasis_rate_low=float("nan"), emphasis_rate_high=float("nan"))
    assert describe_clear_of_zero(no_boot, None) == ["all: no intervals (no resamples)"]


def test_notebook_lexicons_choose_by_fit_and_say_so():
    from unzh.report.lexicons import notebook_lexicons
    # a Security Council resolution: the peace-and-security themes and the general actors fit best
    sc = notebook_lexicons(read_document(LAYOUTS / "resolution_sc.txt").paragraphs)
    assert (sc.themes.name, sc.themes.how, sc.actors.name) == ("peace_security", "chosen by fit", "general")
    assert sc.themes.line("theme").startswith("theme lexicon peace_security (chosen by fit: codes ")
    # named lexicons are used as named, and a poor fit is said in one line naming the better ones
    named = notebook_lexicons(read_document(LAYOUTS / "resolution_sc.txt").paragraphs, themes=["migration"])
    assert (named.themes.name, named.themes.how) == ("migration", "named") and not named.themes.fits
    assert "WARNING: lexicon migration codes" in named.themes.line("theme") and "try peace_security" in named.themes.line("theme")
    files = named.source_files()
    assert files["themes:themes.tsv"].name == "themes.tsv" and any(k.startswith("user_dict:") for k in files)


def test_describe_hidden_heads_counts_a_head_inside_compounds():
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.textstat.occurrences import describe_hidden_heads
    # report.txt: 移徙 as a token and inside 国际移徙 / 移徙者 (tokens of the user dictionary)
    p = body(read_document(LAYOUTS / "report.txt").paragraphs)
    t = tokens_table(p, Segmenter())
    lines = describe_hidden_heads(p, t, ["移徙", "报告"])
    assert len(lines) == 1 and lines[0].startswith("移徙: ")
    n_text = sum(s.count("移徙") for s in p["text"])
    assert lines[0] == (f"移徙: {n_text} occurrences in the text, {int((t['token'] == '移徙').sum())} as a token, "
                        f"{sum(tok.count('移徙') for tok in t['token'].astype(str) if tok != '移徙')} inside longer tokens")
    assert describe_hidden_heads(p, t, ["报告"]) == [
        "No term of these 1 is hidden inside longer tokens: tokens and occurrences agree."]


# ---------------------------------------------------------------- what cleaning changed (notebook 01 §2)
#: PDF style: a paragraph's last line ends with a space, a wrapped one does not; a blank line after every line
PDF_STYLE = "一、标题 \n\n1. 第一段的第一行，没有结束\n\n 继续第一段的句子(a)。 \n\n2. 第二段 7 月。 \n"


def test_cleaning_changes_count_what_the_cleaner_did(tmp_path):
    from unzh.report.narrative import cleaning_changes, cleaning_example, describe_cleaning, most_changed
    raw = tmp_path / "pdf_style.txt"
    raw.write_text(PDF_STYLE, encoding="utf-8")
    doc = read_document(raw)
    c = cleaning_changes(doc)
    # ¶2 (lines 3-5): two lines joined, the second a false start (it begins with a space), (a) made
    # full-width; ¶3: the spaces around 7 removed ("第二段 7 月" -> "第二段7月"); the title unchanged
    assert c[["para_id", "line_breaks", "false_starts", "cuts", "spaces", "brackets", "changes"]].values.tolist() == [
        [1, 0, 0, 0, 0, 0, 0], [2, 1, 1, 0, 0, 2, 4], [3, 0, 0, 0, 2, 0, 2]]
    assert most_changed(c) == 2
    assert describe_cleaning(c, "pdf_style") == (
        "pdf_style: cleaning changed 2 of 3 paragraphs: 1 line break joined inside paragraphs; 1 false paragraph "
        "start mended (a wrapped line that begins with a space but continues the sentence); 2 spaces removed "
        "(around numbers, between Chinese characters, or repeated); 2 brackets made full-width.")
    assert cleaning_example(doc, c) == ("RAW (pdf_style, lines 3 to 5)\n1. 第一段的第一行，没有结束\n\n 继续第一段的句子(a)。 \n\n"
                                        "CLEANED\n1. 第一段的第一行，没有结束继续第一段的句子（a）。")


def test_cleaning_on_one_line_paragraphs_names_only_what_changed():
    from unzh.report.narrative import cleaning_changes, cleaning_example, describe_cleaning
    # convention.txt: every paragraph on one line; spaces removed in 第一章 范围和定义, (a) 国际…, (b) 难民…,
    # 第二条 定义, 第二章 权利, 第四条 缔约国… (6), and the brackets of (a) and (b) made full-width (4)
    doc = read_document(LAYOUTS / "convention.txt")
    c = cleaning_changes(doc)
    assert describe_cleaning(c, "convention") == (
        "convention: cleaning changed 6 of 18 paragraphs: 6 spaces removed (around numbers, between Chinese "
        "characters, or repeated); 4 brackets made full-width.")
    # the example is the paragraph changed most (3 changes: (a) at line 19, before (b) at line 21), not the title
    assert cleaning_example(doc, c) == "RAW (convention, line 19)\n(a) 国际组织派遣的人员；\n\nCLEANED\n（a）国际组织派遣的人员；"
    # long_labels.txt: nothing to clean, and the text says so rather than showing an unchanged title
    plain = read_document(FIXTURES / "long_labels.txt")
    pc = cleaning_changes(plain)
    assert describe_cleaning(pc, "long_labels") == (
        "long_labels: cleaning changed 0 of 25 paragraphs: each was one line, without a space or a half-width "
        "bracket to remove.")
    assert cleaning_example(plain, pc) == "long_labels: nothing to show, cleaning left every paragraph as it was."


def test_describe_audit_agrees_in_number():
    from unzh.report.narrative import describe_audit
    audit = pd.DataFrame({"term": ["移徙者", "原籍国", "难民署"], "occurrences": [4, 0, 0], "intact": [True, True, True]})
    assert describe_audit(audit) == "3 of 3 entries intact; 2 entries do not occur in the body paragraphs."
    assert describe_audit(audit.head(2)) == "2 of 2 entries intact; 1 entry does not occur in the body paragraphs."


# ---------------------------------------------------------------- naming the groups
def test_group_labels_name_chapters_and_sections_as_the_document_does():
    from unzh.text.structure import describe_grouping, group_labels, group_names
    from unzh.textplot.frequency import term_glosses
    glosses = term_glosses()
    convention = read_document(LAYOUTS / "convention.txt").paragraphs
    # 第一章 范围和定义 / 第二章 权利: chapters, with the English of their titles from the glossary
    en = group_labels(convention, "section", "en", glosses=glosses)
    assert (en["section_1"], en["section_2"], en["preamble"], en.noun, en.noun_zh) == (
        "Chapter 1 · Scope and definitions", "Chapter 2 · Rights", "Preamble", "chapter", "章")
    assert group_labels(convention, "section", "both", glosses=glosses)["section_2"] == "第二章权利\nChapter 2 · Rights"
    assert describe_grouping(convention, "section") == (
        "Grouped by chapter (column 'section'): 3 groups: Preamble, Chapter 1, Chapter 2.")
    # long_labels: headings 一、… without an English gloss: "Section 1" in English, never the Chinese title
    long = read_document(FIXTURES / "long_labels.txt").paragraphs
    en = group_labels(long, "section", "en", glosses=glosses)
    assert [en[f"section_{i}"] for i in range(1, 8)] == [f"Section {i}" for i in range(1, 8)] and en.noun == "section"
    assert group_labels(long, "section", "both", glosses=glosses)["section_4"] == "四、正常移徙和非正常移徙的管…\nSection 4"
    # a resolution's preamble and operative part are its parts; the seed's debates stay debates
    sc = read_document(LAYOUTS / "resolution_sc.txt").paragraphs
    assert group_names(sc, "section").noun == "part"
    assert dict(group_names(read_corpus([SEED]).paragraphs, "debate")) == {i: f"Debate {i}" for i in range(1, 5)}


# ---------------------------------------------------------------- notebook 03's sentences
def test_notebook_03_sentences_come_from_the_lexicon_in_use():
    from unzh.lexicon.files import load_themes
    from unzh.textstat import (
        code_themes,
        describe_focus,
        describe_hubs,
        focus_theme,
        nested_term_examples,
        textstat_cooccurrence,
        textstat_themes,
        theme_graph,
    )
    lexicon = load_themes(FIXTURES / "themes_mini_lexicon.tsv")
    coded = code_themes(read_document(FIXTURES / "themes_mini.txt").paragraphs, lexicon, unit="paragraph")
    grouped = coded[coded["debate"].notna()]
    # the five debate paragraphs: rights in 1, 2, 3, 5; labour in 2, 4, 5; traffic in 1, 3; dev in 2, 4
    assert nested_term_examples(lexicon) == ["in 劳动剥削 only the Trafficking term 劳动剥削 is found, not the Labour "
                                             "term 劳动 inside it"]
    assert focus_theme(grouped) == "rights"                        # the lexicon has human rights: followed
    assert focus_theme(grouped, prefer="absent") == "rights"       # else the most coded theme (4 of 5)
    assert focus_theme(grouped, prefer="labour") == "labour"
    # rights + traffic in 1, 3: Jaccard 2/(4+2-2), lift 5*2/(4*2); + labour in 2, 5: 2/(4+3-2), 10/12; + dev in 2
    assert describe_focus(grouped, "debate", "rights") == (
        "Human rights is coded in 4 of 5 paragraphs; it meets Trafficking in 2 (Jaccard 0.50, lift 1.25), "
        "Labour in 2 (Jaccard 0.40, lift 0.83), Development in 1 (Jaccard 0.20, lift 0.62).")
    edges = textstat_cooccurrence(grouped, "debate", include_all=True)
    pooled = edges[edges["group"] == "all"]

    def graph(min_count):
        return theme_graph(pooled, textstat_themes(grouped), min_count=min_count,
                           labels_en=coded.attrs["labels_en"], labels_zh=coded.attrs["labels_zh"])
    # at 2 paragraphs: rights-traffic, rights-labour, labour-dev; a theme without an edge is never "connected"
    assert describe_hubs(graph(2)) == "Most connected: Human rights (2 edges), Labour (2 edges), Trafficking (1 edge)."
    assert describe_hubs(graph(9)) == ("No pair of themes is coded together in at least 9 paragraphs: no theme is "
                                       "connected to another.")


def test_key_terms_are_traced_to_their_paragraphs_only_where_there_are_key_terms():
    """Notebook 02 §6 on long_labels: section 1 (一、…) has 保护 in its ¶1 (保护所有移徙者) and ¶2 (保护受害者),
    not in ¶3; sections 2 to 5 and 7 have no key term at p ≤ 0.05, and say so instead of listing one.
    The paragraphs are cited by their printed numbers (1. and 2., numbered through the document)."""
    from unzh.explore.logic import unit_references
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.structure import group_names
    from unzh.textstat import describe_key_term_sources, textstat_keyness
    p = read_document(FIXTURES / "long_labels.txt").paragraphs
    tokens = tokens_table(body(p), Segmenter())
    k = textstat_keyness(tokens, "section", min_paragraphs=2)
    lines = describe_key_term_sources(k, tokens, p, "section", unit_references(p), names=group_names(p, "section"))
    g2 = k[(k["section"] == "section_1") & (k["term"] == "保护")].iloc[0]
    assert lines[:3] == [
        f"Section 1: 保护 — G2 = {g2['g2']:.1f}, log-ratio {g2['log_ratio']:+.1f}; 2 paragraphs: para. 1, para. 2",
        "    1. 强调各国有义务充分尊重和保护所有移徙者的人权，包括移徙工人及其家庭成员。",
        "    2. 指出应采取措施打击贩运人口，保护受害者，特别是妇女和儿童。"]
    assert [line for line in lines if "no key term" in line] == [
        f"Section {i}: no key term at p ≤ 0.05 to trace back." for i in (2, 3, 4, 5, 7)]


def test_describe_wordclouds_names_the_largest_word_or_says_there_is_none():
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.structure import group_names
    from unzh.textplot.frequency import describe_wordclouds, wordcloud_frequencies
    from unzh.textstat import term_frequency
    p = read_document(LAYOUTS / "convention.txt").paragraphs
    freq = term_frequency(tokens_table(body(p), Segmenter()), by="section")
    words = wordcloud_frequencies(freq, "section", min_count=2)
    # words occurring twice or more: chapter 1 公约 3, 人员 2, 移徙工人 2; chapter 2 移徙工人 3 of its 11 tokens
    assert describe_wordclouds(words, "section", names=group_names(p, "section")) == (
        f"Largest word: 移徙工人 in Chapter 2 ({3 / 11 * 1000:.1f} per 1,000 tokens); words drawn per panel: "
        "Chapter 1 3, Chapter 2 1; no panel for Preamble: no word occurs there at least 2 times.")
    assert describe_wordclouds(words.head(0), "section") == "No word occurs at least 2 times in any group: no word cloud."
    # chapter 1's 公约 set as large as chapter 2's 移徙工人: both named, in order of the term
    tie = words.copy()
    tie.loc[tie["term"].eq("公约"), "rate_per_1000"] = tie.loc[tie["section"].eq("section_2"), "rate_per_1000"].iloc[0]
    assert describe_wordclouds(tie, "section", names=group_names(p, "section")).startswith(
        f"Largest words, tied at {3 / 11 * 1000:.1f} per 1,000 tokens: 公约 in Chapter 1, 移徙工人 in Chapter 2; "
        "words drawn per panel: Chapter 1 3, Chapter 2 1;")


def test_the_before_after_chart_hatches_plain_jiebas_fragments_only():
    """On the seed, 移徙 and 国际 are fragments in plain jieba's list (most of their occurrences inside
    移徙者, 国际移徙 …) but words of their own in the package's: hatched on the left only; a text
    without a fragment draws no key for one."""
    from unzh import config
    from unzh.segment.audit import compare_segmentations
    from unzh.textplot import textplot_before_after
    compare = compare_segmentations(body(read_document(config.SEED_DOCUMENT).paragraphs), top=20)
    fig = textplot_before_after(compare, "Source: test; unzh")
    left, right = fig.axes[:2]
    hatched = [t.get_text() for t, bar in zip(left.get_yticklabels(), left.patches) if bar.get_hatch()]
    assert hatched == ["移徙", "国际", "者", "国", "原籍", "对话"] == split_fragments(compare, 15)
    assert not any(bar.get_hatch() for bar in right.patches)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["fragment of a split UN term"]
    plain = pd.DataFrame({"rank": [1, 2], "plain_word": ["发展", "合作"], "plain_count": [3, 2],
                          "unzh_word": ["发展", "合作"], "unzh_count": [3, 2]})
    fig = textplot_before_after(plain, "Source: test; unzh")
    assert not fig.legends and not any(bar.get_hatch() for ax in fig.axes[:2] for bar in ax.patches)
