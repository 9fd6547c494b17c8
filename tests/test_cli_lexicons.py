"""Bring your own lexicons on the command line: --dict, --stopwords, --themes, --actors, --verbs; lexicon fit notes.

Fixture: tests/fixtures/lexicons/sc_resolution.txt (a Security Council resolution, 8 body paragraphs;
see tests/test_textstat_fit.py for what each lexicon codes in it).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cli_run, csv_table

FIXTURES = Path(__file__).parent / "fixtures" / "lexicons"
SC = str(FIXTURES / "sc_resolution.txt")


def _ok(capsys, *argv):
    rc, out, err = cli_run(capsys, *argv)
    assert rc == 0, err
    return csv_table(out), err.strip().splitlines()


def _terms(rows):
    return {r["term"]: int(r["count"]) for r in rows}


def test_dict_adds_a_word_and_no_default_dict_removes_the_shipped_ones(capsys, tmp_path):
    mine = tmp_path / "mine.dict.txt"
    mine.write_text("武器禁运 n\n", encoding="utf-8")
    rows, _ = _ok(capsys, "freq", SC)
    assert "武器禁运" not in _terms(rows) and _terms(rows)["禁运"] == 1
    rows, _ = _ok(capsys, "freq", SC, "--dict", str(mine))
    assert _terms(rows)["武器禁运"] == 1 and "禁运" not in _terms(rows)
    assert _terms(rows)["秘书长"] == 1  # the shipped general dictionary still applies
    rows, _ = _ok(capsys, "freq", SC, "--dict", str(mine), "--no-default-dict")
    assert _terms(rows)["武器禁运"] == 1 and "联合国宪章" not in _terms(rows)  # 联合国 | 宪章 without it


def test_stopwords_add_to_the_shipped_lists(capsys, tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("决定\n决议\n", encoding="utf-8")
    rows, _ = _ok(capsys, "freq", SC, "--stopwords", str(stop), "--top", "1")
    assert rows[0]["term"] == "区域" and rows[0]["count"] == "2"
    rows, _ = _ok(capsys, "tokens", SC, "--stopwords", str(stop), "--no-default-stopwords")
    tokens = [r["token"] for r in rows]
    assert "决定" not in tokens and "对" in tokens  # 对 is a shipped stopword, not used here


def test_a_bad_dictionary_is_one_line_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.dict.txt"
    bad.write_text("武器禁运 n\n武器 禁运 很多\n", encoding="utf-8")
    rc, out, err = cli_run(capsys, "freq", SC, "--dict", str(bad))
    assert rc == 2 and out == ""
    assert err.strip().splitlines() == [f"unzh: error: {bad}: line 2 (entry '武器 禁运 很多'): expected 'WORD [FREQ] [TAG]'"]


def test_themes_chosen_by_fit_and_named(capsys):
    rows, err = _ok(capsys, "themes", SC, "--by", "none")
    assert err[:2] == ["unzh themes: theme lexicon peace_security (chosen by fit; codes 50% of the body paragraphs)",
                       "unzh themes: entries found (5 of 13): conflict, sanctions, civilians, sovereignty, ceasefire"]
    assert {r["theme_id"] for r in rows if r["units_coded"] != "0"} == {
        "conflict", "sanctions", "civilians", "sovereignty", "ceasefire"}
    rows, err = _ok(capsys, "themes", SC, "--by", "none", "--themes", "migration")
    assert err[:3] == [
        "unzh themes: theme lexicon migration (named; codes 12% of the body paragraphs)",
        "unzh themes: entries found (1 of 20): security",
        "unzh themes: lexicon migration codes 12% of the body paragraphs (below 20%): it does not fit this "
        "document; try peace_security (50%)"]
    _, err = _ok(capsys, "cooc", SC, "--by", "none", "--themes", "migration")
    assert "it does not fit this document" in err[2]


def test_stacked_theme_files_replace_and_add(capsys, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("theme_id\tlabel_zh\tlabel_en\tterms\n"
                    "sanctions\t制裁\tSanctions\t武器禁运|禁运|制裁\n"   # replaces peace_security's sanctions
                    "reporting\t报告\tReporting\t报告\n", encoding="utf-8")  # added
    rows, _ = _ok(capsys, "themes", SC, "--by", "none", "--themes", "peace_security", "--themes", str(mine))
    coded = {r["theme_id"]: r["units_coded"] for r in rows}
    assert coded["reporting"] == "1" and coded["sanctions"] == "1" and coded["ceasefire"] == "1"
    assert list(coded)[-2:] == ["sanctions", "reporting"]  # the replaced entry moves to its new file's place


def test_a_term_of_a_later_file_owned_by_an_earlier_entry_is_an_error(capsys, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("theme_id\tlabel_zh\tlabel_en\tterms\nfighting\t战斗\tFighting\t停火\n", encoding="utf-8")
    rc, out, err = cli_run(capsys, "themes", SC, "--themes", "peace_security", "--themes", str(mine))
    assert rc == 2 and out == ""
    assert err.strip().splitlines() == [
        f"unzh: error: {mine}: line 2 (entry 'fighting'): term '停火' is already listed under 'ceasefire' in an "
        "earlier lexicon file; a term must belong to one entry"]


def test_malformed_and_unknown_theme_lexicons(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("theme_id\tlabel_zh\tlabel_en\tterms\nx\t甲\tX\n", encoding="utf-8")
    rc, _, err = cli_run(capsys, "themes", SC, "--themes", str(bad))
    assert rc == 2 and err.strip().splitlines() == [
        f"unzh: error: {bad}: line 2 (entry 'x'): expected 4 tab-separated fields (theme_id, label_zh, label_en, "
        "terms), found 3"]
    rc, _, err = cli_run(capsys, "themes", SC, "--themes", "climate")
    assert rc == 2 and err.strip().splitlines() == [
        "unzh: error: climate: no such file, nor a shipped themes lexicon (shipped: migration, human_rights, "
        "peace_security, sustainable_development)"]


def test_actors_general_and_verbs(capsys, tmp_path):
    # chosen by fit, as the notebooks choose: general names actors in 2 of 8 paragraphs (平民, 秘书长), migration in
    # 1 (秘书长, its united_nations)
    rows, err = _ok(capsys, "stakeholders", SC, "--by", "none", "--n-boot", "0")
    assert err[:2] == ["unzh stakeholders: actor lexicon general (chosen by fit; names actors in 25% of the body "
                       "paragraphs)", "unzh stakeholders: entries found (2 of 65): secretary_general, civilians"]
    assert "does not fit" not in " ".join(err)
    rows, err = _ok(capsys, "stakeholders", SC, "--by", "none", "--n-boot", "0", "--actors", "migration")
    assert err[:3] == [
        "unzh stakeholders: actor lexicon migration (named; names actors in 12% of the body paragraphs)",
        "unzh stakeholders: entries found (1 of 27): united_nations",
        "unzh stakeholders: lexicon migration codes 12% of the body paragraphs (below 20%): it does not fit this "
        "document; try general (25%)"]
    rows, err = _ok(capsys, "stakeholders", SC, "--by", "none", "--n-boot", "0", "--actors", "general")
    assert err[0] == "unzh stakeholders: actor lexicon general (named; names actors in 25% of the body paragraphs)"
    assert "does not fit" not in " ".join(err)
    named = {r["actor_id"]: r["mentions"] for r in rows if r["mentions"] != "0"}
    assert named == {"secretary_general": "1", "civilians": "1"}
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("verb\tstrength\tweight\tlabel_en\n要求\tstrong\t3\tdemands\n", encoding="utf-8")
    rows, _ = _ok(capsys, "stakeholder-evidence", SC, "--actors", "general", "--verbs", str(verbs))
    assert [r["verb"] for r in rows] == ["", ""]  # 要求 grades para 5, which names no actor


@pytest.mark.parametrize("command", ["tokens", "freq", "keyness"])
def test_segmenting_subcommands_take_the_dictionary_options(capsys, command, tmp_path):
    missing = tmp_path / "missing.dict.txt"
    rc, out, err = cli_run(capsys, command, SC, "--dict", str(missing))
    assert rc == 2 and out == "" and err.strip() == f"unzh: error: {missing}: no such file"


def test_report_lexicon_parameters_and_their_record(tmp_path):
    from unzh import config
    from unzh.report.notebooks import lexicon_parameters
    mine = tmp_path / "mine.dict.txt"
    mine.write_text("武器禁运 n\n", encoding="utf-8")
    gloss = tmp_path / "mine.glossary.tsv"
    gloss.write_text("term\ten\tsource\n汇款\tremittances (money sent home)\tmy reading\n", encoding="utf-8")
    params, record = lexicon_parameters({"user_dicts": [*config.USER_DICTS, mine], "themes": ["peace_security"],
                                         "actors": None, "glossaries": [gloss]})
    assert params == {"user_dicts": [*map(str, config.USER_DICTS), str(mine)], "themes": ["peace_security"],
                      "glossaries": [str(gloss)]}  # the kernel needs the paths
    # the record names files as every machine would: shipped ones from the project, the user's by name
    assert [r["file"] for r in record["user_dicts"]] == ["data/lexicons/un_terms.dict.txt",
                                                         "data/lexicons/un_general.dict.txt", "mine.dict.txt"]
    assert record["themes"] == [{"file": "data/lexicons/themes_peace_security.tsv",
                                 "sha256": __import__("hashlib").sha256(
                                     config.THEME_LEXICONS["peace_security"].read_bytes()).hexdigest()}]
    assert record["glossaries"] == [{"file": "mine.glossary.tsv",
                                     "sha256": __import__("hashlib").sha256(gloss.read_bytes()).hexdigest()}]
    assert str(tmp_path) not in repr(record)
    assert lexicon_parameters(None) == ({}, {})


def test_notebook_glossaries_stack_on_the_shipped_one(tmp_path):
    from unzh.report.lexicons import notebook_lexicons
    from unzh.text.structure import paragraph_table
    gloss = tmp_path / "mine.glossary.tsv"
    gloss.write_text("term\ten\tsource\n汇款\tmoney sent home\tmy reading\n", encoding="utf-8")
    p = paragraph_table("g", (FIXTURES / "sc_resolution.txt").read_text(encoding="utf-8"))
    shipped, mine = notebook_lexicons(p), notebook_lexicons(p, glossaries=[gloss])
    assert shipped.glosses()["汇款"] == "remittances" and mine.glosses()["汇款"] == "money sent home"
    assert mine.glosses()["移徙者"] == shipped.glosses()["移徙者"]  # every other entry stays the shipped one's
    assert mine.source_files()["glossary:mine.glossary.tsv"] == gloss
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\ten\n汇款\n", encoding="utf-8")
    from unzh.errors import LexiconError
    with pytest.raises(LexiconError, match="bad.tsv"):
        notebook_lexicons(p, glossaries=[bad])


def test_report_refuses_a_bad_glossary_before_running_any_notebook(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\ten\n汇款\n", encoding="utf-8")
    rc, out, err = cli_run(capsys, "report", SC, "--out", str(tmp_path / "out"), "--glossary", str(bad), "--quiet")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and err.startswith(f"unzh: error: {bad}: ")
    assert not (tmp_path / "out").exists()


def test_report_refuses_a_bad_lexicon_before_running_any_notebook(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("verb\tstrength\tweight\tlabel_en\n要求\tloud\t3\tdemands\n", encoding="utf-8")
    rc, out, err = cli_run(capsys, "report", SC, "--out", str(tmp_path / "out"), "--verbs", str(bad), "--quiet")
    assert rc == 2 and err.strip().splitlines() == [
        f"unzh: error: {bad}: line 2 (entry '要求'): unknown strength 'loud' (allowed: strong, medium, weak)"]
    assert not (tmp_path / "out").exists()


SEED = "data/raw/000_c6292b922524f64f.txt"
NO_FIT = str(FIXTURES.parent / "no_lexicon_fits.txt")


def test_a_2016_text_has_migrants_under_either_actor_lexicon(capsys):
    # migration_2016.txt: 移民 in each of its 3 body paragraphs (¶2 偷运移民 and ¶3 …正常移民 end with it)
    from unzh import config
    for actors in ([], ["--actors", "migration"], ["--actors", "general"]):
        rows, err = _ok(capsys, "stakeholders", str(config.SEED_DOCUMENT), str(FIXTURES / "migration_2016.txt"),
                        "--by", "doc_id", "--n-boot", "0", *actors)
        assert [(r["doc_id"], r["mentions"]) for r in rows if r["actor_id"] == "migrants"] == [
            ("000_c6292b922524f64f", "41"), ("migration_2016", "3")], actors
    rows, err = _ok(capsys, "stakeholders", str(config.SEED_DOCUMENT), str(FIXTURES / "migration_2016.txt"),
                    "--by", "doc_id", "--n-boot", "0")
    assert err[0].startswith("unzh stakeholders: actor lexicon migration (chosen by fit; ")


def test_fit_is_reported_per_document_of_a_corpus(capsys):
    from unzh import config
    _, err = _ok(capsys, "themes", str(config.SEED_DOCUMENT), SC, NO_FIT)
    # migration codes 75% of the corpus's 68 body paragraphs, but 1 of sc_resolution's 8 and 0 of the 6 of
    # no_lexicon_fits, which no shipped theme lexicon codes at all
    assert [line for line in err if line.startswith("unzh themes: document ")] == [
        "unzh themes: document sc_resolution: lexicon migration codes 12% of its 8 body paragraphs (below 20%): "
        "it does not fit this document; try peace_security (50%)",
        "unzh themes: document no_lexicon_fits: lexicon migration codes 0% of its 6 body paragraphs (below 20%): "
        "it does not fit this document; no shipped lexicon codes any of them: give your own with --themes FILE"]
    _, err = _ok(capsys, "themes", NO_FIT)
    assert err[1] == ("unzh themes: lexicon migration codes 0% of the body paragraphs (below 20%): it does not fit "
                      "this document; no shipped lexicon codes any of them: give your own with --themes FILE")
    assert err[2] == "unzh themes: 0 of 6 paragraphs coded with a theme; 2 group(s) by 'section'"


def test_fit_subcommand_tables_every_lexicon_and_the_entries_found(capsys):
    rows, err = _ok(capsys, "fit", SC, NO_FIT)
    got = [(r["kind"], r["doc_id"], r["lexicon"], r["chosen"], r["n_paragraphs"], r["n_coded"], r["entries_found"])
           for r in rows]
    assert got == [
        ("themes", "sc_resolution", "migration", "False", "8", "1", "security"),  # 主权
        ("themes", "no_lexicon_fits", "migration", "False", "6", "0", ""),
        ("themes", "(all)", "migration", "False", "14", "1", "security"),
        ("themes", "sc_resolution", "human_rights", "False", "8", "0", ""),
        ("themes", "no_lexicon_fits", "human_rights", "False", "6", "0", ""),
        ("themes", "(all)", "human_rights", "False", "14", "0", ""),
        ("themes", "sc_resolution", "peace_security", "True", "8", "4", "conflict|sanctions|civilians|sovereignty|ceasefire"),
        ("themes", "no_lexicon_fits", "peace_security", "True", "6", "0", ""),
        ("themes", "(all)", "peace_security", "True", "14", "4", "conflict|sanctions|civilians|sovereignty|ceasefire"),
        ("themes", "sc_resolution", "sustainable_development", "False", "8", "0", ""),
        ("themes", "no_lexicon_fits", "sustainable_development", "False", "6", "0", ""),
        ("themes", "(all)", "sustainable_development", "False", "14", "0", ""),
        # 秘书长 is united_nations in the migration lexicon: op. 3 of the resolution; 3 paragraphs of no_lexicon_fits
        ("actors", "sc_resolution", "migration", "False", "8", "1", "united_nations"),
        ("actors", "no_lexicon_fits", "migration", "False", "6", "3", "united_nations"),
        ("actors", "(all)", "migration", "False", "14", "4", "united_nations"),
        ("actors", "sc_resolution", "general", "True", "8", "2", "secretary_general|civilians"),
        ("actors", "no_lexicon_fits", "general", "True", "6", "3", "secretary_general"),
        ("actors", "(all)", "general", "True", "14", "5", "secretary_general|civilians")]
    assert ("unzh fit: document no_lexicon_fits: lexicon peace_security codes 0% of its 6 body paragraphs (below "
            "20%): it does not fit this document; no shipped lexicon codes any of them: give your own with "
            "--themes FILE") in err
    rows, _ = _ok(capsys, "fit", SC, "--entries")
    assert [(r["kind"], r["entry_id"], r["n_paragraphs"], r["n_matches"], r["terms"]) for r in rows] == [
        ("themes", "conflict", "1", "1", "武装冲突"), ("themes", "sanctions", "1", "1", "武器禁运"),
        ("themes", "civilians", "1", "1", "平民"), ("themes", "sovereignty", "1", "2", "主权|领土完整"),
        ("themes", "ceasefire", "1", "1", "停火"),
        ("actors", "secretary_general", "1", "1", "秘书长"), ("actors", "civilians", "1", "1", "平民")]


def test_bound_heads_stay_whole(capsys):
    # tests/fixtures/lexicons/sustainable.txt: 可持续增长 / 城市 / 农业 / 消费, 不可持续的生产, 可再生能源;
    # before un_general.dict.txt had 可持续, jieba cut 可 / 持续 (and 可 / 持续增长), and 持续 ranked first
    from unzh.segment.segmenter import Segmenter
    cut = Segmenter().cut
    assert cut("可持续增长") == ["可持续", "增长"] and cut("可持续城市") == ["可持续", "城市"]
    assert cut("不可持续的消费") == ["不可持续", "的", "消费"] and cut("可再生能源") == ["可再生能源"]
    assert cut("可持续发展目标") == ["可持续发展目标"] and cut("持续增长") == ["持续增长"]
    rows, _ = _ok(capsys, "freq", str(FIXTURES / "sustainable.txt"), "--top", "3")
    # 17 counted tokens: 可持续 4 (paragraphs 1-4), 发展 2 (3 and 4), then 不可持续 first of the 1s by code point
    assert [(r["term"], r["count"], r["doc_freq"]) for r in rows] == [
        ("可持续", "4", "4"), ("发展", "2", "2"), ("不可持续", "1", "1")]
    rows, _ = _ok(capsys, "freq", str(FIXTURES / "sustainable.txt"), "--term", "持续")
    # 持续 occurs 5 times in the text (4 in 可持续, 1 in 不可持续), never as a token of its own
    assert [(r["occurrences"], r["tokens"], r["in_longer_tokens"]) for r in rows] == [("5", "0", "5")]
