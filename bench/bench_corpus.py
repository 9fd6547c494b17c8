"""Corpus-scale benchmark end to end: a real-vocabulary corpus, ``unzh freq`` on it, time and peak memory.

Run from the project root::

    .venv/bin/python bench/bench_corpus.py --mb 5 20          # every case at 5 and 20 MB (~10 min)
    .venv/bin/python bench/bench_corpus.py --mb 100 --cases engine,warm    # the 100 MB growth check

**The corpus** (no network): documents of about 250 KB, each a title line and paragraphs separated by
blank lines.  A paragraph is, with a fixed ``random.Random(--seed)``: a line of the SIGHAN 2005 PKU
test text (``../shared/sighan2005/pku_test.utf8`` beside the checkout; 1 in 5), a body paragraph of
the seed document (1 in 20), or else two to five sentences of 6-18 words drawn by frequency from
jieba's own dictionary (``jieba/dict.txt``: every word weighted by its count), so the vocabulary is
real and almost every paragraph distinct.  Built once per (size, seed) into the temporary folder.

**The cases**, each a fresh process (its whole process tree's resident memory sampled every 50 ms
for the peak), side by side in one run, on the same corpus, each with a fresh token cache:

* ``loop`` — the issue's yardstick: ten lines that loop ``rjieba.cut`` over the lines and count with
  ``collections.Counter``, one process;
* ``ingest`` — cleaning and structure recovery alone (``read_document`` of every file), one process;
* ``tokens`` — ``unzh freq DIR --backend rjieba`` by the token-table path (the corpus read whole,
  segmented by :mod:`unzh.segment.parallel`'s claim protocol, ``workers=None``);
* ``engine`` — the same command, counted document by document on the process pool (the default);
* ``dask`` — the same on a ``dask.distributed`` ``LocalCluster`` (``--scheduler dask``);
* ``warm`` — ``engine`` again on the cache ``engine`` left.

The CSV of every ``unzh freq`` case must be byte-identical (the run fails otherwise).
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
#: ../shared/sighan2005 beside the checkout (or beside a folder above it: a git worktree's)
SIGHAN = next((d / "shared" / "sighan2005" / "pku_test.utf8" for d in ROOT.parents
               if (d / "shared" / "sighan2005" / "pku_test.utf8").exists()),
              ROOT.parent / "shared" / "sighan2005" / "pku_test.utf8")
DOC_BYTES = 250_000
CASES = ("loop", "ingest", "tokens", "engine", "dask", "warm")

LOOP = """
import sys, collections, pathlib, rjieba
counts = collections.Counter()
for f in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):
    for line in f.read_text(encoding='utf-8').splitlines():
        counts.update(rjieba.cut(line))
print(len(counts))
"""
INGEST = """
import sys, pathlib
from unzh.text.document import read_document
n = sum(len(read_document(f).paragraphs) for f in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')))
print(n)
"""
TOKEN_PATH = """
import sys
from unittest import mock
import unzh.cli.common as common
from unzh.cli.main import main
with mock.patch.object(common, 'uses_engine', lambda args: False):
    sys.exit(main(sys.argv[1:]))
"""


def _dictionary():
    import jieba
    words, cum, total = [], [], 0
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) > 0:
                total += int(parts[1])
                words.append(parts[0])
                cum.append(total)
    return words, cum


def _seed_paragraphs() -> list[str]:
    from unzh import config
    from unzh.text.document import read_document
    from unzh.text.structure import body
    return list(body(read_document(config.SEED_DOCUMENT).paragraphs)["text"])


def build_corpus(mb: float, seed: int) -> Path:
    """The corpus folder for ``mb`` MB (UTF-8 bytes) and ``seed``: built once, then reused."""
    folder = Path(tempfile.gettempdir()) / f"unzh-bench-corpus-{mb:g}mb-{seed}"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    if not SIGHAN.exists():
        sys.exit(f"bench_corpus: {SIGHAN} not found (the SIGHAN 2005 test text beside the checkout)")
    rng = random.Random(seed)
    words, cum = _dictionary()
    total = cum[-1]
    sighan = [line.strip() for line in SIGHAN.read_text(encoding="utf-8").splitlines() if line.strip()]
    seed_paras = _seed_paragraphs()

    def sentence() -> str:
        k = rng.randint(6, 18)
        return "".join(words[bisect.bisect_right(cum, rng.random() * total)] for _ in range(k)) + \
            rng.choice("。。。，；")

    target = int(mb * 1_000_000)
    written, n_doc = 0, 0
    while written < target:
        paras, size = [f"教学基准文件第{n_doc + 1}号"], 0
        while size < DOC_BYTES and written + size < target:
            r = rng.random()
            if r < 0.2:
                p = rng.choice(sighan)
            elif r < 0.25:
                p = rng.choice(seed_paras)
            else:
                p = "".join(sentence() for _ in range(rng.randint(2, 5)))
                p = p[:-1] + "。"
            paras.append(p)
            size += len(p.encode("utf-8")) + 2
        text = "\n\n".join(paras) + "\n"
        (folder / f"doc{n_doc:05d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        n_doc += 1
    (folder / ".complete").write_text(f"{n_doc} documents, {written} bytes\n")
    return folder


def measure(cmd: list[str], env: dict) -> dict:
    """Run ``cmd``; wall time, peak resident memory of its process tree (sampled), stdout's SHA-256."""
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    top = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = top.memory_info().rss + sum(c.memory_info().rss for c in top.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if proc.returncode != 0:
        sys.exit(f"bench_corpus: {' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{err[-2000:]}")
    out.seek(0)
    return {"seconds": seconds, "peak_mb": peak / 1e6, "sha": hashlib.sha256(out.read()).hexdigest()[:16]}


def run_size(mb: float, seed: int, cases: list[str]) -> dict:
    folder = build_corpus(mb, seed)
    py = sys.executable
    unzh = str(Path(py).with_name("unzh"))
    cache = Path(tempfile.mkdtemp(prefix="unzh-bench-cache-"))
    env = {k: v for k, v in os.environ.items() if k != "UNZH_SCHEDULER"}
    freq = ["freq", str(folder), "--backend", "rjieba", "--top", "50"]
    commands = {
        "loop": ([py, "-c", LOOP, str(folder)], "loop"),
        "ingest": ([py, "-c", INGEST, str(folder)], "ingest"),
        "tokens": ([py, "-c", TOKEN_PATH, *freq], "tokens"),
        "engine": ([unzh, *freq, "--scheduler", "processes"], "engine"),
        "dask": ([unzh, *freq, "--scheduler", "dask"], "dask"),
        "warm": ([unzh, *freq, "--scheduler", "processes"], "engine"),  # on engine's cache
    }
    res = {}
    for case in cases:
        cmd, cache_name = commands[case]
        res[case] = measure(cmd, {**env, "UNZH_CACHE": str(cache / cache_name)})
        print(f"{mb:g} MB {case:7s} {res[case]['seconds']:8.2f} s {res[case]['peak_mb']:8.0f} MB", flush=True)
    shas = {res[c]["sha"] for c in ("tokens", "engine", "dask", "warm") if c in res}
    if len(shas) > 1:
        sys.exit(f"bench_corpus: the unzh freq outputs differ at {mb:g} MB: {res}")
    res["_docs"] = (folder / ".complete").read_text().strip()
    return res


def report(results: dict, started: str, load_before: float) -> str:
    lines = [f"Run {started} UTC, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; load average (1 min) before: {load_before:.2f}, "
             f"after: {os.getloadavg()[0]:.2f}", "",
             "| MB | case | seconds | peak MB | ratio to loop |", "|---:|---|---:|---:|---:|"]
    for mb, res in results.items():
        loop = res.get("loop", {}).get("seconds")
        for case in CASES:
            if case in res:
                r = res[case]
                ratio = f"{loop / r['seconds']:.2f}x" if loop and case != "loop" else ""
                lines.append(f"| {mb:g} | {case} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {ratio} |")
        lines.append(f"| {mb:g} | corpus | {res['_docs']} | | |")
    for mb, res in results.items():
        if "ingest" in res:
            lines.append(f"\nclean + structure alone at {mb:g} MB: {mb / res['ingest']['seconds']:.1f} MB/s (one process)")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[5, 20])
    ap.add_argument("--seed", type=int, default=2006)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--build-only", action="store_true")
    args = ap.parse_args(argv)
    cases = [c for c in args.cases.split(",") if c]
    if unknown := set(cases) - set(CASES):
        ap.error(f"unknown cases {sorted(unknown)}")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    if args.build_only:
        for mb in args.mb:
            print(build_corpus(mb, args.seed), (build_corpus(mb, args.seed) / ".complete").read_text().strip())
        return 0
    load_before = os.getloadavg()[0]
    results = {mb: run_size(mb, args.seed, cases) for mb in args.mb}
    print(report(results, started, load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
