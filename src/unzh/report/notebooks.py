"""``unzh report``: run the notebooks as parameterised notebooks (papermill) on documents.

Each notebook's first code cell is tagged ``parameters``; its defaults are
the seed document.  The runner passes ``documents`` (a list of paths) and
``output_dir`` (where figures and CSV tables go), writes each executed
notebook and an HTML rendering into ``OUT/notebooks/``, and reports any file
it could not read by name (the rest is still analysed; exit status 1).

Relative paths (documents, ``out_dir``, ``figures_dir``, ``processed_dir``) are taken from
the current folder (:func:`unzh.config.user_path`); the notebooks are given absolute ones.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from unzh import config
from unzh.io_utils import atomic_write_text
from unzh.text.corpus import read_corpus
from unzh.text.structure import coverage_warnings, structure_coverage

NOTEBOOKS = (
    "01-document-and-segmentation.ipynb",
    "02-term-frequencies.ipynb",
    "03-theme-cooccurrence.ipynb",
    "04-stakeholder-emphasis.ipynb",
)


def _kernel_manager_class(socket_dir: str):
    """A kernel manager talking to the kernel over local IPC sockets in a private temp folder.

    ipykernel warns on every start when the default TCP transport is used
    without encryption; IPC sockets are local-only and avoid the warning.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kw):
            kw.setdefault("transport", "ipc")
            kw.setdefault("ip", str(Path(socket_dir) / "kernel-ipc"))
            super().__init__(**kw)

    return IPCKernelManager


@dataclass
class ReportResult:
    executed: list[Path] = field(default_factory=list)
    html: list[Path] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    notebook_errors: dict[str, str] = field(default_factory=dict)
    processed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def available_notebooks() -> list[Path]:
    return [config.NOTEBOOKS_DIR / n for n in NOTEBOOKS if (config.NOTEBOOKS_DIR / n).exists()]


def write_processed(corpus, folder) -> list[Path]:
    """Write each readable document's cleaned text (``<doc_id>.clean.txt``, one paragraph per
    line) and paragraph table (``<doc_id>.paragraphs.csv``) into ``folder``; return the paths.

    These are the generated, inspectable intermediates a reader can check a number against
    (the raw file is never touched); each file is written atomically.
    """
    folder = config.ensure_dir(config.user_path(folder))
    written = []
    for doc in corpus.documents:
        written.append(atomic_write_text(folder / f"{doc.doc_id}.clean.txt", doc.cleaned_text + "\n"))
        written.append(atomic_write_text(folder / f"{doc.doc_id}.paragraphs.csv",
                                         doc.paragraphs.to_csv(index=False, lineterminator="\n")))
    return written


#: the notebook parameters that bring a user's lexicons (lists of files; themes and actors also take shipped names)
LEXICON_PARAMETERS = ("user_dicts", "stopword_files", "themes", "actors", "verbs")


def lexicon_parameters(lexicons: dict | None) -> tuple[dict, dict]:
    """The notebook parameters for a user's lexicons, and their provenance record.

    ``lexicons``: some of :data:`LEXICON_PARAMETERS` -> lists of paths (``user_dicts``,
    ``stopword_files``: the complete lists the segmenter is to read; ``themes``, ``actors``: shipped names or
    paths; ``verbs``: paths).  Every file is read and checked here, so a malformed one is an error
    (:class:`unzh.errors.LexiconError`) before any notebook runs.  Parameters hold absolute paths
    (or shipped names); the record gives each kind's files with their SHA-256.
    """
    from unzh.io_utils import sha256_file
    from unzh.lexicon.files import lexicon_files, load_lexicons, read_stopwords, read_user_dict

    params, record = {}, {}
    for key, values in (lexicons or {}).items():
        if key not in LEXICON_PARAMETERS:
            raise ValueError(f"unknown lexicon parameter {key!r} (known: {', '.join(LEXICON_PARAMETERS)})")
        if not values:
            continue
        if key in ("user_dicts", "stopword_files"):
            paths = [config.user_path(v) for v in values]
            for path in paths:
                (read_user_dict if key == "user_dicts" else read_stopwords)(path)
            params[key] = [str(p) for p in paths]
            record[key] = [{"file": str(p), "sha256": sha256_file(p)} for p in paths]
        else:
            df = load_lexicons(key, values)
            shipped = {"themes": config.THEME_LEXICONS, "actors": config.ACTOR_LEXICONS}.get(key, {})
            params[key] = [v if isinstance(v, str) and v in shipped else str(config.user_path(v)) for v in values]
            record[key] = lexicon_files(df)
    return params, record


def run_report(paths, out_dir, figures_dir=None, lang: str = "both", backend: str = "jieba",
               notebooks=None, progress: bool = True, html: bool = True,
               processed_dir=None, lexicons: dict | None = None) -> ReportResult:
    """Execute the notebooks on ``paths``; return what was written and what failed.

    Also writes the cleaned text and paragraph table of every readable document into
    ``processed_dir`` (default ``OUT/processed``; ``make figures`` uses ``data/processed``).
    ``lexicons``: a user's lexicons (:func:`lexicon_parameters`), passed to every notebook as the
    parameters :data:`LEXICON_PARAMETERS` and recorded with their hashes in ``OUT/lexicons.json``.
    """
    import json

    lexicon_params, lexicon_record = lexicon_parameters(lexicons)
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter
    from tqdm.auto import tqdm

    corpus = read_corpus(paths)  # raises DocumentError if nothing is readable
    out = config.user_path(out_dir)
    figures = config.user_path(figures_dir) if figures_dir else out / "figures"
    nb_out = config.ensure_dir(out / "notebooks")
    config.ensure_dir(figures)
    docs = [str(d.raw.path) for d in corpus.documents]
    result = ReportResult(documents=docs, failed=dict(corpus.failed), notes=list(corpus.notes))
    # a layout that fell back, or little body text, is named as by every subcommand
    result.notes += coverage_warnings(structure_coverage(corpus.paragraphs), dict(zip(
        (d.doc_id for d in corpus.documents), docs)))
    result.processed = write_processed(corpus, processed_dir if processed_dir else out / "processed")
    if lexicon_record:
        atomic_write_text(out / "lexicons.json", json.dumps(lexicon_record, ensure_ascii=False, indent=1) + "\n")
    todo = [Path(n) for n in notebooks] if notebooks else available_notebooks()
    # the kernel starts in notebooks/ of a checkout; installed, in the project root (never in the package)
    kernel_cwd = config.NOTEBOOKS_DIR if config.CHECKOUT_ROOT else config.PROJECT_ROOT
    socket_dir = tempfile.mkdtemp(prefix="unzh-kernel-")
    env_before = os.environ.get("PYDEVD_DISABLE_FILE_VALIDATION")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # quiet debugger warning in kernels
    try:
        for nb in tqdm(todo, desc="notebooks", unit="nb", disable=not progress, file=sys.stderr):
            target = nb_out / nb.name
            try:
                pm.execute_notebook(
                    str(nb), str(target),
                    parameters={"documents": docs, "output_dir": str(figures), "lang": lang, "backend": backend,
                                **lexicon_params},
                    cwd=str(kernel_cwd), progress_bar=False, kernel_name="python3",
                    log_output=False, kernel_manager_class=_kernel_manager_class(socket_dir),
                )
            except pm.PapermillExecutionError as exc:
                # the executed notebook (with the error in it) is kept for the reader
                result.notebook_errors[nb.name] = f"{exc.ename}: {exc.evalue}".strip()
                continue
            result.executed.append(target)
            if html:
                body, _ = HTMLExporter().from_notebook_node(nbformat.read(target, as_version=4))
                h = target.with_suffix(".html")
                h.write_text(body, encoding="utf-8")
                result.html.append(h)
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
        if env_before is None:
            os.environ.pop("PYDEVD_DISABLE_FILE_VALIDATION", None)
    return result
