"""The corpus counted document by document (unzh.textstat.streaming): the same tables as the corpus's
token table, on every scheduler of this machine; hand-counted values on tests/fixtures/engine.

tests/fixtures/engine: three documents, body paragraphs (kind paragraph)
  a_report      section_1: "本报告介绍移徙者的权利和汇款。", "移徙者汇款支持原籍国的发展。"; section_2: "各国应保护移徙者。"
  b_report      section_1: "汇款是发展的重要资金来源。", "移徙者寄回汇款。"; section_2: "各国应降低汇款成本，并加强合作。"
  c_resolution  preamble: "回顾其关于移徙者人权的各项决议，"; operative: "吁请会员国保护移徙者的人权；",
                "鼓励各国在汇款问题上加强合作。"
移徙者: 3 + 1 + 2 = 6 occurrences in 6 paragraphs; 汇款: 2 + 3 + 1 = 6 in 6 paragraphs; section_1 (in a and b)
has 4 paragraphs, 汇款 4 times in it (a 2, b 2), 移徙者 3 times.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import cli_run as run
from pandas.testing import assert_frame_equal as _assert_frame_equal

from unzh.errors import DocumentError, InputError
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.corpus import read_corpus
from unzh.text.structure import body
from unzh.textstat.frequency import group_sizes, term_frequency
from unzh.textstat.keyness import textstat_keyness, textstat_tfidf
from unzh.textstat.streaming import corpus_dfm, dfm_merge

FIXTURES = Path(__file__).parent / "fixtures"
ENGINE = FIXTURES / "engine"
CORPUS = [ENGINE, FIXTURES / "corpus", FIXTURES / "layouts"]  # 18 readable documents, one unreadable


def _plain(table):
    """A table with its categorical columns as strings: the corpus's token table numbers terms and
    groups as categoricals, the documents counted apart label them as strings (the values, their
    order and every number must be the same)."""
    return table.assign(**{c: table[c].astype("str") for c in table.columns
                           if isinstance(table[c].dtype, pd.CategoricalDtype)})


def assert_frame_equal(a, b):
    _assert_frame_equal(_plain(a), _plain(b))


@pytest.fixture(scope="module")
def corpus_tokens():
    return tokens_table(body(read_corpus(CORPUS).paragraphs), Segmenter(), cache=False)


def _row(freq, term, **group):
    hit = freq[freq["term"] == term]
    for col, value in group.items():
        hit = hit[hit[col] == value]
    (r,) = hit.itertuples()
    return r.count, r.doc_freq


def test_hand_counted_values_across_documents():
    counts = corpus_dfm([ENGINE], scheduler="sync", cache=False)
    freq = term_frequency(counts.dfm)
    assert _row(freq, "移徙者") == (6, 6)
    assert _row(freq, "汇款") == (6, 6)
    assert [d.doc_id for d in counts.documents] == ["a_report", "b_report", "c_resolution"]
    by = corpus_dfm([ENGINE], "section", scheduler="sync", cache=False).dfm
    assert list(by.groups) == ["section_1", "section_2", "preamble", "operative"]  # order of first appearance
    assert list(by.n_paragraphs) == [4, 2, 1, 2]
    freq = term_frequency(by, "section")
    assert _row(freq, "汇款", section="section_1") == (4, 4)
    assert _row(freq, "移徙者", section="section_1") == (3, 3)


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_equal_to_the_corpus_token_table(corpus_tokens, scheduler):
    for by in (None, "section", "doc_id", "debate"):
        counts = corpus_dfm(CORPUS, by, scheduler=scheduler, workers=2, cache=False)
        assert len(counts.documents) == 18 and len(counts.failed) == 1
        assert_frame_equal(term_frequency(counts.dfm, by), term_frequency(corpus_tokens, by))
        assert_frame_equal(group_sizes(counts.dfm, by), group_sizes(corpus_tokens, by))
        if by in ("section", "doc_id"):
            assert_frame_equal(textstat_keyness(counts.dfm, by), textstat_keyness(corpus_tokens, by))
            assert_frame_equal(textstat_tfidf(counts.dfm, by), textstat_tfidf(corpus_tokens, by))


def test_token_cache_one_file_per_document(tmp_path, monkeypatch):
    from unzh import config
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    first = corpus_dfm([ENGINE], scheduler="sync")
    assert len(list((tmp_path / "tokens").glob("*.parquet"))) == 3
    again = corpus_dfm([ENGINE], scheduler="sync")
    assert_frame_equal(term_frequency(again.dfm), term_frequency(first.dfm))


def test_merge_is_the_dfm_of_the_concatenation(corpus_tokens):
    from unzh.textstat.features import dfm
    parts = [dfm(corpus_tokens[corpus_tokens["doc_id"] == d], "section")
             for d in corpus_tokens["doc_id"].unique()]
    assert_frame_equal(term_frequency(dfm_merge(parts), "section"), term_frequency(corpus_tokens, "section"))
    with pytest.raises(ValueError, match="grouped differently"):
        dfm_merge([parts[0], dfm(corpus_tokens, None)])


def test_reading_rules_are_read_corpus_rules(tmp_path):
    bad = FIXTURES / "corpus" / "c_unreadable.txt"
    with pytest.raises(InputError, match="c_unreadable.txt"):  # a file named is strict
        corpus_dfm([ENGINE, bad], scheduler="sync", strict=True, cache=False)
    with pytest.raises(DocumentError, match="binary file"):
        corpus_dfm([bad], scheduler="sync", cache=False)
    # same base name in two folders: the second gets -2, with a note; a file given twice is read once
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a_report.txt").write_bytes((ENGINE / "b_report.txt").read_bytes())
    counts = corpus_dfm([ENGINE / "a_report.txt", tmp_path / "x", ENGINE / "a_report.txt"], "doc_id",
                        scheduler="sync", cache=False)
    assert [d.doc_id for d in counts.documents] == ["a_report", "a_report-2"]
    assert len(counts.notes) == 2 and "given twice" in counts.notes[0] and "'a_report-2'" in counts.notes[1]


def _cli_old_path(argv, capsys):
    """The output of the token-table path: the corpus read and segmented whole (the engine switched off)."""
    from unittest import mock

    import unzh.cli.common as common
    with mock.patch.object(common, "uses_engine", lambda args: False):
        return run(capsys, *argv)


@pytest.mark.parametrize("argv", [
    ["freq", str(ENGINE), str(FIXTURES / "layouts"), "--scheduler", "processes", "--workers", "2"],
    ["freq", str(ENGINE), "--by", "section", "--top", "3"],
    ["freq", str(ENGINE), str(FIXTURES / "corpus"), "--by", "doc_id", "--backend", "rjieba"],
    ["keyness", str(ENGINE), str(FIXTURES / "layouts"), "--scheduler", "processes", "--workers", "2"],
    ["keyness", str(ENGINE), "--by", "section", "--top", "2", "--direction", "both"],
    ["keyness", str(ENGINE), "--tfidf"],
])
def test_cli_output_identical_to_the_token_table_path(argv, capsys):
    """A corpus (a folder, several files) goes through the engine; the old path reads it whole."""
    rc, out, err = run(capsys, *argv, "--no-cache")
    rc_old, out_old, err_old = _cli_old_path([a for a in argv if a not in ("--scheduler", "processes")]
                                             + ["--no-cache"], capsys)
    assert rc == rc_old == 0
    assert out == out_old and out.count("\n") > 5
    assert [line for line in err.splitlines() if "segmented" not in line] == \
        [line for line in err_old.splitlines() if "segmented" not in line]


def test_cli_bad_scheduler_is_one_line(capsys, monkeypatch):
    rc, out, err = run(capsys, "freq", str(ENGINE), "--scheduler", "nowhere")
    assert rc == 2 and out == ""
    assert err.strip().splitlines() == [
        "unzh: error: --scheduler: 'nowhere' is neither one of processes, dask, local, sync nor a Dask "
        "scheduler address such as tcp://HOST:PORT"]
    monkeypatch.setenv("UNZH_SCHEDULER", "nowhere")
    rc, _, err = run(capsys, "freq", str(ENGINE))
    assert rc == 2 and err.startswith("unzh: error: UNZH_SCHEDULER: 'nowhere'")


def test_a_warm_run_reads_neither_cleaning_nor_structure(tmp_path, monkeypatch):
    """Cleaning and structure recovery are cached by the file's content: the second run never calls
    read_document; a changed file is read again; a cache file put in another's place is ignored."""
    from unzh import config
    from unzh.textstat import streaming
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in ENGINE.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    first = corpus_dfm([folder], "section", scheduler="sync")
    ingested = sorted((tmp_path / "cache" / "paragraphs").glob("*.parquet"))
    assert len(ingested) == 3

    import unzh.text.document as document
    calls = []
    real = document.read_document
    monkeypatch.setattr(document, "read_document", lambda *a, **k: calls.append(a) or real(*a, **k))
    warm = corpus_dfm([folder], "section", scheduler="sync")
    assert calls == []
    assert_frame_equal(term_frequency(warm.dfm, "section"), term_frequency(first.dfm, "section"))
    assert [d.script for d in warm.documents] == ["simplified"] * 3
    # an edited document is another key: read again, counted anew (one 移徙者 more in section_1)
    b = folder / "b_report.txt"
    b.write_text(b.read_text(encoding="utf-8").replace("移徙者寄回汇款", "移徙者和移徙者寄回汇款"), encoding="utf-8")
    edited = corpus_dfm([folder], "section", scheduler="sync")
    assert len(calls) == 1
    assert _row(term_frequency(edited.dfm, "section"), "移徙者", section="section_1") == (4, 3)
    # a's cache file swapped for c's: its stored key does not match, so a is read again
    a_key = streaming._ingest_key(folder / "a_report.txt", "a_report", streaming.CountOptions(by="section"))
    c_key = streaming._ingest_key(folder / "c_resolution.txt", "c_resolution", streaming.CountOptions(by="section"))
    a_file = tmp_path / "cache" / "paragraphs" / f"{a_key}.parquet"
    a_file.write_bytes((a_file.parent / f"{c_key}.parquet").read_bytes())
    again = corpus_dfm([folder], "section", scheduler="sync")
    said = {d.doc_id: d.warnings for d in again.documents}  # said with the counts, for the command line
    assert [w for w in said["a_report"] if "paragraph cache" in w] == [
        f"paragraph cache file {a_key}.parquet has another key: ignored, a_report.txt read again"]
    assert len(calls) == 2
    assert_frame_equal(term_frequency(again.dfm, "section"), term_frequency(edited.dfm, "section"))
    # a's rows altered in place (its key kept): the checksum does not match, so a is read again
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pq.read_table(a_file)
    text = table.column("text").to_pylist()
    altered = table.set_column(table.schema.get_field_index("text"), "text",
                               pa.array([t.replace("汇款", "汇钱") for t in text], type=table.schema.field("text").type))
    pq.write_table(altered.replace_schema_metadata(table.schema.metadata), a_file)
    checked = corpus_dfm([folder], "section", scheduler="sync")
    assert any("checksum that its content does not match" in w for w in checked.documents[0].warnings)
    assert len(calls) == 3
    assert_frame_equal(term_frequency(checked.dfm, "section"), term_frequency(edited.dfm, "section"))


def test_a_library_deprecation_is_not_said_to_the_reader(monkeypatch):
    """A library's notice about its own API (pyarrow 15 under pandas 3 warns "make_block is
    deprecated" on every cache read) concerns developers: it is not carried with the counts, while a
    warning about the reader's input still is."""
    import warnings

    from unzh.errors import reader_warnings
    from unzh.textstat import streaming
    real = streaming._count_document

    def noisy(path, doc_id, opts, caught):
        warnings.warn("make_block is deprecated", DeprecationWarning, stacklevel=1)
        warnings.warn("a pending API change", PendingDeprecationWarning, stacklevel=1)
        warnings.warn("behaviour will change", FutureWarning, stacklevel=1)
        warnings.warn(f"{doc_id}: something about this document", stacklevel=1)
        return real(path, doc_id, opts, caught)
    monkeypatch.setattr(streaming, "_count_document", noisy)
    counted = corpus_dfm([ENGINE / "a_report.txt", ENGINE / "b_report.txt"], "section", scheduler="sync")
    assert [d.warnings for d in counted.documents] == [["a_report: something about this document"],
                                                       ["b_report: something about this document"]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("two\n  lines", stacklevel=1)
        warnings.warn("gone", DeprecationWarning, stacklevel=1)
    assert reader_warnings(caught) == ["two lines"]
