"""Paths come from the package, never from the working directory; no machine paths in the code."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from unzh import config

ROOT = Path(__file__).resolve().parents[1]


def test_paths_resolve_from_the_package():
    assert config.PROJECT_ROOT == ROOT
    assert config.SEED_DOCUMENT.is_file()
    for p in (config.RAW_DIR, config.LEXICON_DIR, config.FIGURES_DIR, config.NOTEBOOKS_DIR, config.CACHE_DIR):
        assert p.is_absolute() and ROOT in p.parents


def test_same_paths_from_another_working_directory(tmp_path):
    code = "from unzh import config; print(config.SEED_DOCUMENT)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout.strip() == str(config.SEED_DOCUMENT)


def test_no_relative_or_machine_paths_in_the_code():
    # a string literal that starts with a parent-relative path, a top-level folder of a Unix machine
    # (work, home, root, tmp) or a Windows drive; the folder names are joined here so that this test's
    # own source holds no machine path
    roots = "|".join(f"/{name}/" for name in ("work", "home", "root", "tmp"))
    bad = re.compile(r"""["'](\.\./|""" + roots + r"""|[A-Z]:\\\\)""")
    offenders = [f"{p.name}:{i}" for p in (ROOT / "src" / "unzh").glob("*.py")
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if bad.search(line)]
    assert offenders == []


def test_raw_data_is_gitignored_nowhere_and_processed_is_ignored():
    ignore = (ROOT / ".gitignore").read_text()
    assert "data/processed/" in ignore and ".cache/" in ignore
    assert "data/raw" not in ignore


def test_a_checkout_is_told_apart_from_an_installed_package(tmp_path):
    def tree(name: str, lexicons: bool = True, under: str = "src") -> Path:
        root = tmp_path / f"{name}-{lexicons}-{under}"
        (root / under / "unzh").mkdir(parents=True)
        (root / "pyproject.toml").write_text(f'[project]\nname = "{name}"\n', encoding="utf-8")
        if lexicons:
            (root / "data" / "lexicons").mkdir(parents=True)
        return root

    assert config.checkout_root(tree("unzh") / "src" / "unzh") == tmp_path / "unzh-True-src"
    assert config.checkout_root(tree("other") / "src" / "unzh") is None             # another project
    assert config.checkout_root(tree("unzh", lexicons=False) / "src" / "unzh") is None
    assert config.checkout_root(tree("unzh", under="site-packages") / "site-packages" / "unzh") is None
    assert config.checkout_root(tmp_path / "lib" / "python3" / "unzh") is None     # no pyproject.toml at all
    assert config.CHECKOUT_ROOT == ROOT and config.LEXICON_DIR == ROOT / "data" / "lexicons"
    assert config.NOTEBOOKS_DIR == ROOT / "notebooks" and not config.BUNDLED_DIR.exists()
