"""Every path the package uses, resolved from the package's own location.

Two ways to run, told apart by :data:`CHECKOUT_ROOT`:

* **From a checkout** (``make env`` installs it editable): ``src/unzh`` lies two levels
  below a ``pyproject.toml`` naming the project ``unzh`` beside ``data/lexicons``.  The
  lexicons are ``data/lexicons/`` (the copy users edit), the notebooks ``notebooks/``, and
  generated files go under the checkout.  None of these depends on the current working directory.
* **Installed from a wheel**: the lexicons and notebooks are the copies packed into the
  wheel under ``unzh/_data/`` (by ``setup.py``); the project root (``figures/``,
  ``data/processed/``) is taken from the current folder when ``unzh`` is first imported
  (for the command line: the folder it is started in); the caches go to the user's cache
  folder (``$XDG_CACHE_HOME/unzh``, else ``~/.cache/unzh``).  Nothing is written into the
  installed package.

``UNZH_ROOT`` overrides the project root (generated files, the cache under
``UNZH_ROOT/.cache/unzh``) in either case; ``UNZH_CACHE`` overrides the cache folder.

**Paths given by a user** (every subcommand's files and folders, ``--out``, ``--figures``,
``--processed``, ``--lexicon``, the arguments of :func:`unzh.text.read_corpus` and
:func:`unzh.report.run_report`) follow one rule, :func:`user_path`: a relative path is taken
from the current folder, as by any other command-line tool.  The one exception is
:func:`project_path`, used only for the notebooks' ``documents`` and ``output_dir``
parameters (through :func:`unzh.text.corpus.project_paths`), whose defaults (``data/raw/...``, ``figures``) name files of the project.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The lexicons and notebooks packed into a wheel (absent in a checkout: ``setup.py`` copies them at build time).
BUNDLED_DIR = PACKAGE_DIR / "_data"


def checkout_root(package_dir: Path) -> Path | None:
    """The repository root if ``package_dir`` is ``<root>/src/unzh`` of an unzh checkout, else None."""
    root = package_dir.parents[1]
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if package_dir.parent.name == "src" and project.get("name") == "unzh" and (root / "data" / "lexicons").is_dir():
        return root
    return None


def user_cache_dir() -> Path:
    """Where an installed package keeps its caches: ``$XDG_CACHE_HOME/unzh``, else ``~/.cache/unzh``."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "unzh"


#: The repository root when running from a checkout, else None.
CHECKOUT_ROOT = checkout_root(PACKAGE_DIR)
#: Relative paths are taken from here, and generated files go here by default.
PROJECT_ROOT = Path(os.environ.get("UNZH_ROOT") or CHECKOUT_ROOT or Path.cwd()).expanduser().resolve()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"            # immutable: no code writes here
PROCESSED_DIR = DATA_DIR / "processed"  # generated, ignored by git
FIGURES_DIR = PROJECT_ROOT / "figures"
# the shipped inputs: the checkout's own files, else the wheel's copy
LEXICON_DIR = CHECKOUT_ROOT / "data" / "lexicons" if CHECKOUT_ROOT else BUNDLED_DIR / "lexicons"
NOTEBOOKS_DIR = CHECKOUT_ROOT / "notebooks" if CHECKOUT_ROOT else BUNDLED_DIR / "notebooks"
#: jieba's dictionary cache and the token cache
CACHE_DIR = Path(os.environ.get("UNZH_CACHE") or (
    PROJECT_ROOT / ".cache" / "unzh" if (CHECKOUT_ROOT or os.environ.get("UNZH_ROOT")) else user_cache_dir())
).expanduser().resolve()

SEED_DOCUMENT = RAW_DIR / "000_c6292b922524f64f.txt"
SEED_METADATA = RAW_DIR / "000_c6292b922524f64f.meta.json"
#: SHA-256 of the seed's raw bytes: what makes a corpus "the seed" (hand-written seed commentary
#: is shown for it alone, see unzh.report.narrative)
SEED_SHA256 = "2642bc531c866fb162c5a362e2ac7cd5f246c186eaa35f9d1d26656d571a58af"

USER_DICT = LEXICON_DIR / "un_terms.dict.txt"
#: the general UN terminology (organs, agencies, document vocabulary), stacked after USER_DICT
UN_GENERAL_DICT = LEXICON_DIR / "un_general.dict.txt"
#: The user dictionaries the segmenter loads, in order (a later file's entry replaces an earlier one's)
USER_DICTS = (USER_DICT, UN_GENERAL_DICT)
STOPWORDS = LEXICON_DIR / "stopwords_zh.txt"
#: the stopwords-iso Chinese list (MIT), read with STOPWORDS
STOPWORDS_ISO = LEXICON_DIR / "stopwords_iso_zh.txt"
#: the stopword files the segmenter reads (their union)
STOPWORD_FILES = (STOPWORDS_ISO, STOPWORDS)
THEMES = LEXICON_DIR / "themes.tsv"
STAKEHOLDERS = LEXICON_DIR / "stakeholders.tsv"
GLOSSARY = LEXICON_DIR / "glossary.tsv"
REPORTING_VERBS = LEXICON_DIR / "reporting_verbs.tsv"
#: what, just before a reporting verb, makes it no report of a view (之建议, 不得认为, 被认为, 过分强调)
REPORTING_VERBS_NOT = LEXICON_DIR / "reporting_verbs_not.txt"
ACTORS_GENERAL = LEXICON_DIR / "actors_general.tsv"

#: The shipped theme lexicons by name (``--themes NAME``; the seed's migration themes are ``migration``)
THEME_LEXICONS = {
    "migration": THEMES,
    "human_rights": LEXICON_DIR / "themes_human_rights.tsv",
    "peace_security": LEXICON_DIR / "themes_peace_security.tsv",
    "sustainable_development": LEXICON_DIR / "themes_sustainable_development.tsv",
}
#: The shipped actor lexicons by name (``--actors NAME``)
ACTOR_LEXICONS = {"migration": STAKEHOLDERS, "general": ACTORS_GENERAL}


def user_path(path: str | Path) -> Path:
    """A path given by a user, made absolute: ``~`` expanded, a relative path taken from the current folder.

    Symbolic links are not resolved (the path names what the user named); ``..`` is collapsed.
    """
    return Path(os.path.abspath(Path(path).expanduser()))


def project_path(path: str | Path) -> Path:
    """A notebook parameter's path: ``~`` expanded, a relative path taken from :data:`PROJECT_ROOT`.

    Only the notebooks use this, so that their defaults (``data/raw/<seed>``, ``figures``) work
    whatever folder the kernel starts in; everything else uses :func:`user_path`.
    """
    p = Path(path).expanduser()
    return p if p.is_absolute() else PROJECT_ROOT / p


def display_path(path: str | Path) -> str:
    """A file as a record names it, the same on every machine: a shipped file relative to the project
    (``data/lexicons/glossary.tsv``) or the package (``unzh/_data/lexicons/...``), any other by its
    name alone — never an absolute path of the user's machine."""
    resolved = Path(path).resolve()
    if BUNDLED_DIR in resolved.parents:
        return resolved.relative_to(PACKAGE_DIR.parent).as_posix()
    if CHECKOUT_ROOT and CHECKOUT_ROOT in resolved.parents:
        return resolved.relative_to(CHECKOUT_ROOT).as_posix()
    return resolved.name


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (a folder) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
