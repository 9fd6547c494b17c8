"""The token cache: Parquet files keyed by everything that decides the table; any change is a miss."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from unzh import config
from unzh.segment import cache as token_cache
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.segment.tokens import segmentation_provenance

#: the token table's string columns: categorical by default, Arrow-backed str with categorical=False
STRING_COLUMNS = ("doc_id", "section", "token", "unit_kind", "unit", "path")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache" / "tokens"


def _files(d):
    return sorted(p.name for p in d.glob("*")) if d.exists() else []


def test_second_run_is_a_hit_with_the_same_table(cache_dir, seed_paragraphs):
    first = tokens_table(seed_paragraphs, Segmenter())
    assert first.attrs["provenance"]["cache"] == "miss"
    files = _files(cache_dir)
    assert len(files) == 1 and files[0].endswith(".parquet")
    assert (cache_dir / files[0]).read_bytes()[:4] == b"PAR1"  # Parquet, never pickle
    second = tokens_table(seed_paragraphs, Segmenter())
    assert second.attrs["provenance"]["cache"] == "hit"
    pd.testing.assert_frame_equal(first, second)
    assert segmentation_provenance(first) == segmentation_provenance(second)
    assert "cache" not in segmentation_provenance(second) and "workers" not in segmentation_provenance(second)


def test_any_change_to_an_input_is_a_miss(cache_dir, seed_paragraphs, tmp_path):
    tokens_table(seed_paragraphs, Segmenter())
    edited = seed_paragraphs.copy()
    edited.loc[10, "text"] = edited.loc[10, "text"] + "。"
    stop = tmp_path / "stop.txt"
    stop.write_text("的\n和\n", encoding="utf-8")
    user = tmp_path / "user.dict.txt"
    user.write_text((config.USER_DICT).read_text(encoding="utf-8") + "墨西哥城会议 50 nz\n", encoding="utf-8")
    variants = [
        (edited, Segmenter()),                                   # cleaned text
        (seed_paragraphs, Segmenter(hmm=True)),                  # HMM
        (seed_paragraphs, Segmenter(backend="rjieba")),          # backend
        (seed_paragraphs, Segmenter(stopwords=stop)),            # stopword file
        (seed_paragraphs, Segmenter(user_dict=user)),            # user dictionary
    ]
    for rows, seg in variants:
        assert tokens_table(rows, seg).attrs["provenance"]["cache"] == "miss"
    assert len(_files(cache_dir)) == 1 + len(variants)
    assert tokens_table(seed_paragraphs, Segmenter(), categorical=False).attrs["provenance"]["cache"] == "miss"


def test_an_edited_stopword_file_invalidates(cache_dir, seed_paragraphs, tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("的\n", encoding="utf-8")
    assert tokens_table(seed_paragraphs, Segmenter(stopwords=stop)).attrs["provenance"]["cache"] == "miss"
    assert tokens_table(seed_paragraphs, Segmenter(stopwords=stop)).attrs["provenance"]["cache"] == "hit"
    stop.write_text("的\n移徙者\n", encoding="utf-8")
    df = tokens_table(seed_paragraphs, Segmenter(stopwords=stop))
    assert df.attrs["provenance"]["cache"] == "miss"
    assert df.loc[df["token"] == "移徙者", "stop"].all()


def test_an_unreadable_cache_file_is_a_miss_and_is_rewritten(cache_dir, seed_paragraphs):
    first = tokens_table(seed_paragraphs, Segmenter())
    (path,) = cache_dir.glob("*.parquet")
    path.write_bytes(b"not parquet")
    again = tokens_table(seed_paragraphs, Segmenter())
    assert again.attrs["provenance"]["cache"] == "miss"
    pd.testing.assert_frame_equal(first, again)
    assert path.read_bytes()[:4] == b"PAR1"


def test_the_cache_file_is_compact(cache_dir, seed_paragraphs):
    """Five int32 columns (paragraph row, token type, sentence, position, start) and the token types;
    ids, section and stop flags are rebuilt from the paragraph rows and the stopword list."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    first = tokens_table(seed_paragraphs, Segmenter())
    (path,) = cache_dir.glob("*.parquet")
    table = pq.read_table(path)
    assert table.column_names == ["row", "code", "sentence", "position", "start"]
    assert {str(t) for t in table.schema.types} == {"int32"}
    assert table.num_rows == len(first)
    enc, _ = token_cache.read(path.stem, len(seed_paragraphs))
    assert [enc.types[c] for c in enc.code[:3]] == list(first["token"].head(3))
    assert token_cache.read(path.stem, int(enc.row.max())) is None  # row indices that do not fit: a miss
    # tokens per paragraph row: 第六十一|届|会议, 议程项目|b|和|b (numbers dropped; 议程项目 is one
    # token since the general UN dictionary, un_general.dict.txt), 全球化|和|相互依存|国际移徙|与|发展
    assert enc.counts.sum() == len(first) and enc.counts[:3].tolist() == [3, 4, 6]
    # rows out of order (a file this version did not write): a miss
    table = table.set_column(0, "row", pa.array(enc.row[::-1].copy()))
    pq.write_table(table.replace_schema_metadata(pq.read_schema(path).metadata), path)
    with pytest.warns(token_cache.CacheMismatchWarning, match="checksum"):
        assert token_cache.read(path.stem, len(seed_paragraphs)) is None


def test_cache_off_writes_nothing(cache_dir, seed_paragraphs):
    df = tokens_table(seed_paragraphs, Segmenter(), cache=False)
    assert df.attrs["provenance"]["cache"] == "off" and _files(cache_dir) == []


def test_key_depends_on_ids_and_text_not_on_other_columns(seed_paragraphs):
    fp = {"backend": "jieba"}
    k = token_cache.cache_key(seed_paragraphs, fp)
    assert token_cache.cache_key(seed_paragraphs.assign(line_start=0), fp) == k
    assert token_cache.cache_key(seed_paragraphs.assign(para_no=seed_paragraphs["para_no"].fillna(0) + 1), fp) != k
    assert token_cache.cache_key(seed_paragraphs, {"backend": "rjieba"}) != k
    assert len(k) == 64


def test_token_table_is_compact(seed_paragraphs):
    cat = tokens_table(seed_paragraphs, Segmenter(), cache=False)
    assert not any(map(pd.api.types.is_object_dtype, cat.dtypes))
    assert [str(cat[c].dtype) for c in STRING_COLUMNS] == ["category"] * 6
    plain = tokens_table(seed_paragraphs, Segmenter(), cache=False, categorical=False)
    assert not any(map(pd.api.types.is_object_dtype, plain.dtypes)) and str(plain["token"].dtype) == "str"
    pd.testing.assert_frame_equal(cat.astype({c: "str" for c in STRING_COLUMNS}), plain)
    as_objects = cat.astype({c: object for c in ("doc_id", "section", "token")})
    assert cat.memory_usage(deep=True).sum() < 0.5 * as_objects.memory_usage(deep=True).sum()


# ---------------------------------------------------------------- faults: a cache that cannot serve wrong data
ENGINE = Path(__file__).parent / "fixtures" / "engine"  # three short documents (tests/test_textstat_streaming.py)


def _rows(name):
    from unzh.text.document import read_document
    from unzh.text.structure import body
    return body(read_document(ENGINE / name).paragraphs)


def test_a_swapped_cache_file_is_detected_and_recomputed(cache_dir):
    a, b = _rows("a_report.txt"), _rows("b_report.txt")
    first = tokens_table(a, Segmenter())
    (path_a,) = cache_dir.glob("*.parquet")
    tokens_table(b, Segmenter())
    (path_b,) = [p for p in cache_dir.glob("*.parquet") if p != path_a]
    # b's file in a's place: same number of paragraph rows (3), so only the stored key tells them apart
    path_a.write_bytes(path_b.read_bytes())
    with pytest.warns(token_cache.CacheMismatchWarning, match=f"{path_a.name} has another key"):
        again = tokens_table(a, Segmenter())
    assert again.attrs["provenance"]["cache"] == "miss"
    assert list(again["token"].astype(str)) == list(first["token"].astype(str))
    assert "移徙者" in set(again["token"].astype(str)) and "寄回" not in set(again["token"].astype(str))
    assert tokens_table(a, Segmenter()).attrs["provenance"]["cache"] == "hit"  # rewritten, right this time


def test_a_new_package_version_is_another_key(cache_dir, monkeypatch):
    import unzh
    assert token_cache.package_version() == unzh.__version__
    a = _rows("a_report.txt")
    assert tokens_table(a, Segmenter()).attrs["provenance"]["cache"] == "miss"
    assert tokens_table(a, Segmenter()).attrs["provenance"]["cache"] == "hit"
    monkeypatch.setattr(token_cache, "package_version", lambda: unzh.__version__ + ".post1")
    assert tokens_table(a, Segmenter()).attrs["provenance"]["cache"] == "miss"
    assert len(_files(cache_dir)) == 2
    assert token_cache.versions()["unzh"].endswith(".post1")
    assert set(token_cache.versions()) == {"unzh", "pandas", "pyarrow"}


def test_stale_temporary_files_are_removed_by_the_next_write(cache_dir):
    cache_dir.mkdir(parents=True)
    old = cache_dir / ".deadbeef.parquet.abc123.tmp"
    young = cache_dir / ".cafe.parquet.def456.tmp"  # another writer's, still being written
    for p in (old, young):
        p.write_bytes(b"half")
    past = time.time() - token_cache.STALE_TMP_SECONDS - 60
    os.utime(old, (past, past))
    tokens_table(_rows("c_resolution.txt"), Segmenter())
    assert not old.exists() and young.exists()
    assert len(list(cache_dir.glob("*.parquet"))) == 1


_SLOW_WRITER = """
import os, sys, time
from unzh import config
from pathlib import Path
config.CACHE_DIR = Path(sys.argv[1])
real_replace = os.replace
def slow_replace(src, dst, *args, **kwargs):
    # only the token cache's write blocks, its .tmp written, before the rename (the merged user
    # dictionary, say, is written before it)
    if "/tokens/" not in str(dst):
        return real_replace(src, dst, *args, **kwargs)
    print("writing", flush=True)
    time.sleep(60)
os.replace = slow_replace
from unzh.text.document import read_document
from unzh.text.structure import body
from unzh.segment.segmenter import Segmenter, tokens_table
tokens_table(body(read_document(sys.argv[2]).paragraphs), Segmenter())
"""


def _start_writer(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(tmp_path / "cache"), str(ENGINE / "a_report.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"  # blocked inside the atomic write, its .tmp open
    assert len(list((tmp_path / "cache" / "tokens").glob(".*.tmp"))) == 1
    return proc


def test_ctrl_c_mid_write_leaves_no_temporary_file(tmp_path):
    proc = _start_writer(tmp_path)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0 and "KeyboardInterrupt" in err
    assert _files(tmp_path / "cache" / "tokens") == []


def test_a_kill_mid_write_leaves_a_tmp_that_the_next_write_removes(tmp_path, monkeypatch):
    proc = _start_writer(tmp_path)
    proc.kill()
    proc.communicate(timeout=30)
    (tmp,) = (tmp_path / "cache" / "tokens").glob(".*.tmp")
    past = time.time() - token_cache.STALE_TMP_SECONDS - 60
    os.utime(tmp, (past, past))
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    assert tokens_table(_rows("a_report.txt"), Segmenter()).attrs["provenance"]["cache"] == "miss"
    assert not tmp.exists() and len(_files(tmp_path / "cache" / "tokens")) == 1


def test_ctrl_c_in_the_command_is_one_line_exit_130(tmp_path):
    """SIGINT while ``unzh freq`` runs (blocked in a cache write): one line on stderr, exit 130, no .tmp."""
    script = _SLOW_WRITER.split("from unzh.text.document")[0] + (
        "from unzh.cli.main import main\nsys.exit(main(['freq', sys.argv[2]]))\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "cache"), str(ENGINE / "a_report.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "unzh freq: interrupted\n" and out == ""
    assert _files(tmp_path / "cache" / "tokens") == []
