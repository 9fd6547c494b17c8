"""Lexicon fit on two fixtures that are not about migration: a Security Council resolution and a declaration.

tests/fixtures/lexicons/sc_resolution.txt (8 body paragraphs: 4 preambular, 4 operative):
  peace_security codes 4: 主权/领土完整 (sovereignty), 武装冲突 + 平民 (conflict, civilians), 停火
  (ceasefire), 武器禁运 (sanctions); migration codes 1 (主权, its security theme); the other two 0.
tests/fixtures/lexicons/hr_declaration.txt (6 body paragraphs): human_rights codes all 6 (世界人权宣言
  + 人权 + 基本自由, 固有尊严, 言论自由, 种族歧视, 酷刑 + 任意拘留, 难民 + 移民); migration codes 3
  (the second 人权 of the first paragraph: the first is inside 世界人权宣言; 种族歧视 -> integration;
  权利 and 难民 in the last).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from unzh import config
from unzh.text.structure import paragraph_table
from unzh.textstat.fit import FIT_THRESHOLD, choose_theme_lexicon, fit_message, lexicon_fit

FIXTURES = Path(__file__).parent / "fixtures" / "lexicons"


def _paragraphs(name):
    return paragraph_table(name, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def test_fit_of_the_migration_themes_to_a_resolution():
    fit = lexicon_fit(_paragraphs("sc_resolution"), config.THEMES, name="migration")
    assert fit.to_dict("records") == [{"doc_id": "sc_resolution", "lexicon": "migration", "n_paragraphs": 8,
                                       "n_coded": 1, "share": 0.125, "n_entries": 20, "entries_found": "security"}]


def test_the_resolution_chooses_peace_and_security():
    name, fits = choose_theme_lexicon(_paragraphs("sc_resolution"))
    assert name == "peace_security"
    total = fits[fits["doc_id"] == "(all)"].set_index("lexicon")
    assert total["n_coded"].to_dict() == {"migration": 1, "human_rights": 0, "peace_security": 4,
                                          "sustainable_development": 0}
    assert total.loc["peace_security", "entries_found"] == "conflict|sanctions|civilians|sovereignty|ceasefire"


def test_the_declaration_chooses_human_rights():
    name, fits = choose_theme_lexicon(_paragraphs("hr_declaration"))
    total = fits[fits["doc_id"] == "(all)"].set_index("lexicon")
    assert name == "human_rights" and total.loc["human_rights", "share"] == 1.0
    assert total.loc["human_rights", "entries_found"] == (
        "rights_general|civil_political|equality|torture_detention|displacement")
    assert total.loc["migration", "n_coded"] == 3


def test_actor_lexicons_fit_too():
    # general actors in the resolution: 安全理事会 (chapeau: not body), 平民, 秘书长 -> 2 of 8 paragraphs
    fit = lexicon_fit(_paragraphs("sc_resolution"), config.ACTORS_GENERAL, name="general")
    assert (fit["n_coded"].item(), fit["entries_found"].item()) == (2, "secretary_general|civilians")


def test_fit_message():
    assert FIT_THRESHOLD == 0.2
    assert fit_message("peace_security", 0.5) is None
    assert fit_message("migration", 0.125, {"peace_security": 0.5, "human_rights": 0.0, "migration": 0.125}) == (
        "lexicon migration codes 12% of the body paragraphs (below 20%): it does not fit this document; "
        "try peace_security (50%)")
    assert fit_message("x", 0.0, {}) == "lexicon x codes 0% of the body paragraphs (below 20%): it does not fit this document"


def test_a_document_without_body_paragraphs_has_share_zero():
    p = _paragraphs("sc_resolution")
    fit = lexicon_fit(p, config.THEMES, kinds=("no such kind",))
    assert (fit["n_paragraphs"].item(), fit["share"].item()) == (0, 0.0)


@pytest.mark.parametrize("name", sorted(config.THEME_LEXICONS))
def test_every_shipped_theme_lexicon_loads(name):
    from unzh.lexicon.files import load_themes
    assert len(load_themes(config.THEME_LEXICONS[name])) >= 10


def test_variants_across_eras_are_aliases_of_one_entry():
    from unzh.lexicon.files import load_stakeholders, load_themes, term_index
    actors = term_index(load_stakeholders(config.ACTORS_GENERAL), "actor_id", "aliases")
    assert actors["移民"] == actors["移徙者"] == "migrants"
    assert actors["残疾人"] == actors["残疾者"] == "persons_with_disabilities"
    assert actors["寻求庇护者"] == actors["寻求避难者"] == "asylum_seekers"
    themes = term_index(load_themes(config.THEME_LEXICONS["human_rights"]), "theme_id", "terms")
    assert themes["贩运人口"] == themes["贩卖人口"] == themes["人口贩运"] == "trafficking"
    peace = term_index(load_themes(config.THEME_LEXICONS["peace_security"]), "theme_id", "terms")
    assert peace["国际和平及安全"] == peace["国际和平与安全"] == "international_peace"


def test_key_term_lexicon_when_no_lexicon_fits():
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.structure import body
    from unzh.textstat.cooccurrence import textstat_cooccurrence
    from unzh.textstat.fit import key_term_lexicon
    from unzh.textstat.themes import code_themes
    p = _paragraphs("sc_resolution")
    tokens = tokens_table(body(p), Segmenter(), cache=False)
    # in >= 2 paragraphs: 决定 (ops 2 and 4), 决议 (preamble 1, op 3), 区域 (preamble 1, op 2); then by code point
    lex = key_term_lexicon(tokens, top=5)
    assert lex["label_zh"].tolist() == ["决定", "决议", "区域"] and lex["theme_id"].tolist() == ["k1", "k2", "k3"]
    assert lex.attrs["source"] == "up to 5 most frequent terms (in >= 2 paragraphs)"
    edges = textstat_cooccurrence(code_themes(p, lex), min_count=1)
    # 决定 + 区域 in op 2, 决议 + 区域 in preamble 1: each pair once, in 3 of the units naming either
    assert edges[["theme_a", "theme_b", "count"]].values.tolist() == [["k1", "k3", 1], ["k2", "k3", 1]]
    assert edges["jaccard"].tolist() == pytest.approx([1 / 3, 1 / 3])


def test_key_term_lexicon_by_keyness():
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.document import read_document
    from unzh.text.structure import body
    from unzh.textstat.fit import key_term_lexicon
    p = read_document(Path(__file__).parent / "fixtures" / "freq_mini.txt").paragraphs
    tokens = tokens_table(body(p), Segmenter(), cache=False)
    # tests/test_textstat_keyness.py: only 移徙者 (debate 1, 2 paragraphs) is key at p <= 0.05
    assert key_term_lexicon(tokens, "debate")["terms"].tolist() == [("移徙者",)]


def test_todays_migration_vocabulary_is_coded():
    # tests/fixtures/lexicons/migration_2016.txt: 移民 as current UN Chinese writes it (3 body paragraphs)
    from unzh.textstat.stakeholders import code_stakeholders, mention_table
    from unzh.textstat.themes import code_themes
    p = _paragraphs("migration_2016")
    coded = code_themes(p)
    assert coded["themes"].tolist() == [("human_rights",), ("trafficking",), ("irregular",)]
    assert coded["terms"].tolist() == [("人权",), ("贩运人口", "偷运移民"), ("安全、有序和正常移民",)]
    m = mention_table(code_stakeholders(p, config.ACTORS_GENERAL))
    # 移民 in ¶1; in ¶2 and ¶3 it ends the theme terms 偷运移民 / ...正常移民, so it is counted there too,
    # although in ¶3 it means migration: the ambiguity actors_general.tsv's header accepts
    assert m["actor_id"].tolist() == ["migrants", "migrants", "migrants"]


def test_fit_message_when_no_shipped_lexicon_fits_better():
    # all others 0% and this one too: none codes anything, bring your own
    assert fit_message("migration", 0.0, {"migration": 0.0, "human_rights": 0.0}, own="--themes FILE") == (
        "lexicon migration codes 0% of the body paragraphs (below 20%): it does not fit this document; "
        "no shipped lexicon codes any of them: give your own with --themes FILE")
    # 12% and the others less: none codes more
    assert fit_message("migration", 0.125, {"human_rights": 0.05}, own="the themes parameter") == (
        "lexicon migration codes 12% of the body paragraphs (below 20%): it does not fit this document; "
        "no shipped lexicon codes more: give your own with the themes parameter")


def test_choice_reports_each_document_of_a_corpus():
    import pandas as pd

    from unzh.textstat.fit import choose_lexicon
    p = pd.concat([_paragraphs("sc_resolution"), _paragraphs("hr_declaration")], ignore_index=True)
    # 4 (peace_security in the resolution) + 0 of 14; human_rights 0 + 6 of 14: human_rights is chosen,
    # and it codes none of the resolution's 8 paragraphs
    choice = choose_lexicon("themes", p)
    assert (choice.name, choice.how, round(choice.share, 4)) == ("human_rights", "chosen by fit", round(6 / 14, 4))
    assert choice.warnings("--themes FILE") == [
        "document sc_resolution: lexicon human_rights codes 0% of its 8 body paragraphs (below 20%): it does not "
        "fit this document; try peace_security (50%), migration (12%)"]
    assert choice.entries_found() == ["rights_general", "civil_political", "equality", "torture_detention",
                                      "displacement"]
    assert choice.line("theme").splitlines() == [
        "theme lexicon human_rights (chosen by fit: codes 43% of the body paragraphs)",
        "entries found (5 of 12): rights_general, civil_political, equality, torture_detention, displacement",
        "WARNING: document sc_resolution: lexicon human_rights codes 0% of its 8 body paragraphs (below 20%): it does "
        "not fit this document; try peace_security (50%), migration (12%)"]
