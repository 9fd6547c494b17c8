"""Build hook: pack the lexicons and notebooks into the wheel as ``unzh/_data/``.

The metadata is all in pyproject.toml; this file only extends ``build_py``.  In a
checkout the files stay where users see and edit them (``data/lexicons/``,
``notebooks/``) and :mod:`unzh.config` reads them there; a wheel carries a copy under
``unzh/_data/`` (git holds one copy only).  Editable installs copy nothing: they run
from the checkout.  MANIFEST.in puts the same files into the sdist, so a wheel built
from the sdist has them too.
"""
from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: (folder in the wheel under unzh/_data, folder in the checkout, file pattern)
BUNDLED = (
    ("lexicons", "data/lexicons", "*"),
    ("notebooks", "notebooks", "*.ipynb"),
)


class build_py_with_data(build_py):
    def _bundled(self) -> list[tuple[Path, Path]]:
        """(source, target) of every file to pack; an empty or missing source folder is an error."""
        pairs = []
        for name, folder, pattern in BUNDLED:
            files = sorted(p for p in Path(folder).glob(pattern) if p.is_file())
            if not files:
                raise FileNotFoundError(f"{folder}/{pattern}: nothing to pack into unzh/_data/{name}")
            pairs += [(p, Path(self.build_lib, "unzh", "_data", name, p.name)) for p in files]
        return pairs

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in self._bundled():
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        return outputs if self.editable_mode else outputs + [str(t) for _, t in self._bundled()]


setup(cmdclass={"build_py": build_py_with_data})
