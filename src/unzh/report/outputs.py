"""The folders ``unzh report`` writes: checked before anything is written, owned through a manifest.

* :func:`check_output_folders` refuses an output folder that is an input's folder (or a folder
  given as input), or that lies inside ``data/raw/`` (immutable), before anything is written
  (:class:`~unzh.errors.InputError`: one line, exit status 2).
* :class:`OutputFolder` gives a report run ownership of a folder.  ``claim()`` reads the manifest
  an earlier run left there (``manifest.json``: the files it wrote), removes its
  ``provenance.json`` (which the notebooks would otherwise merge into) and records which files
  were there before; ``finish()`` then removes every file the earlier run wrote that this run
  did not write again, and writes the new manifest: the files this run wrote, and only those.
  Files the report never wrote (a user's own) are never removed.  Until ``finish()`` the
  earlier run's files stay in place, so a run that is interrupted leaves the previous figures,
  notebooks and HTML intact (each file is replaced atomically); its manifest says
  ``"complete": false`` and names the files that were not the report's, so that the next run
  still knows which files it owns.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from unzh import config
from unzh.errors import InputError
from unzh.io_utils import atomic_write_text

MANIFEST = "manifest.json"
#: Files a notebook merges into rather than replaces: removed when a new run claims the folder.
MERGED = ("provenance.json",)


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folders(outputs: dict[str, str | Path], inputs: list[str | Path], documents: list[Path]) -> None:
    """Raise InputError if an output folder is an input's folder or lies inside ``data/raw/``.

    ``outputs`` maps an option name (``"--out"``, ``"--figures"`` …) to the folder given;
    ``inputs`` are the paths given (files or folders), ``documents`` the files read.  Paths are
    compared after resolving symbolic links.
    """
    raw = config.RAW_DIR.resolve()
    input_folders: dict[Path, str] = {}
    for doc in documents:
        input_folders.setdefault(Path(doc).resolve().parent, str(doc))
    for given in inputs:
        p = config.user_path(given)
        if p.is_dir():
            input_folders.setdefault(p.resolve(), str(given))
    for option, given in outputs.items():
        folder = config.user_path(given).resolve()
        if _is_within(folder, raw):
            raise InputError(given, f"{option} lies inside data/raw/, which holds the raw documents and is never "
                                    "written to: choose another output folder")
        if folder in input_folders:
            raise InputError(given, f"{option} is the folder of the input {input_folders[folder]}: outputs would "
                                    "mix with (and could overwrite) the inputs; choose another output folder")


def _files(folder: Path) -> dict[str, tuple[int, int, int]]:
    """The folder's visible regular files (not hidden, not in subfolders): name -> (inode, mtime, size)."""
    out = {}
    if not folder.is_dir():
        return out
    for entry in os.scandir(folder):
        if entry.name.startswith(".") or entry.name == MANIFEST or not entry.is_file(follow_symlinks=False):
            continue
        st = entry.stat(follow_symlinks=False)
        out[entry.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def _names(value, path: Path) -> set[str]:
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise InputError(path, "not a manifest of unzh report (expected lists of file names)")
    # a name is a plain file name in this folder: never a path elsewhere
    return {n for n in value if n and "/" not in n and "\\" not in n and n not in (".", "..")}


def read_manifest(folder: Path) -> dict | None:
    """The manifest in ``folder`` (``None`` if there is none); InputError if it is not one."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a manifest of unzh report (not valid JSON: {exc})") from exc
    if not isinstance(record, dict) or record.get("tool") != "unzh report":
        raise InputError(path, "not a manifest of unzh report (move it away, or choose another output folder)")
    return record


class OutputFolder:
    """One folder a report run writes into; see the module docstring."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.earlier: set[str] = set()
        self.before: dict[str, tuple[int, int, int]] = {}
        self.written: list[str] = []
        self.removed: list[str] = []

    def claim(self) -> OutputFolder:
        """Take the folder over from an earlier run (module docstring); create it if needed."""
        config.ensure_dir(self.path)
        record = read_manifest(self.path)
        present = _files(self.path)
        if record is None:
            earlier: set[str] = set()
        elif record.get("complete"):
            earlier = _names(record.get("written", []), self.path / MANIFEST)
        else:  # an interrupted run: everything but the files that were not the report's
            earlier = set(present) - _names(record.get("foreign", []), self.path / MANIFEST)
        for name in MERGED:
            if name in earlier and name in present:
                (self.path / name).unlink()
                del present[name]
        self.earlier, self.before = earlier, present
        self._write(complete=False, written=sorted(earlier & set(present)),
                    foreign=sorted(set(present) - earlier))
        return self

    def changed(self) -> list[str]:
        """The names of the files written (created or replaced) since :meth:`claim`, sorted."""
        return sorted(n for n, st in _files(self.path).items() if self.before.get(n) != st)

    def finish(self) -> list[str]:
        """Remove the earlier run's files not written again; write the manifest; return the names written."""
        now = _files(self.path)
        written = self.changed()
        for name in sorted(self.earlier - set(written)):
            if name in now:
                (self.path / name).unlink()
                self.removed.append(name)
        self.written = written
        self._write(complete=True, written=written)
        return written

    def _write(self, complete: bool, written: list[str], foreign: list[str] | None = None) -> None:
        record = {"tool": "unzh report", "complete": complete, "written": written}
        if foreign is not None:
            record["foreign"] = foreign
        atomic_write_text(self.path / MANIFEST, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
