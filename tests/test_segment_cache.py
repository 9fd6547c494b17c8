"""The token cache: Parquet files keyed by everything that decides the table; any change is a miss."""
from __future__ import annotations

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
