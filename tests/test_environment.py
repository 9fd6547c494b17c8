"""The version files agree: requirements.txt (the direct pins), requirements-lock.txt (every
package, for `make env`), environment.yml (conda: the direct pins), requirements-min.txt (the
floors) and pyproject.toml; .ci/run calls the README's test command first."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_in(filename: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonical(name)] = version
    return pins


def pip_pins() -> dict[str, str]:
    return pins_in("requirements.txt")


def pyproject_floors() -> dict[str, str]:
    """``name -> floor`` of each dependency in pyproject.toml (each must be ``name>=floor``)."""
    floors = {}
    for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        req = Requirement(dep)
        (spec,) = req.specifier
        assert spec.operator == ">=", dep
        floors[canonical(req.name)] = spec.version
    return floors


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s*-\s*([A-Za-z0-9_.-]+)\s*(==|=)\s*([0-9][^\s#]*)", line)
        if m and m.group(1).lower() != "python":
            pins[canonical(m.group(1))] = m.group(3)
    return pins


def test_every_pip_pin_is_in_environment_yml_with_the_same_version():
    pip, conda = pip_pins(), conda_pins()
    assert pip == conda, {k: (pip.get(k), conda.get(k)) for k in set(pip) | set(conda) if pip.get(k) != conda.get(k)}


def test_environment_ends_with_editable_install():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text
    assert text.rstrip().splitlines()[-1].strip() == "- -e ."


def test_all_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-lock.txt", "requirements-min.txt"):
        lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
        assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^\s=]*", line) for line in lines if line), name


def test_the_lock_has_every_direct_pin_at_the_same_version():
    """requirements-lock.txt (the pip freeze of a fresh `make env`) agrees with requirements.txt: regenerate with `make lock`."""
    pip, lock = pip_pins(), pins_in("requirements-lock.txt")
    assert {k: (v, lock.get(k)) for k, v in pip.items() if lock.get(k) != v} == {}
    assert len(lock) > 100 and "unzh" not in lock and "pip" not in lock


def test_floors_in_pyproject_are_requirements_min():
    """pyproject.toml's `name>=floor` are exactly the versions `make test-min` installs."""
    assert pyproject_floors() == pins_in("requirements-min.txt")


def test_every_dependency_is_pinned_at_or_above_its_floor():
    pip = pip_pins()
    floors = pyproject_floors()
    assert {k: (floors[k], pip.get(k)) for k in floors if k not in pip or Version(pip[k]) < Version(floors[k])} == {}


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make figures" in readme
    commands = [c for c in ci.splitlines() if c.strip() and not c.startswith("#") and not c.startswith(("set ", "cd "))]
    # the browser for the browser test (an install step that never fails the run), then the README's
    # command first, then ruff, floors, 3.13
    assert commands == ["bash .ci/install-browser", "make test", "make lint", "make test-min", "make test-py313"]
    install = (ROOT / ".ci" / "install-browser").read_text()
    assert "apt-get install -y -qq chromium" in install and install.rstrip().endswith("exit 0")
    makefile = (ROOT / "Makefile").read_text()
    assert "\nlint: $(STAMP) ## " in makefile and "ruff check src tests bench" in makefile
    assert "\ntest-min: $(MINSTAMP) ## " in makefile and "-r requirements-min.txt" in makefile
    assert "\ntest-py313: ## " in makefile
