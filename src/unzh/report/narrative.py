"""What the notebooks say in words: the seed's hand-written commentary, shown for the seed alone.

Every sentence of a notebook that states a number is printed by a ``describe_*`` function of the
stage that made the table (tested against those tables).  The only hand-written readings left are
the seed's: interpretation of what a chart of the seed shows (what a debate is about, the genre of
a meeting report), which says so — it starts "In the seed document" — and states no number (a
debate's or paragraph's label such as "debate 2" or "¶5" is not a number).  :func:`seed_note`
shows it when the corpus is the seed (:attr:`unzh.text.corpus.Corpus.is_seed`) and nothing
otherwise, so a report on any other document never repeats it.

May import: unzh.text (and IPython, lazily).
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
