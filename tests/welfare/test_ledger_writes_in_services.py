"""The ledger is written in one module: ``shop/welfare/services.py`` locks wallets and posts
entries; every other module calls its public functions and imports nobody's private names."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WELFARE = ROOT / "shop" / "welfare"
LEDGER_MODELS = {"LedgerEntry", "Wallet"}
WRITES = {
    "bulk_create",
    "bulk_update",
    "create",
    "delete",
    "get_or_create",
    "select_for_update",
    "update",
    "update_or_create",
}


def ledger_writes(source: str) -> list[str]:
    """Calls such as ``Wallet.objects.select_for_update()`` or ``LedgerEntry.objects.create()``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITES:
            continue
        base = node.func.value
        while isinstance(base, ast.Attribute | ast.Call):
            base = base.func if isinstance(base, ast.Call) else base.value
        if isinstance(base, ast.Name) and base.id in LEDGER_MODELS:
            found.append(f"line {node.lineno}: {base.id}….{node.func.attr}()")
    return found


def private_welfare_imports(source: str) -> list[str]:
    return [
        f"line {node.lineno}: {node.module}.{alias.name}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("shop.welfare")
        for alias in node.names
        if alias.name.startswith("_")
    ]


def test_the_checks_see_a_lock_a_post_and_a_private_import():
    source = (
        "from shop.welfare.services import _post\n"
        "Wallet.objects.select_for_update().filter(pk=1)\n"
        "LedgerEntry.objects.create(kind='fund')\n"
    )
    assert len(ledger_writes(source)) == 2
    assert private_welfare_imports(source) == ["line 1: shop.welfare.services._post"]


def test_only_services_locks_wallets_or_posts_entries():
    modules = [p for p in WELFARE.rglob("*.py") if "migrations" not in p.parts and p.name != "services.py"]
    offenders = {str(p.relative_to(ROOT)): found for p in modules if (found := ledger_writes(p.read_text()))}
    assert offenders == {}


def test_nobody_imports_a_private_name_of_welfare():
    modules = [
        p for folder in ("shop", "forked_apps", "tests", "benchmarks") for p in (ROOT / folder).rglob("*.py")
    ]
    offenders = {
        str(p.relative_to(ROOT)): found for p in modules if (found := private_welfare_imports(p.read_text()))
    }
    assert offenders == {}
