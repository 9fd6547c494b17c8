"""Output safety of `unzh report`: owned folders (manifest), refused folders, atomic notebooks, Ctrl-C,
--excel, the notebooks' interactive output folder, the git filter that strips outputs, `make lab`.

The report runs here use tests/fixtures/edge/: tiny.txt (8 distinct words, `$…$` in its heading,
Arabic words, a .meta.json without a title) and nothemes.txt (codes no theme of the lexicon).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from unzh import config
from unzh.errors import InputError
from unzh.report.notebooks import NOTEBOOKS
from unzh.report.outputs import MANIFEST, OutputFolder, check_output_folders

EDGE = Path(__file__).parent / "fixtures" / "edge"
TINY, NOTHEMES = EDGE / "tiny.txt", EDGE / "nothemes.txt"
ROOT = config.PROJECT_ROOT


def unzh(*args, cwd=None, timeout=1200):
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the manifest, without notebooks
def test_a_second_run_removes_what_the_first_wrote_and_keeps_a_users_file(tmp_path):
    (tmp_path / "mine.txt").write_text("a user's own file")
    first = OutputFolder(tmp_path).claim()
    for name in ("a.png", "b.png", "provenance.json"):
        (tmp_path / name).write_text("first")
    assert first.finish() == ["a.png", "b.png", "provenance.json"]
    assert manifest(tmp_path) == {"tool": "unzh report", "complete": True,
                                  "written": ["a.png", "b.png", "provenance.json"]}
    second = OutputFolder(tmp_path).claim()
    assert not (tmp_path / "provenance.json").exists()  # merged by the notebooks: removed when claimed
    assert (tmp_path / "b.png").read_text() == "first"  # the rest stays until the run has finished
    (tmp_path / "a.png").unlink()
    (tmp_path / "a.png").write_text("second")
    (tmp_path / "provenance.json").write_text("second")
    assert second.finish() == ["a.png", "provenance.json"]
    assert second.removed == ["b.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", MANIFEST, "mine.txt", "provenance.json"]


def test_an_interrupted_run_is_still_owned_by_the_next(tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    OutputFolder(tmp_path).claim()          # run 1 starts ...
    (tmp_path / "half.png").write_text("1")  # ... writes one file and is killed (no finish)
    assert manifest(tmp_path) == {"tool": "unzh report", "complete": False, "written": [], "foreign": ["mine.txt"]}
    run2 = OutputFolder(tmp_path).claim()
    assert run2.earlier == {"half.png"}
    (tmp_path / "whole.png").write_text("2")
    assert run2.finish() == ["whole.png"] and run2.removed == ["half.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "mine.txt", "whole.png"]


def test_a_manifest_never_names_a_file_outside_its_folder(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"tool": "unzh report", "complete": True,
                                               "written": ["../outside.txt", "/etc/hostname", ".."]}))
    run = OutputFolder(folder).claim()
    assert run.earlier == set()
    run.finish()
    assert outside.read_text() == "keep"
    (folder / MANIFEST).write_text('{"something": "else"}')
    with pytest.raises(InputError, match=r"manifest.json: not a manifest of unzh report"):
        OutputFolder(folder).claim()


def test_output_folders_are_refused_in_an_input_folder_or_data_raw(tmp_path):
    doc = tmp_path / "in" / "x.txt"
    doc.parent.mkdir()
    doc.write_text("移徙者。", encoding="utf-8")
    check_output_folders({"--out": tmp_path / "out"}, [doc], [doc])  # fine
    with pytest.raises(InputError) as info:
        check_output_folders({"--processed": tmp_path / "in"}, [doc], [doc])
    assert str(info.value) == (f"{tmp_path / 'in'}: --processed is the folder of the input {doc}: outputs would mix "
                               "with (and could overwrite) the inputs; choose another output folder")
    with pytest.raises(InputError, match="--figures lies inside data/raw/"):
        check_output_folders({"--figures": config.RAW_DIR / "figs"}, [doc], [doc])
    with pytest.raises(InputError, match="is the folder of the input"):
        check_output_folders({"--out": tmp_path / "in"}, [tmp_path / "in"], [doc])  # a folder given as input


def test_processed_in_the_inputs_folder_is_exit_2_and_the_raw_input_is_untouched(tmp_path):
    """The case found: `--processed` at the input's folder overwrote a raw input named X.clean.txt."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TINY, folder / "x.txt")
    (folder / "x.clean.txt").write_text("a raw input that happens to be called x.clean.txt\n", encoding="utf-8")
    r = unzh("report", folder / "x.txt", "--out", tmp_path / "out", "--processed", folder, "--quiet")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"unzh: error: {folder}: --processed is the folder of the input {folder / 'x.txt'}: "
                                     "outputs would mix with (and could overwrite) the inputs; choose another output folder"]
    assert (folder / "x.clean.txt").read_text(encoding="utf-8") == "a raw input that happens to be called x.clean.txt\n"
    assert sorted(p.name for p in folder.iterdir()) == ["x.clean.txt", "x.txt"] and not (tmp_path / "out").exists()
    r = unzh("report", folder / "x.txt", "--out", "data/raw/report", "--quiet", cwd=ROOT)
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "lies inside data/raw/" in r.stderr
    assert not (config.RAW_DIR / "report").exists()


def test_an_output_folder_that_cannot_be_made_is_named_as_the_output(tmp_path):
    """--out under a file (or where nothing can be created) is one line naming the option and the
    folder, not an error that reads like a missing input; exit 2."""
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    r = unzh("report", TINY, "--out", blocker, "--quiet")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"unzh: error: {blocker}: --out: cannot create the output folder "
                                     f"{blocker / 'notebooks'}: Not a directory"]
    r = unzh("report", TINY, "--out", tmp_path / "out", "--figures", blocker / "figs", "--quiet")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"unzh: error: {blocker / 'figs'}: --figures: cannot create the output folder "
                                     f"{blocker / 'figs'}: Not a directory"]


# ------------------------------------------------------------------ report runs on the edge fixtures
@pytest.fixture(scope="module")
def edge_reports(tmp_path_factory):
    """tiny.txt, then nothemes.txt with --excel, into the same --out; the notebooks and HTML of the first kept aside."""
    out = tmp_path_factory.mktemp("edge") / "out"
    first = unzh("report", TINY, "--out", out, "--quiet")
    kept = {p.name: p.read_bytes() for p in (out / "figures").iterdir()}
    # the migration themes named: nothemes.txt (about peace) codes none of them, and a named lexicon is
    # used as named (the key-term view replaces only a lexicon chosen by fit)
    second = unzh("report", NOTHEMES, "--out", out, "--quiet", "--excel", "--themes", "migration")
    return out, first, kept, second


def test_valid_edge_documents_report_without_failure(edge_reports):
    """Few words, `$` in a heading, Arabic, a .meta.json without a title: every notebook runs."""
    out, first, kept, second = edge_reports
    for r in (first, second):
        assert r.returncode == 0, r.stderr[-3000:]
        assert "1 document(s) analysed, 0 skipped" in r.stderr and "Traceback" not in r.stderr
    for p in sorted((out / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(p, as_version=4)
        assert [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"] == [], p.name
    # the first document's figures: the structure chart drawn, its caption naming the document by its id
    assert kept["01_structure.caption.txt"] == b"Body paragraphs per section and their length in characters, in tiny.\n"
    assert "03_themes_by_doc_id.png" in kept  # tiny codes one theme (partnership: 合作)


def test_the_second_report_owns_the_folder(edge_reports):
    """No stale figure of the first document; provenance and manifest list only the second run's."""
    out, _, kept, _ = edge_reports
    now = sorted(p.name for p in (out / "figures").iterdir())
    assert "03_themes_by_doc_id.png" not in now and "03_theme_network.png" not in now  # nothemes: not drawn
    # tiny codes one theme: its coverage is drawn, and no pair (no heatmap, no network)
    assert sorted(n for n in kept if n.startswith("03_") and n.endswith(".png")) == ["03_themes_by_doc_id.png"]
    prov = json.loads((out / "figures" / "provenance.json").read_text(encoding="utf-8"))
    assert [k for k in prov["sources"] if k.startswith("document:")] == ["document:nothemes"]
    written = manifest(out / "figures")
    assert written["complete"] is True and written["written"] == [n for n in now if n != MANIFEST]
    assert sorted(p.name for p in (out / "processed").iterdir()) == [MANIFEST, "nothemes.clean.txt",
                                                                     "nothemes.paragraphs.csv"]
    assert manifest(out / "notebooks")["written"] == sorted(f"{Path(n).stem}.{e}" for n in NOTEBOOKS
                                                            for e in ("html", "ipynb"))


def test_empty_results_print_one_line_and_draw_nothing(edge_reports):
    out, *_ = edge_reports
    nb = nbformat.read(out / "notebooks" / "03-theme-cooccurrence.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")
    assert "03_themes_by_doc_id: not drawn: no paragraph is coded with any theme of the lexicon\n" in printed
    assert "03_cooccurrence_by_doc_id: not drawn: no two themes are coded in the same paragraph" in printed
    assert "03_theme_network: not drawn: no pair of themes is coded together in at least 2 paragraphs" in printed
    shown = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert shown == [] and not list((out / "figures").glob("03_*.png"))


def test_excel_writes_csv_with_a_bom_and_the_default_does_not(edge_reports):
    out, _, kept, _ = edge_reports
    csvs = sorted((out / "figures").glob("*.csv")) + sorted((out / "processed").glob("*.csv"))
    assert len(csvs) > 10 and all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in csvs)
    assert not kept["01_paragraphs.csv"].startswith(b"\xef\xbb\xbf")  # the first run, without --excel
    assert (out / "figures" / "01_paragraphs.csv").read_bytes()[3:].startswith(b"doc_id,para_id,")


def test_ctrl_c_is_one_line_exit_130_and_keeps_the_previous_notebooks(edge_reports):
    out, *_ = edge_reports
    before = {p.name: p.read_bytes() for p in (out / "notebooks").iterdir() if p.suffix in (".ipynb", ".html")}
    assert len(before) == 8
    proc = subprocess.Popen([sys.executable, "-m", "unzh.cli", "report", TINY, "--out", out, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = out / "notebooks" / ".01-document-and-segmentation.partial.ipynb"
    deadline = time.monotonic() + 120
    while not partial.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)  # interrupt while papermill is writing the first notebook
    assert partial.exists()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err == "unzh report: interrupted\n"
    after = {p.name: p.read_bytes() for p in (out / "notebooks").iterdir() if p.suffix in (".ipynb", ".html")}
    assert after == before  # not a byte changed, no 0-byte notebook, no temporary file left
    assert not partial.exists()


# ------------------------------------------------------------------ notebooks in JupyterLab and in git
def test_an_interactive_run_writes_to_an_ignored_folder():
    """The notebooks' own default output folder is reports/interactive/, which git ignores; figures/ is not."""
    for name in NOTEBOOKS:
        nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
        params = [c for c in nb.cells if c.cell_type == "code"][0].source
        assert '\noutput_dir = "reports/interactive"' in params, name
    ignored = subprocess.run(["git", "check-ignore", "-q", "reports/interactive/02_top_terms_overall.png"], cwd=ROOT)
    committed = subprocess.run(["git", "check-ignore", "-q", "figures/02_top_terms_overall.png"], cwd=ROOT)
    assert (ignored.returncode, committed.returncode) == (0, 1)


def test_the_git_filter_strips_outputs_when_a_notebook_is_staged(tmp_path):
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "nbstrip.py", repo / "tools")
    shutil.copy(ROOT / ".gitattributes", repo)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    r = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "git-filter", f"PYTHON={sys.executable}"],
                       cwd=repo, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "git filter nbstrip installed: notebook outputs are stripped on commit\n"
    source = (config.NOTEBOOKS_DIR / NOTEBOOKS[0]).read_text(encoding="utf-8")
    nb = nbformat.reads(source, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1 document(s)\n")]
    code[1].execution_count = 3
    code[1].metadata["execution"] = {"iopub.status.busy": "2026-12-03T07:00:00"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    (repo / "nb.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    subprocess.run([*git, "add", "nb.ipynb"], cwd=repo, check=True)
    staged = subprocess.run(["git", "show", ":nb.ipynb"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert staged == source  # exactly the committed, output-free notebook
    assert "1 document(s)" in (repo / "nb.ipynb").read_text(encoding="utf-8")  # the working copy keeps its outputs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_notebooks_with_the_projects_kernel(tmp_path):
    """`make lab` starts JupyterLab on notebooks/; its python3 kernel is the venv's Python (asked over its REST API).

    The venv is the one running this test when make built it (.venv, or .venv-313 / .venv-min in the other CI
    lanes), else .venv; it is passed to make explicitly, so a VENV= inherited from an outer make cannot differ."""
    here = Path(sys.prefix)
    venv = here if here.parent.resolve() == ROOT.resolve() and (here / ".installed").exists() else ROOT / ".venv"
    if not (venv / "bin" / "jupyter").exists():
        pytest.skip(f"no {venv.name} with JupyterLab (make env) in this checkout")
    port, token = _free_port(), "unzh-test-token"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    args = f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token={token}"
    args += " --allow-root" if os.geteuid() == 0 else ""  # JupyterLab refuses root without it (CI containers)
    lab = subprocess.Popen(["make", "-s", "lab", f"VENV={venv.name}", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        def get(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=5) as r:
                return json.loads(r.read())
        deadline = time.monotonic() + 90
        while True:
            try:
                specs = get("/api/kernelspecs")
                break
            except OSError:
                if time.monotonic() > deadline or lab.poll() is not None:
                    raise
                time.sleep(0.5)
        argv0 = Path(specs["kernelspecs"][specs["default"]]["spec"]["argv"][0])
        assert specs["default"] == "python3"
        assert argv0.parent.parent.resolve() == venv.resolve() and argv0.name.startswith("python")
        names = sorted(item["name"] for item in get("/api/contents")["content"])
        # the four report notebooks and 05, the explorer (which `unzh report` does not run)
        assert [n for n in names if n.endswith(".ipynb")] == sorted([*NOTEBOOKS, "05-explore.ipynb"])
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
