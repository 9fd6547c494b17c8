"""General segmentation no worse: the SIGHAN 2005 bakeoff's PKU test set, scored with the project's dictionaries.

The copy of the test set lives beside the project (``../shared/sighan2005``; two or three levels up
for a worktree or a CI clone).  Scoring is the bakeoff's: precision and recall of word spans
(start, end) against the gold segmentation, F their harmonic mean (its ``score`` script prints the
same value to three decimals: 0.835).  HMM off, as the package segments by default.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from unzh import config
from unzh.segment.segmenter import Segmenter

#: the F-score the project's segmenter had before the general dictionary (issue 16; plain jieba 0.818)
F_FLOOR = 0.835


def _sighan_dir() -> Path | None:
    root = Path(__file__).resolve().parents[1]
    for up in (root, *root.parents[:3]):
        candidate = up.parent / "shared" / "sighan2005" if up == root else up / "shared" / "sighan2005"
        if (candidate / "pku_test.utf8").is_file() and (candidate / "pku_test_gold.utf8").is_file():
            return candidate
    return None


def word_spans(words) -> set[tuple[int, int]]:
    """The (start, end) character span of each word of a segmentation."""
    out, at = set(), 0
    for w in words:
        out.add((at, at + len(w)))
        at += len(w)
    return out


def f_score(gold_lines, test_lines) -> tuple[float, float, float]:
    """Precision, recall and F of segmented lines (lists of words) against the gold lines."""
    hits = n_gold = n_test = 0
    for gold, test in zip(gold_lines, test_lines, strict=True):
        g, t = word_spans(gold), word_spans(test)
        hits += len(g & t)
        n_gold += len(g)
        n_test += len(t)
    p, r = hits / n_test, hits / n_gold
    return p, r, 2 * p * r / (p + r)


def test_f_score_by_hand():
    # gold 我们 | 是 | 学生 ; test 我们 | 是学生 : 1 of 2 test words right, 1 of 3 gold words found
    p, r, f = f_score([["我们", "是", "学生"]], [["我们", "是学生"]])
    assert (p, r) == (0.5, 1 / 3) and f == pytest.approx(0.4)


def test_pku_f_score_with_the_project_dictionaries():
    where = _sighan_dir()
    if where is None:
        pytest.skip("the SIGHAN 2005 PKU test set is not beside the project (../shared/sighan2005): not measured")
    seg = Segmenter(user_dict=config.USER_DICTS, stopwords=None, hmm=False)
    text = (where / "pku_test.utf8").read_text(encoding="utf-8").splitlines()
    gold = [line.split() for line in (where / "pku_test_gold.utf8").read_text(encoding="utf-8").splitlines()]
    ours = [[w for w in seg.cut(line.strip()) if w.strip()] for line in text]
    p, r, f = f_score(gold, ours)
    print(f"SIGHAN 2005 PKU: P {p:.4f} R {r:.4f} F {f:.4f} ({where})")
    assert f >= F_FLOOR
