"""Corpus-scale benchmark end to end: a real-vocabulary corpus, ``unzh freq`` on it, time and peak memory.

Run from the project root::

    .venv/bin/python bench/bench_corpus.py --mb 5 20          # every case at 5 and 20 MB (~10 min)
    .venv/bin/python bench/bench_corpus.py --mb 5 20 100 --out bench/results_corpus.md    # what make bench runs

**The corpus** (no network): documents of about 250 KB, each a title line and paragraphs separated by
blank lines.  A paragraph is, with a fixed ``random.Random(--seed)``: a line of the SIGHAN 2005 PKU
test text (``../shared/sighan2005/pku_test.utf8`` beside the checkout; 1 in 5), a body paragraph of
the seed document (1 in 20), or else two to five sentences of 6-18 words drawn by frequency from
jieba's own dictionary (``jieba/dict.txt``: every word weighted by its count), so the vocabulary is
real and almost every paragraph distinct.  Built once per (size, seed) into the temporary folder.

**The cases**, each a fresh process (its whole process tree's resident memory sampled every 50 ms
for the peak), side by side in one run, on the same corpus, each with its own cache folder that starts
with what does not depend on the corpus (jieba's prefix dictionary and the resolved dictionary entries,
as any earlier run of unzh leaves them: :func:`warm_dictionaries`) and no corpus cache (paragraphs,
tokens, results):

* ``loop`` — the issue's yardstick: ten lines that loop ``rjieba.cut`` over the lines and count with
  ``collections.Counter``, one process;
* ``ingest`` — cleaning and structure recovery alone (``read_document`` of every file), one process;
  its rate is that of the reading loop, the best of :data:`INGEST_PASSES` passes over the corpus in
  the process (timed inside it: the interpreter's start and the imports, ~0.6 s whatever the size, are
  left out; a shared machine varies by 10-15% from pass to pass, and the segmentation benchmark takes
  the best of 3 rounds too); the case's seconds in the table are the first pass with the interpreter's
  start and imports, every pass is printed;
* ``tokens`` — ``unzh freq DIR --backend rjieba`` by the token-table path (the corpus read whole,
  segmented by :mod:`unzh.segment.parallel`'s claim protocol, ``workers=None``);
* ``engine`` — the same command, counted document by document on the process pool (the default);
* ``dask`` — the same on a ``dask.distributed`` ``LocalCluster`` (``--scheduler dask``);
* ``warm`` — ``engine`` again on the cache ``engine`` left: the same command on the same files prints
  its stored result (:mod:`unzh.cli.memo`);
* ``warm_docs`` — the same with the result cache off (``UNZH_RESULT_CACHE=0``): each document read
  from its paragraph and token caches, counted and merged again (what a run with one file changed,
  or another ``--by``, does for the unchanged documents);
* ``tokens_fast``, ``tokens_jieba`` — ``unzh tokens DIR --backend rjieba`` / ``jieba``, end to end
  (the token table as CSV), at the sizes of ``--tokens-mb`` only (default 5).

Then the corpus-scale issue's targets, each with PASS, FAIL or "not measured" (:func:`targets`).

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
import shutil
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
CASES = ("loop", "ingest", "tokens", "engine", "dask", "warm", "warm_docs", "tokens_fast", "tokens_jieba")
#: run only at the sizes in --tokens-mb (the jieba backend takes minutes per 5 MB)
TOKEN_CASES = ("tokens_fast", "tokens_jieba")
#: the only cases run at the sizes in --big-mb (the growth check; the token-table path would hold it all)
BIG_CASES = ("loop", "ingest", "engine", "warm", "warm_docs")

LOOP = """
import sys, collections, pathlib, rjieba
counts = collections.Counter()
for f in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):
    for line in f.read_text(encoding='utf-8').splitlines():
        counts.update(rjieba.cut(line))
print(len(counts))
"""
#: passes of the ``ingest`` case over the corpus, in one process (its rate: the best pass)
INGEST_PASSES = 3
INGEST = f"""
import sys, pathlib, time
from unzh.text.document import read_document
files = sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))
for _ in range({INGEST_PASSES}):  # the time of each pass of the reading alone (no interpreter start, no imports)
    start = time.perf_counter()
    n = sum(len(read_document(f).paragraphs) for f in files)
    print(n, time.perf_counter() - start, flush=True)
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


#: the dictionary caches of this run (made anew by each run: the lexicons may have changed since the last)
_TEMPLATE = Path(tempfile.mkdtemp(prefix="unzh-bench-dictionaries-")) / "cache"


def warm_dictionaries(folder: Path) -> Path:
    """A cache folder holding only what does not depend on the corpus (jieba's prefix dictionary,
    the user dictionaries stacked, the dictionary entries resolved: what any earlier run of unzh
    leaves), made by one ``unzh freq`` on a one-line document; each case's cache starts as a copy of it."""
    template = _TEMPLATE
    if not (template / ".complete").exists():
        doc = Path(tempfile.mkdtemp(prefix="unzh-bench-warm-")) / "warm.txt"
        doc.write_text("联合国大会讨论国际移徙与发展问题。\n", encoding="utf-8")
        env = {**os.environ, "UNZH_CACHE": str(template), "UNZH_RESULT_CACHE": "0"}
        for backend in ("rjieba", "jieba"):
            subprocess.run([str(Path(sys.executable).with_name("unzh")), "freq", str(doc), "--backend", backend,
                            "--no-cache"], env=env, check=True, capture_output=True)
        (template / ".complete").write_text("")
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns(".complete"))
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
    data = out.read()
    res = {"seconds": seconds, "peak_mb": peak / 1e6, "sha": hashlib.sha256(data).hexdigest()[:16]}
    if cmd[1:2] == ["-c"] and cmd[2] == INGEST:
        passes = [float(line.split()[1]) for line in data.decode().splitlines()]
        res.update(passes=passes, inner=min(passes), seconds=seconds - sum(passes[1:]))
    return res


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
        # on engine's cache, the result cache off: the per-document caches (paragraphs, tokens) only
        "warm_docs": ([unzh, *freq, "--scheduler", "processes"], "engine"),
        "tokens_fast": ([unzh, "tokens", str(folder), "--backend", "rjieba"], "tokens_fast"),
        "tokens_jieba": ([unzh, "tokens", str(folder), "--backend", "jieba"], "tokens_jieba"),
    }
    res = {}
    for case in cases:
        cmd, cache_name = commands[case]
        if not (cache / cache_name).exists():
            warm_dictionaries(cache / cache_name)
        case_env = {**env, "UNZH_CACHE": str(cache / cache_name)}
        if case not in ("engine", "warm"):
            case_env["UNZH_RESULT_CACHE"] = "0"  # engine stores its result, warm prints it: no other case
        res[case] = measure(cmd, case_env)
        print(f"{mb:g} MB {case:7s} {res[case]['seconds']:8.2f} s {res[case]['peak_mb']:8.0f} MB", flush=True)
    shas = {res[c]["sha"] for c in ("tokens", "engine", "dask", "warm", "warm_docs") if c in res}
    if len(shas) > 1:
        sys.exit(f"bench_corpus: the unzh freq outputs differ at {mb:g} MB: {res}")
    if "tokens_fast" in res and "tokens_jieba" in res and res["tokens_fast"]["sha"] != res["tokens_jieba"]["sha"]:
        sys.exit(f"bench_corpus: unzh tokens gives other tokens with rjieba than with jieba at {mb:g} MB")
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
            r = res["ingest"]
            lines.append(f"\nclean + structure alone at {mb:g} MB: {mb / r['inner']:.1f} MB/s in the reading loop "
                         f"(best of {len(r['passes'])} passes: " + ", ".join(f"{p:.2f}" for p in r["passes"])
                         + f" s), {mb / r['seconds']:.1f} MB/s for the first pass with the interpreter's start "
                         f"and imports ({r['seconds']:.2f} s); one process")
    lines += ["", "Targets (the corpus-scale issue):", "", "| target | measured | result |", "|---|---|---|"]
    lines += [f"| {name} | {measured} | {verdict} |" for name, measured, verdict in targets(results)]
    return "\n".join(lines)


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("PASS" if ok else "FAIL")


def targets(results: dict) -> list[tuple[str, str, str]]:
    """``(target, measured, PASS|FAIL|not measured)`` for each target of the corpus-scale issue this
    benchmark measures (the pipeline target is in bench_segmentation.py, the notebooks' in
    bench_notebooks.py)."""
    out = []

    def get(mb, case, key="seconds"):
        return results.get(mb, {}).get(case, {}).get(key)

    loop, engine, warm = get(20, "loop"), get(20, "engine"), get(20, "warm")
    ok = None if not (loop and engine) else loop / engine >= 1.0
    out.append(("`unzh freq`, fast backend, 20 MB, first run: at least as fast as the loop (ratio >= 1.0)",
                f"{loop / engine:.2f}x ({loop:.1f} s loop / {engine:.1f} s)" if ok is not None else "-", _verdict(ok)))
    ok = None if not (loop and warm) else loop / warm >= 10
    out.append(("warm re-run, 20 MB: at least 10x faster than the loop",
                f"{loop / warm:.2f}x ({loop:.1f} s / {warm:.2f} s)" if ok is not None else "-", _verdict(ok)))
    docs = get(20, "warm_docs")
    if docs and loop:
        out.append(("(not a target) warm re-run from the per-document caches alone (result cache off), 20 MB",
                     f"{loop / docs:.2f}x ({loop:.1f} s / {docs:.2f} s)", "-"))
    fast, slow = get(5, "tokens_fast"), get(5, "tokens_jieba")
    ok = None if not (fast and slow) else slow / fast >= 2.5
    out.append(("`unzh tokens`, fast backend against jieba, 5 MB, end to end: >= 2.5x",
                f"{slow / fast:.2f}x ({slow:.1f} s / {fast:.1f} s)" if ok is not None else "-", _verdict(ok)))
    peaks = [get(100, c, "peak_mb") for c in ("engine", "warm", "warm_docs") if get(100, c, "peak_mb")]
    ok = None if not peaks else max(peaks) <= 2000
    out.append(("peak memory at 100 MB <= 2 GB (engine, warm, warm_docs)", f"{max(peaks):.0f} MB" if peaks else "-", _verdict(ok)))
    t20, t100, m20, m100 = get(20, "engine"), get(100, "engine"), get(20, "engine", "peak_mb"), get(100, "engine", "peak_mb")
    ok = None if not (t20 and t100) else (t100 / t20 <= 5.5 and m100 / m20 <= 1.5)
    out.append(("20 -> 100 MB (engine, first run): time <= 5.5x, peak memory <= 1.5x",
                f"time {t100 / t20:.2f}x, memory {m100 / m20:.2f}x" if ok is not None else "-", _verdict(ok)))
    sizes = [mb for mb in results if get(mb, "ingest")]
    if sizes:
        mb = max(sizes)
        rate = mb / get(mb, "ingest", "inner")
        out.append((f"clean + structure alone >= 20 MB/s per core ({mb:g} MB, one process, best of {INGEST_PASSES} passes)", f"{rate:.1f} MB/s",
                    _verdict(rate >= 20)))
    else:
        out.append(("clean + structure alone >= 20 MB/s per core", "-", _verdict(None)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[5, 20])
    ap.add_argument("--seed", type=int, default=2006)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--tokens-mb", type=float, nargs="*", default=[5],
                    help="the sizes at which the unzh tokens cases run (default 5)")
    ap.add_argument("--big-mb", type=float, nargs="*", default=[100],
                    help=f"the sizes at which only {', '.join(BIG_CASES)} run (default 100)")
    ap.add_argument("--out", default=None, help="also write the report to this file (Markdown)")
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
    def at(mb):
        return [c for c in cases if (c not in TOKEN_CASES or mb in args.tokens_mb) and (mb not in args.big_mb or c in BIG_CASES)]
    results = {mb: run_size(mb, args.seed, at(mb)) for mb in args.mb}
    text = report(results, started, load_before)
    print(text)
    if args.out:
        Path(args.out).write_text(f"# Corpus benchmark (`bench/bench_corpus.py`)\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
