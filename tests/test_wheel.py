"""Installed from a built wheel (not the checkout), the package finds its lexicons and notebooks and writes
nothing into the checkout or the installed package.  Slow-ish (~20 s): select with ``-m wheel``, skip with
``-m "not wheel"``.

No network: the wheel is built with the project venv's setuptools (``--no-build-isolation --no-index``)
from a copy of the sources (a build in place would write build/ and *.egg-info into the checkout); it is
installed ``--no-deps`` into a fresh venv without pip, and the project venv's site-packages is made
visible to that venv by a ``.pth`` file.  A ``.pth`` line only adds a folder to ``sys.path`` (the
``.pth`` files inside it, among them the editable install's finder, are not run), and it comes after
the fresh venv's own site-packages, so ``import unzh`` is the wheel's.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from unzh import config

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[1]
#: what a build needs, as in the sdist (MANIFEST.in): metadata, the build hook, the package, the packed data
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "src", "data/lexicons", "notebooks")
LEXICONS = sorted(p.name for p in (ROOT / "data" / "lexicons").iterdir())
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
BIN = "Scripts" if os.name == "nt" else "bin"


def snapshot(folder: Path, skip=(".venv", ".git", ".pytest_cache", "__pycache__")) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` (but the folders named in ``skip``): relative path -> (size, mtime)."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            files[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return files


def run(argv, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv, its site-packages, the wheel): the wheel built from a copy of the sources and installed alone."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src-copy"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", tmp / "dist", src], cwd=tmp, env=env)
    [wheel] = (tmp / "dist").glob("unzh-*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp, env=env)
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp, env).stdout.strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}  # the project venv's dependencies
    (site / "_unzh_test_deps.pth").write_text("".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], tmp, env)
    return venv, site, wheel


def test_the_wheel_carries_the_lexicons_notebooks_and_py_typed(installed):
    _, _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"unzh/_data/lexicons/{n}" for n in LEXICONS} <= names
    assert {f"unzh/_data/notebooks/{n}" for n in NOTEBOOKS} <= names
    assert "unzh/py.typed" in names
    # 14 since issue 16 and 17: the general dictionary, actors and three theme lexicons, the stopwords-iso
    # list, the non-reporting prefixes, the lexicons' README and the English glossary beside the seed's five
    assert len(LEXICONS) == 14 and len(NOTEBOOKS) == 5  # 05: the explorer
    assert {"un_general.dict.txt", "actors_general.tsv", "themes_peace_security.tsv", "stopwords_iso_zh.txt",
            "glossary.tsv"} <= set(LEXICONS)
    assert not any(n.startswith(("data/", "notebooks/", "unzh/_data/raw")) for n in names)  # no stray copies


def test_installed_paths_point_into_the_package_and_the_user_folders(installed, tmp_path):
    venv, site, _ = installed
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("UNZH_ROOT", "UNZH_CACHE", "XDG_CACHE_HOME")}
    env["HOME"] = str(home)
    code = ("from unzh import config, report\n"
            "for name in ('CHECKOUT_ROOT', 'PROJECT_ROOT', 'LEXICON_DIR', 'NOTEBOOKS_DIR', 'CACHE_DIR', 'FIGURES_DIR',"
            " 'PROCESSED_DIR', 'USER_DICT'):\n"
            "    print(getattr(config, name))\n"
            "print(len(report.available_notebooks()))\n")
    out = run([venv / BIN / "python", "-c", code], work, env).stdout.splitlines()
    package = (site / "unzh").resolve()
    assert out == ["None", str(work.resolve()), str(package / "_data" / "lexicons"), str(package / "_data" / "notebooks"),
                   str((home / ".cache" / "unzh").resolve()), str(work.resolve() / "figures"),
                   str(work.resolve() / "data" / "processed"), str(package / "_data" / "lexicons" / "un_terms.dict.txt"),
                   "4"]


def test_unzh_freq_from_the_wheel_equals_the_checkout(installed, tmp_path):
    venv, site, _ = installed
    clean = {k: v for k, v in os.environ.items() if k not in ("UNZH_ROOT", "UNZH_CACHE", "XDG_CACHE_HOME")}
    # the reference: the checkout's own command (its cache kept out of the checkout too)
    checkout_unzh = Path(sys.executable).parent / "unzh"
    expected = run([checkout_unzh, "freq", config.SEED_DOCUMENT], tmp_path,
                   {**clean, "UNZH_CACHE": str(tmp_path / "ref-cache")}).stdout
    assert expected.splitlines()[0] == "term,count,rate_per_1000,doc_freq,rank" and len(expected.splitlines()) > 100

    work, home, xdg = tmp_path / "work", tmp_path / "home", tmp_path / "xdg"
    work.mkdir()
    for p in (config.SEED_DOCUMENT, config.SEED_METADATA):
        shutil.copy2(p, work / p.name)
    before_checkout, before_site = snapshot(ROOT), snapshot(site)
    before_deps = snapshot(Path(sysconfig.get_path("purelib")))
    env = {**clean, "HOME": str(home), "XDG_CACHE_HOME": str(xdg), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    unzh = venv / BIN / "unzh"
    first = run([unzh, "freq", config.SEED_DOCUMENT.name], work, env)       # relative: from the current folder
    second = run([unzh, "freq", config.SEED_DOCUMENT.name], work, env)      # read back from the token cache
    del env["XDG_CACHE_HOME"]
    third = run([unzh, "freq", config.SEED_DOCUMENT.name], work, env)       # no XDG_CACHE_HOME: ~/.cache/unzh

    assert first.stdout == second.stdout == third.stdout == expected
    assert first.stderr == second.stderr == third.stderr == ""
    for cache in (xdg / "unzh", home / ".cache" / "unzh"):
        assert len(list(cache.glob("jieba.*.cache"))) == 1 and len(list((cache / "tokens").iterdir())) == 1
    assert sorted(p.name for p in work.iterdir()) == sorted([config.SEED_DOCUMENT.name, config.SEED_METADATA.name])
    assert snapshot(ROOT) == before_checkout
    assert snapshot(site) == before_site
    assert snapshot(Path(sysconfig.get_path("purelib"))) == before_deps
