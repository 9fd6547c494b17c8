"""The command line's CSV writer (unzh.cli.common.csv_bytes): byte for byte what pandas writes."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from unzh.cli.common import csv_bytes


def _pandas(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def test_quoting_missing_values_booleans_and_integers_as_pandas_writes_them():
    df = pd.DataFrame({
        "a": pd.array(["x,y", 'q"uote', "line\nbreak", "cr\rx", "", None, "普通"], dtype="str"),
        "b": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
        "c": [True, False] * 3 + [True],
        "d": pd.Categorical(["a", None, "b,c", "a", "a", "b,c", None]),
        "e,f": np.arange(7, dtype=np.int32),
    })
    assert csv_bytes(df) == _pandas(df)
    assert csv_bytes(df).decode().splitlines()[:3] == ['a,b,c,d,"e,f"', '"x,y",1,True,a,0', '"q""uote",,False,,1']
    # a lone CR: quoted by the csv module of Python 3.13+, not by 3.11 and 3.12 (no line end here);
    # csv_bytes follows the Python it runs in, as pandas does
    import csv
    import sys
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["cr\rx"])
    cr_field = buffer.getvalue().rstrip("\n")
    assert cr_field == ('"cr\rx"' if sys.version_info >= (3, 13) else "cr\rx")
    assert f"{cr_field},4,False,a,3" in csv_bytes(df).decode()
    # the line end goes with the last field: a quoted or missing last field too
    last = df[["b", "c", "d", "e,f", "a"]]
    assert csv_bytes(last) == _pandas(last)
    assert csv_bytes(last).decode().splitlines()[1:3] == ['1,True,a,0,"x,y"', ',False,,1,"q""uote"']
    assert csv_bytes(last).decode().endswith(",True,,6,普通\n")


def test_token_and_paragraph_tables_are_written_as_pandas_writes_them(seed_paragraphs):
    from unzh.segment.segmenter import Segmenter, tokens_table
    tokens = tokens_table(seed_paragraphs, Segmenter())
    for table in (tokens, tokens[~tokens["stop"]], tokens.iloc[:0], seed_paragraphs):
        assert csv_bytes(table) == _pandas(table)


@pytest.mark.parametrize("df", [pd.DataFrame({"x": [1.5, 2.0], "y": ["a", "b"]}),  # floats: pandas' formatting
                                pd.DataFrame({"only": ["", "a"]})])                  # one column: csv's rules
def test_other_tables_are_left_to_pandas(df):
    assert csv_bytes(df) is None
