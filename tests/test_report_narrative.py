"""The seed's hand-written commentary is shown for the seed alone and states no number; the
describe_* sentences that replace the rest are computed from their tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED

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
    # article 4 on one line (3); headings: title, 序言, 第一章, 第一条, 第二条 定义, 第二章, 第三条 (7)
    paragraphs = read_document(LAYOUTS / "convention.txt").paragraphs
    # the chapters named as the charts name them (Chapter 1, not section_1 nor 第一章范围和定义); a
    # preamble and two chapters are three "parts", not three chapters
    assert describe_sections(paragraphs) == [
        "convention: 11 body paragraphs in 3 parts (3 in Preamble, 5 in Chapter 1, 3 in Chapter 2); "
        "most: Chapter 1; other rows: 7 headings."]
    # seven sections headed 一、… to 七、…, three of them with 3 paragraphs
    assert describe_sections(read_document(FIXTURES / "long_labels.txt").paragraphs) == [
        "long_labels: 17 body paragraphs in 7 sections (3 in Section 1, 3 in Section 2, 3 in Section 3, "
        "2 in Section 4, 2 in Section 5, 2 in Section 6, 2 in Section 7); most: Section 1, Section 2 and "
        "Section 3; other rows: 8 headings."]


def test_split_fragments_and_the_before_after_sentence():
    compare = pd.DataFrame({"rank": [1, 2, 3, 4], "plain_word": ["移徙", "者", "原籍", "发展"],
                            "plain_count": [9, 7, 5, 4], "unzh_word": ["移徙者", "移徙", "原籍国", "发展"],
                            "unzh_count": [7, 2, 5, 4]})
    # 者 is part of 移徙者 and 原籍 of 原籍国, neither in the package's list; 移徙 and 发展 are there
    assert split_fragments(compare) == ["者", "原籍"]
    assert split_fragments(compare, top=2) == ["者"]
    assert describe_before_after(compare, 4) == (
        "plain jieba's top 4 holds 2 fragment(s) of terms the dictionary keeps whole: 者 (7), 原籍 (5); "
        "with the dictionary 2 word(s) enter the top 4: 移徙者, 原籍国.")


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
    assert lines[0] == (f"移徙: {n_text} occurrence(s) in the text, {int((t['token'] == '移徙').sum())} as a token, "
                        f"{sum(tok.count('移徙') for tok in t['token'].astype(str) if tok != '移徙')} inside longer tokens")
    assert describe_hidden_heads(p, t, ["报告"]) == [
        "No term of these 1 is hidden inside longer tokens: tokens and occurrences agree."]
