"""deploy/backup.sh then deploy/restore.sh into a new PostgreSQL database: nothing is lost."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres_tools():
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore need PostgreSQL (set DATABASE_URL)")
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _psql(url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", url, "--no-psqlrc", "--tuples-only", "--no-align", "--command", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.fixture
def restore_db():
    """A new, empty database on the same server, dropped afterwards."""
    name = f"atc56w_restore_{uuid.uuid4().hex[:10]}"
    admin = _url("postgres")
    _psql(admin, f'CREATE DATABASE "{name}"')
    try:
        yield _url(name)
    finally:
        _psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(script: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(DEPLOY / script), *args],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def backup(tmp_path):
    get_user_model().objects.create_user(username="probe", email="probe@example.org", password="x")
    media = tmp_path / "media"
    (media / "products").mkdir(parents=True)
    (media / "products" / "mela.jpg").write_bytes(b"\xff\xd8\xff fake jpeg bytes")
    private = tmp_path / "private"
    (private / "receipts").mkdir(parents=True)
    (private / "receipts" / "ricevuta.pdf").write_bytes(b"%PDF-1.7 receipt %%EOF")
    result = _run(
        "backup.sh",
        env={
            "DATABASE_URL": _url(connection.settings_dict["NAME"]),
            "MEDIA_ROOT": str(media),
            "SHOP_PRIVATE_MEDIA_ROOT": str(private),
            "BACKUP_DIR": str(tmp_path / "backups"),
        },
    )
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "db.dump",
        "media.tar.gz",
        "private.tar.gz",
    ]
    return folder


def test_backup_restores_into_a_new_database_with_rows_and_media(backup, restore_db, tmp_path):
    restored_media = tmp_path / "restored-media"
    result = _run(
        "restore.sh",
        str(backup),
        env={
            "DATABASE_URL": restore_db,
            "MEDIA_ROOT": str(restored_media),
            "SHOP_PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private"),
        },
    )

    assert result.returncode == 0, result.stderr
    assert _psql(restore_db, "SELECT email FROM auth_user WHERE username = 'probe'") == "probe@example.org"
    assert _psql(restore_db, "SELECT count(*) FROM django_migrations") != "0"
    assert (restored_media / "products" / "mela.jpg").read_bytes() == b"\xff\xd8\xff fake jpeg bytes"
    assert (
        tmp_path / "restored-private" / "receipts" / "ricevuta.pdf"
    ).read_bytes() == b"%PDF-1.7 receipt %%EOF"


def test_restore_refuses_to_overwrite_a_database_without_clean(backup, restore_db, tmp_path):
    env = {
        "DATABASE_URL": restore_db,
        "MEDIA_ROOT": str(tmp_path / "m"),
        "SHOP_PRIVATE_MEDIA_ROOT": str(tmp_path / "p"),
    }
    assert _run("restore.sh", str(backup), env=env).returncode == 0
    again = _run("restore.sh", str(backup), env=env)
    assert again.returncode == 3
    assert "use --clean" in again.stderr
    assert _run("restore.sh", "--clean", str(backup), env=env).returncode == 0
    assert _psql(restore_db, "SELECT count(*) FROM auth_user WHERE username = 'probe'") == "1"


def test_damaged_backup_is_refused_before_touching_the_database(backup, restore_db, tmp_path):
    with open(backup / "media.tar.gz", "ab") as archive:
        archive.write(b"corruption")
    result = _run(
        "restore.sh",
        str(backup),
        env={
            "DATABASE_URL": restore_db,
            "MEDIA_ROOT": str(tmp_path / "m"),
            "SHOP_PRIVATE_MEDIA_ROOT": str(tmp_path / "p"),
        },
    )
    assert result.returncode == 2
    assert "checksums do not match" in result.stderr
    assert (
        _psql(restore_db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        == "0"
    )
