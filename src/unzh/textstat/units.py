"""Counting units: the paragraph (the token table's ``para_id``) or the sentence of a paragraph.

The measures that count units (document frequency, the keyness guard's ``min_paragraphs``, the
explorer's neighbours) count paragraphs; :func:`sentence_units` renumbers ``para_id`` so that they
count sentences instead.  Used by the explorer's unit toggle and by notebook 02's ``unit`` parameter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from unzh.errors import InputError

UNITS = ("paragraph", "sentence")


def unit_ids(tokens: pd.DataFrame, unit: str = "paragraph") -> np.ndarray:
    """One integer per unit (paragraph, or sentence of a paragraph) for every token row."""
    if unit not in UNITS:
        raise InputError("unit", f"must be 'paragraph' or 'sentence', not {unit!r}")
    keys = [tokens["doc_id"].astype("str"), tokens["para_id"]]
    if unit == "sentence":
        keys.append(tokens["sentence"])
    frame = pd.DataFrame({f"k{i}": k.to_numpy() for i, k in enumerate(keys)})
    return frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()


def sentence_units(tokens: pd.DataFrame) -> pd.DataFrame:
    """The token table with each sentence as its own unit: ``para_id`` numbers sentences, so the
    measures that count paragraphs (doc_freq, the keyness guard) count sentences."""
    ids = unit_ids(tokens, "sentence")
    out = tokens.assign(para_id=ids.astype(np.int64))
    out.attrs["unit"] = "sentence"  # textstat_keyness passes it on: the chart and its sentences say "sentences"
    return out
