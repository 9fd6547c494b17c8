"""End to end, in a real browser: JupyterLab from the project's environment, notebook 05 run in it.

JupyterLab is started from this interpreter's environment (``python -m jupyterlab``) on a free
port of 127.0.0.1 with a random token, its root a temporary folder holding a copy of
``notebooks/05-explore.ipynb`` whose parameters name the seed (absolute path) and a temporary
output folder; Playwright drives Debian's Chromium (``/usr/bin/chromium``, launched through
``executable_path``: Playwright's own browser downloads are not possible here; ``.ci/install-browser``
installs it in CI).  The test runs all cells from the Run menu, types a term, turns the dictionary
off and checks that the KWIC rows and the diff table appear, with the numbers the logic layer
gives.  Screenshots are saved in the test's temporary folder (and copied to
``reports/interactive/screenshots/``, ignored by git, to be looked at).  The server is stopped by
its PID in a ``finally``.  Skipped, saying why, only where no Chromium can be found.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from unzh import config
from unzh.explore.logic import Explorer
from unzh.textplot.fonts import cjk_font_path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05-explore.ipynb"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVER_START_S = 60      # bounded wait for JupyterLab to answer
STEP_MS = 60_000         # bounded wait for each step in the page
TERM = "移徙者"
#: The headless browser has no CJK font of its own: the page gets the one the figures use (the
#: Noto Sans CJK SC file of the environment), served by Playwright, for the CJK ranges only (enclosed
#: CJK ㈠ ㈡, U+3200–32FF, and the vertical forms included: without them a resolution's items were boxes).
FONT_URL = "/unzh-test-font/cjk.otf"
FONT_CSS = (f'@font-face {{ font-family: "UnzhCJK"; src: url("{FONT_URL}"); '
            "unicode-range: U+2E80-2FFF, U+3000-303F, U+3200-32FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, "
            "U+FE30-FE4F, U+FF00-FFEF; } "
            'body, body * { font-family: "UnzhCJK", var(--jp-ui-font-family, sans-serif) !important; }')
#: JupyterLab's own settings for the run: no news toast over the page
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"}}


def chromium() -> str:
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    if found:
        return found
    reason = ("no Chromium found (looked for " + ", ".join(CHROMIUM_CANDIDATES) + " and chromium on PATH): "
              "install Debian's package (`apt-get install chromium`, as .ci/install-browser does in CI)")
    print(reason, file=sys.stderr)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook_copy(folder: Path, out: Path) -> Path:
    """notebooks/05 with its parameters pointing at the seed (absolute) and ``out``."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    (params,) = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    source = "".join(params["source"])
    source = source.replace('documents = ["data/raw/000_c6292b922524f64f.txt"]',
                            f"documents = [{str(config.SEED_DOCUMENT)!r}]")
    source = source.replace('output_dir = "reports/interactive"', f"output_dir = {str(out)!r}")
    assert str(config.SEED_DOCUMENT) in source and str(out) in source
    params["source"] = source
    path = folder / NOTEBOOK.name
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def wait_for_server(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"JupyterLab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"JupyterLab did not answer within {SERVER_START_S} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server we started, by its PID (its process group: the kernel too)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def test_notebook_05_in_jupyterlab_in_chromium(tmp_path):
    browser_path = chromium()
    from playwright.sync_api import sync_playwright

    # what the page must show, from the logic layer and from an independent count
    ex = Explorer(config.SEED_DOCUMENT)
    occurrences = int(ex.body["text"].str.count(TERM).sum())
    lines = ex.kwic(TERM)
    assert len(lines) == occurrences
    first_ref, last_ref = lines["ref"].iloc[0], lines["ref"].iloc[-1]
    assert last_ref.startswith("Debate 4 ¶")
    expected_diff = len(ex.change(dictionary=False).frequency)
    assert expected_diff > 0

    root, out, shots = tmp_path / "root", tmp_path / "out", tmp_path / "screenshots"
    for d in (root, out, shots):
        d.mkdir()
    notebook_copy(root, out)
    for rel, value in LAB_SETTINGS.items():
        target = tmp_path / "settings" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    log = tmp_path / "jupyterlab.log"
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={root}",
           f"--LabApp.user_settings_dir={tmp_path / 'settings'}", f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
           "--LabApp.news_url=", "--LabApp.extension_manager=readonly", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=root,
                                start_new_session=True)
    try:
        wait_for_server(proc, f"http://127.0.0.1:{port}/api/status?token={token}", log)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1800})
                page.set_default_timeout(STEP_MS)
                page.route(f"**{FONT_URL}", lambda route: route.fulfill(path=str(cjk_font_path()),
                                                                       content_type="font/otf"))
                page.goto(f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK.name}?token={token}")
                n_cells = len(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])
                page.wait_for_function("n => document.querySelectorAll('.jp-Notebook .jp-Cell').length >= n", arg=n_cells)
                page.wait_for_function("() => document.body.innerText.includes('Python 3 (ipykernel) | Idle')")
                page.add_style_tag(content=FONT_CSS)
                page.screenshot(path=str(shots / "1-opened.png"))

                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
                page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
                page.wait_for_selector(".unzh-explorer table.unzh-kwic")
                page.wait_for_selector(".unzh-explorer table.unzh-counts")

                term_box = page.locator(".unzh-term input")
                term_box.fill(TERM)
                term_box.press("Enter")
                page.wait_for_function(
                    "t => [...document.querySelectorAll('.unzh-explorer table.unzh-kwic tbody tr')]"
                    ".length > 0 && document.querySelector('.unzh-explorer table.unzh-kwic tbody tr')"
                    ".innerText.includes(t)", arg=TERM)
                kwic_rows = page.locator(".unzh-explorer table.unzh-kwic tbody tr")
                assert kwic_rows.count() == occurrences
                first, last = kwic_rows.first.inner_text(), kwic_rows.last.inner_text()
                # each line starts with its unit reference (Annex: introduction ¶6 … Debate 4 ¶9)
                assert first.split("\t")[0] == first_ref and TERM in first
                assert last.split("\t")[0] == last_ref and TERM in last
                counts = page.locator(".unzh-explorer table.unzh-counts tbody tr").last.inner_text()
                assert counts.split()[:2] == ["all", str(occurrences)]
                page.locator(".unzh-explorer table.unzh-counts").scroll_into_view_if_needed()
                page.evaluate("() => document.fonts.ready.then(() => true)")
                page.screenshot(path=str(shots / "2-term.png"))
                page.locator(".unzh-explorer table.unzh-kwic").screenshot(path=str(shots / "3-kwic.png"))

                page.locator(".unzh-dictionary button", has_text="off").click()
                page.wait_for_selector(".unzh-explorer table.unzh-diff tbody tr")
                diff_rows = page.locator(".unzh-explorer table.unzh-diff tbody tr")
                assert diff_rows.count() == expected_diff
                assert "entered" in page.locator(".unzh-explorer table.unzh-diff").inner_text()
                status = page.locator(".unzh-status").inner_text()
                assert "dictionary: True → False" in status and "segmented again" in status
                page.locator(".unzh-status").scroll_into_view_if_needed()
                page.evaluate("() => document.fonts.ready.then(() => true)")
                page.screenshot(path=str(shots / "4-dictionary-off.png"))
                page.locator(".unzh-explorer .unzh-diff-box").screenshot(path=str(shots / "5-diff.png"))
            except Exception:
                page.screenshot(path=str(shots / "failed.png"))
                raise
            finally:
                browser.close()
    finally:
        stop(proc)
        keep = config.PROJECT_ROOT / "reports" / "interactive" / "screenshots"
        if config.CHECKOUT_ROOT and shots.exists():
            keep.mkdir(parents=True, exist_ok=True)
            for png in shots.glob("*.png"):
                shutil.copy2(png, keep / png.name)
    assert sorted(p.name for p in shots.glob("*.png")) == ["1-opened.png", "2-term.png", "3-kwic.png",
                                                           "4-dictionary-off.png", "5-diff.png"]
    assert sorted(p.name for p in out.glob("*.csv")) == ["05_exercise1_dictionary_off.csv",
                                                        "05_exercise2_no_stopwords.csv", "05_exercise3_sentence_units.csv"]


def test_without_chromium_the_test_skips_saying_why(monkeypatch, capsys):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM_CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.skip.Exception, match="no Chromium found .*apt-get install chromium"):
        chromium()
    assert "no Chromium found" in capsys.readouterr().err


def test_the_test_font_covers_every_wide_character_of_the_texts():
    """Every character from U+2E80 up in the seed and the layout fixtures (㈠ ㈡ in resolution_sc.txt) lies
    in the @font-face unicode-range, so that the screenshots show characters, not boxes."""
    import re
    ranges = [(int(a, 16), int(b, 16)) for a, b in re.findall(r"U\+([0-9A-F]+)-([0-9A-F]+)", FONT_CSS)]
    fixtures = Path(__file__).parent / "fixtures" / "layouts"
    from unzh.text.load import load_document
    texts = [load_document(f).text for f in [config.SEED_DOCUMENT, *sorted(fixtures.glob("*.txt"))]]
    wide = {ch for t in texts for ch in t if ord(ch) >= 0x2E80}
    assert "㈠" in wide and "㈡" in wide
    assert sorted(ch for ch in wide if not any(a <= ord(ch) <= b for a, b in ranges)) == []
