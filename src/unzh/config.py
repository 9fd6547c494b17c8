"""Every path the package uses, resolved from the package's own location.

Nothing here depends on the current working directory: notebooks, the command
line and the tests all see the same folders wherever they are started from.
The project root can be overridden with the environment variable ``UNZH_ROOT``
(used by ``unzh report --out`` to keep generated files elsewhere).
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The repository root (``src/unzh/config.py`` -> parents[2]).
PROJECT_ROOT = Path(os.environ.get("UNZH_ROOT", PACKAGE_DIR.parents[1])).resolve()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"            # immutable: no code writes here
PROCESSED_DIR = DATA_DIR / "processed"  # generated, ignored by git
LEXICON_DIR = DATA_DIR / "lexicons"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
CACHE_DIR = PROJECT_ROOT / ".cache" / "unzh"  # jieba's dictionary cache, token cache

SEED_DOCUMENT = RAW_DIR / "000_c6292b922524f64f.txt"
SEED_METADATA = RAW_DIR / "000_c6292b922524f64f.meta.json"

USER_DICT = LEXICON_DIR / "un_terms.dict.txt"
STOPWORDS = LEXICON_DIR / "stopwords_zh.txt"
THEMES = LEXICON_DIR / "themes.tsv"
STAKEHOLDERS = LEXICON_DIR / "stakeholders.tsv"
REPORTING_VERBS = LEXICON_DIR / "reporting_verbs.tsv"


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (a folder) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
