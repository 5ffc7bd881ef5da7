"""The layers of docs/architecture.md are import-linter contracts (pyproject.toml, run by
``make lint`` and CI): they hold on the tree, and one import that crosses them makes
``lint-imports`` fail, an import inside a function included."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the Python packages and the contracts, to add one import to."""
    base = tmp_path_factory.mktemp("layers")
    skip = shutil.ignore_patterns("__pycache__", "locale", "templates", "static", "*.mo", "*.po")
    for name in ("shop", "forked_apps"):
        shutil.copytree(ROOT / name, base / name, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", base / "pyproject.toml")
    return base


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract(tree):
    run = lint_imports(tree)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        # The bottom layer uses no rule app.
        ("shop/core/probe.py", "from shop.welfare import models\n", "Layers:"),
        # A rule app reads another one's models only through its selectors.
        ("shop/welfare/probe.py", "from shop.bookings import models\n", "Rule apps use each other"),
        # km0 below needs: needs reads km0's selectors, so km0 reading needs' is a cycle, even
        # when the import hides inside a function.
        (
            "shop/km0/probe.py",
            "def f():\n    from shop.needs import selectors\n\n    return selectors\n",
            "No cycles between the apps",
        ),
        # Reports only read.
        ("shop/reports/probe.py", "from shop.welfare import services\n", "Reports read"),
        # Nothing in shop/ reaches into a fork's views.
        ("shop/marketplace/probe.py", "from forked_apps.checkout import views\n", "views of a fork"),
    ],
)
def test_one_forbidden_import_breaks_its_contract(tree, module, source, contract):
    probe = tree / module
    probe.write_text(source)
    try:
        run = lint_imports(tree)
    finally:
        probe.unlink()
    # The tree alone keeps every contract (the test above): what breaks is the probe's doing.
    assert run.returncode != 0
    assert contract in run.stdout.split("Broken contracts")[-1]
