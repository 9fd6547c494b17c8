"""environment.yml (conda) pins the same versions as requirements.txt (pip); .ci/run calls the README's test command."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s*-\s*([A-Za-z0-9_.-]+)\s*(==|=)\s*([0-9][^\s#]*)", line)
        if m and m.group(1).lower() != "python":
            pins[m.group(1).lower()] = m.group(3)
    return pins


def test_every_pip_pin_is_in_environment_yml_with_the_same_version():
    pip, conda = pip_pins(), conda_pins()
    assert pip == conda, {k: (pip.get(k), conda.get(k)) for k in set(pip) | set(conda) if pip.get(k) != conda.get(k)}


def test_environment_ends_with_editable_install():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text
    assert text.rstrip().splitlines()[-1].strip() == "- -e ."


def test_all_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert all("==" in line for line in lines if line)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make figures" in readme
    commands = [c for c in ci.splitlines() if c.strip() and not c.startswith("#") and not c.startswith(("set ", "cd "))]
    assert commands[0] == "make test"  # the README's command, first
    assert commands[1:] == ["make test-py313"]  # then the other lanes (each a Makefile target)
