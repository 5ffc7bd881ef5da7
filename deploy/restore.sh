#!/usr/bin/env bash
# Restore an AtC56W+ backup written by deploy/backup.sh.
#
#   deploy/restore.sh BACKUP_FOLDER            # into DATABASE_URL and MEDIA_ROOT
#   deploy/restore.sh --clean BACKUP_FOLDER    # replace what the database already holds
#
# Environment: DATABASE_URL (the target database, which must exist: `createdb atc56w`),
# MEDIA_ROOT (default var/media beside manage.py), SHOP_PRIVATE_MEDIA_ROOT (default
# var/private: claim receipts and signed PDFs, never served by nginx).
#
# Stop the app first (systemctl stop atc56w atc56w-daily.timer). The checksums are
# verified before anything is touched; the database is restored in one transaction, so a
# failed restore leaves it as it was. Afterwards: manage.py migrate (if the code is newer
# than the backup), manage.py rebuild_index, start the app.
set -euo pipefail

clean=0
if [[ "${1:-}" == "--clean" ]]; then
    clean=1
    shift
fi
backup="${1:?usage: deploy/restore.sh [--clean] BACKUP_FOLDER}"
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to restore into}"
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/var/media}"
PRIVATE_ROOT="${SHOP_PRIVATE_MEDIA_ROOT:-$PWD/var/private}"

for part in db.dump media.tar.gz SHA256SUMS; do
    [[ -f "$backup/$part" ]] || { echo "restore: $backup/$part is missing" >&2; exit 2; }
done
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || {
    echo "restore: checksums do not match, the backup is damaged" >&2
    exit 2
}

tables="$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
if [[ "$tables" != "0" && "$clean" != "1" ]]; then
    echo "restore: the target database already has $tables tables; use --clean to replace them" >&2
    exit 3
fi

options=(--no-owner --no-privileges --exit-on-error --single-transaction)
if [[ "$clean" == "1" ]]; then
    options+=(--clean --if-exists)
fi
pg_restore "${options[@]}" --dbname="$DATABASE_URL" "$backup/db.dump"

mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$MEDIA_ROOT"
# Backups from before private files existed have no private.tar.gz.
if [[ -f "$backup/private.tar.gz" ]]; then
    mkdir -p "$PRIVATE_ROOT"
    tar --extract --gzip --file="$backup/private.tar.gz" --directory="$PRIVATE_ROOT"
fi

echo "restore: database and media restored from $backup"
