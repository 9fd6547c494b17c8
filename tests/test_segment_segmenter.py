"""Segmentation: owned tokenizer, dictionary terms intact, filtering, determinism, provenance."""
from __future__ import annotations

import hashlib

import jieba
import pytest

from unzh import config
from unzh.errors import LexiconError
from unzh.segment.segmenter import Segmenter, read_user_dict, tokens_table
from unzh.segment.tokens import TOKEN_COLUMNS, is_kept, sentence_numbers
from unzh.text.structure import paragraph_table

REQUIRED_TERMS = ["移徙者", "原籍国", "目的地国", "过境国", "接受国", "民间社会", "私营部门", "高级别对话",
                  "赫尔辛基进程", "人才流失", "贩卖人口", "能力建设", "利益相关者", "移徙工人"]


def test_required_terms_are_in_the_user_dictionary():
    words = [w for w, _, _ in read_user_dict(config.USER_DICT)]
    assert set(REQUIRED_TERMS) <= set(words)


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_every_required_term_is_one_token(term):
    seg = Segmenter()
    assert seg.cut(f"我们认为{term}很重要") .count(term) == 1


def test_every_dictionary_term_intact_in_the_seed(seed_paragraphs):
    seg = Segmenter()
    tokens = tokens_table(seed_paragraphs, seg)
    for w in seg.user_words:
        n_tok = int((tokens["token"] == w).sum())
        # occurrences that are not inside a longer dictionary entry
        longer = [x for x in seg.user_words if w in x and x != w]
        n_str = sum(t.count(w) - sum(t.count(x) * x.count(w) for x in longer) for t in seed_paragraphs["text"])
        assert n_tok == n_str, w


def test_plain_jieba_splits_what_the_dictionary_joins():
    plain = Segmenter(user_dict=None, stopwords=None, hmm=True)
    assert plain.cut("移徙者") == ["移徙", "者"]
    assert plain.cut("原籍国") == ["原籍", "国"]
    assert Segmenter().cut("移徙者和原籍国") == ["移徙者", "和", "原籍国"]


def test_the_package_never_touches_the_global_tokenizer():
    Segmenter().cut("移徙者")
    assert jieba.dt.FREQ.get("移徙者", 0) == 0  # the global dictionary is untouched
    assert Segmenter()._tk is not jieba.dt


def test_cache_in_project_folder():
    from unzh.segment.dictionary import _build_tokenizer
    _build_tokenizer.cache_clear()  # one built while another test pointed CACHE_DIR elsewhere is not this one
    tk = Segmenter()._tk
    assert tk.tmp_dir == str(config.CACHE_DIR)
    assert tk.cache_file.startswith(str(config.CACHE_DIR))


def test_filtering_punctuation_whitespace_numbers():
    assert [is_kept(t) for t in ["，", " ", "\n", "2006", "７", "。", "移徙者", "Anne", "《", "㈠"]] == \
        [False, False, False, False, False, False, True, True, False, False]
    seg = Segmenter()
    assert seg.words("2006年，移徙者 和 原籍国。") == ["移徙者", "原籍国"]
    assert seg.words("移徙者和原籍国", drop_stopwords=False) == ["移徙者", "和", "原籍国"]


def test_sentence_numbers():
    assert sentence_numbers(["甲", "。", "乙", "；", "丙"]) == [1, 1, 2, 2, 3]


def test_token_table_on_a_hand_made_text():
    par = paragraph_table("t", "移徙者和原籍国。 \n\n 强调移徙工人的权利；贩卖人口。 \n\n")
    tt = tokens_table(par)
    assert list(tt.columns) == TOKEN_COLUMNS
    assert tt["token"].tolist() == ["移徙者", "和", "原籍国", "强调", "移徙工人", "的", "权利", "贩卖人口"]
    assert tt["stop"].tolist() == [False, True, False, False, False, True, False, False]
    assert tt["para_id"].tolist() == [1, 1, 1, 2, 2, 2, 2, 2]
    assert tt["sentence"].tolist() == [1, 1, 1, 1, 1, 1, 1, 2]
    assert tt["position"].tolist() == [0, 1, 2, 0, 1, 2, 3, 4]
    assert tt["start"].tolist() == [0, 3, 4, 0, 2, 6, 7, 10]


def test_deterministic_and_provenance(seed_paragraphs):
    a = tokens_table(seed_paragraphs)
    b = tokens_table(seed_paragraphs, Segmenter())
    assert a.equals(b)
    prov = a.attrs["provenance"]
    assert prov["jieba_version"] == "0.42.1"
    assert prov["hmm"] is False
    # the stacked dictionaries: each file named with its hash; user_dict_sha256 is the stacked file's
    assert prov["user_dict"] == "un_terms.dict.txt+un_general.dict.txt"
    assert prov["user_dicts"] == [{"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                                  for p in config.USER_DICTS]
    assert prov["user_dict_sha256"] != prov["user_dicts"][0]["sha256"]
    assert prov["stopwords"] == "stopwords_iso_zh.txt+stopwords_zh.txt"
    assert prov["stopword_files"] == [{"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                                      for p in config.STOPWORD_FILES]
    assert len(prov["dictionary_sha256"]) == 64


def test_stopwords_never_kept_by_words(seed_paragraphs):
    seg = Segmenter()
    words = {w for t in seed_paragraphs["text"] for w in seg.words(t)}
    assert not words & seg.stopword_set
    assert "的" in seg.stopword_set and "发展" not in seg.stopword_set


def test_no_log_lines_on_stderr(capfd):
    from unzh.segment.dictionary import _tokenizer
    _tokenizer.cache_clear()
    Segmenter().cut("移徙者")
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("content,problem", [
    ("移徙者 abc n\n", "line 1"),
    ("# header\n移徙者 10 n\n移徙者 20 n\n", "line 3 (entry '移徙者'): duplicate of line 2"),
    ("# only comments\n", "no entries"),
])
def test_malformed_user_dictionary(tmp_path, content, problem):
    p = tmp_path / "d.txt"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as exc:
        read_user_dict(p)
    assert str(exc.value).startswith(str(p)) and problem in str(exc.value)


def test_user_dictionary_not_utf8(tmp_path):
    p = tmp_path / "d.txt"
    p.write_bytes("移徙者 10 n\n".encode("gb18030"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        read_user_dict(p)


def test_segmenter_parameters_are_fixed_at_construction(tmp_path):
    import dataclasses
    d = tmp_path / "d.txt"
    d.write_text("移徙者 10 n\n移徙工人\n", encoding="utf-8")
    s = tmp_path / "s.txt"
    s.write_text("的\n和\n", encoding="utf-8")
    seg = Segmenter(user_dict=d, stopwords=s)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.hmm = True
    s.write_text("的\n", encoding="utf-8")  # read at construction: the edit is not picked up silently
    assert seg.stopword_set == frozenset({"的", "和"}) and seg.user_words == ["移徙者", "移徙工人"]
    assert seg.provenance()["stopwords_sha256"] != config_sha(s)


def config_sha(path):
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_user_dictionary_edited_after_construction_is_an_error_at_load(tmp_path):
    d = tmp_path / "d.txt"
    d.write_text("移徙者 10 n\n", encoding="utf-8")
    seg = Segmenter(user_dict=d, stopwords=None)  # nothing loaded yet
    d.write_text("移徙者 10 n\n原籍国\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="changed since this Segmenter was made"):
        seg.load()
    fresh = Segmenter(user_dict=d, stopwords=None).load()
    assert fresh.load() is fresh and fresh.words("原籍国的移徙者") == ["原籍国", "的", "移徙者"]


def test_stacked_user_dictionaries(tmp_path):
    # two files: each adds its words; a word in both takes the later file's line; the seed's dictionary still applies
    a = tmp_path / "a.dict.txt"
    b = tmp_path / "b.dict.txt"
    a.write_text("墨西哥城会议 n\n赫尔辛基进程会议 5 n\n", encoding="utf-8")
    b.write_text("# later\n赫尔辛基进程会议 7 nz\n北极理事会 n\n", encoding="utf-8")
    seg = Segmenter(user_dict=(config.USER_DICT, a, b), stopwords=None)
    assert "北极理事会" in seg.cut("北极理事会和墨西哥城会议")
    assert "墨西哥城会议" in seg.cut("北极理事会和墨西哥城会议")
    assert "移徙工人" in seg.cut("移徙工人")
    stacked = [e for e in read_user_dict(seg._dict_file) if e[0] == "赫尔辛基进程会议"]
    assert stacked == [("赫尔辛基进程会议", 7, "nz")]
    prov = seg.provenance()
    assert prov["user_dict"] == "un_terms.dict.txt+a.dict.txt+b.dict.txt"
    assert [d["file"] for d in prov["user_dicts"]] == ["un_terms.dict.txt", "a.dict.txt", "b.dict.txt"]


def test_a_bad_stacked_dictionary_names_its_file_and_line(tmp_path):
    bad = tmp_path / "bad.dict.txt"
    bad.write_text("北极理事会 n\n北极 理事会 很多\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.dict\.txt: line 2 \(entry '北极 理事会 很多'\)"):
        Segmenter(user_dict=(config.USER_DICT, bad))


def test_stacked_stopwords_are_the_union(tmp_path):
    extra = tmp_path / "extra_stop.txt"
    extra.write_text("移徙\n", encoding="utf-8")
    seg = Segmenter(stopwords=(config.STOPWORDS, extra))
    assert "移徙" in seg.stopword_set and "的" in seg.stopword_set
    assert seg.provenance()["stopwords"] == "stopwords_zh.txt+extra_stop.txt"
