"""Run a notebook's own code in this process, as papermill runs it in a kernel, and see every figure
it saves: the figure tests build each chart exactly as the notebooks (and so `unzh report` and
`make figures`) build it, with the same calls, parameters and titles — not with a copy of those
calls that can drift from them.

The parameters cell runs first, then the given parameters replace its values (papermill's
injected cell); each later code cell runs in one namespace, its printed output captured, and its
last expression, when it is a value, recorded as displayed (as IPython would show it).
``save_figure`` is replaced, for the run, by a wrapper that hands each figure to ``on_figure``
before saving it as PNG only (SVG and PDF are drawn from the same layout and cost four times as
much).
"""
from __future__ import annotations

import ast
import contextlib
import io
from dataclasses import dataclass, field

import nbformat

from unzh import config


@dataclass
class NotebookRun:
    name: str
    outputs: list = field(default_factory=list)        # (cell index, printed text)
    displayed: list = field(default_factory=list)      # objects shown: display(x) and last expressions
    saved: list = field(default_factory=list)          # (figure name, caption) of every figure written
    namespace: dict = field(default_factory=dict)      # the notebook's variables after the run

    @property
    def text(self) -> str:
        """Everything a reader sees as text: printed lines and displayed Markdown."""
        shown = [getattr(d, "data", "") for d in self.displayed if type(d).__name__ == "Markdown"]
        return "\n".join([t for _, t in self.outputs] + shown)


def run_notebook(name: str, parameters: dict, on_figure=None) -> NotebookRun:
    """Execute ``notebooks/<name>`` with ``parameters``; ``on_figure(figure, name)`` is called for
    every figure the notebook saves, after it is laid out as saved (a :class:`NoFigure` too)."""
    import unzh.textplot as textplot
    from unzh.textplot import style

    nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
    run = NotebookRun(name)
    real_save = style.save_figure

    def save_figure(fig, fig_name, folder=None, formats=None, caption=None):
        paths = real_save(fig, fig_name, folder, formats=("png",), caption=caption)
        if paths:
            run.saved.append((fig_name, paths[-1].read_text(encoding="utf-8").strip()))
        if on_figure is not None:
            on_figure(fig, fig_name)
        return paths

    namespace = run.namespace
    namespace.update({"__name__": "__main__", "display": lambda *objs, **kw: run.displayed.extend(objs)})
    had = "save_figure" in vars(textplot)
    textplot.save_figure = save_figure
    try:
        code = [c for c in nb.cells if c.cell_type == "code"]
        for i, cell in enumerate(code):
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(tree, f"{name}[{i}]", "exec"), namespace)
                if i == 0:
                    namespace.update(parameters)
                value = eval(compile(ast.Expression(last.value), f"{name}[{i}]", "eval"), namespace) if last else None
            if value is not None:
                run.displayed.append(value)
            run.outputs.append((i, buffer.getvalue()))
    finally:
        if had:
            textplot.save_figure = real_save
        else:
            del textplot.save_figure
    return run
