"""Load and fault run: Locust against gunicorn on PostgreSQL, then the invariants.

One command (``make load``; ``make load-fault`` adds ``--fault pg-restart``) that:

1. builds a throwaway shop in a PostgreSQL database ``atc56w_load_<pid>`` and a temporary
   VAR_DIR (migrate, demo data, logins for the buyers, search index, static files) with the
   storefront benchmark's set-up (benchmarks/storefront.py);
2. serves it with gunicorn as deploy/gunicorn.conf.py configures it, bound to 127.0.0.1;
3. runs Locust headless and bounded in time (benchmarks/load/locustfile.py): anonymous
   browsing, search, basket, employees checking out with welfare credit, each with their own
   login, and a few of them racing for a scarce product;
4. with ``--fault pg-restart`` restarts PostgreSQL halfway through, probes the shop every
   0.2 s with a logged-in page, and reports the restart, the errors inside the window and
   outside it, and the time until the shop answered again;
5. runs ``manage.py check_invariants`` on what the load left behind;
6. prints requests/s, median and p99 latency, errors, the fault figures and the invariants,
   and exits non-zero if an invariant failed or a request failed (outside the fault window).

PostgreSQL: the machine's cluster (``--pg-cluster machine``, the default without a fault) or
a private cluster of the same PostgreSQL made for the run in a temporary folder (``own``,
the default with a fault: restarting it breaks no one else's connections). Only 127.0.0.1
is ever loaded; everything is stopped and removed at the end, also on errors and signals.

    .venv/bin/python benchmarks/load/run.py [--users 30] [--spawn-rate 10] [--duration 60]
        [--buyers 10] [--scarce-buyers 4] [--scarce-stock 5] [--fault pg-restart]
        [--pg-cluster machine|own] [--restart-at 0.5] [--keep]
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from storefront import HOST, ROOT, Bench, http_get, log  # noqa: E402

HERE = Path(__file__).resolve().parent
PG_BIN = Path("/usr/lib/postgresql")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--buyers", type=int, default=10, help="employees checking out, one login each")
    parser.add_argument("--scarce-buyers", type=int, default=4)
    parser.add_argument("--scarce-stock", type=int, default=5)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (GUNICORN_WORKERS)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (GUNICORN_THREADS)")
    parser.add_argument("--fault", choices=("none", "pg-restart"), default="none")
    parser.add_argument("--restart-at", type=float, default=0.5, help="fraction of the run")
    parser.add_argument("--pg-cluster", choices=("machine", "own"), default=None)
    parser.add_argument("--pg", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--redis", default="", help="REDIS_URL for cache and sessions (default: none)")
    parser.add_argument("--keep", action="store_true", help="keep the database (dropped by default)")
    parser.add_argument("--out", default="", help="results folder (default: a temporary one, kept)")
    args = parser.parse_args()
    if args.pg_cluster is None:
        args.pg_cluster = "own" if args.fault == "pg-restart" else "machine"
    if args.users < args.buyers + args.scarce_buyers + 3:
        parser.error("--users must leave room for the visitors: at least buyers + scarce buyers + 3")
    if not args.out:
        args.out = str(Path(tempfile.gettempdir()) / f"atc56w-load-results-{os.getpid()}")
    return args


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --- PostgreSQL ----------------------------------------------------------------------------


def quiet(cmd: list[str], timeout=120) -> None:
    """Run a server control command; a server it starts must not inherit a pipe of ours."""
    subprocess.run(
        cmd,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
    )


class MachineCluster:
    """The machine's cluster, restarted with pg_ctlcluster (pg_ctl as a fallback)."""

    def __init__(self, url: str):
        self.url = url
        clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()
        self.version, self.name = (clusters[0], clusters[1]) if clusters else (None, None)

    def start(self):
        pass

    def restart(self):
        if shutil.which("pg_ctlcluster") and self.version:
            cmd = ["pg_ctlcluster", self.version, self.name, "restart"]
        else:
            data = subprocess.run(
                ["psql", f"{self.url}/postgres", "-Atc", "show data_directory"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            cmd = ["runuser", "-u", "postgres", "--", "pg_ctl", "-D", data, "-m", "fast", "-w", "restart"]
        quiet(cmd)

    def stop(self):
        pass

    def describe(self) -> str:
        return f"the machine's cluster {self.version}/{self.name} ({self.url})"


class OwnCluster:
    """A private cluster of the machine's PostgreSQL in a temporary folder, on a free port."""

    def __init__(self):
        versions = sorted((p.name for p in PG_BIN.glob("*") if (p / "bin" / "pg_ctl").exists()), key=float)
        if not versions:
            raise RuntimeError(f"no PostgreSQL server binaries under {PG_BIN}")
        self.version = versions[-1]
        self.bin = PG_BIN / self.version / "bin"
        self.dir = Path(tempfile.mkdtemp(prefix=f"atc56w-load-pg-{os.getpid()}-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@{HOST}:{self.port}"
        self.started = False

    def pg_ctl(self, *args):
        # The server's output goes to its log file: a pipe here would be held open by it.
        log_file = ["-l", str(self.dir / "postgresql.log")] if args[-1] in ("start", "restart") else []
        quiet(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                *log_file,
                *args,
            ]
        )

    def start(self):
        shutil.chown(self.dir, user="postgres", group="postgres")
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -k {self.dir} -c max_connections=100 -c fsync=on"
        )
        self.pg_ctl("-o", options, "-w", "start")
        self.started = True

    def restart(self):
        # Fast shutdown (what pg_ctlcluster restart does): open sessions are cut, then back up.
        self.pg_ctl("-m", "fast", "-w", "restart")

    def stop(self):
        if self.started:
            try:
                self.pg_ctl("-m", "immediate", "-w", "stop")
            except subprocess.SubprocessError as exc:
                log(f"could not stop the private PostgreSQL: {exc}")
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def describe(self) -> str:
        return f"a private PostgreSQL {self.version} cluster on {HOST}:{self.port}"


# --- the run -------------------------------------------------------------------------------


class LoadBench(Bench):
    """The storefront benchmark's set-up, on a database of its own, gunicorn as deployed."""

    def create_pg(self) -> None:
        self.pg_name = f"atc56w_load_{os.getpid()}"
        self.pg(f'CREATE DATABASE "{self.pg_name}"')

    def env(self, kind: str) -> dict:
        env = super().env(kind)
        env.update(
            GUNICORN_BIND=f"{HOST}:{self.args.port}",
            GUNICORN_WORKERS=str(self.args.workers),
            GUNICORN_THREADS=str(self.args.threads),
            GUNICORN_LOG_LEVEL="warning",
        )
        return env

    def gunicorn_command(self) -> list[str]:
        # deploy/gunicorn.conf.py with its bind, workers and threads from the environment.
        return [str(Path(self.python).parent / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]

    def load_side(self, *cmd, timeout=900):
        return json.loads(self.run("postgres", str(HERE / "django_side.py"), *cmd, timeout=timeout))


class Probe(threading.Thread):
    """A logged-in page every 0.2 s: when the shop stopped answering and when it came back."""

    def __init__(self, port: int, session: str):
        super().__init__(daemon=True)
        self.url = f"http://{HOST}:{port}/basket/"
        self.cookie = f"sessionid={session}"
        self.samples: list[tuple[float, float, int]] = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            started = time.time()
            try:
                request = urllib.request.Request(self.url, headers={"Cookie": self.cookie})
                with urllib.request.urlopen(request, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                status = 0
            self.samples.append((started, time.time(), status))
            self.done.wait(0.2)


def restart_postgres(cluster, at: float, fault: dict) -> None:
    time.sleep(at)
    fault["loadavg_before"] = loadavg()
    log(f"restarting PostgreSQL ({cluster.describe()})")
    fault["restart_began"] = time.time()
    try:
        cluster.restart()
    except Exception as exc:  # reported, and the run fails
        fault["restart_error"] = str(exc)
    fault["restart_ended"] = time.time()
    log(f"PostgreSQL restarted in {fault['restart_ended'] - fault['restart_began']:.2f} s")


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def fault_figures(fault: dict, probe: Probe, events: list) -> dict:
    began, ended = fault["restart_began"], fault["restart_ended"]
    after = [s for s in probe.samples if s[0] >= ended]
    recovered = next((s[1] for s in after if s[2] == 200), None)
    failed_probes = [s for s in probe.samples if s[2] != 200]
    fault["restart_s"] = ended - began
    fault["recovered_at"] = recovered
    fault["time_to_recovery_s"] = (recovered - began) if recovered else None
    fault["probe_failures"] = len(failed_probes)
    fault["probe_failures_after_recovery"] = len([s for s in failed_probes if recovered and s[0] > recovered])
    window_end = recovered or float("inf")
    # A request is in the window if it was under way at some moment between the restart and
    # the shop's first good answer after it.
    inside = [e for e in events if e[0] <= window_end and e[1] >= began]
    outside = [e for e in events if not (e[0] <= window_end and e[1] >= began)]
    fault["requests_in_window"] = len(inside)
    fault["errors_in_window"] = sum(1 for e in inside if not e[3])
    fault["errors_outside_window"] = sum(1 for e in outside if not e[3])
    fault["requests_after_recovery"] = sum(1 for e in outside if e[0] > window_end)
    fault["errors_after_recovery"] = sum(1 for e in outside if e[0] > window_end and not e[3])
    fault["place_order_failed_in_window"] = sum(
        1 for e in inside if not e[3] and e[2].endswith("place_order")
    )
    fault["error_sample"] = sorted({e[4] for e in inside if not e[3]})[:5]
    return fault


def fmt(value, digits=1) -> str:
    if value is None or value == "" or value != value:
        return "-"
    return f"{float(value):.{digits}f}"


def report(args, env_lines, rows, outcome, invariants, fault, server_errors, cluster) -> tuple[str, bool]:
    total = next(r for r in rows if r["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    out = ["```", *env_lines, "```", ""]
    out.append("| request | count | errors | req/s | p50 ms | p99 ms | max ms |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        name = "**all**" if r["Name"] == "Aggregated" else r["Name"]
        out.append(
            f"| {name} | {r['Request Count']} | {r['Failure Count']} | {fmt(r['Requests/s'])} | "
            f"{fmt(r['50%'], 0)} | {fmt(r['99%'], 0)} | {fmt(r['Max Response Time'], 0)} |"
        )
    out.append("")
    scarce = outcome["scarce"]
    out.append(
        f"Orders placed: {outcome['buyer_orders']} by the employees "
        f"({outcome['buyer_orders_with_credit']} paid partly with welfare credit, {outcome['credit_used']} € "
        f"of credit); {outcome['locust'].get('checkouts completed', 0)} of "
        f"{outcome['locust'].get('checkouts', 0)} everyday checkouts completed. Scarce product: "
        f"{scarce['stock']} in stock, {scarce['allocated']} allocated, "
        f"{scarce['units_ordered']} units ordered in "
        f"{outcome['locust'].get('scarce bought', 0)} orders, "
        f"{outcome['locust'].get('scarce refused', 0)} place-order attempts refused, "
        f"{outcome['locust'].get('scarce stopped early', 0)} stopped before (sold out) of "
        f"{outcome['locust'].get('scarce attempts', 0)} attempts."
    )
    out.append("")
    checks = []
    if fault:
        out.append(f"Fault: PostgreSQL restarted ({cluster.describe()}) at +{fault['at_s']:.0f} s:")
        out.append("")
        out.append(f"- restart took {fmt(fault.get('restart_s'), 2)} s (stop, start, accepting connections)")
        out.append(
            f"- time to recovery (restart began -> first good answer of the probe): "
            f"{fmt(fault.get('time_to_recovery_s'), 2)} s"
        )
        out.append(
            f"- requests under way in the window: {fault['requests_in_window']}, of which failed: "
            f"{fault['errors_in_window']} ({', '.join(fault['error_sample']) or 'none'})"
        )
        out.append(
            f"- place-order requests failed in the window: {fault['place_order_failed_in_window']} "
            "(each rolled back whole: see orders_complete and orders_credit_match_ledger below)"
        )
        out.append(
            f"- requests after recovery: {fault['requests_after_recovery']}, failed: "
            f"{fault['errors_after_recovery']}; errors outside the window: {fault['errors_outside_window']}"
        )
        out.append(
            f"- probe: {fault['probe_failures']} failed answers, "
            f"{fault['probe_failures_after_recovery']} after recovery"
        )
        out.append(f"- 5xx answers in gunicorn's access log: {server_errors} (expected only in the window)")
        out.append("")
        checks.append(("PostgreSQL restarted", "restart_error" not in fault))
        checks.append(("the shop recovered by itself", fault.get("recovered_at") is not None))
        checks.append(("0 errors outside the restart window", fault["errors_outside_window"] == 0))
        checks.append(("0 failed probes after recovery", fault["probe_failures_after_recovery"] == 0))
    else:
        checks.append((f"0 errors ({failures} of {requests} requests failed)", failures == 0))
        checks.append((f"no 5xx answer in gunicorn's access log ({server_errors})", server_errors == 0))
    out.append(
        "Invariants (manage.py check_invariants) after the run, on "
        + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in invariants.get("checked", {}).items())
        + ":"
    )
    out.append("")
    for name, check in invariants.get("checks", {}).items():
        out.append(
            f"- {name}: {'held' if check['held'] else 'FAILED: ' + '; '.join(check['violations'][:5])}"
        )
        checks.append((f"invariant {name}", check["held"]))
    if not invariants.get("checks"):
        checks.append(("invariants checked", False))
    out.append("")
    for label, ok in checks:
        out.append(f"- {label}: {'HELD' if ok else 'MISSED'}")
    return "\n".join(out) + "\n", all(ok for _label, ok in checks)


def main() -> int:
    args = parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cluster = OwnCluster() if args.pg_cluster == "own" else MachineCluster(args.pg)
    if args.pg_cluster == "own":
        args.pg = cluster.url
    bench = LoadBench(args)
    bench.out = out
    probe = None

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    env_lines = [
        f"date: {time.strftime('%Y-%m-%dT%H:%M:%S%z')}",
        f"host: {os.uname().sysname} {os.uname().release}, {os.cpu_count()} cores, shared with other work",
        f"loadavg at start: {loadavg()}",
    ]
    try:
        cluster.start()
        bench.create_pg()
        log(f"database {bench.pg_name} on {cluster.describe()}: migrate, demo data")
        bench.manage("postgres", "migrate", "--noinput", "-v0")
        bench.manage("postgres", "load_demo", "-v0")
        bench.side("postgres", "prepare")
        pool = args.buyers + args.scarce_buyers + 1  # the last login is the probe's
        buyers = bench.side("postgres", "buyers", str(pool))
        if len(buyers["buyers"]) < pool:
            raise RuntimeError(f"only {len(buyers['buyers'])} eligible employees with credit, {pool} needed")
        (out / "buyers.json").write_text(json.dumps(buyers))
        targets = bench.load_side("targets", str(out / "buyers.json"), str(args.scarce_stock))
        (out / "targets.json").write_text(json.dumps(targets, indent=1))
        log("search index, static files")
        bench.manage("postgres", "rebuild_index", "--noinput", "-v0", timeout=1800)
        bench.manage("postgres", "collectstatic", "--noinput", "-v0")
        bench.start_server("postgres")
        for path in ("/", targets["categories"][0], targets["products"][0], "/search/?q=miele"):
            log(f"GET {path} -> {http_get(path, args.port)[0]}")

        env = dict(
            os.environ,
            LOAD_TARGETS=str(out / "targets.json"),
            LOAD_EVENTS=str(out / "events.json"),
            LOAD_BUYERS=str(args.buyers),
            LOAD_SCARCE_BUYERS=str(args.scarce_buyers),
        )
        locust = [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            f"{args.duration}s",
            "--host",
            f"http://{HOST}:{args.port}",
            "--csv",
            str(out / "locust"),
            "--only-summary",
            "--stop-timeout",
            "15",
            "--loglevel",
            "WARNING",
        ]
        env_lines += [
            f"server: gunicorn -c deploy/gunicorn.conf.py, {args.workers} workers x {args.threads} threads "
            f"(gthread), DEBUG=False, SHOP_ENV=development (plain HTTP), {HOST}:{args.port}",
            f"database: {cluster.describe()}"
            + (
                f", Redis {args.redis}" if args.redis else ", no Redis (locmem cache, sessions in PostgreSQL)"
            ),
            f"load: locust {' '.join(locust[3:12])}; {args.buyers} buyers, "
            f"{args.scarce_buyers} scarce buyers "
            f"({args.scarce_stock} units), the rest visitors, searchers, shoppers (4:2:2)",
        ]
        probe = Probe(args.port, buyers["buyers"][-1]["session"])
        probe.start()
        fault = {}
        restarter = None
        if args.fault == "pg-restart":
            fault["at_s"] = args.duration * args.restart_at
            restarter = threading.Thread(
                target=restart_postgres, args=(cluster, fault["at_s"], fault), daemon=True
            )
        log(f"locust: {args.users} users for {args.duration} s, loadavg {loadavg()}")
        started = time.time()
        with open(out / "locust.log", "w") as locust_log:
            runner = subprocess.Popen(locust, cwd=ROOT, env=env, stdout=locust_log, stderr=subprocess.STDOUT)
            if restarter:
                restarter.start()
            try:
                runner.wait(timeout=args.duration + 120)
            finally:
                if runner.poll() is None:
                    runner.terminate()
                    runner.wait(timeout=30)
        if restarter:
            restarter.join(timeout=180)
        env_lines.append(f"loadavg at end of load: {loadavg()} ({time.time() - started:.0f} s)")
        probe.done.set()
        probe.join(timeout=15)
        bench.stop_server()
        server_log = (out / "gunicorn-postgres.log").read_text(errors="replace")
        # Answers 500-599 in gunicorn's access log (a refused order logs a traceback but is a 200).
        server_errors = len(re.findall(r'" 5\d\d \d+ ', server_log))

        rows = read_stats(out / "locust")
        recorded = json.loads((out / "events.json").read_text())
        if fault:
            fault = fault_figures(fault, probe, recorded["events"])
        outcome = bench.load_side("outcome", str(out / "targets.json"))
        outcome["locust"] = recorded["outcomes"]
        check = subprocess.run(
            [bench.python, "manage.py", "check_invariants", "--json"],
            cwd=ROOT,
            env=bench.env("postgres"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        (out / "invariants.txt").write_text(check.stdout + check.stderr)
        try:
            invariants = json.loads(check.stdout)
        except ValueError:
            invariants = {}
        text, ok = report(args, env_lines, rows, outcome, invariants, fault, server_errors, cluster)
        (out / "summary.md").write_text(text)
        (out / "results.json").write_text(
            json.dumps({"fault": fault, "outcome": outcome, "invariants": invariants}, indent=1, default=str)
        )
        print(text)
        log(f"results in {out}")
        return 0 if ok else 1
    except KeyboardInterrupt:
        log("interrupted: cleaning up")
        return 130
    finally:
        if probe:
            probe.done.set()
        if args.keep:
            log(f"database {bench.pg_name} kept (--keep) on {cluster.describe()}")
            bench.pg_name = None
            cluster.started = False  # a private cluster keeps running; pg_ctl stop it by hand
        bench.cleanup()
        if not args.keep:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
