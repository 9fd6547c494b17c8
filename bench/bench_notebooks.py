"""How long the seed's report takes against the fixed cost of running notebooks at all.

Run from the project root (part of ``make bench``)::

    .venv/bin/python bench/bench_notebooks.py            # best of 3 (about 5 minutes)

Two cases, each a fresh process, alternated round by round so that both see the same machine:

* ``report`` — what ``make figures`` runs: ``unzh report <the seed> --out TMP`` (four notebooks
  executed headless by papermill, every figure as PNG, SVG and PDF, the HTML of each notebook),
  into a temporary folder (``figures/`` is never touched);
* ``report_cold`` — the same with ``UNZH_FIGURE_CACHE=0``: every PDF drawn anew (``report``, a
  re-run like ``make figures`` after an edit, takes the PDF of an unchanged figure from the cache);
* ``trivial`` — four notebooks of one parameters cell and one empty cell, executed by papermill with
  the same kernel (``python3``, the same working folder and kernel manager as ``unzh report``), and
  exported to HTML the same way: the cost of kernels, papermill and nbconvert alone.

Target of the corpus-scale issue: ``report`` at most 3x ``trivial``.  The report also gives each
notebook's own time (papermill's ``duration`` in the executed notebooks of the fastest round).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TRIVIAL = """
import sys, tempfile
from pathlib import Path
import nbformat
import papermill as pm
from unzh import config
from unzh.report.notebooks import _kernel_manager_class, html_exporter
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
socket_dir = tempfile.mkdtemp(prefix="unzh-kernel-")
exporter = html_exporter()
for i in range(1, 5):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("documents = []", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("pass")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = out / f"0{i}-trivial.ipynb"
    nbformat.write(nb, src)
    done = out / f"0{i}-trivial.out.ipynb"
    pm.execute_notebook(str(src), str(done), parameters={"documents": ["x"]}, cwd=str(config.NOTEBOOKS_DIR),
                        progress_bar=False, kernel_name="python3", log_output=False,
                        kernel_manager_class=_kernel_manager_class(socket_dir))
    body, _ = exporter.from_notebook_node(nbformat.read(done, as_version=4))
    (out / f"0{i}-trivial.html").write_text(body, encoding="utf-8")
"""


def run(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench_notebooks: {' '.join(cmd[:3])} ... failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds


def durations(folder: Path) -> dict[str, float]:
    out = {}
    for nb in sorted(folder.glob("*.ipynb")):
        meta = json.loads(nb.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {})
        if meta.get("duration") is not None:
            out[nb.name] = meta["duration"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=None, help="also write the report to this file (Markdown)")
    args = ap.parse_args(argv)
    from unzh import config
    py = sys.executable
    unzh = str(Path(py).with_name("unzh"))
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {"report": [], "report_cold": [], "trivial": []}
    best_nb: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="unzh-bench-nb-") as tmp:
        for r in range(args.repeat):
            rep = Path(tmp) / f"report{r}"
            times["report"].append(run([unzh, "report", str(config.SEED_DOCUMENT), "--out", str(rep), "--quiet"]))
            times["report_cold"].append(run([unzh, "report", str(config.SEED_DOCUMENT), "--out",
                                             str(Path(tmp) / f"cold{r}"), "--quiet"], {"UNZH_FIGURE_CACHE": "0"}))
            times["trivial"].append(run([py, "-c", TRIVIAL, str(Path(tmp) / f"trivial{r}")]))
            print(f"round {r + 1}: report {times['report'][-1]:.1f} s, report without the figure cache "
                  f"{times['report_cold'][-1]:.1f} s, trivial {times['trivial'][-1]:.1f} s", flush=True)
            if times["report"][-1] == min(times["report"]):
                best_nb = durations(rep / "notebooks")
    report, trivial = min(times["report"]), min(times["trivial"])
    ratio = report / trivial
    lines = [f"Run {started} UTC, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}; load average (1 min) before: {load_before:.2f}, "
             f"after: {os.getloadavg()[0]:.2f}", "",
             "| case | seconds, best of N | all rounds |", "|---|---:|---|",
             f"| `unzh report` on the seed (what `make figures` runs) | {report:.1f} | "
             f"{', '.join(f'{t:.1f}' for t in times['report'])} |",
             f"| the same, every PDF drawn anew (`UNZH_FIGURE_CACHE=0`) | {min(times['report_cold']):.1f} | "
             f"{', '.join(f'{t:.1f}' for t in times['report_cold'])} |",
             f"| four trivial notebooks, same kernel, papermill + HTML | {trivial:.1f} | "
             f"{', '.join(f'{t:.1f}' for t in times['trivial'])} |", "",
             "Each notebook of the fastest report (papermill's duration, s): "
             + ", ".join(f"{k} {v:.1f}" for k, v in best_nb.items()), "",
             "| target | measured | result |", "|---|---|---|",
             f"| `make figures` on the seed <= 3x four trivial notebooks | {ratio:.2f}x | "
             f"{'PASS' if ratio <= 3 else 'FAIL'} |",
             f"| (the same without the figure cache) | {min(times['report_cold']) / trivial:.2f}x | "
             f"{'PASS' if min(times['report_cold']) / trivial <= 3 else 'FAIL'} |"]
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).write_text(f"# Notebook benchmark (`bench/bench_notebooks.py`)\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
