"""English number agreement for the sentences the package writes: "1 mention", "2 mentions"."""
from __future__ import annotations


def plural(n, singular: str, plural_form: str | None = None) -> str:
    """``n`` and the noun, singular for exactly 1: ``plural(1, "mention")`` → ``"1 mention"``,
    ``plural(3, "paragraph")`` → ``"3 paragraphs"``, ``plural(2, "country", "countries")``;
    thousands separated (``plural(1200, "token")`` → ``"1,200 tokens"``)."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}" if isinstance(n, int) else f"{n} {word}"
