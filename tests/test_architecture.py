"""The package's layout: the pipeline's floors, no import cycle, no upward import.

Every ``import`` and ``from ... import`` in ``src/unzh`` counts, also those inside functions, and so
do the lazy re-exports of each ``__init__`` (its ``_EXPORTS`` table).  Floors, lowest first::

    0  unzh.errors, unzh.config, unzh.io_utils, unzh._exports      (the base)
    1  unzh.text        2  unzh.lexicon     3  unzh.segment
    4  unzh.textstat    5  unzh.textplot    6  unzh.report, unzh.explore
    7  unzh.cli         8  unzh (the top-level __init__ and __main__)

A module may import its own subpackage and any lower floor, never a higher one or a sibling of
the same floor (report and explore do not import each other).
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

FLOORS = {
    "unzh.errors": 0, "unzh.config": 0, "unzh.io_utils": 0, "unzh._exports": 0,
    "unzh.text": 1, "unzh.lexicon": 2, "unzh.segment": 3, "unzh.textstat": 4, "unzh.textplot": 5,
    "unzh.report": 6, "unzh.explore": 6, "unzh.cli": 7, "unzh": 8,
}


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def unit_of(module: str) -> str:
    """The floor-bearing unit of a module: its subpackage (``unzh.segment``), a base module, or ``unzh``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "unzh"
    if parts[1] in ("__main__",):
        return "unzh"
    return ".".join(parts[:2])


def _lazy_exports(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets):
            return [v.value for v in node.value.values if isinstance(v, ast.Constant)]
    return []


def import_graph(src: Path) -> dict[str, set[str]]:
    """``{module: {modules it imports}}`` for every module of the ``unzh`` package under ``src``."""
    files = {module_name(p, src): p for p in (src / "unzh").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                for a in node.names:  # `from unzh.segment import cache` imports the module unzh.segment.cache
                    targets.add(f"{mod}.{a.name}" if f"{mod}.{a.name}" in files else mod)
        targets.update(f"{name}.{m}" for m in _lazy_exports(tree))
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def upward_imports(graph: dict[str, set[str]], floors: dict[str, int] = FLOORS) -> list[str]:
    bad = []
    for a, targets in graph.items():
        ua = unit_of(a)
        for b in targets:
            ub = unit_of(b)
            if ua == ub or (ua == "unzh" and ub == "unzh"):
                continue
            if floors[ub] >= floors[ua] and not (floors[ua] == 0 and floors[ub] == 0):
                bad.append(f"{a} (floor {floors[ua]}) imports {b} (floor {floors[ub]})")
    return sorted(bad)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


# ------------------------------------------------------------------ the package itself

def test_every_unit_has_a_floor():
    units = {unit_of(m) for m in import_graph(SRC)}
    assert units <= set(FLOORS), units - set(FLOORS)


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph(SRC)) == []


def test_no_upward_import_in_the_package():
    assert upward_imports(import_graph(SRC)) == []


def test_the_top_level_lists_the_pipeline_as_subpackages():
    names = {p.name for p in (SRC / "unzh").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"text", "lexicon", "segment", "textstat", "textplot", "report", "cli"} <= names
    flat = sorted(p.name for p in (SRC / "unzh").glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "_exports.py", "config.py", "errors.py", "io_utils.py"]


def test_every_subpackage_says_what_it_owns_and_may_import():
    for init in (SRC / "unzh").glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "\nOwns: " in doc and "\nMay import: " in doc, init


def test_the_public_names_are_offered_flat():
    import unzh
    for name in unzh.__all__:
        assert getattr(unzh, name) is not None, name
    from unzh import Segmenter, kwic, read_document, save_figure, term_frequency, tokens_table  # noqa: F401


# ------------------------------------------------------------------ the checker can fail

def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp_path / "unzh" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def test_checker_finds_a_cycle_hidden_inside_a_function(tmp_path):
    src = _tree(tmp_path, {
        "__init__.py": "",
        "segment/__init__.py": "",
        "segment/a.py": "from unzh.segment import b\n",
        "segment/b.py": "def f():\n    from unzh.segment.a import x\n",
    })
    assert cycles(import_graph(src)) == [["unzh.segment.a", "unzh.segment.b"]]


def test_checker_finds_an_upward_import_and_a_lazy_one(tmp_path):
    src = _tree(tmp_path, {
        "__init__.py": "",
        "textstat/__init__.py": '_EXPORTS = {"f": "freq"}\n',
        "textstat/freq.py": "def g():\n    import unzh.textplot.bars\n",
        "textplot/__init__.py": "",
        "textplot/bars.py": "from unzh.textstat import freq\n",
    })
    graph = import_graph(src)
    assert graph["unzh.textstat"] == {"unzh.textstat.freq"}
    assert upward_imports(graph) == ["unzh.textstat.freq (floor 4) imports unzh.textplot.bars (floor 5)"]


def test_no_exported_name_is_also_a_module_of_its_package():
    """``unzh.textstat.kwic`` must stay the function: a module of that name would shadow it once imported."""
    clashes = []
    for init in (SRC / "unzh").glob("*/__init__.py"):
        exported = set(_lazy_exports_names(ast.parse(init.read_text(encoding="utf-8"))))
        modules = {p.stem for p in init.parent.glob("*.py")} | {p.name for p in init.parent.iterdir() if p.is_dir()}
        clashes += [f"{init.parent.name}.{n}" for n in sorted(exported & modules)]
    assert clashes == []


def _lazy_exports_names(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets):
            return [k.value for k in node.value.keys if isinstance(k, ast.Constant)]
    return []


def test_test_modules_import_helpers_not_conftest():
    """``pytest tests/x.py`` (not only ``python -m pytest``) collects every module: none imports
    ``conftest`` or ``tests.*`` (``tests`` is no package); shared helpers come from ``tests/helpers.py``."""
    bad = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            bad += [f"{path.name}: {n}" for n in names if n == "conftest" or n.split(".")[0] == "tests"]
    assert bad == []
