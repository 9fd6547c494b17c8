"""Throughput of the longest-match-first term matcher (:class:`unzh.lexicon.matcher.TermMatcher`).

Run from the project root::

    .venv/bin/python bench/bench_matcher.py            # ~5 MB of UTF-8 text, best of 3 (~10 s)
    .venv/bin/python bench/bench_matcher.py --mb 20 --repeat 5

The text is the seed document's paragraphs repeated to about ``--mb`` MB of UTF-8.  The
lexicons are the project's three (themes, stakeholders, reporting verbs: ~30-130 terms each)
and 10,000 words drawn from jieba's dictionary with ``random.Random(10000)`` (the scale a
larger lexicon would reach).  For each: the time to build the matcher, then the best of
``--repeat`` runs of ``find_arrays`` over the paragraphs (how the theme and stakeholder coding
call it) and of ``count`` on the whole text as one string, in MB of UTF-8 per second.  Before
timing, the matches on the seed's paragraphs are checked against a pure-Python longest-first
scan (at each position the longest term that starts there), so a fast wrong matcher fails here.

Not part of the test suite (pytest collects ``tests/`` only).
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import jieba
from unzh.document import read_document
from unzh.lexicons import load_reporting_verbs, load_stakeholders, load_themes, term_index

from unzh import config
from unzh.lexicon.matcher import TermMatcher


def brute_force(text: str, term_to_key: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Longest-first scan: at each position the longest term starting there, then on after it; else one on."""
    lengths = sorted({len(t) for t in term_to_key}, reverse=True)
    out, i = [], 0
    while i < len(text):
        term = next((text[i:i + n] for n in lengths if text[i:i + n] in term_to_key), None)
        if term is None:
            i += 1
        else:
            out.append((i, i + len(term), term, term_to_key[term]))
            i += len(term)
    return out


def best_of(repeat: int, f, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=5.0, help="MB of UTF-8 text (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the fastest counts (default 3)")
    args = parser.parse_args(argv)

    paragraphs = read_document(config.SEED_DOCUMENT).paragraphs["text"].tolist()
    seed_bytes = sum(len(p.encode()) for p in paragraphs)
    texts = paragraphs * max(1, round(args.mb * 1e6 / seed_bytes))
    whole = "\n".join(texts)
    mb = len(whole.encode()) / 1e6
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    words = [line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines()]
    lexicons = {
        "themes": term_index(load_themes(), "theme_id", "terms"),
        "stakeholders": term_index(load_stakeholders(), "actor_id", "aliases"),
        "reporting verbs": term_index(load_reporting_verbs(), "verb", "verb"),
        "jieba 10,000": {w: f"k{i % 50}" for i, w in enumerate(random.Random(10000).sample(words, 10_000))},
    }
    print(f"{len(texts):,} paragraphs, {mb:.1f} MB of UTF-8; best of {args.repeat}")
    print(f"{'lexicon':>16} {'terms':>6} {'matches':>8} {'build':>8} {'find_arrays':>12} {'count':>10}")
    for name, lexicon in lexicons.items():
        start = time.perf_counter()
        matcher = TermMatcher(lexicon)
        build = time.perf_counter() - start
        for p in paragraphs:
            if [tuple(m) for m in matcher.find(p)] != brute_force(p, lexicon):
                raise SystemExit(f"{name}: the matcher and the brute-force scan disagree on {p[:40]!r}")
        n_matches = len(matcher.find_arrays(texts).code)
        arrays = best_of(args.repeat, matcher.find_arrays, texts)
        counted = best_of(args.repeat, matcher.count, whole)
        print(f"{name:>16} {len(lexicon):>6} {n_matches:>8} {build * 1e3:>6.1f}ms "
              f"{mb / arrays:>7.0f} MB/s {mb / counted:>5.0f} MB/s")


if __name__ == "__main__":
    main()
