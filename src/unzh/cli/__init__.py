"""The ``unzh`` command line (a front door): a thin layer over the stages below it.

Owns: main (parses ``unzh SUBCOMMAND ...``: paragraphs, tokens, kwic, report), common (what the
subcommands share: CSV on stdout, segmentation options, one-line notes), the modules that
register their subcommands: freq (freq, keyness), themes (themes, cooc, theme-evidence),
stakeholders (stakeholders, stakeholder-evidence), structure; and memo (the result cache, which
the ``unzh`` command consults before anything else is imported).

May import: every other subpackage (lazily, inside the handlers, so that ``--help`` is fast);
nothing but ``unzh.__main__`` imports it.
"""
from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """The ``unzh`` command: the stored output of a counting subcommand run again on the same
    inputs (:mod:`unzh.cli.memo`), else :func:`unzh.cli.main.main`."""
    from unzh.cli.memo import memoized

    def run(args: list[str]) -> int:
        from unzh.cli.main import main as run_command
        return run_command(args)

    return memoized(argv, run)


def build_parser():
    from unzh.cli.main import build_parser as build
    return build()


__all__ = ["build_parser", "main"]
