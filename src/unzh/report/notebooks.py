"""``unzh report``: run the notebooks as parameterised notebooks (papermill) on documents.

Each notebook's first code cell is tagged ``parameters``; its defaults are
the seed document.  The runner passes ``documents`` (a list of paths) and
``output_dir`` (where figures and CSV tables go), writes each executed
notebook and an HTML rendering into ``OUT/notebooks/``, and reports any file
it could not read by name (the rest is still analysed; exit status 1).

Relative paths (documents, ``out_dir``, ``figures_dir``, ``processed_dir``) are taken from
the current folder (:func:`unzh.config.user_path`); the notebooks are given them relative to the
project folder (:func:`unzh.config.project_path` reads them back), so that no absolute path of
this machine appears in an executed notebook or its HTML.

Output safety (:mod:`unzh.report.outputs`): no output folder may be an input's folder or lie
inside ``data/raw/`` (checked before anything is written); each output folder is owned through
its ``manifest.json``, so a second report into the same folder leaves no file of the first one
behind; an executed notebook and its HTML are written to a temporary file and renamed, so an
interrupted run leaves the previous ones intact.

The HTML is self-contained and works offline: no script from the internet (no MathJax, which
would also read a ``$`` in a document's text as the start of a formula; no require.js, no
mermaid), the charts embedded, each with its caption as alt text.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from unzh import config
from unzh.errors import InputError
from unzh.io_utils import atomic_write_bytes, atomic_write_text
from unzh.report.outputs import OutputFolder, check_output_folders
from unzh.text.corpus import read_corpus
from unzh.text.structure import coverage_warnings, structure_coverage

#: The HTML template: JupyterLab's, without the scripts it loads from the internet, and with alt
#: text on every chart (the figure's caption, set by :class:`unzh.textplot.style.HouseFigure`).
HTML_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="{{ output.metadata.get('image/png', {}).get('alt', 'A chart without a caption') | escape_html }}">
</div>
{%- endblock data_png %}
"""

NOTEBOOKS = (
    "01-document-and-segmentation.ipynb",
    "02-term-frequencies.ipynb",
    "03-theme-cooccurrence.ipynb",
    "04-stakeholder-emphasis.ipynb",
)


#: the kernel managers this process made (to stop their kernels on Ctrl-C, :func:`_stop_kernels`)
_KERNELS: weakref.WeakSet = weakref.WeakSet()


def _kernel_manager_class(socket_dir: str):
    """A kernel manager talking to the kernel over local IPC sockets in a private temp folder.

    ipykernel warns on every start when the default TCP transport is used
    without encryption; IPC sockets are local-only and avoid the warning.  The kernel's own
    stdout and stderr go to ``kernel.log`` in that folder.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kw):
            kw.setdefault("transport", "ipc")
            kw.setdefault("ip", str(Path(socket_dir) / "kernel-ipc"))
            super().__init__(**kw)
            _KERNELS.add(self)

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # the kernel's own log lines (not the notebook's output, which comes as messages) go to a
            # file in the private folder, not to the terminal: after Ctrl-C a dying kernel would
            # otherwise print its tracebacks under the report's one line
            with open(Path(socket_dir) / "kernel.log", "ab") as log:
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                return await super()._async_launch_kernel(kernel_cmd, **kw)

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


def html_exporter():
    """The nbconvert HTML exporter of ``unzh report`` (:data:`HTML_TEMPLATE`)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(extra_loaders=[DictLoader({"unzh.html.j2": HTML_TEMPLATE})], template_file="unzh.html.j2")


def _relative(path: Path) -> str:
    """``path`` relative to the project folder (what :func:`unzh.config.project_path` reads back)."""
    return Path(os.path.relpath(path, config.PROJECT_ROOT)).as_posix()


def add_bom(folder: Path, names) -> list[Path]:
    """Rewrite the CSV files ``names`` of ``folder`` with a UTF-8 byte-order mark (for Excel); return them."""
    done = []
    for name in names:
        p = folder / name
        if p.suffix == ".csv" and p.is_file():
            data = p.read_bytes()
            if not data.startswith(b"\xef\xbb\xbf"):
                atomic_write_bytes(p, b"\xef\xbb\xbf" + data)
            done.append(p)
    return done


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
LEXICON_PARAMETERS = ("user_dicts", "stopword_files", "themes", "actors", "verbs", "glossaries")


#: the notebook parameters a teacher changes beside the lexicons: name -> (notebooks that use it, default, rule)
TEACHING_PARAMETERS = {
    "unit": ("02", "paragraph", "'paragraph' or 'sentence'"),
    "min_paragraphs": ("02", 2, "an integer of at least 1"),
    "min_edge_count": ("03", 2, "an integer of at least 1"),
    "min_pair_count": ("03", 3, "an integer of at least 1"),
}


def check_teaching_parameters(**values) -> dict:
    """The teaching parameters given (None: the notebook's default), checked; InputError names the bad one.

    Notebooks 02 and 03 call it on their parameters, ``unzh report`` before any notebook runs."""
    out = {}
    for name, value in values.items():
        if name not in TEACHING_PARAMETERS:
            raise InputError(name, f"unknown parameter (known: {', '.join(TEACHING_PARAMETERS)})")
        if value is None:
            continue
        rule = TEACHING_PARAMETERS[name][2]
        ok = value in ("paragraph", "sentence") if name == "unit" else (
            isinstance(value, int) and not isinstance(value, bool) and value >= 1)
        if not ok:
            raise InputError(name, f"must be {rule}, not {value!r}")
        out[name] = value
    return out


def lexicon_parameters(lexicons: dict | None) -> tuple[dict, dict]:
    """The notebook parameters for a user's lexicons, and their provenance record.

    ``lexicons``: some of :data:`LEXICON_PARAMETERS` -> lists of paths (``user_dicts``,
    ``stopword_files``: the complete lists the segmenter is to read; ``themes``, ``actors``: shipped names or
    paths; ``verbs``: paths; ``glossaries``: English glossaries stacked on the shipped one).  Every file is
    read and checked here, so a malformed one is an error (:class:`unzh.errors.LexiconError`) before any
    notebook runs.  Parameters hold absolute paths (or shipped names), which the kernel needs; the record
    gives each kind's files by a machine-independent name (:func:`unzh.config.display_path`: a shipped
    file relative to the project, a user's file by its name) with their SHA-256.
    """
    from unzh.io_utils import sha256_file
    from unzh.lexicon.files import lexicon_files, load_glossary, load_lexicons, read_stopwords, read_user_dict

    params, record = {}, {}
    for key, values in (lexicons or {}).items():
        if key not in LEXICON_PARAMETERS:
            raise ValueError(f"unknown lexicon parameter {key!r} (known: {', '.join(LEXICON_PARAMETERS)})")
        if values is None or (not values and key not in ("user_dicts", "stopword_files")):
            continue  # (an empty list of dictionaries or stopword files means none: the teacher's "off")
        if key in ("user_dicts", "stopword_files", "glossaries"):
            paths = [config.user_path(v) for v in values]
            for path in paths:
                {"user_dicts": read_user_dict, "stopword_files": read_stopwords, "glossaries": load_glossary}[key](path)
            params[key] = [str(p) for p in paths]
            record[key] = [{"file": config.display_path(p), "sha256": sha256_file(p)} for p in paths]
        else:
            df = load_lexicons(key, values)
            shipped = {"themes": config.THEME_LEXICONS, "actors": config.ACTOR_LEXICONS}.get(key, {})
            params[key] = [v if isinstance(v, str) and v in shipped else str(config.user_path(v)) for v in values]
            record[key] = [{**f, "file": config.display_path(f["file"])} for f in lexicon_files(df)]
    return params, record


def _run_side_by_side(execute, todo: list, jobs: int | None, progress: bool) -> list:
    """``execute(nb)`` for each notebook, ``jobs`` at a time (default: the cores), in threads (each
    notebook's work is in its own kernel process); the outcomes in ``todo``'s order.  Ctrl-C (or an
    error) stops the kernels still running: they are this process's children."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    from tqdm.auto import tqdm

    from unzh.segment.engine import default_workers
    jobs = max(1, min(len(todo) or 1, jobs or default_workers()))
    bar = tqdm(total=len(todo), desc="notebooks", unit="nb", disable=not progress, file=sys.stderr)
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="unzh-notebook")
    futures = [pool.submit(execute, nb) for nb in todo]
    logging_was = logging.root.manager.disable
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            bar.update(len(done))
        return [f.result() for f in futures]
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            # Ctrl-C ends in one line: a thread still starting a kernel that is stopped below would log
            # "Kernel died before replying to kernel_info" (jupyter's loggers) on stderr; quiet until
            # every thread has ended
            logging.disable(logging.CRITICAL)
        for f in futures:
            f.cancel()
        _stop_kernels()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
        logging.disable(logging_was)


def _stop_kernels() -> None:
    """Kill the kernels this process started (:data:`_KERNELS`): a notebook running in another thread
    then ends with an error at once, instead of running to its end."""
    for km in list(_KERNELS):
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()


def run_report(paths, out_dir, figures_dir=None, lang: str = "both", backend: str = "jieba",
               notebooks=None, progress: bool = True, html: bool = True, jobs: int | None = None,
               processed_dir=None, lexicons: dict | None = None, excel: bool = False,
               teaching: dict | None = None, formats=None) -> ReportResult:
    """Execute the notebooks on ``paths``; return what was written and what failed.

    Also writes the cleaned text and paragraph table of every readable document into
    ``processed_dir`` (default ``OUT/processed``; ``make figures`` uses ``data/processed``).
    ``lexicons``: a user's lexicons (:func:`lexicon_parameters`), passed to every notebook as the
    parameters :data:`LEXICON_PARAMETERS` and recorded with their hashes in ``OUT/lexicons.json``.
    ``excel``: the CSV files written get a UTF-8 byte-order mark, so that Excel on Windows
    reads them as UTF-8 (default: plain UTF-8, as committed in ``figures/``).
    ``teaching``: some of :data:`TEACHING_PARAMETERS` (the counting unit and thresholds), passed to
    the notebooks; None or absent: each notebook's default.
    ``formats``: the figure formats to write (default PNG, SVG and PDF; ``("png",)`` for a quick
    draft), passed to the notebooks' kernels as :data:`unzh.textplot.style.FIGURE_FORMATS_ENV`.
    Raises InputError, before writing anything, if an output folder is an input's folder or
    lies inside ``data/raw/``.  Each output folder gets a ``manifest.json`` of the files this
    run wrote; the files an earlier report wrote there and this one did not are removed.
    """
    import json

    lexicon_params, lexicon_record = lexicon_parameters(lexicons)
    teaching_params = check_teaching_parameters(**(teaching or {}))
    from unzh.textplot.style import FIGURE_FORMATS, FIGURE_FORMATS_ENV

    if formats is not None and (not formats or set(formats) - set(FIGURE_FORMATS)):
        raise InputError("formats", f"figure formats must be some of {', '.join(FIGURE_FORMATS)}, not {formats!r}")
    import nbformat
    import papermill as pm

    corpus = read_corpus(paths)  # raises DocumentError if nothing is readable
    out = config.user_path(out_dir)
    figures = config.user_path(figures_dir) if figures_dir else out / "figures"
    processed = config.user_path(processed_dir) if processed_dir else out / "processed"
    nb_out = out / "notebooks"
    check_output_folders({"--out": out_dir, "notebooks folder": nb_out, "--figures": figures_dir or figures,
                          "--processed": processed_dir or processed},
                         list(paths) if not isinstance(paths, (str, Path)) else [paths],
                         [d.raw.path for d in corpus.documents])
    folders: dict[Path, OutputFolder] = {}  # one owner per distinct folder (--figures may be --processed)
    for option, f in (("--out", nb_out), ("--figures", figures), ("--processed", processed)):
        try:
            made = config.ensure_dir(f).resolve()
        except OSError as exc:  # named as the output folder it is, not as a missing input
            given = {"--out": out_dir, "--figures": figures_dir, "--processed": processed_dir}[option] or f
            raise InputError(given, f"{option}: cannot create the output folder {f}: "
                                    f"{exc.strerror or exc}") from None
        folders.setdefault(made, OutputFolder(f))
    for owned in folders.values():
        owned.claim()
    docs = [str(d.raw.path) for d in corpus.documents]
    result = ReportResult(documents=docs, failed=dict(corpus.failed), notes=list(corpus.notes))
    # a layout that fell back, or little body text, is named as by every subcommand
    result.notes += coverage_warnings(structure_coverage(corpus.paragraphs), dict(zip(
        (d.doc_id for d in corpus.documents), docs)))
    result.processed = write_processed(corpus, processed)
    if lexicon_record:
        atomic_write_text(out / "lexicons.json", json.dumps(lexicon_record, ensure_ascii=False, indent=1) + "\n")
    todo = [Path(n) for n in notebooks] if notebooks else available_notebooks()
    exporter = html_exporter() if html else None
    # the kernel starts in notebooks/ of a checkout; installed, in the project root (never in the package)
    kernel_cwd = config.NOTEBOOKS_DIR if config.CHECKOUT_ROOT else config.PROJECT_ROOT
    socket_dir = tempfile.mkdtemp(prefix="unzh-kernel-")
    kernel_env = {"PYDEVD_DISABLE_FILE_VALIDATION": "1",  # quiet debugger warning in kernels
                  **({FIGURE_FORMATS_ENV: ",".join(formats)} if formats else {})}
    env_before = {k: os.environ.get(k) for k in kernel_env}
    os.environ.update(kernel_env)
    try:
        parameters = {"documents": [_relative(Path(d)) for d in docs], "output_dir": _relative(figures),
                      "lang": lang, "backend": backend, **lexicon_params, **teaching_params}

        def execute(nb: Path):
            """Run one notebook in its own kernel (its own socket folder); the executed notebook, or None."""
            target = nb_out / nb.name
            # papermill saves the notebook after every cell: into a hidden temporary file, renamed at the end
            partial = nb_out / f".{target.stem}.partial.ipynb"
            try:
                try:
                    pm.execute_notebook(
                        str(nb), str(partial), parameters=parameters,
                        cwd=str(kernel_cwd), progress_bar=False, kernel_name="python3",
                        log_output=False, kernel_manager_class=_kernel_manager_class(tempfile.mkdtemp(dir=socket_dir)),
                    )
                    failed = None
                except pm.PapermillExecutionError as exc:
                    # the executed notebook (with the error in it) is kept for the reader
                    failed = f"{exc.ename}: {exc.evalue}".strip()
                executed = nbformat.read(partial, as_version=4)
                executed.metadata.get("papermill", {}).update(
                    {"input_path": f"notebooks/{nb.name}", "output_path": f"notebooks/{target.name}"})
            finally:
                partial.unlink(missing_ok=True)
            return target, executed, failed

        # the notebooks are independent (each reads the documents and the caches, writes its own figures):
        # run side by side, one kernel per core; the executed notebooks and their HTML are written when all
        # have run, in the notebooks' order (Ctrl-C before then leaves the previous ones as they were)
        outcomes = _run_side_by_side(execute, todo, jobs, progress)
        for nb, (target, executed, failed) in zip(todo, outcomes):
            atomic_write_text(target, nbformat.writes(executed) + "\n")
            if failed is not None:
                result.notebook_errors[nb.name] = failed
                continue
            result.executed.append(target)
            if exporter is not None:
                body, _ = exporter.from_notebook_node(executed)
                result.html.append(atomic_write_text(target.with_suffix(".html"), body))
        if excel:
            for f in (figures, processed):
                add_bom(f, folders[f.resolve()].changed())
        for owned in folders.values():
            owned.finish()
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
        for k, v in env_before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return result
