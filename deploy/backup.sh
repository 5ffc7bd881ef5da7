#!/usr/bin/env bash
# Back up AtC56W+: the PostgreSQL database (pg_dump custom format) and the media files.
#
#   deploy/backup.sh                      # uses DATABASE_URL, MEDIA_ROOT, BACKUP_DIR
#
# Environment (the same file as the app: /etc/atc56w/atc56w.env):
#   DATABASE_URL       postgres://user:pass@host:5432/atc56w (required; PostgreSQL only)
#   MEDIA_ROOT         uploaded files             (default: var/media beside manage.py)
#   SHOP_PRIVATE_MEDIA_ROOT  receipts, signed PDFs (default: var/private beside manage.py)
#   BACKUP_DIR         where backups are written  (default: /srv/atc56w/backups)
#   BACKUP_KEEP_DAYS   older backups are deleted  (default: 14; 0 keeps everything)
#
# Writes BACKUP_DIR/atc56w-<UTC timestamp>/{db.dump,media.tar.gz,private.tar.gz,SHA256SUMS}
# and prints
# that folder's path on the last line. A backup is only published (renamed from .partial)
# once both parts and their checksums are written. Restore with deploy/restore.sh.
# Copy BACKUP_DIR to another machine or bucket: a backup on the same disk is not a backup.
set -euo pipefail

cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to back up}"
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "backup: DATABASE_URL is not PostgreSQL; back up the SQLite file by copying it" >&2; exit 2 ;;
esac
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/var/media}"
PRIVATE_ROOT="${SHOP_PRIVATE_MEDIA_ROOT:-$PWD/var/private}"
BACKUP_DIR="${BACKUP_DIR:-/srv/atc56w/backups}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/atc56w-$stamp"
work="$target.partial"
mkdir -p "$BACKUP_DIR"
umask 077   # backups hold personal data: readable by the service user only
rm -rf "$work"
mkdir "$work"
trap 'rm -rf "$work"' EXIT

# libpq understands the same URL Django reads. Custom format: compressed, restorable
# table by table, and pg_restore can check it (--list) without a database.
pg_dump --format=custom --compress=6 --no-owner --no-privileges \
    --file="$work/db.dump" "$DATABASE_URL"
pg_restore --list "$work/db.dump" > /dev/null

archive() {  # archive FOLDER NAME: the folder's content, or an empty archive if it is absent
    if [[ -d "$1" ]]; then
        tar --create --gzip --file="$work/$2" --directory="$1" .
    else
        echo "backup: no folder at $1, writing an empty $2" >&2
        tar --create --gzip --file="$work/$2" --files-from=/dev/null
    fi
}
archive "$MEDIA_ROOT" media.tar.gz
archive "$PRIVATE_ROOT" private.tar.gz

(cd "$work" && sha256sum db.dump media.tar.gz private.tar.gz > SHA256SUMS)
mv "$work" "$target"
trap - EXIT

if [[ "$BACKUP_KEEP_DAYS" -gt 0 ]]; then
    find "$BACKUP_DIR" -maxdepth 1 -type d -name 'atc56w-*' ! -name '*.partial' \
        -mtime +"$BACKUP_KEEP_DAYS" -exec rm -rf {} +
fi

echo "backup: database $(du -h "$target/db.dump" | cut -f1), media $(du -h "$target/media.tar.gz" | cut -f1), private $(du -h "$target/private.tar.gz" | cut -f1)"
echo "$target"
