#!/usr/bin/env bash
# The shop's daily jobs, run once a day by atc56w-daily.timer (deploy/systemd/).
#
# Each job is a management command; one that this installation does not have (yet) is
# skipped with a message, so the list can name jobs that other parts of the shop add later.
# A failing job does not stop the others; the script exits non-zero if any failed, which
# makes systemd mark the run as failed (journalctl -u atc56w-daily).
#
# Override the list with SHOP_DAILY_COMMANDS, jobs separated by ";", e.g.
#   SHOP_DAILY_COMMANDS="expire_credit;charter_refresh" deploy/daily.sh
set -uo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

DEFAULT_COMMANDS=(
    "expire_credit"              # welfare credit of plans that ended is expired (ledger entries)
    "charter_refresh"            # suppliers whose charter grace period ended stop selling
    "bookings_release_holds"     # booking slots held in baskets whose hold lapsed go back on sale
    "bookings_expire"            # bookings suppliers did not answer in time: refunded (also every 5 min)
    "send_daily_summaries"       # summaries to HR contacts and suppliers
    "update_index --age 26"      # search index: products changed in the last day
    "axes_reset_logs --age 90"   # login logs older than 90 days (privacy: keep no more)
    "clearsessions"              # expired database sessions (no-op with Redis sessions)
    "verify_wallets"             # last: every wallet must still equal the sum of its ledger
)

if [[ -n "${SHOP_DAILY_COMMANDS:-}" ]]; then
    IFS=';' read -r -a COMMANDS <<< "${SHOP_DAILY_COMMANDS}"
else
    COMMANDS=("${DEFAULT_COMMANDS[@]}")
fi

if ! AVAILABLE="$("$PY" manage.py help --commands 2>&1)"; then
    echo "daily: cannot list management commands:" >&2
    echo "$AVAILABLE" >&2
    exit 2
fi

failed=0
for job in "${COMMANDS[@]}"; do
    job="$(echo "$job" | xargs)"   # trim
    [[ -z "$job" ]] && continue
    name="${job%% *}"
    if ! grep -qx "$name" <<< "$AVAILABLE"; then
        echo "daily: skip $name (not installed in this version of the shop)"
        continue
    fi
    echo "daily: run $job"
    started=$(date +%s)
    # shellcheck disable=SC2086  # the job's arguments are meant to be split
    if "$PY" manage.py $job; then
        echo "daily: ok $name ($(( $(date +%s) - started ))s)"
    else
        echo "daily: FAILED $name (exit $?)" >&2
        failed=1
    fi
done
exit $failed
