"""The ``unzh`` command line (a front door): a thin layer over the stages below it.

Owns: main (parses ``unzh SUBCOMMAND ...``: paragraphs, tokens, kwic, report), common (what the
subcommands share: CSV on stdout, segmentation options, one-line notes), and the modules that
register their subcommands: freq (freq, keyness), themes (themes, cooc, theme-evidence),
stakeholders (stakeholders, stakeholder-evidence).

May import: every other subpackage (lazily, inside the handlers, so that ``--help`` is fast);
nothing but ``unzh.__main__`` imports it.
"""
from unzh.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
