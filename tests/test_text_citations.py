"""Citations (unzh.text.structure.unit_reference): every front door cites a place the same way.

Expected values read off the layout fixtures (tests/fixtures/layouts) by hand: the printed numbers
of articles, paragraphs, items, targets, and the order of unnumbered paragraphs.
"""
from __future__ import annotations

from pathlib import Path

from helpers import cli_run, csv_table

from unzh.text.corpus import read_corpus
from unzh.text.document import read_document
from unzh.text.structure import unit_reference, unit_references

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def refs(name: str) -> list[str]:
    return unit_references(read_document(LAYOUTS / f"{name}.txt").paragraphs).tolist()


def test_a_convention_cites_articles_their_paragraphs_and_items():
    assert refs("convention") == [
        "Front matter (heading)", "Preamble (heading)", "preambular para. 1", "preambular para. 2",
        "proclaiming formula", "Chapter 1 (heading)", "art. 1 (heading)", "art. 1, para. 1", "art. 1, para. 2",
        "art. 1, para. 2 (a)", "art. 1, para. 2 (b)", "art. 2 (heading)",
        "art. 2",  # 第二条's one unnumbered paragraph (its para_no 1 restarts per article, as in 第一条)
        "Chapter 2 (heading)", "art. 3 (heading)", "art. 3, para. 1", "art. 3, para. 2",
        "art. 4"]  # 第四条 and its text on one line


def test_a_resolution_cites_preambular_and_operative_paragraphs_and_nested_items():
    assert refs("resolution_ga")[5:] == [
        "preambular para. 1", "preambular para. 2", "preambular para. 3", "preambular para. 4",
        "op. para. 1", "op. para. 2", "op. para. 2 (a)", "op. para. 2 (b)", "op. para. 2 (b) (一)",
        "op. para. 2 (b) (二)", "op. para. 3", "Closing, adoption", "Closing, adoption"]


def test_reports_goals_and_sections_named_by_their_headings():
    # numbered paragraphs run through a report: para. 4 wherever it stands; the footnote after the rule
    assert [r for r in refs("report") if not r.startswith("Front matter")] == [
        "Section 一 (heading)", "para. 1", "para. 2", "Section 二 (heading)", "Section 二/A (heading)", "para. 3",
        "Section 二/B (heading)", "Section 二/B/1 (heading)", "para. 4", "Closing, rule", "footnote 1",
        "Section 三 (heading)", "para. 5", "para. 6"]
    # unnumbered paragraphs: their section, named as printed (二、讨论摘要), and their place in it
    assert refs("numbered")[1:] == [
        "Section 一 (heading)", "Section 一 ¶1", "Section 二 (heading)", "Section 二/1.1 (heading)", "Section 二 ¶1",
        "Section 二 ¶2", "Section 二/1.2 (heading)", "Section 二 ¶3", "Section 三 (heading)", "Section 三 ¶1"]
    assert refs("goals") == ["Front matter (heading)", "Goal 1 (heading)", "target 1.1", "target 1.2", "target 1.a",
                             "Goal 2 (heading)", "target 2.1", "target 2.a"]
    assert refs("indicators")[5:] == ["target 3.a", "indicator 3.a.1"]
    assert refs("plain_lines") == ["¶1", "¶2", "¶3"]


def test_the_seed_cites_debates_and_a_corpus_names_the_document(seed_paragraphs):
    r = unit_references(seed_paragraphs)
    body = seed_paragraphs["kind"] == "paragraph"
    # the letter's 3 paragraphs, the annex introduction's 9, then debates 1-4 of 14, 10, 9, 9 bullets
    assert r[body].tolist() == ([f"Letter ¶{i}" for i in range(1, 4)] + [f"Annex: introduction ¶{i}" for i in range(1, 10)]
                                + [f"Debate {d} ¶{i}" for d, n in ((1, 14), (2, 10), (3, 9), (4, 9)) for i in range(1, n + 1)])
    corpus = read_corpus([LAYOUTS / "declaration.txt", LAYOUTS / "goals.txt"]).paragraphs
    assert unit_references(corpus).tolist()[-3:] == ["goals · Goal 2 (heading)", "goals · target 2.1",
                                                     "goals · target 2.a"]


def test_one_row_alone():
    assert unit_reference({"debate": 2, "para_no": 5}) == "Debate 2 ¶5"
    assert unit_reference({"unit_kind": "paragraph", "unit": "2", "path": "第二章/第十二条"}) == "art. 12, para. 2"
    assert unit_reference({"unit_kind": "paragraph", "unit": "", "path": "第三条", "para_no": 2},
                          several_in_article=True) == "art. 3, ¶2"
    assert unit_reference({"unit_kind": "item", "unit": "5(a)(ii)", "path": "5/5(a)"}) == "op. para. 5 (a) (ii)"
    assert unit_reference({"unit_kind": "item", "unit": "5(a)", "path": "二/5", "section": "section_2"}) == "para. 5 (a)"
    assert unit_reference({"kind": "footnote", "unit": "*", "debate": 2}) == "footnote *"


def test_an_article_with_several_unnumbered_paragraphs_cites_each_by_its_place():
    from unzh.text.structure import paragraph_table
    p = paragraph_table("d", "第一条\n\n人人有权享有生命。\n\n任何人不得被任意剥夺生命。\n\n第二条\n\n各国应保护移徙者。\n")
    assert unit_references(p).tolist() == ["art. 1 (heading)", "art. 1, ¶1", "art. 1, ¶2", "art. 2 (heading)", "art. 2"]


def test_kwic_and_the_evidence_subcommands_cite_articles_and_operative_paragraphs(capsys):
    rc, out, err = cli_run(capsys, "kwic", str(LAYOUTS / "convention.txt"), "酷刑")
    assert rc == 0, err
    assert out.splitlines() == ["ref,doc_id,para_id,section,debate,para_no,kind,start,left,term,right",
                                "\"art. 3, para. 2\",convention,17,section_2,,2,paragraph,13,任何移徙工人不应遭受,酷刑,。"]
    rc, out, err = cli_run(capsys, "kwic", str(LAYOUTS / "convention.txt"), "移徙工人")
    # 第一条 ¶1 and 第二条 ¶1 (both para_no 1 of section_1) are told apart
    assert [r["ref"] for r in csv_table(out)] == ["Front matter (heading)", "preambular para. 2", "art. 1, para. 1",
                                                 "art. 2", "art. 3, para. 1", "art. 3, para. 2", "art. 4"]
    f = str(LAYOUTS / "resolution_sc.txt")
    rc, out, err = cli_run(capsys, "stakeholder-evidence", f, "--actors", "general", "--by", "operative",
                           "--group", "2")
    assert rc == 0, err
    # 2. 请秘书长…: the Secretary-General; (a) 平民遭受袭击…: civilians; (b) names no actor.  Both sentences
    # weigh 2: 请 opens op. para. 2 (an opening verb, medium) and (a) continues it (its chapeau)
    rows = csv_table(out)
    assert [(r["ref"], r["actor_id"], r["verb"], r["weight"]) for r in rows] == [
        ("op. para. 2", "secretary_general", "请", "2.0"), ("op. para. 2 (a)", "civilians", "请", "2.0")]
    assert "operative" not in rows[0] and "2 sentences, 2 mentions, emphasis 4 in operative 2" in err
    rc, out, err = cli_run(capsys, "stakeholder-evidence", f, "--actors", "general", "--by", "operative")
    rows = csv_table(out)
    # --by alone: every sentence, its group beside its citation (none for the 6 preamble rows: 平民 ×3, 各国,
    # 妇女, 儿童); op. para. 1 平民, op. para. 2 秘书长, its (a) 平民
    assert [(r["ref"], r["operative"]) for r in rows] == [
        ("preambular para. 1", ""), ("preambular para. 3", ""), ("preambular para. 3", ""),
        ("preambular para. 4", ""), ("preambular para. 4", ""), ("preambular para. 4", ""),
        ("op. para. 1", "1"), ("op. para. 2", "2"), ("op. para. 2 (a)", "2")]
    rc, out, err = cli_run(capsys, "theme-evidence", str(LAYOUTS / "convention.txt"), "torture_detention",
                           "--themes", "human_rights", "--by", "article", "--group", "3")
    assert rc == 0, err
    assert [(r["ref"], r["text"]) for r in csv_table(out)] == [("art. 3, para. 2", "2. 任何移徙工人不应遭受【酷刑】。")]


def test_evidence_groups_are_checked_in_one_line(capsys):
    f = str(LAYOUTS / "resolution_sc.txt")
    rc, out, err = cli_run(capsys, "stakeholder-evidence", f, "--by", "operative", "--group", "9")
    assert rc == 2 and out == ""
    assert err == f"unzh: error: {f}: has no operative group '9' (operative groups: 1, 2, 3, 4)\n"
    rc, out, err = cli_run(capsys, "theme-evidence", f, "civilians", "--group", "2")
    assert rc == 2 and err == "unzh: error: --group: needs --by (the grouping it is a group of)\n"
    rc, out, err = cli_run(capsys, "theme-evidence", f, "civilians", "--debate", "1")
    assert rc == 2 and err == f"unzh: error: {f}: has no debates, so --debate cannot be used (try --by section)\n"
    rc, out, err = cli_run(capsys, "stakeholder-evidence", f, "--by", "unit", "--group", "2")
    assert rc == 2 and "numbers repeat across units" in err
