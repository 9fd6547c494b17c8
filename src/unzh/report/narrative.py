"""What the notebooks say in words: the seed's hand-written commentary, shown for the seed alone,
and computed sentences that span stages (what cleaning changed: :func:`describe_cleaning`).

Every sentence of a notebook that states a number is printed by a ``describe_*`` function of the
stage that made the table (tested against those tables).  The only hand-written readings left are
the seed's: interpretation of what a chart of the seed shows (what a debate is about, the genre of
a meeting report), which says so — it starts "In the seed document" — and states no number (a
debate's or paragraph's label such as "debate 2" or "¶5" is not a number).  :func:`seed_note`
shows it when the corpus is the seed (:attr:`unzh.text.corpus.Corpus.is_seed`) and nothing
otherwise, so a report on any other document never repeats it.

May import: unzh.text (and pandas and IPython, lazily).
"""
from __future__ import annotations

import re

#: labels that are not numbers: debate 2, debates 1 and 4, section 6 (of the notebook), ¶5
_LABELS = re.compile(r"([Dd]ebate|[Ss]ection)s?\s+\d+((\s*(,|and|to|-|–)\s*\d+)+)?|¶\d+(\.\d+)?")


def check_seed_note(text: str) -> str:
    """``text`` if it may be shown as a seed note, else :class:`ValueError`: it must start with
    "In the seed document" (after an optional "**Reading.** ") and hold no digit outside labels."""
    body = re.sub(r"^\*\*Reading\.\*\*\s*", "", text.strip())
    if not body.startswith("In the seed document"):
        raise ValueError(f"a seed note must start with 'In the seed document': {body[:60]!r}")
    digits = re.search(r"\d", _LABELS.sub("", body))
    if digits:
        at = digits.start()
        raise ValueError(f"a seed note states no number (the describe_* lines do): …{_LABELS.sub('', body)[max(0, at - 30):at + 10]}…")
    return text


def seed_note(corpus, text: str):
    """The Markdown ``text`` (checked by :func:`check_seed_note`) for display when ``corpus`` is the
    seed document; None — nothing shown — for any other document or corpus."""
    check_seed_note(text)
    if not getattr(corpus, "is_seed", False):
        return None
    from IPython.display import Markdown
    return Markdown(text)


# ---------------------------------------------------------------- what cleaning changed
#: what :func:`cleaning_changes` counts per paragraph, and how :func:`describe_cleaning` says it
CLEANING_COUNTS = {
    "line_breaks": ("line break", "joined inside paragraphs"),
    "false_starts": ("false paragraph start", "mended (a wrapped line that begins with a space but "
                                              "continues the sentence)"),
    "cuts": ("paragraph", "cut from long lines at their numbers and headings"),
    "spaces": ("space", "removed (around numbers, between Chinese characters, or repeated)"),
    "brackets": ("bracket", "made full-width"),
}


def cleaning_changes(document):
    """What cleaning changed in each paragraph of ``document`` (:class:`unzh.text.document.Document`),
    counted from its raw lines (:meth:`~unzh.text.document.Document.raw_excerpt`) and its cleaned text:

    ``line_breaks``: the paragraph's raw lines with text, less one (joined into one line);
    ``false_starts``: those lines after the first that begin with a space — page breaks that would
    have looked like a new paragraph; ``cuts``: a long raw line (PDF text without its line breaks)
    cut into this many more paragraphs at their numbers and headings; ``spaces``: spaces and tabs
    inside the raw lines that the cleaned text no longer has; ``brackets``: half-width brackets
    made full-width; ``changes``: their sum.  Paragraphs cut from one raw line share its counts:
    they are given to the first of them.  One row per paragraph (``para_id``, ``kind``,
    ``line_start``, ``line_end`` and the counts), in document order.
    """
    import pandas as pd

    blank = {"line_breaks": 0, "false_starts": 0, "cuts": 0, "spaces": 0, "brackets": 0}
    rows = []
    table = document.paragraphs
    for _, same in table.groupby(["line_start", "line_end"], sort=False):
        raw = document.raw_excerpt(int(same["para_id"].iloc[0]))
        lines = [line for line in raw.split("\n") if line.strip()]
        inner = sum(len(re.findall(r"[ \t\u3000\u00a0]", line.strip())) for line in lines)
        texts = list(same["text"])
        cleaned_spaces = sum(len(re.findall(r"[ \t\u3000\u00a0]", t)) for t in texts)
        brackets = sum(len(re.findall(r"[()\[\]]", line)) for line in lines) - sum(
            len(re.findall(r"[()\[\]]", t)) for t in texts)
        counts = {"line_breaks": max(len(lines) - 1, 0),
                  "false_starts": sum(1 for line in lines[1:] if line[:1].isspace()),
                  "cuts": len(same) - 1,
                  "spaces": max(inner - cleaned_spaces - (len(same) - 1), 0),  # a cut takes the space it falls on
                  "brackets": max(brackets, 0)}
        for i, r in enumerate(same.itertuples(index=False)):
            c = counts if i == 0 else blank
            rows.append({"para_id": r.para_id, "kind": r.kind, "line_start": r.line_start, "line_end": r.line_end,
                         **c, "changes": sum(c.values())})
    out = pd.DataFrame(rows, columns=["para_id", "kind", "line_start", "line_end", *CLEANING_COUNTS, "changes"])
    return out.sort_values("para_id", kind="stable").reset_index(drop=True)


def most_changed(changes) -> int | None:
    """The ``para_id`` of the paragraph cleaning changed most (the first of equals), None when it changed none."""
    if not len(changes) or int(changes["changes"].max()) == 0:
        return None
    return int(changes.loc[changes["changes"].idxmax(), "para_id"])


def describe_cleaning(changes, doc_id: str = "") -> str:
    """One sentence from :func:`cleaning_changes`: how many paragraphs cleaning changed and what it
    did, only the kinds of change it made ("convention: cleaning changed 0 of 18 paragraphs: each was
    one line, without a space or a half-width bracket to remove.")."""
    from unzh.text.words import plural

    head = f"{doc_id}: " if doc_id else ""
    changed = int((changes["changes"] > 0).sum())
    total = plural(len(changes), "paragraph")
    if not changed:
        return (f"{head}cleaning changed 0 of {total}: each was one line, without a space or a half-width "
                "bracket to remove.")
    parts = [f"{plural(int(changes[col].sum()), noun)} {what}" for col, (noun, what) in CLEANING_COUNTS.items()
             if int(changes[col].sum())]
    return f"{head}cleaning changed {changed} of {total}: " + "; ".join(parts) + "."


def cleaning_example(document, changes, max_chars: int = 600) -> str:
    """The paragraph cleaning changed most (:func:`most_changed`), raw and cleaned, as notebook 01
    prints it: ``"RAW (line 19)\\n(a) 国际组织…\\n\\nCLEANED\\n（a）国际组织…"``; a raw excerpt longer than
    ``max_chars`` (a run-on line holding many paragraphs) is cut with "…".  A document cleaning did
    not change gives one line saying so."""
    pid = most_changed(changes)
    if pid is None:
        return f"{document.doc_id}: nothing to show, cleaning left every paragraph as it was."
    row = document.paragraphs.loc[document.paragraphs["para_id"] == pid].iloc[0]
    where = (f"line {row.line_start}" if row.line_start == row.line_end
             else f"lines {row.line_start} to {row.line_end}")
    raw = document.raw_excerpt(pid)
    raw = raw if len(raw) <= max_chars else raw[:max_chars] + "…"
    return f"RAW ({document.doc_id}, {where})\n{raw}\n\nCLEANED\n{row.text}"


def describe_audit(audit) -> str:
    """One sentence on a :func:`unzh.segment.audit.dictionary_audit` table: how many entries come out
    whole and how many do not occur at all ("223 of 223 entries intact; 218 entries do not occur in
    the body paragraphs.")."""
    from unzh.text.words import plural

    absent = int((audit["occurrences"] == 0).sum())
    return (f"{int(audit['intact'].sum())} of {plural(len(audit), 'entry', 'entries')} intact; "
            f"{plural(absent, 'entry', 'entries')} {'does' if absent == 1 else 'do'} not occur in the body paragraphs.")
