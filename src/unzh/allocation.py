"""How corpus-scale work allocates: the garbage collector and numpy's huge-page advice.

Two process-wide settings cost more than the work itself when a table of millions of rows
is built, and both are switched only for the duration of a call (and restored after, also
on an error), as decorators or ``with`` blocks:

* :func:`gc_paused` — the cyclic garbage collector is paused while many small objects are
  built (tokens, matches): every collection they trigger walks all of them again and finds
  nothing, as they hold no reference cycles.
* :func:`no_huge_pages` — numpy does not advise the kernel to back new arrays (4 MB and
  more) with transparent huge pages.  Where THP is on "madvise" (the default of many
  distributions, and of the machines this suite is benchmarked on), that advice makes the
  first touch of fresh memory stall on page compaction: writing 160 MB into new arrays took
  0.27-0.50 s with it and 0.07 s without, and term frequencies of a 3 M-token table took
  0.89 s with it and 0.40 s without.  Nothing is computed differently.

:func:`bulk_allocation` is both.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

__all__ = ["bulk_allocation", "gc_paused", "hugepage_switch", "no_huge_pages"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored after) while building many small objects."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def hugepage_switch():
    """numpy's switch for the huge-page advice, ``switch(bool) -> previous`` (None if this numpy has none)."""
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


@contextmanager
def no_huge_pages() -> Iterator[None]:
    """numpy gives no huge-page advice for new arrays while inside (the previous setting restored after)."""
    switch = hugepage_switch()
    was = switch(False) if switch is not None else None
    try:
        yield
    finally:
        if switch is not None:
            switch(was)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """:func:`gc_paused` and :func:`no_huge_pages` together."""
    with no_huge_pages(), gc_paused():
        yield
