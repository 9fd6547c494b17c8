"""Read and check the hand-made lexicons in ``data/lexicons/``.

Each lexicon is a UTF-8, tab-separated file that a teacher can open in a
spreadsheet or text editor:

* lines starting with ``#`` are comments (the header says where the entries
  come from and what was left out); blank lines are ignored;
* the first other line names the columns;
* every following line is one entry; several terms in one cell are
  separated by ``|``.

============================  ================================================
file                          columns
============================  ================================================
``themes.tsv``                ``theme_id  label_zh  label_en  terms``
``stakeholders.tsv``          ``actor_id  label_zh  label_en  group  aliases``
``reporting_verbs.tsv``       ``verb  strength  weight  label_en``
============================  ================================================

Every problem (missing file, not UTF-8, missing column, wrong number of
fields, empty cell, duplicate id, a term listed under two entries, unknown
group or strength, non-numeric weight) raises
:class:`unzh.errors.LexiconError` with a one-line message naming the file,
the line and the entry, e.g.
``data/lexicons/themes.tsv: line 12 (entry 'remittances'): term '汇款' is already listed under 'development' (line 9)``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from unzh import config
from unzh.errors import LexiconError, UnknownTermError
from unzh.io_utils import sha256_file

if TYPE_CHECKING:  # (pandas is imported where a table is built: the segmenter's processes read
    import pandas as pd  # user dictionaries through this module and need no pandas)

__all__ = [
    "STAKEHOLDER_COLUMNS",
    "STAKEHOLDER_GROUPS",
    "TERM_SEPARATOR",
    "THEME_COLUMNS",
    "VERB_COLUMNS",
    "OPENING_MARK",
    "OPENING_PREFIX_RE",
    "VERB_STRENGTHS",
    "known_terms",
    "lexicon_files",
    "lexicon_path",
    "load_lexicons",
    "labels",
    "lexicon_terms",
    "load_reporting_verbs",
    "load_stakeholders",
    "load_themes",
    "read_stopwords",
    "read_tsv_lexicon",
    "read_user_dict",
    "term_index",
]

TERM_SEPARATOR = "|"
THEME_COLUMNS = ("theme_id", "label_zh", "label_en", "terms")
STAKEHOLDER_COLUMNS = ("actor_id", "label_zh", "label_en", "group", "aliases")
VERB_COLUMNS = ("verb", "strength", "weight", "label_en")
#: marks an opening verb in the verb file (``^决定``): counted only where it opens a sentence
OPENING_MARK = "^"
#: what may stand before an opening verb in its sentence: the paragraph's number or item letter
#: (1. / 1.1 / (a) / （一） / ㈠ / ⑴), a subject 我们 (a declaration's "we") and one of 又, 还, 并, 也,
#: 再次, 进一步, 同时 (又决定, 还请, 再次要求)
OPENING_PREFIX_RE = re.compile(
    r"\s*(?:(?:\d+(?:[.．]\d+)*[.．]?|[（(][^（()）]{1,6}[）)]|[\u2460-\u2487\u3220-\u3229])\s*)*"
    r"(?:我们)?(?:又|还|并|也|再次|进一步|同时)?\s*")
#: Allowed values of the stakeholders' ``group`` column, in display order.
STAKEHOLDER_GROUPS = ("states", "international bodies", "civil society and business", "people")
#: Allowed values of the reporting verbs' ``strength`` column, strongest first.
VERB_STRENGTHS = ("strong", "medium", "weak")

_ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_USERDICT_LINE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+([a-z]+))?$")


# --------------------------------------------------------------------------
# word lists: the user dictionary and stopwords
# --------------------------------------------------------------------------
def _read_word_list(path: Path) -> str:
    """The text of a dictionary or word-list file; LexiconError if missing or not UTF-8."""
    if not path.exists():
        raise LexiconError(path, "no such file")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LexiconError(path, "not UTF-8 text") from None


def read_user_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a user dictionary: ``WORD [FREQ] [TAG]`` lines, ``#`` comments; LexiconError on a bad line."""
    path = Path(path)
    text = _read_word_list(path)
    entries, seen = [], {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _USERDICT_LINE.match(line)
        if not m:
            raise LexiconError(path, f"line {n} (entry {line!r}): expected 'WORD [FREQ] [TAG]'")
        word, freq, tag = m.groups()
        if word in seen:
            raise LexiconError(path, f"line {n} (entry {word!r}): duplicate of line {seen[word]}")
        seen[word] = n
        entries.append((word, int(freq) if freq else None, tag))
    if not entries:
        raise LexiconError(path, "no entries")
    return entries


def read_stopwords(path: Path) -> frozenset[str]:
    """One word per line, ``#`` comments; LexiconError if missing or not UTF-8."""
    path = Path(path)
    text = _read_word_list(path)
    words = set()
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(line.split()) != 1:
            raise LexiconError(path, f"line {n} (entry {line!r}): one word per line expected")
        words.add(line)
    return frozenset(words)



# --------------------------------------------------------------------------
# generic reader
# --------------------------------------------------------------------------
def read_tsv_lexicon(path: str | Path, required_columns: Sequence[str]) -> pd.DataFrame:
    """Read a ``#``-commented TSV lexicon into a DataFrame of stripped strings.

    Checks the file exists and is UTF-8, that the column header holds every
    name in ``required_columns``, that each entry has exactly as many fields
    as the header and no empty cell.  Extra columns are kept.  The source
    path is stored in ``df.attrs["source"]`` and each entry's line number in
    ``df.attrs["lines"]`` (a list parallel to the rows), so later checks can
    point at the offending line.
    """
    import pandas as pd
    path = Path(path)
    if not path.is_file():
        raise LexiconError(path, "lexicon file not found" if not path.exists() else "not a file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise LexiconError(path, f"line {line}: not valid UTF-8 text (save the file as UTF-8)") from None

    header: list[str] | None = None
    header_line = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if header is None:
            header, header_line = fields, number
            missing = [c for c in required_columns if c not in header]
            if missing:
                raise LexiconError(
                    path,
                    f"line {number}: column header lacks {', '.join(missing)} "
                    f"(found {', '.join(repr(h) for h in header)}; columns must be separated by tabs)",
                )
            dupes = sorted({h for h in header if header.count(h) > 1})
            if dupes or "" in header:
                raise LexiconError(path, f"line {number}: column header has empty or repeated names {dupes}")
            continue
        entry = fields[0] or "?"
        if len(fields) != len(header):
            raise LexiconError(
                path,
                f"line {number} (entry '{entry}'): expected {len(header)} tab-separated fields "
                f"({', '.join(header)}), found {len(fields)}",
            )
        for column, value in zip(header, fields):
            if not value:
                raise LexiconError(path, f"line {number} (entry '{entry}'): empty {column}")
        rows.append(fields)
        lines.append(number)

    if header is None:
        raise LexiconError(path, "no column header (the file is empty or only comments)")
    if not rows:
        raise LexiconError(path, f"line {header_line}: no entries after the column header")
    df = pd.DataFrame(rows, columns=header, dtype=object)
    df.attrs["source"] = str(path)
    df.attrs["lines"] = lines
    return df


def _fail(df: pd.DataFrame, row: int, entry: str, problem: str) -> LexiconError:
    return LexiconError(df.attrs.get("source"), f"line {df.attrs['lines'][row]} (entry '{entry}'): {problem}")


def _check_ids(df: pd.DataFrame, id_col: str) -> None:
    seen: dict[str, int] = {}
    for row, value in enumerate(df[id_col]):
        if not _ID_RE.match(value):
            raise _fail(df, row, value, f"{id_col} must be lower-case ASCII letters, digits and _, starting with a letter")
        if value in seen:
            raise _fail(df, row, value, f"duplicate {id_col} (first on line {df.attrs['lines'][seen[value]]})")
        seen[value] = row


def _split_terms(df: pd.DataFrame, id_col: str, terms_col: str) -> None:
    """Replace the ``terms_col`` strings by tuples; reject empty, repeated and ambiguous terms."""
    import pandas as pd
    owner: dict[str, tuple[str, int]] = {}
    tuples = []
    for row, (entry, cell) in enumerate(zip(df[id_col], df[terms_col])):
        terms = tuple(t.strip() for t in cell.split(TERM_SEPARATOR))
        if any(not t for t in terms):
            raise _fail(df, row, entry, f"empty term in {terms_col} (two '|' in a row, or '|' at an end)")
        for term in terms:
            if any(ch.isspace() for ch in term):
                raise _fail(df, row, entry, f"term {term!r} contains whitespace")
            if term in owner:
                other, other_row = owner[term]
                where = "twice in this entry" if other == entry else f"already listed under '{other}'"
                raise _fail(df, row, entry, f"term '{term}' is {where} (line {df.attrs['lines'][other_row]}); a term must belong to one entry")
            owner[term] = (entry, row)
        tuples.append(terms)
    df[terms_col] = pd.Series(tuples, index=df.index, dtype=object)


def _finish(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    extra = [c for c in df.columns if c not in columns]
    out = df[list(columns) + extra].reset_index(drop=True)
    out.attrs = dict(df.attrs)
    return out


# --------------------------------------------------------------------------
# the three lexicons
# --------------------------------------------------------------------------
def load_themes(path: str | Path | None = None) -> pd.DataFrame:
    """Themes: one row per theme; columns ``theme_id, label_zh, label_en, terms`` (a tuple).

    Default file: :data:`unzh.config.THEMES`.
    """
    path = config.THEMES if path is None else path
    df = read_tsv_lexicon(path, THEME_COLUMNS)
    _check_ids(df, "theme_id")
    _split_terms(df, "theme_id", "terms")
    return _finish(df, THEME_COLUMNS)


def load_stakeholders(path: str | Path | None = None) -> pd.DataFrame:
    """Actors: one row per actor; columns ``actor_id, label_zh, label_en, group, aliases`` (a tuple).

    ``group`` is one of :data:`STAKEHOLDER_GROUPS`.  Default file:
    :data:`unzh.config.STAKEHOLDERS`.
    """
    path = config.STAKEHOLDERS if path is None else path
    df = read_tsv_lexicon(path, STAKEHOLDER_COLUMNS)
    _check_ids(df, "actor_id")
    for row, (entry, group) in enumerate(zip(df["actor_id"], df["group"])):
        if group not in STAKEHOLDER_GROUPS:
            raise _fail(df, row, entry, f"unknown group '{group}' (allowed: {', '.join(STAKEHOLDER_GROUPS)})")
    _split_terms(df, "actor_id", "aliases")
    return _finish(df, STAKEHOLDER_COLUMNS)


def load_reporting_verbs(path: str | Path | None = None) -> pd.DataFrame:
    """Reporting verbs: one row per verb; columns ``verb, strength, weight, label_en``, then ``opening``.

    ``strength`` is one of :data:`VERB_STRENGTHS`; ``weight`` is a number
    (int when whole).  A verb written ``^决定`` in the file is an **opening verb** (``opening`` True,
    ``verb`` 决定): it counts only where it opens a sentence (:data:`OPENING_PREFIX_RE`), as a
    resolution's operative paragraphs open with theirs.  Default file: :data:`unzh.config.REPORTING_VERBS`.
    """
    import pandas as pd
    path = config.REPORTING_VERBS if path is None else path
    df = read_tsv_lexicon(path, VERB_COLUMNS)
    seen: dict[str, int] = {}
    weights: list[float | int] = []
    opening = [v.startswith(OPENING_MARK) for v in df["verb"]]
    df["verb"] = [v[len(OPENING_MARK):] if o else v for v, o in zip(df["verb"], opening)]
    for row, (verb, strength, weight) in enumerate(zip(df["verb"], df["strength"], df["weight"])):
        if not verb:
            raise _fail(df, row, OPENING_MARK, f"'{OPENING_MARK}' marks an opening verb: a verb must follow it")
        if any(ch.isspace() or ch == TERM_SEPARATOR or ch == OPENING_MARK for ch in verb):
            raise _fail(df, row, verb, f"a verb cell holds one verb (no spaces or '|'; '{OPENING_MARK}' only first)")
        if verb in seen:
            raise _fail(df, row, verb, f"duplicate verb (first on line {df.attrs['lines'][seen[verb]]})")
        seen[verb] = row
        if strength not in VERB_STRENGTHS:
            raise _fail(df, row, verb, f"unknown strength '{strength}' (allowed: {', '.join(VERB_STRENGTHS)})")
        try:
            value = float(weight)
        except ValueError:
            raise _fail(df, row, verb, f"weight '{weight}' is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise _fail(df, row, verb, f"weight '{weight}' must be a finite number >= 0")
        weights.append(int(value) if value.is_integer() else value)
    df["weight"] = pd.Series(weights, index=df.index)
    df["opening"] = pd.Series(opening, index=df.index, dtype=bool)
    return _finish(df, VERB_COLUMNS)


# --------------------------------------------------------------------------
# helpers for the analyses
# --------------------------------------------------------------------------
def term_index(df: pd.DataFrame, id_col: str, terms_col: str) -> dict[str, str]:
    """Map every term to the id of its entry: ``{"移徙工人": "migrant_workers", …}``.

    ``terms_col`` may hold tuples (themes, stakeholders) or single strings
    (``term_index(verbs, "verb", "verb")``).  A term under two ids raises
    :class:`LexiconError` (the loaders already prevent it).  Feed the result to
    :func:`unzh.lexicon.matcher.count_terms` / :func:`unzh.lexicon.matcher.find_terms`.
    """
    index: dict[str, str] = {}
    for entry, cell in zip(df[id_col], df[terms_col]):
        terms: Iterable[str] = (cell,) if isinstance(cell, str) else cell
        for term in terms:
            if index.get(term, entry) != entry:
                raise LexiconError(
                    df.attrs.get("source", "lexicon"),
                    f"entry '{entry}': term '{term}' is also listed under '{index[term]}'",
                )
            index[term] = str(entry)
    return index


def lexicon_path(value: str | Path, registry: dict[str, Path], what: str) -> Path:
    """A shipped lexicon's file by its name in ``registry`` (:data:`unzh.config.THEME_LEXICONS` ...), else a
    user's path (:func:`unzh.config.user_path`); LexiconError if it is neither a name nor an existing file."""
    if isinstance(value, str) and value in registry:
        return registry[value]
    path = config.user_path(value)
    if not path.exists():
        raise LexiconError(value, f"no such file, nor a shipped {what} lexicon (shipped: {', '.join(registry)})")
    return path


_KINDS = {  # kind -> (loader, id column, terms column, registry name)
    "themes": ("load_themes", "theme_id", "terms", "THEME_LEXICONS"),
    "actors": ("load_stakeholders", "actor_id", "aliases", "ACTOR_LEXICONS"),
    "verbs": ("load_reporting_verbs", "verb", "verb", None),
}


def load_lexicons(kind: str, values: Sequence[str | Path] | None = None) -> pd.DataFrame:
    """Several lexicon files of one kind (``"themes"``, ``"actors"``, ``"verbs"``) stacked into one table.

    ``values``: shipped names (:data:`unzh.config.THEME_LEXICONS`, :data:`unzh.config.ACTOR_LEXICONS`)
    or paths, in order; empty or None gives the default file.  A later file's entry with the id of an
    earlier one **replaces** it (its terms, labels, strength ...); other entries are **added** after
    the earlier ones.  A term of a later file that an earlier, kept entry already has is a
    :class:`LexiconError` naming the later file and line.  ``attrs["sources"]`` lists every file.
    """
    import pandas as pd
    loader_name, id_col, terms_col, registry_name = _KINDS[kind]
    loader = globals()[loader_name]
    registry = getattr(config, registry_name) if registry_name else {}
    paths = [lexicon_path(v, registry, kind) if registry else config.user_path(v) for v in values or ()]
    if not paths:
        df = loader(None)
        df.attrs["sources"] = [df.attrs["source"]]
        return df
    tables = [loader(p) for p in paths]
    if len(tables) == 1:
        tables[0].attrs["sources"] = [tables[0].attrs["source"]]
        return tables[0]
    merged = tables[0]
    for later in tables[1:]:
        kept = merged[~merged[id_col].isin(set(later[id_col]))]
        owner = {t: e for e, cell in zip(kept[id_col], kept[terms_col])
                 for t in ((cell,) if isinstance(cell, str) else cell)}
        for row, (entry, cell) in enumerate(zip(later[id_col], later[terms_col])):
            for term in (cell,) if isinstance(cell, str) else cell:
                if term in owner:
                    raise _fail(later, row, entry, f"term '{term}' is already listed under '{owner[term]}' "
                                                   f"in an earlier lexicon file; a term must belong to one entry")
        sources = merged.attrs.get("sources", [merged.attrs["source"]]) + [later.attrs["source"]]
        merged = pd.concat([kept, later], ignore_index=True)
        merged.attrs = {"source": "+".join(sources), "sources": sources}
    return merged


def lexicon_files(df: pd.DataFrame) -> list[dict[str, str | None]]:
    """The files a loaded lexicon came from, each with its SHA-256 (None if gone): for a provenance record."""
    sources = df.attrs.get("sources") or ([df.attrs["source"]] if df.attrs.get("source") else [])
    return [{"file": str(s), "sha256": sha256_file(s) if Path(s).is_file() else None} for s in sources]


def lexicon_terms(df: pd.DataFrame) -> list[str]:
    """Every term of a loaded lexicon: the themes' ``terms``, the actors' ``aliases``, the ``verb`` of verbs."""
    column = next(c for c in ("terms", "aliases", "verb") if c in df.columns)
    out: list[str] = []
    for cell in df[column]:
        out.extend((cell,) if isinstance(cell, str) else cell)
    return out


def known_terms(dicts: Sequence[str | Path] | None = None, *lexicons: pd.DataFrame) -> tuple[str, ...]:
    """The known terms that block shorter matches inside them (:class:`unzh.lexicon.matcher.TermMatcher`).

    The words of the user dictionaries ``dicts`` (default :data:`unzh.config.USER_DICTS`) and the
    terms of the other ``lexicons`` (loaded tables), in that order, each once.
    """
    dicts = config.USER_DICTS if dicts is None else dicts
    words = [w for path in dicts for w, _, _ in read_user_dict(Path(path))]
    for df in lexicons:
        words.extend(lexicon_terms(df))
    return tuple(dict.fromkeys(words))


def labels(df: pd.DataFrame, lang: str = "both", id_col: str | None = None) -> dict[str, str]:
    """Display labels by id: ``lang`` = ``"zh"`` (中文), ``"en"`` (English) or ``"both"`` ("中文 (English)").

    ``id_col`` defaults to the first column (``theme_id``, ``actor_id``,
    ``verb``).  A lexicon without ``label_zh`` (the reporting verbs) uses the
    id itself as its Chinese label.
    """
    if lang not in ("zh", "en", "both"):
        raise UnknownTermError(None, f"unknown label language {lang!r} (use 'zh', 'en' or 'both')")
    id_col = id_col or df.columns[0]
    ids = [str(i) for i in df[id_col]]
    zh = [str(v) for v in df["label_zh"]] if "label_zh" in df.columns else ids
    en = [str(v) for v in df["label_en"]]
    if lang == "zh":
        shown = zh
    elif lang == "en":
        shown = en
    else:
        shown = [f"{z} ({e})" for z, e in zip(zh, en)]
    return dict(zip(ids, shown))


# ------------------------------------------------------- ids and labels of a coded table
def coded_ids(coded: pd.DataFrame, key: str, what: str, coder: str) -> list[str]:
    """The ids a coded table carries in ``attrs[key]`` (every entry of its lexicon, in lexicon order)."""
    ids = coded.attrs.get(key)
    if ids is None:
        raise ValueError(f"this table has lost its {what} list (attrs[{key!r}]); code it with {coder}()")
    return list(ids)


def coded_labels(coded: pd.DataFrame, ids: list[str], lang: str = "both") -> dict[str, str]:
    """Display labels by id from a coded table's ``labels_zh`` / ``labels_en`` attrs (see :func:`labels`)."""
    import pandas as pd
    zh, en = coded.attrs["labels_zh"], coded.attrs["labels_en"]
    return labels(pd.DataFrame({"id": ids, "label_zh": [zh[i] for i in ids],
                                "label_en": [en[i] for i in ids]}), lang)


def check_ids(known: list[str], wanted, source, what: str) -> list[str]:
    """Return ``wanted`` as a list; raise :class:`UnknownTermError` (naming ``source``) at the first unknown id."""
    wanted = list(wanted)
    for w in wanted:
        if w not in known:
            raise UnknownTermError(source, f"unknown {what} id {w!r} (known: {', '.join(known)})")
    return wanted


# ------------------------------------------------------- the English glossary
GLOSSARY_COLUMNS = ("term", "en", "source")


def load_glossary(paths: str | Path | Sequence[str | Path] | None = None) -> pd.DataFrame:
    """The English glossary: one row per term; columns ``term, en, source`` (and ``file``, the file it came from).

    ``paths`` is one file or a list of files read in order (default:
    :data:`unzh.config.GLOSSARY`); a term in a later file overrides the same
    term of an earlier one, so a user stacks their own file on the shipped one:
    ``load_glossary([config.GLOSSARY, "my_glossary.tsv"])``.  Each file has the
    column header ``term  en  source`` (tab-separated, ``#`` comments).  A
    malformed line, a term with whitespace or a term twice in one file raises
    :class:`LexiconError` naming the file and the line.  Rows come in order of
    first appearance; ``attrs["sources"]`` lists the files read.
    """
    import pandas as pd
    if paths is None:
        paths = [config.GLOSSARY]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise LexiconError("glossary", "no glossary file given")
    merged: dict[str, tuple[str, str, str]] = {}
    for path in paths:
        df = read_tsv_lexicon(path, GLOSSARY_COLUMNS)
        seen: dict[str, int] = {}
        for row, (term, en, source) in enumerate(zip(df["term"], df["en"], df["source"])):
            if any(ch.isspace() for ch in term):
                raise _fail(df, row, term, "a term holds no whitespace")
            if term in seen:
                raise _fail(df, row, term, f"duplicate term (first on line {df.attrs['lines'][seen[term]]})")
            seen[term] = row
            merged[term] = (en, source, str(path))
    out = pd.DataFrame([(t, *v) for t, v in merged.items()], columns=[*GLOSSARY_COLUMNS, "file"], dtype=object)
    out.attrs["sources"] = [str(p) for p in paths]
    return out


def glossary_dict(glossary: pd.DataFrame | None = None) -> dict[str, str]:
    """``{term: English}`` of a :func:`load_glossary` table (default: the shipped glossary)."""
    glossary = load_glossary() if glossary is None else glossary
    return dict(zip(glossary["term"].astype(str), glossary["en"].astype(str)))


__all__ += ["GLOSSARY_COLUMNS", "glossary_dict", "load_glossary"]
