"""``unzh freq`` and ``unzh keyness``: term frequencies and keyness as CSV on stdout.

    unzh freq FILE [FILE …] [--by COLUMN|KIND] [--top N] [--term X] [--en] [--glossary FILE]
    unzh keyness FILE [FILE …] [--by COLUMN|KIND] [--top N] [--min-paragraphs K] [--tfidf]
                 [--term X [--count occurrences|tokens]] [--en] [--glossary FILE]

``--term X``: the counts of :mod:`unzh.textstat.occurrences` (freq) or X's keyness by
occurrences (keyness), since a dictionary compound (国际人权标准) hides its head (人权) from the tokens.

Both count the body paragraphs (:func:`unzh.text.structure.body`) with the
package's segmenter (user dictionary, stopwords removed).  Several files are
read as one corpus.  ``--en`` adds an ``en`` column after ``term`` (the
English of data/lexicons/glossary.tsv, then of the lexicons' labels; empty
where there is none); ``--glossary FILE`` (repeatable, implies ``--en``) stacks
the user's glossaries on the shipped one.  Without them the columns stay as
they were.  An unknown ``--by`` or a bad number is a one-line error
with exit status 2 (raised as :class:`unzh.errors.InputError`).
"""
from __future__ import annotations

import sys

from unzh.errors import InputError


def _tokens(args, command: str, default_grouping: bool):
    """The token table of the body paragraphs, the grouping (see :func:`choose_grouping`) and the
    body paragraphs (with the grouping's column where it is a unit kind)."""
    from unzh.cli.common import choose_grouping, read_corpus_noting, reading_then_segmenting, segment_paragraphs
    from unzh.text.structure import attach_grouping, body

    with reading_then_segmenting(args) as segmenter:
        corpus = read_corpus_noting(args.file, command)
        paragraphs, by = choose_grouping(corpus.paragraphs, args.by, command, default=default_grouping)
        tokens = segment_paragraphs(body(paragraphs), args, command, segmenter)
    return attach_grouping(tokens, paragraphs, by), by, body(paragraphs)


#: the groupings the corpus engine counts (columns of every token table); a unit kind (--by article)
#: needs the paragraph table, so it takes the token-table path
_ENGINE_GROUPINGS = (None, "none", "doc_id", "section", "debate", "unit_kind", "path")


def _engine_applies(args) -> bool:
    """A corpus (or ``--scheduler``) with the shipped lexicons and a column grouping: counted by the
    map-reduce engine (:func:`unzh.cli.common.corpus_counts`); anything else by the token table."""
    from unzh.cli.common import uses_engine
    own_lexicons = any(getattr(args, a, None) for a in ("dict", "stopwords", "no_default_dict", "no_default_stopwords"))
    return uses_engine(args) and not own_lexicons and args.by in _ENGINE_GROUPINGS


def _check(args) -> None:
    if args.top is not None and args.top < 1:
        raise InputError("--top", f"must be a positive number, got {args.top}")
    if getattr(args, "min_paragraphs", 1) < 1:
        raise InputError("--min-paragraphs", f"must be at least 1, got {args.min_paragraphs}")


def _named(files, exc: InputError) -> InputError:
    """An error from a measure, re-labelled with the file(s) it is about."""
    return InputError(", ".join(map(str, files)), exc.problem) if exc.source is None else exc


def _english(table, args):
    """``table`` with the ``en`` column when ``--en`` or ``--glossary`` was given; as it is otherwise."""
    if not (args.en or args.glossary):
        return table
    from unzh import config
    from unzh.lexicon.files import load_glossary
    from unzh.textplot.frequency import term_glosses, with_glosses

    glossary = load_glossary([config.GLOSSARY, *(config.user_path(p) for p in args.glossary or [])])
    return with_glosses(table, term_glosses(glossary=glossary))


def cmd_freq(args) -> None:
    from unzh.cli.common import corpus_counts, emit
    from unzh.textstat.frequency import term_frequency

    _check(args)
    if args.term is None and _engine_applies(args):  # a corpus: counted document by document
        by = None if args.by == "none" else args.by
        tokens, _ = corpus_counts(args, "freq", by)
        _note_empty_groups(tokens, by, None, "freq")
        emit(_english(term_frequency(tokens, by=by, top=args.top), args))
        return
    tokens, by, paragraphs = _tokens(args, "freq", default_grouping=False)
    if args.term is not None:
        from unzh.textstat.occurrences import term_counts
        table = term_counts(paragraphs, tokens, args.term, by=by)
        print(f"unzh freq: {args.term!r}: {int(table['occurrences'].sum())} occurrence(s) in the body text, "
              f"{int(table['tokens'].sum())} as a token, {int(table['in_longer_tokens'].sum())} inside longer tokens"
              + (f", {int(table['across_tokens'].sum())} across token boundaries" if table["across_tokens"].any() else ""),
              file=sys.stderr)
        emit(table)
        return
    _note_empty_groups(tokens, by, paragraphs, "freq")
    emit(_english(term_frequency(tokens, by=by, top=args.top), args))


def _note_empty_groups(tokens, by, paragraphs, command: str) -> dict:
    """One line on stderr for each group without a counted token (it has no row); returns them."""
    from unzh.text.structure import groups_in_order
    from unzh.textstat.frequency import empty_groups, group_words
    expected = groups_in_order(paragraphs[by]) if by is not None and paragraphs is not None else None
    empty = empty_groups(tokens, by, expected)
    for g, why in empty.items():
        print(f"unzh {command}: {group_words(by, g)} left out: {why}", file=sys.stderr)
    return empty


def cmd_keyness(args) -> None:
    from unzh.cli.common import corpus_counts, emit
    from unzh.textstat.keyness import textstat_keyness, textstat_tfidf

    _check(args)
    # a corpus is counted document by document; its default grouping is doc_id when more than one
    # document is read (else the one document's own: counted from its token table)
    counted = args.term is None and _engine_applies(args) and corpus_counts(
        args, "keyness", args.by or "doc_id", need_documents=1 if args.by else 2)
    paragraphs = None
    if counted:
        tokens, by = counted[0], args.by or "doc_id"
    else:
        tokens, by, paragraphs = _tokens(args, "keyness", default_grouping=True)
        if by is None:
            raise InputError("--by", "keyness compares groups: give a grouping, not 'none'")
        if args.term is not None:
            from unzh.textstat.occurrences import term_keyness
            try:
                table = term_keyness(paragraphs, tokens, args.term, by, count=args.count)
            except InputError as exc:
                raise _named(args.file, exc) from None
            print(f"unzh keyness: {args.term!r} counted as {args.count} by {by!r}", file=sys.stderr)
            emit(table)
            return
    if args.tfidf:
        try:
            table = textstat_tfidf(tokens, by, top=args.top)
        except InputError as exc:
            raise _named(args.file, exc) from None
        _note_empty_groups(tokens, by, paragraphs, "keyness")
        emit(_english(table, args))
        return
    from unzh.cli.common import dictionaries
    from unzh.lexicon.files import known_terms
    try:  # a dictionary head hidden in longer dictionary words (人权 in 国际人权标准) is counted by occurrences;
        # with --top only the rows key_terms keeps, computed group by group (a corpus's full table has a row
        # per document and term)
        table = textstat_keyness(tokens, by, min_paragraphs=args.min_paragraphs,
                                 compounds=known_terms(dictionaries(args)), top=args.top,
                                 direction=args.direction if args.top is not None else None)
    except InputError as exc:
        raise _named(args.file, exc) from None
    from unzh.textstat.frequency import group_words
    from unzh.textstat.keyness import groups_without_key_terms
    empty = _note_empty_groups(tokens, by, paragraphs, "keyness")
    if args.top is not None:
        why = groups_without_key_terms(table, by) if args.direction == "positive" else {}
        for g in table.attrs.get("without_rows", {}):
            reason = why.get(g, f"no term passes the guard of {args.min_paragraphs} paragraph(s) in the direction asked")
            print(f"unzh keyness: {group_words(by, g)} has no row: {reason}", file=sys.stderr)
    compared = len(table.attrs["without_rows"]) + table[by].nunique() if args.top is not None else table[by].nunique()
    print(f"unzh keyness: {compared} group(s) by {by!r} compared, min {args.min_paragraphs} paragraph(s)"
          + (f"; {len(empty)} left out (no counted token)" if empty else ""), file=sys.stderr)
    emit(_english(table, args))


def _add_english_options(s) -> None:
    s.add_argument("--en", action="store_true",
                   help="add an 'en' column: the English of each term from the glossary (empty where there is none)")
    s.add_argument("--glossary", action="append", metavar="FILE",
                   help="a glossary TSV (term, en, source) stacked on the shipped one; repeatable; implies --en")


def register(subparsers) -> None:
    """Add the ``freq`` and ``keyness`` subcommands."""
    from unzh.cli.common import add_scheduler_option, add_segmentation_options
    s = subparsers.add_parser("freq", help="term frequencies (count, rate per 1,000 tokens, paragraphs) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section, doc_id, unit_kind, path or a unit kind the text has "
                        "(article, chapter, goal, target, operative ...; default: the whole text)")
    s.add_argument("--top", type=int, default=None, metavar="N", help="only the N most frequent terms (per group)")
    s.add_argument("--term", default=None, metavar="X",
                   help="instead of the table: X's occurrences in the text (as kwic finds them), as a token, and "
                        "inside longer tokens (人权 in 国际人权标准), per group")
    _add_english_options(s)
    add_segmentation_options(s)
    add_scheduler_option(s)
    s.set_defaults(func=cmd_freq)

    s = subparsers.add_parser("keyness", help="keyness of each group against the others (G2, p, log-ratio) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section, doc_id, unit_kind, path or a unit kind the text has "
                        "(article, goal, operative ...; default: doc_id for several files, debate if the text "
                        "has debates, else section)")
    s.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N strongest terms per group that pass the paragraph guard (default: every term)")
    s.add_argument("--direction", choices=("positive", "negative", "both"), default="positive",
                   help="with --top: key terms (positive, default), under-used terms (negative) or both")
    s.add_argument("--min-paragraphs", type=int, default=2, metavar="K",
                   help="a term is key only if it occurs in at least K paragraphs of the group (default 2)")
    s.add_argument("--tfidf", action="store_true", help="print TF-IDF by group instead of keyness")
    s.add_argument("--term", default=None, metavar="X",
                   help="only the keyness of X in each group, counted as --count (for a dictionary head such as 人权)")
    s.add_argument("--count", choices=("occurrences", "tokens"), default="occurrences",
                   help="with --term: count X's occurrences in the text (default) or its tokens")
    _add_english_options(s)
    add_segmentation_options(s)
    add_scheduler_option(s)
    s.set_defaults(func=cmd_keyness)
