"""Tests for unzh.lexicon.files: the loaders' checks and the shipped lexicon files."""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from unzh import config
from unzh.errors import LexiconError, UnknownTermError
from unzh.lexicon.files import (
    STAKEHOLDER_GROUPS,
    VERB_STRENGTHS,
    labels,
    load_reporting_verbs,
    load_stakeholders,
    load_themes,
    read_tsv_lexicon,
    term_index,
)
from unzh.lexicon.matcher import count_terms, find_terms

#: Terms deliberately included although they do not occur in the seed document
#: (each must also be explained in the lexicon's header): today's UN Chinese for migration (themes.tsv header).
NOT_IN_DOCUMENT: set[str] = {"贩运人口", "人口贩运", "偷运移民", "非正常移民", "正常移民", "安全、有序和正常移民",
                             "寻求庇护者", "庇护",
                             # stakeholders.tsv's variants of other eras and bodies (its header)
                             "移民", "移民工人", "受害者", "来源国", "少数群体", "土著人民"}
#: Terms that occur in the document only inside a longer term of the same
#: lexicon, so longest-match-first never counts them there (explained in the headers).
#: 安保 and 歧视 occur in the seed only inside the security and integration themes' 安保人员 and 歧视性,
#: listed since the dictionary's 安保人员 / 歧视性 would otherwise block them (themes.tsv header).
SHADOWED_IN_DOCUMENT = {"安保人员", "特别强调", "注意到", "安保", "歧视"}


# ============================================================== malformed files
THEMES_OK = "# a comment\ntheme_id\tlabel_zh\tlabel_en\tterms\nrights\t人权\tHuman rights\t人权|权利\n"
ACTORS_HEADER = "actor_id\tlabel_zh\tlabel_en\tgroup\taliases\n"
VERBS_HEADER = "verb\tstrength\tweight\tlabel_en\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def raises_lexicon_error(loader, path, *fragments):
    with pytest.raises(LexiconError) as info:
        loader(path)
    message = str(info.value)
    assert "\n" not in message
    assert path.name in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_minimal_valid_themes(tmp_path):
    df = load_themes(write(tmp_path, "themes.tsv", THEMES_OK))
    assert list(df.columns) == ["theme_id", "label_zh", "label_en", "terms"]
    assert df.loc[0, "terms"] == ("人权", "权利")
    assert df.attrs["lines"] == [3]


def test_comments_blank_lines_bom_and_spaces_around_cells(tmp_path):
    text = "\ufeff# header\n\n# more\ntheme_id\tlabel_zh\tlabel_en\tterms\n\nrights \t 人权\tHuman rights\t 人权 | 权利 \n"
    df = load_themes(write(tmp_path, "themes.tsv", text))
    assert df.loc[0, "theme_id"] == "rights"
    assert df.loc[0, "terms"] == ("人权", "权利")


def test_missing_file(tmp_path):
    raises_lexicon_error(load_themes, tmp_path / "nope.tsv", "not found")


def test_not_utf8(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK, encoding="gb18030")
    raises_lexicon_error(load_themes, path, "line 3", "UTF-8")


def test_missing_column(tmp_path):
    path = write(tmp_path, "themes.tsv", "theme_id\tlabel_zh\tterms\nrights\t人权\t人权\n")
    raises_lexicon_error(load_themes, path, "line 1", "label_en")


def test_spaces_instead_of_tabs_is_a_missing_column(tmp_path):
    path = write(tmp_path, "themes.tsv", "theme_id label_zh label_en terms\nrights 人权 Human 人权\n")
    raises_lexicon_error(load_themes, path, "line 1", "tabs")


def test_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "gender\t性别\tGender\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'gender'", "expected 4", "found 3")


def test_empty_cell(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "gender\t\tGender\t妇女\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'gender'", "empty label_zh")


def test_empty_term_between_separators(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "gender\t性别\tGender\t妇女||儿童\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'gender'", "empty term")


def test_duplicate_id(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "rights\t权利\tRights\t尊重\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'rights'", "duplicate theme_id", "line 3")


def test_bad_id(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "Gender Issues\t性别\tGender\t妇女\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'Gender Issues'", "lower-case")


def test_same_term_in_two_entries_is_ambiguous(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "labour\t劳工\tLabour\t劳动|权利\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'labour'", "'权利'", "already listed under 'rights'")


def test_same_term_twice_in_one_entry(tmp_path):
    path = write(tmp_path, "themes.tsv", THEMES_OK + "labour\t劳工\tLabour\t劳动|劳动\n")
    raises_lexicon_error(load_themes, path, "line 4", "entry 'labour'", "twice")


def test_only_comments(tmp_path):
    raises_lexicon_error(load_themes, write(tmp_path, "themes.tsv", "# nothing here\n"), "no column header")


def test_header_without_entries(tmp_path):
    path = write(tmp_path, "themes.tsv", "theme_id\tlabel_zh\tlabel_en\tterms\n")
    raises_lexicon_error(load_themes, path, "line 1", "no entries")


def test_unknown_group(tmp_path):
    path = write(tmp_path, "stakeholders.tsv", ACTORS_HEADER + "migrants\t移徙者\tMigrants\tpersons\t移徙者\n")
    raises_lexicon_error(load_stakeholders, path, "line 2", "entry 'migrants'", "unknown group 'persons'")


def test_alias_in_two_actors(tmp_path):
    text = ACTORS_HEADER + "governments\t政府\tGovernments\tstates\t政府\nofficials\t官员\tOfficials\tstates\t政府官员|政府\n"
    raises_lexicon_error(load_stakeholders, write(tmp_path, "stakeholders.tsv", text), "line 3", "entry 'officials'", "'政府'")


def test_unknown_strength(tmp_path):
    path = write(tmp_path, "reporting_verbs.tsv", VERBS_HEADER + "强调\tstrong\t3\tstressed\n指出\tmild\t2\tnoted\n")
    raises_lexicon_error(load_reporting_verbs, path, "line 3", "entry '指出'", "unknown strength 'mild'")


def test_non_numeric_weight(tmp_path):
    path = write(tmp_path, "reporting_verbs.tsv", VERBS_HEADER + "强调\tstrong\tthree\tstressed\n")
    raises_lexicon_error(load_reporting_verbs, path, "line 2", "entry '强调'", "weight 'three' is not a number")


def test_negative_weight(tmp_path):
    path = write(tmp_path, "reporting_verbs.tsv", VERBS_HEADER + "强调\tstrong\t-3\tstressed\n")
    raises_lexicon_error(load_reporting_verbs, path, "line 2", "entry '强调'", ">= 0")


def test_duplicate_verb(tmp_path):
    path = write(tmp_path, "reporting_verbs.tsv", VERBS_HEADER + "强调\tstrong\t3\ta\n强调\tmedium\t2\tb\n")
    raises_lexicon_error(load_reporting_verbs, path, "line 3", "entry '强调'", "duplicate verb")


def test_verb_weights_are_numbers(tmp_path):
    path = write(tmp_path, "reporting_verbs.tsv", VERBS_HEADER + "强调\tstrong\t3\ta\n提到\tweak\t0.5\tb\n")
    df = load_reporting_verbs(path)
    assert df["weight"].tolist() == [3, 0.5]


def test_read_tsv_lexicon_generic(tmp_path):
    path = write(tmp_path, "x.tsv", "# c\nword\tnote\textra\n词\t注\t多\n")
    df = read_tsv_lexicon(path, ["word", "note"])
    assert df.to_dict("records") == [{"word": "词", "note": "注", "extra": "多"}]
    assert df.attrs["source"] == str(path)


def test_term_index_and_labels(tmp_path):
    df = load_themes(write(tmp_path, "themes.tsv", THEMES_OK + "gender\t性别\tGender\t妇女\n"))
    assert term_index(df, "theme_id", "terms") == {"人权": "rights", "权利": "rights", "妇女": "gender"}
    assert labels(df, "zh") == {"rights": "人权", "gender": "性别"}
    assert labels(df, "en") == {"rights": "Human rights", "gender": "Gender"}
    assert labels(df, "both") == {"rights": "人权 (Human rights)", "gender": "性别 (Gender)"}
    with pytest.raises(UnknownTermError):
        labels(df, "fr")


def test_term_index_rejects_ambiguous_frames():
    df = pd.DataFrame({"id": ["a", "b"], "terms": [("x", "y"), ("y",)]})
    with pytest.raises(LexiconError, match="'y'"):
        term_index(df, "id", "terms")


# ============================================================== the shipped lexicons
@pytest.fixture(scope="module")
def document_text():
    """The seed document with all whitespace removed (PDF line breaks split words)."""
    return re.sub(r"\s+", "", config.SEED_DOCUMENT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def themes():
    return load_themes()


@pytest.fixture(scope="module")
def actors():
    return load_stakeholders()


@pytest.fixture(scope="module")
def verbs():
    return load_reporting_verbs()


@pytest.fixture(scope="module")
def lexicons(themes, actors, verbs):
    return {
        "themes": term_index(themes, "theme_id", "terms"),
        "stakeholders": term_index(actors, "actor_id", "aliases"),
        "reporting_verbs": term_index(verbs, "verb", "verb"),
    }


def test_defaults_come_from_config(themes):
    assert themes.equals(load_themes(config.THEMES))
    assert themes.attrs["source"] == str(config.THEMES)


@pytest.mark.parametrize("path", [config.THEMES, config.STAKEHOLDERS, config.REPORTING_VERBS], ids=lambda p: p.name)
def test_headers_name_the_source_document(path):
    head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert len(head) >= 10, "the header must say where the entries come from and what was left out"
    text = "\n".join(head)
    assert config.SEED_DOCUMENT.name in text
    assert "LEFT OUT" in text or "Left out" in text or "LEFT OUT ON PURPOSE" in text


def drafting_verbs(verbs) -> set[str]:
    """The verbs reporting_verbs.tsv takes from UN drafting practice: "listed last, from 促请 on" (its header)."""
    listed = list(verbs["verb"])
    return set(listed[listed.index("促请"):])


def test_drafting_verbs_are_the_resolution_verbs_and_none_changes_the_seed(verbs, document_text):
    """The header's claims: 23 verbs of drafting practice, the last three opening verbs (^要求, ^决定, ^请);
    the seed's text has 促请, 请 and 决定 of them, and no sentence of its body opens with 请 or 决定, so
    none is counted there but 促请 (in a sentence 强调 grades)."""
    drafting = drafting_verbs(verbs)
    assert len(drafting) == 23
    assert list(verbs["verb"][verbs["opening"]]) == ["要求", "决定", "请"] == list(verbs["verb"])[-3:]
    assert sorted(v for v in drafting if v in document_text) == sorted(["促请", "决定", "请"])
    graded = dict(zip(verbs["verb"], verbs["strength"]))
    assert {v: graded[v] for v in ("促请", "吁请", "谴责", "欢迎", "鼓励", "表示关切", "深信", "回顾", "铭记",
                                   "要求", "决定", "请")} == {
        "促请": "strong", "吁请": "strong", "谴责": "strong", "欢迎": "medium", "鼓励": "medium",
        "表示关切": "medium", "深信": "medium", "回顾": "weak", "铭记": "weak",
        "要求": "strong", "决定": "medium", "请": "medium"}
    from unzh.text.document import read_document
    from unzh.textstat.stakeholders import code_stakeholders
    coded = code_stakeholders(read_document(config.SEED_DOCUMENT).paragraphs)
    counted = {v for verbs_found in coded["verbs"] for v in verbs_found}
    assert counted & drafting == {"促请"}
    assert [s.verb for s in coded.itertuples() if "促请" in s.verbs] == ["强调"]


@pytest.mark.parametrize("name", ["themes", "stakeholders", "reporting_verbs"])
def test_every_term_occurs_in_the_document(name, lexicons, document_text, verbs):
    documented = NOT_IN_DOCUMENT | drafting_verbs(verbs)
    missing = sorted(t for t in lexicons[name] if t not in document_text and t not in documented)
    assert missing == [], f"{name}: terms not in the document: {missing}"


@pytest.mark.parametrize("name", ["themes", "stakeholders", "reporting_verbs"])
def test_every_term_is_counted_in_the_document_unless_documented(name, lexicons, document_text, verbs):
    counted = {m.term for m in find_terms(document_text, lexicons[name])}
    never = set(lexicons[name]) - counted - NOT_IN_DOCUMENT - drafting_verbs(verbs)
    assert never <= SHADOWED_IN_DOCUMENT, f"{name}: never counted: {sorted(never - SHADOWED_IN_DOCUMENT)}"


def test_no_term_in_two_entries(themes, actors):
    for df, id_col, col in [(themes, "theme_id", "terms"), (actors, "actor_id", "aliases")]:
        counts = Counter(t for terms in df[col] for t in terms)
        assert [t for t, n in counts.items() if n > 1] == []
        assert len(term_index(df, id_col, col)) == sum(counts.values())


def test_themes_have_labels_and_cover_the_brief(themes):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for row in themes.itertuples():
        assert cjk.search(row.label_zh), row.theme_id
        assert row.label_en.isascii() and re.search(r"[A-Za-z]", row.label_en), row.theme_id
        assert row.terms, row.theme_id
    expected = {
        "human_rights", "trafficking", "labour", "development", "remittances", "brain_drain", "return",
        "integration", "security", "gender", "refugees", "partnership", "capacity", "coherence",
        "follow_up", "research", "family", "awareness",
    }
    assert expected <= set(themes["theme_id"])
    assert 15 <= len(themes) <= 25


def test_themes_avoid_generic_terms(lexicons):
    for generic in ["移徙", "国际移徙", "移徙者", "发展", "政策", "问题", "国家", "安全"]:
        assert generic not in lexicons["themes"], generic


def test_stakeholders_groups_and_labels(actors):
    assert set(actors["group"]) == set(STAKEHOLDER_GROUPS)
    for row in actors.itertuples():
        assert row.label_zh and row.label_en.isascii(), row.actor_id


def test_stakeholder_nesting_is_resolved_as_documented(lexicons):
    index = lexicons["stakeholders"]
    assert count_terms("移徙工人", index) == Counter({"migrant_workers": 1})
    assert count_terms("各国政府", index) == Counter({"governments": 1})
    assert count_terms("政府官员", index) == Counter({"officials": 1})
    assert count_terms("工人组织和雇主组织", index) == Counter({"workers_organizations": 1, "employers_organizations": 1})
    assert count_terms("墨西哥常驻联合国代表给秘书长的信", index) == Counter({"delegations": 1, "united_nations": 1})
    assert count_terms("移徙者和移徙社区", index) == Counter({"migrants": 1, "communities": 1})
    assert count_terms("国际社会和民间社会组织", index) == Counter({"international_community": 1, "civil_society": 1})


def test_stakeholder_counts_in_the_document(lexicons, document_text):
    counts = count_terms(document_text, lexicons["stakeholders"])
    # hand-checked against the text (line breaks joined)
    assert counts["migrants"] == 45
    assert counts["migrant_workers"] == 4
    assert counts["workers"] == 3           # 低成本工人, 本国工人, 工人赤字
    assert counts["origin_countries"] == 15
    assert counts["destination_countries"] == 15  # 目的地国 11 + 接受国 4
    assert counts["governments"] == 7       # 政府 4 + 各国政府 3
    assert counts["states"] == 3
    assert counts["officials"] == 2


def test_reporting_verb_scale(verbs):
    assert set(verbs["strength"]) == set(VERB_STRENGTHS)
    expected_weight = {"strong": 3, "medium": 2, "weak": 1}
    for row in verbs.itertuples():
        assert row.weight == expected_weight[row.strength], row.verb
    by_verb = dict(zip(verbs["verb"], verbs["strength"]))
    for verb in ["特别强调", "着重指出", "紧急呼吁", "强调", "强调指出", "重申", "申明", "呼吁"]:
        assert by_verb[verb] == "strong", verb
    for verb in ["指出", "认为", "认识到", "建议", "一致认为", "表示特别关切"]:
        assert by_verb[verb] == "medium", verb
    for verb in ["注意到", "提到", "普遍注意到", "介绍"]:
        assert by_verb[verb] == "weak", verb


def test_reporting_verbs_inside_continuations(lexicons):
    index = lexicons["reporting_verbs"]
    assert [m.term for m in find_terms("还强调指出，还指出，还认识到，与会者一致认为", index)] == [
        "强调指出", "指出", "认识到", "一致认为",
    ]


def test_labels_for_every_lexicon(themes, actors, verbs):
    assert labels(themes, "both")["remittances"] == "汇款 (Remittances)"
    assert labels(actors, "en")["migrant_workers"] == "Migrant workers"
    assert labels(verbs, "zh")["强调"] == "强调"
    assert labels(verbs, "both")["强调"] == "强调 (emphasised)"
