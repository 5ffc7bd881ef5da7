"""Benchmark: the storefront under load, side by side with vanilla django-oscar 4.2.1.

One command (``make bench``) that, for SQLite and then PostgreSQL:

1. runs the vanilla baseline (``../shared/bench/oscar_baseline/run.sh``) for that database
   and keeps its database for the measures in turns below;
2. builds a throwaway shop from the demo loader (354 products; ``--products N`` clones them
   up to N) in a temporary VAR_DIR, on PostgreSQL in a database ``atc56w_bench_<pid>`` that
   it creates and drops;
3. counts the SQL queries of each page with Django's test client (warm: mean of requests
   2-4), list pages also at 20 and 100 products per page;
4. measures the CPU time of each page in one process (Django's test client, after warm-up:
   benchmarks/storefront_cpu.py and benchmarks/storefront/vanilla_cpu.py), which unlike
   requests/s hardly depends on what else runs on the machine: ``--page-rounds`` rounds, ours
   and vanilla's in turns, medians reported;
5. measures the whole checkout in one process as the baseline's scripts/checkout_cpu.py does
   (benchmarks/storefront/checkout_cpu.py, an employee paying with welfare credit):
   ``--checkout-rounds`` rounds of ``--checkout-cpu`` orders, ours and vanilla's in turns;
6. serves the shop with gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 and measures each
   page with ``wrk -t4 -c4``, 3 s warm-up then 10 s measured: home, a category page, the
   same filtered "within 50 km" and sorted by distance, a product page, search, basket add
   (logged-in POST, one customer per wrk thread) and the basket page;
7. lets buyers arrive at random, ``--rate`` whole checkouts a second paid with welfare credit
   for ``--load-seconds`` (open loop), then checks the ledger (``check_invariants``,
   ``verify_wallets``, none below zero);
8. prints both sides, the ratios and the targets of issue 23 as HELD or MISSED, and exits
   non-zero when one is missed.

Everything listens on 127.0.0.1 only and is stopped and removed at the end, also on errors.

    .venv/bin/python benchmarks/storefront.py [--db sqlite,postgres] [--products 10000]
        [--duration 10] [--warmup 3] [--page-rounds 3] [--checkout-rounds 5] [--no-vanilla]
        [--redis URL] [--out DIR]
        [--quick]   # smoke run: 2 s per row, one round, 3 orders (figures not comparable)
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "benchmarks" / "storefront"
# Beside the repository (/work/main -> /work/shared), or beside a worktree's parent folder.
BASELINE = next(
    (
        folder / "shared" / "bench" / "oscar_baseline"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "bench" / "oscar_baseline" / "run.sh").exists()
    ),
    ROOT.parent / "shared" / "bench" / "oscar_baseline",
)
HOST = "127.0.0.1"

# Page kinds compared with vanilla: ours -> vanilla row (vanilla's "/" is a redirect to its
# catalogue, so the home page is compared with the page a vanilla visitor lands on).
COMPARED = {
    "home": "catalogue",
    "category": "category",
    "category_km": "category",
    "product": "product",
    "search": "search",
    "basket_add": "basket_add",
    "basket_page": "basket_page",
}
QUERY_LIMIT = 15
CPU_REQUESTS = 20  # requests per page for the CPU time per page
CPU_CUSTOMER = "bench.customer4@example.org"  # django_side.py's customer, as in the wrk basket rows
# Our page -> vanilla's page of the same kind, for the CPU time table.
CPU_COMPARED = {
    "home": "catalogue",
    "category": "category",
    "category_km": "category",
    "product": "product",
    "search": "search",
    "basket_add": "basket_add",
    "basket_page": "basket_page",
    "home_employee": "catalogue",
    "category_employee": "category",
    "product_employee": "product",
    "search_employee": "search",
    "basket_add_employee": "basket_add",
    "basket_page_employee": "basket_page",
}
CPU_ROWS = list(CPU_COMPARED)
# An employee's page -> the same page for an anonymous visitor (issue 23: at most 1.3x its CPU).
EMPLOYEE_VS_ANONYMOUS = {
    "home_employee": "home",
    "category_employee": "category_km",
    "product_employee": "product",
    "search_employee": "search",
    "basket_add_employee": "basket_add",
    "basket_page_employee": "basket_page",
}
SIZED_PAGES = ("category_km", "catalogue_km", "search", "category_km_employee", "search_employee")
CHECKOUT_P99_MS = 300.0
CHECKOUT_STEPS = (
    "basket_add",
    "shipping_address",
    "shipping_method",
    "payment_details",
    "preview",
    "place_order",
    "thank_you",
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--products", type=int, default=0, help="clone the demo products up to N")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--buyers", type=int, default=60, help="employees the checkouts are spread over")
    parser.add_argument("--rate", type=float, default=3.0, help="checkouts started per second (open loop)")
    parser.add_argument("--load-seconds", type=float, default=60.0, help="how long checkouts keep arriving")
    parser.add_argument(
        "--checkout-cpu", type=int, default=10, help="checkouts of the in-process CPU measure, each round"
    )
    parser.add_argument(
        "--page-rounds",
        type=int,
        default=3,
        help="rounds of the CPU time per page, ours and vanilla's in turns (medians reported)",
    )
    parser.add_argument(
        "--checkout-rounds",
        type=int,
        default=5,
        help="rounds of the in-process checkout, ours and vanilla's in turns (median reported)",
    )
    parser.add_argument(
        "--tasks-redis",
        default=os.environ.get("TASKS_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Redis of the email task queue (an rqworker runs beside gunicorn); '' runs emails in-process",
    )
    parser.add_argument("--pg", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        help="REDIS_URL for cache and sessions, as deployed (deploy/atc56w.env.example); "
        "'' for the local-memory cache and database sessions",
    )
    parser.add_argument("--no-vanilla", action="store_true", help="skip the vanilla baseline")
    parser.add_argument(
        "--baseline",
        default=os.environ.get("OSCAR_BASELINE", str(BASELINE)),
        help="folder of the vanilla baseline's run.sh (default: %(default)s)",
    )
    parser.add_argument("--out", default="", help="results folder (default: a temporary one, kept)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 s warm-up + 2 s per row, checkouts for 10 s, 3 checkouts in one process",
    )
    args = parser.parse_args()
    if args.quick:
        args.duration, args.warmup, args.load_seconds, args.checkout_cpu = 2, 1, 10.0, 3
        args.checkout_rounds = args.page_rounds = 1
        args.buyers = min(args.buyers, 20)
    return args


# --- processes -----------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix=f"atc56w-bench-{os.getpid()}-"))
        self.out = Path(args.out) if args.out else self.tmp.parent / f"atc56w-bench-results-{os.getpid()}"
        self.out.mkdir(parents=True, exist_ok=True)
        self.server = None
        self.worker = None
        self.pg_name = None
        self.python = sys.executable
        self.tasks_redis = args.tasks_redis if args.tasks_redis and redis_answers(args.tasks_redis) else ""
        if args.tasks_redis and not self.tasks_redis:
            log(f"no Redis at {args.tasks_redis}: emails are sent in the request's process")
        if args.redis and not redis_answers(args.redis):
            log(f"no Redis at {args.redis}: local-memory cache and database sessions")
            args.redis = ""

    def env(self, kind: str) -> dict:
        env = {
            k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "DATABASE_URL", "REDIS_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="shop.settings",
            DEBUG="0",
            SHOP_ENV="development",
            VAR_DIR=str(self.tmp / kind),
            STATIC_ROOT=str(self.tmp / "static"),
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        if kind == "postgres":
            env["DATABASE_URL"] = f"{self.args.pg}/{self.pg_name}"
        env["TASKS_REDIS_URL"] = self.tasks_redis
        env["SHOP_TASKS_QUEUE"] = f"atc56w_bench_{os.getpid()}"
        if self.args.redis:
            env["REDIS_URL"] = self.args.redis
            env["CACHE_KEY_PREFIX"] = f"atc56w_bench_{os.getpid()}_{kind}"
        return env

    def run(self, kind, *cmd, timeout=1800) -> str:
        result = subprocess.run(
            [self.python, *cmd], cwd=ROOT, env=self.env(kind), capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def manage(self, kind, *cmd, timeout=1800) -> str:
        return self.run(kind, "manage.py", *cmd, timeout=timeout)

    def side(self, kind, *cmd, timeout=900):
        return json.loads(self.run(kind, str(HELPERS / "django_side.py"), *cmd, timeout=timeout))

    # PostgreSQL database of this run
    def pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.args.pg}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_pg(self) -> None:
        self.pg_name = f"atc56w_bench_{os.getpid()}"
        self.pg(f'CREATE DATABASE "{self.pg_name}"')

    def drop_pg(self) -> None:
        if self.pg_name:
            self.pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self.pg_name = None

    # gunicorn
    def gunicorn_command(self) -> list[str]:
        return [
            str(Path(self.python).parent / "gunicorn"),
            "shop.wsgi:application",
            "--workers",
            str(self.args.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{self.args.port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]

    def start_server(self, kind: str) -> None:
        logfile = open(self.out / f"gunicorn-{kind}.log", "ab")  # noqa: SIM115 (closed with the server)
        self.server = subprocess.Popen(
            self.gunicorn_command(),
            cwd=ROOT,
            env=self.env(kind),
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.server_log = logfile
        if self.tasks_redis:  # the email queue's worker (shop/core/tasks.py)
            self.worker = subprocess.Popen(
                [self.python, "manage.py", "rqworker", f"atc56w_bench_{os.getpid()}"],
                cwd=ROOT,
                env=self.env(kind),
                stdout=subprocess.DEVNULL,
                stderr=logfile,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.out}/gunicorn-{kind}.log")
            try:
                if http_get("/", self.args.port)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer within 90 s")

    def stop_server(self) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
        self.worker = None
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        if self.server:
            self.server_log.close()
        self.server = None

    def cleanup(self) -> None:
        self.stop_server()
        try:
            self.drop_pg()
        except Exception as exc:  # the report must still be printed
            log(f"could not drop {self.pg_name}: {exc}")
        if self.args.redis:
            clear_redis(self.args.redis, f"atc56w_bench_{os.getpid()}_")
        if self.tasks_redis:
            clear_redis(self.tasks_redis, f"rq:*atc56w_bench_{os.getpid()}*")
        shutil.rmtree(self.tmp, ignore_errors=True)


def clear_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:
        return False


def http_get(path: str, port: int) -> tuple[int, int]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


# --- wrk -----------------------------------------------------------------------------------


def wrk(bench: Bench, kind: str, name: str, path: str, script: str, extra_env=None) -> dict:
    args = bench.args
    url = f"http://{HOST}:{args.port}{path}"
    env = dict(os.environ, STOREFRONT_LUA=str(HELPERS), **(extra_env or {}))
    base = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "-s", str(HELPERS / script)]
    subprocess.run([*base, f"-d{args.warmup}s", url], env=env, capture_output=True, timeout=args.warmup + 60)
    result = subprocess.run(
        [*base, f"-d{args.duration}s", "--latency", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=args.duration + 60,
    )
    (bench.out / f"wrk-{kind}-{name}.txt").write_text(result.stdout + result.stderr)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("STATS ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures for {name}: {result.stderr[-500:]}")
    stats = {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    log(
        f"[{kind}] {name}: {stats['rps']:.1f} req/s, p50 {stats['p50_ms']:.1f} ms, "
        f"p99 {stats['p99_ms']:.1f} ms, errors {int(stats['errors'])}"
    )
    return stats


# --- checkout with credit ------------------------------------------------------------------

ADDRESS = {
    "first_name": "Giulia",
    "last_name": "Rossi",
    "line1": "Via Roma 1",
    "line4": "Sarnico",
    "postcode": "24067",
    "country": "IT",
    "phone_number": "",
}
CREDIT_FIELD = re.compile(r'<input[^>]*name="credit"[^>]*>')
VALUE = re.compile(r'value="([^"]*)"')


class Buyer:
    """One employee's browser: a session cookie, a CSRF secret, one connection."""

    def __init__(self, port: int, session: str, csrf: str, product: int):
        self.port, self.csrf, self.product = port, csrf, product
        self.cookies = {"sessionid": session, "csrftoken": csrf}
        self.timings: list[tuple[str, float]] = []
        self.errors: list[str] = []

    def request(self, step: str, method: str, path: str, form=None, expect=(200,)) -> str:
        body = None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError as exc:
            self.timings.append((step, (time.perf_counter() - started) * 1000))
            self.errors.append(f"{step}: {exc}")
            return ""
        finally:
            conn.close()
        self.timings.append((step, (time.perf_counter() - started) * 1000))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                if name in ("sessionid", "csrftoken"):
                    self.cookies[name] = rest.split(";", 1)[0]
        if response.status not in expect:
            self.errors.append(f"{step}: HTTP {response.status} {response.getheader('Location') or ''}")
        return text

    def checkout(self) -> float:
        started = time.perf_counter()
        failed = len(self.errors)
        self.request("basket_add", "POST", f"/basket/add/{self.product}/", {"quantity": 1}, expect=(302,))
        self.request("shipping_address", "POST", "/checkout/shipping-address/", ADDRESS, expect=(302,))
        self.request("shipping_method", "GET", "/checkout/shipping-method/", expect=(302,))
        page = self.request("payment_details", "GET", "/checkout/payment-details/")
        field = CREDIT_FIELD.search(page)
        value = VALUE.search(field.group(0)) if field else None
        if value is None:
            self.errors.append("payment_details: no credit field")
            return (time.perf_counter() - started) * 1000
        preview = self.request(
            "preview", "POST", "/checkout/preview/", {"credit": value.group(1), "rest_method": "cash"}
        )
        if 'name="action"' not in preview:
            self.errors.append("preview: no place-order form")
        self.request("place_order", "POST", "/checkout/preview/", {"action": "place_order"}, expect=(302,))
        self.request("thank_you", "GET", "/checkout/thank-you/")
        if len(self.errors) > failed:
            return float("nan")
        return (time.perf_counter() - started) * 1000


def percentile(values, pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_checkout(bench: Bench, kind: str) -> dict:
    """Open-loop checkouts: buyers arrive at random (Poisson, ``--rate`` a second) for
    ``--load-seconds``, whatever the server's pace; each arrival is a free buyer's whole checkout
    in its own thread. Then ``check_invariants`` and ``verify_wallets``."""
    import queue
    import random

    args = bench.args
    prepared = bench.side(kind, "buyers", str(args.buyers))
    buyers = [Buyer(args.port, b["session"], prepared["csrf"], b["product"]) for b in prepared["buyers"]]
    if len(buyers) < args.buyers:
        log(f"[{kind}] only {len(buyers)} eligible buyers with credit found")
    idle = queue.SimpleQueue()
    for buyer in buyers:
        idle.put(buyer)
    flows, threads, dropped = [], [], 0
    rng = random.Random(23)

    def one(buyer: Buyer):
        try:
            flows.append(buyer.checkout())
        finally:
            idle.put(buyer)

    began = time.perf_counter()
    at = rng.expovariate(args.rate)
    while at < args.load_seconds:
        time.sleep(max(0.0, began + at - time.perf_counter()))
        try:
            buyer = idle.get_nowait()
        except queue.Empty:  # every buyer busy: the arrival is lost, and counted as an error
            dropped += 1
        else:
            thread = threading.Thread(target=one, args=(buyer,))
            thread.start()
            threads.append(thread)
        at += rng.expovariate(args.rate)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    requests = [ms for b in buyers for _step, ms in b.timings]
    place = [ms for b in buyers for step, ms in b.timings if step == "place_order"]
    errors = [e for b in buyers for e in b.errors] + ["arrival with every buyer busy"] * dropped
    (bench.out / f"checkout-{kind}.json").write_text(
        json.dumps({"errors": errors, "timings": {b.cookies["sessionid"][:6]: b.timings for b in buyers}})
    )
    done = [ms for ms in flows if ms == ms]  # NaN: a checkout with an error
    invariants = bench.side(kind, "invariants")
    stats = {
        "buyers": len(buyers),
        "rate": args.rate,
        "seconds": args.load_seconds,
        "checkouts": len(flows) + dropped,
        "completed": len(done),
        "requests": len(requests),
        "rps": len(requests) / elapsed,
        "p50_ms": percentile(requests, 50),
        "p99_ms": percentile(requests, 99),
        "max_ms": max(requests) if requests else float("nan"),
        "step_p99_ms": {
            step: percentile([ms for b in buyers for st, ms in b.timings if st == step], 99)
            for step in CHECKOUT_STEPS
        },
        "place_p50_ms": percentile(place, 50),
        "place_p99_ms": percentile(place, 99),
        "flow_p50_ms": percentile(done, 50),
        "flow_p99_ms": percentile(done, 99),
        "errors": len(errors),
        "error_sample": errors[:5],
        "invariants": invariants,
    }
    log(
        f"[{kind}] checkout, open loop {args.rate:g}/s for {args.load_seconds:g} s: "
        f"{stats['completed']}/{stats['checkouts']} orders, requests p50 "
        f"{stats['p50_ms']:.0f} ms p99 {stats['p99_ms']:.0f} ms, "
        f"place order p99 {stats['place_p99_ms']:.0f} ms, errors {stats['errors']}, "
        f"check_invariants {'clean' if invariants['check_invariants_ok'] else 'FAILED'}, "
        f"verify_wallets {'ok' if invariants['verify_wallets_ok'] else 'FAILED'}"
    )
    return stats


# --- one database --------------------------------------------------------------------------


def measure_ours(bench: Bench, kind: str, vanilla: dict | None, vanilla_env: dict | None) -> dict:
    """Our figures; the whole checkout in one process in turns with vanilla's, on the demo
    data as loaded (before the load runs), as vanilla's is measured on its own database."""
    if kind == "postgres":
        bench.create_pg()
    log(f"[{kind}] migrate, demo data, search index, static files")
    bench.manage(kind, "migrate", "--noinput", "-v0")
    bench.manage(kind, "load_demo", "-v0")
    prepare = ["prepare"] + (["--products", str(bench.args.products)] if bench.args.products else [])
    targets = bench.side(kind, *prepare, timeout=3600)
    (bench.out / f"targets-{kind}.json").write_text(json.dumps(targets, indent=1))
    bench.manage(kind, "rebuild_index", "--noinput", "-v0", timeout=3600)
    if not (bench.tmp / "static" / "staticfiles.json").exists():
        bench.manage(kind, "collectstatic", "--noinput", "-v0")
    log(
        f"[{kind}] {targets['products']} products, {targets['in_goods_category']} in the category, "
        f"{targets['search_hits']} matching '{targets['paths']['search']}'"
    )

    log(f"[{kind}] counting SQL queries per page")
    queries = bench.side(
        kind, "queries", str(bench.out / f"targets-{kind}.json"), str(bench.out / f"sql-{kind}.json")
    )
    paths = targets["paths"]
    cpu = page_rounds(bench, kind, vanilla, vanilla_env)
    checkout_rounds(bench, kind, cpu, vanilla, vanilla_env)
    bench.start_server(kind)
    try:
        for name in ("home", "category", "category_km", "product", "search"):
            status, size = http_get(paths[name], bench.args.port)
            log(f"[{kind}] GET {paths[name]} -> {status}, {size} bytes")
        pages = {}
        for name in ("home", "category", "category_km", "product", "search"):
            pages[name] = wrk(bench, kind, name, paths[name], "anonymous.lua")

        sessions = bench.side(kind, "sessions", str(bench.args.threads))
        customer = {"STOREFRONT_SESSIONS": ",".join(sessions["keys"]), "STOREFRONT_CSRF": sessions["csrf"]}
        pages["basket_add"] = wrk(
            bench,
            kind,
            "basket_add",
            paths["basket_add"],
            "customer.lua",
            {**customer, "STOREFRONT_METHOD": "POST", "STOREFRONT_BODY": "quantity=1"},
        )
        items = bench.side(kind, "basket-count")["items"]
        pages["basket_add"]["items_added"] = items
        log(
            f"[{kind}] basket_add check: {items} items in the baskets after "
            f"{int(pages['basket_add']['requests'])} measured POSTs (plus warm-up)"
        )
        pages["basket_page"] = wrk(bench, kind, "basket_page", paths["basket_page"], "customer.lua", customer)

        checkout = run_checkout(bench, kind) if bench.args.buyers else None
    finally:
        bench.stop_server()
    server_log = (bench.out / f"gunicorn-{kind}.log").read_text(errors="replace")
    tracebacks = server_log.count("Traceback")
    return {
        "paths": paths,
        "targets": targets,
        "queries": queries,
        "pages": pages,
        "checkout": checkout,
        "server_tracebacks": tracebacks,
        "cpu": cpu,
    }


def measure_vanilla(bench: Bench, kind: str) -> tuple[dict | None, dict | None]:
    """Vanilla's figures, and the environment of its run while its database is kept (for the
    checkout rounds; ``drop_vanilla`` drops it)."""
    script = Path(bench.args.baseline) / "run.sh"
    if not script.exists():
        log(f"no vanilla baseline at {script}: skipped")
        return None, None
    work = Path(os.environ.get("BASELINE_WORK", "/tmp/oscar_baseline_work"))
    env = dict(
        os.environ,
        BASELINE_WORK=str(work),
        BASELINE_DURATION=str(bench.args.duration),
        BASELINE_WARMUP=str(bench.args.warmup),
        BASELINE_THREADS=str(bench.args.threads),
        BASELINE_CONNS=str(bench.args.connections),
        BASELINE_WORKERS=str(bench.args.workers),
    )
    env.pop("DATABASE_URL", None)
    env.pop("VIRTUAL_ENV", None)
    env["BASELINE_KEEP_PG"] = "1"  # kept for the CPU time per page and the checkout rounds
    log(f"[{kind}] vanilla Oscar baseline: {script} {kind}")
    before = set((work / "results").glob("*")) if (work / "results").exists() else set()
    result = subprocess.run(
        ["bash", str(script), kind], env=env, capture_output=True, text=True, timeout=3600
    )
    (bench.out / f"vanilla-{kind}.log").write_text(result.stdout + result.stderr)
    new = sorted(set((work / "results").glob("*")) - before)
    if result.returncode != 0 or not new:
        log(f"[{kind}] vanilla run failed (see {bench.out}/vanilla-{kind}.log)")
        return None, env
    folder = new[-1]
    pages = {}
    for line in (folder / "results.txt").read_text().splitlines():
        _kind, name, _label, figures = line.split("|")
        pages[name] = {k: float(v) for k, v in (kv.split("=") for kv in figures.split()[1:])}
    queries = json.loads((folder / f"queries-{kind}.json").read_text())
    shutil.copytree(folder, bench.out / f"vanilla-{kind}", dirs_exist_ok=True)
    return {
        "pages": pages,
        "queries": {k: v["queries_warm"] for k, v in queries.items()},
        "folder": str(folder),
        "cpu": None,  # measured in turns with ours (page_rounds)
    }, env


def vanilla_json(kind: str, env: dict, what: str, script: Path, *args: str) -> dict | None:
    """What a script of the vanilla side prints with ``--json``, run with the baseline's own
    Python on its ``kind`` database; None (and a line in the log) when it fails."""
    python = Path(env.get("BASELINE_VENV", "/tmp/oscar_baseline_venv")) / "bin" / "python"
    result = subprocess.run(
        [str(python), str(script), *args, "--json"],
        env=dict(env, BASELINE_DB=kind),
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        log(f"[{kind}] vanilla {what} failed: {result.stderr[-500:]}")
        return None
    return json.loads(result.stdout)


def drop_vanilla(bench: Bench, kind: str, env: dict) -> None:
    if kind == "postgres":
        bench.pg(f'DROP DATABASE IF EXISTS "{env.get("BASELINE_PG_NAME", "oscar_baseline")}" WITH (FORCE)')
        shutil.rmtree(Path(env["BASELINE_WORK"]) / "postgres", ignore_errors=True)


def in_turns(kind: str, what: str, rounds: int, ours, vanilla) -> tuple[list, list | None]:
    """``rounds`` rounds of ``what``, ours then vanilla's in each, so that a burst of the
    machine's load weighs on both alike: ``ours(number)`` and ``vanilla(number)`` run one
    round and return its figures (vanilla's None when it failed; ``vanilla`` None when there
    is no vanilla side). Returns our rounds, and vanilla's when it ran every one (else None)."""
    ours_runs, vanilla_runs = [], []
    for number in range(1, rounds + 1):
        log(f"[{kind}] {what} in one process, round {number} of {rounds}")
        ours_runs.append(ours(number))
        if vanilla is None:
            continue
        run = vanilla(number)
        if run is None:
            vanilla = None  # no more rounds of vanilla's
            continue
        vanilla_runs.append(run)
    return ours_runs, (vanilla_runs if vanilla_runs and len(vanilla_runs) == len(ours_runs) else None)


def page_rounds(bench: Bench, kind: str, vanilla: dict | None, env: dict | None) -> dict:
    """CPU time per page in one process, ours and vanilla's in turns: ``--page-rounds`` rounds
    of ``CPU_REQUESTS`` requests a page each side. Each page's CPU is the median of its
    rounds' means; its ratio to vanilla's page (``cpu_ratio_rounds``), the median of the
    rounds' ratios. Returns ours and sets ``vanilla["cpu"]``."""
    requests = ["-n", str(CPU_REQUESTS)]
    script = HELPERS / "vanilla_cpu.py"
    ours_runs, vanilla_runs = in_turns(
        kind,
        "CPU time per page",
        bench.args.page_rounds,
        lambda number: json.loads(
            bench.run(kind, "benchmarks/storefront_cpu.py", "--json", *requests, "--customer", CPU_CUSTOMER)
        ),
        None
        if env is None or vanilla is None
        else lambda number: vanilla_json(
            kind, env, "CPU time per page", script, bench.args.baseline, *requests
        ),
    )
    cpu = pages_figure(ours_runs)
    if vanilla_runs:
        vanilla["cpu"] = pages_figure(vanilla_runs)
        for name, row in cpu.items():
            vname = CPU_COMPARED.get(name)
            if vname in vanilla["cpu"]:
                pairs = zip(ours_runs, vanilla_runs, strict=True)
                ratios = [v[vname]["cpu_ms"] / o[name]["cpu_ms"] for o, v in pairs]
                row["cpu_ratio_rounds"] = [round(r, 3) for r in ratios]
    return cpu


def pages_figure(runs: list[dict]) -> dict:
    """Each page of the last round, its CPU the median of the rounds' (and each round's)."""
    return {name: rounds_figure([run[name] for run in runs], "cpu_ms", 2) for name in runs[-1]}


def checkout_rounds(bench: Bench, kind: str, cpu: dict, vanilla: dict | None, env: dict | None) -> None:
    """The whole checkout in one process, ours and vanilla's in turns: ``--checkout-rounds``
    rounds of ``--checkout-cpu`` orders each side. Each side's figure is the median of its
    rounds' means; the ratio, the median of the rounds' ratios."""
    orders = ["-n", str(bench.args.checkout_cpu)]
    rounds = bench.args.checkout_rounds
    script = Path(bench.args.baseline) / "scripts" / "checkout_cpu.py"

    def ours(number):
        sql = ["--sql", str(bench.out / f"checkout-sql-{kind}.json")] if number == rounds else []
        return json.loads(bench.run(kind, "benchmarks/storefront/checkout_cpu.py", "--json", *orders, *sql))

    ours_runs, vanilla_runs = in_turns(
        kind,
        "whole checkout",
        rounds,
        ours,
        None if env is None else lambda number: vanilla_json(kind, env, "checkout CPU", script, *orders),
    )
    if bench.tasks_redis:  # the confirmation emails those orders queued: sent, and the queue emptied
        bench.manage(kind, "rqworker", "--burst", f"atc56w_bench_{os.getpid()}")
    cpu["checkout"] = rounds_figure(ours_runs)
    if vanilla is not None and vanilla_runs:
        if vanilla.get("cpu") is None:  # its CPU time per page failed
            vanilla["cpu"] = {}
        vanilla["cpu"]["checkout"] = rounds_figure(vanilla_runs)
        ratios = [o["cpu_ms_mean"] / v["cpu_ms_mean"] for o, v in zip(ours_runs, vanilla_runs, strict=True)]
        cpu["checkout"]["cpu_ratio_rounds"] = [round(r, 3) for r in ratios]


def rounds_figure(runs: list[dict], key: str = "cpu_ms_mean", digits: int = 1) -> dict:
    """The last round's figures (statements, steps), its CPU (``key``) the median of the
    rounds' (each round's kept as ``cpu_ms_rounds``)."""
    figure = dict(runs[-1])
    figure["cpu_ms_rounds"] = [run[key] for run in runs]
    figure[key] = round(statistics.median(figure["cpu_ms_rounds"]), digits)
    return figure


# --- report --------------------------------------------------------------------------------


def fmt(value, digits=1) -> str:
    if value is None or value != value:
        return "-"
    return f"{value:.{digits}f}"


def report(results: dict, args, env_lines: list[str]) -> tuple[str, dict]:
    out = ["```", *env_lines, "```", ""]
    out.append(
        "| db | page | ours req/s | ours p50 ms | ours p99 ms | ours errors | ours SQL (warm) "
        "| vanilla page | vanilla req/s | vanilla p50 ms | vanilla p99 ms | vanilla SQL | ratio req/s |"
    )
    out.append("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    verdicts = {}
    for kind, r in results.items():
        ours, vanilla = r["ours"], r.get("vanilla")
        for name, row in ours["pages"].items():
            vname = COMPARED[name]
            v = vanilla["pages"].get(vname) if vanilla else None
            ratio = row["rps"] / v["rps"] if v and v["rps"] else None
            q = ours["queries"][name]["warm"]
            vq = vanilla["queries"].get(vname) if vanilla else None
            out.append(
                f"| {kind} | {name} | {fmt(row['rps'])} | {fmt(row['p50_ms'])} | {fmt(row['p99_ms'])} | "
                f"{int(row['errors'])} | {q:g} | {vname if v else '-'} | {fmt(v and v['rps'])} | "
                f"{fmt(v and v['p50_ms'])} | {fmt(v and v['p99_ms'])} | {'-' if vq is None else f'{vq:g}'} | "
                f"{fmt(ratio, 2)}{'x' if ratio else ''} |"
            )
            r.setdefault("ratios", {})[name] = ratio
    out.append("")
    out.append(
        "CPU time per request in one process (Django's test client, DEBUG off, after warm-up; "
        f"mean of {CPU_REQUESTS} requests; the pages that only read served in turns, one request of "
        f"each at a time), {args.page_rounds} rounds of ours and vanilla's in turns: each page's CPU the "
        "median of its rounds, the ratio the median of the rounds' ratios. Employee rows: the demo "
        'employee (welfare credit, household profile); "vs anonymous" divides by the same page for '
        "an anonymous visitor (category: the distance-filtered one):"
    )
    out.append("")
    out.append(
        "| db | page | ours CPU ms | ours SQL | vanilla page | vanilla CPU ms | vanilla SQL "
        "| ratio (vanilla/ours) | vs anonymous |"
    )
    out.append("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for kind, r in results.items():
        ours_cpu = r["ours"].get("cpu") or {}
        vanilla_cpu_rows = (r.get("vanilla") or {}).get("cpu") or {}
        for name in CPU_ROWS:
            o = ours_cpu.get(name)
            if o is None:
                continue
            vname = CPU_COMPARED.get(name)
            v = vanilla_cpu_rows.get(vname) if vname else None
            ratio = page_ratio(o, v)
            anon = ours_cpu.get(EMPLOYEE_VS_ANONYMOUS.get(name, ""))
            vs_anon = o["cpu_ms"] / anon["cpu_ms"] if anon and anon["cpu_ms"] else None
            out.append(
                f"| {kind} | {name} | {fmt(o['cpu_ms'])} | {o['queries']} | {vname if v else '-'} | "
                f"{fmt(v and v['cpu_ms'])} | {v['queries'] if v else '-'} | "
                f"{fmt(ratio, 2)}{'x' if ratio else ''} | {fmt(vs_anon, 2)}{'x' if vs_anon else ''} |"
            )
    out.append("")
    out.append("SQL queries per list page by page size (warm):")
    out.append("")
    out.append("| db | page | 20 per page | 100 per page |")
    out.append("|---|---|---:|---:|")
    for kind, r in results.items():
        q = r["ours"]["queries"]
        for name in SIZED_PAGES:
            out.append(f"| {kind} | {name} | {q[f'{name}@20']['warm']:g} | {q[f'{name}@100']['warm']:g} |")
    out.append("")
    out.append(
        "Whole checkout in one process, as the baseline's scripts/checkout_cpu.py measures it (test client "
        "following redirects, one warm-up order, then N orders; CPU and SQL summed over the steps), "
        f"{args.checkout_rounds} rounds of ours and vanilla's in turns: each side's CPU the median of its "
        "rounds' means, the ratio the median of the rounds' ratios. Ours: an employee paying with welfare "
        "credit (eligibility, credit, fringe cap, delivery round); vanilla: a customer, no payment taken:"
    )
    out.append("")
    out.append(
        "| db | orders | ours CPU ms | ours SQL | vanilla CPU ms | vanilla SQL | CPU ours/vanilla "
        "| SQL ours/vanilla | ours per step (CPU ms / SQL) |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for kind, r in results.items():
        oc = (r["ours"].get("cpu") or {}).get("checkout")
        vc = ((r.get("vanilla") or {}).get("cpu") or {}).get("checkout")
        if not oc:
            continue
        paired = oc.get("cpu_ratio_rounds")
        if vc and paired:
            cpu_ratio = statistics.median(paired)
        else:
            cpu_ratio = oc["cpu_ms_mean"] / vc["cpu_ms_mean"] if vc else None
        sql_ratio = oc["sql_per_checkout"] / vc["sql_per_checkout"] if vc else None
        r["checkout_ratios"] = (cpu_ratio, sql_ratio)
        steps = ", ".join(f"{k} {v['cpu_ms']:.0f}/{v['sql']}" for k, v in oc["steps"].items())
        out.append(
            f"| {kind} | {oc['checkouts']} | {fmt(oc['cpu_ms_mean'])} | {oc['sql_per_checkout']} | "
            f"{fmt(vc and vc['cpu_ms_mean'])} | {vc['sql_per_checkout'] if vc else '-'} | "
            f"{fmt(cpu_ratio, 2)} | {fmt(sql_ratio, 2)} | {steps} |"
        )
        rounds = [f"ours {', '.join(fmt(v) for v in oc.get('cpu_ms_rounds', []))} ms"]
        if vc:
            rounds.append(f"vanilla {', '.join(fmt(v) for v in vc.get('cpu_ms_rounds', []))} ms")
            rounds.append(f"ratios {', '.join(fmt(v, 2) for v in paired or [])}")
        out.append(f"|  | rounds: {'; '.join(rounds)} ||||||||")
    out.append("")
    out.append(
        f"Checkouts under load: buyers arriving at random, {args.rate:g} checkouts a second for "
        f"{args.load_seconds:g} s (open loop), each a whole checkout paid with welfare credit (basket add, "
        "address, shipping method, payment details, preview, place order, thank-you page):"
    )
    out.append("")
    out.append(
        "| db | buyers | orders | requests | req/s | request p50 ms | request p99 ms | place-order p99 ms "
        "| whole checkout p50 ms | whole checkout p99 ms | errors | paid with credit | check_invariants "
        "| verify_wallets | wallets < 0 |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
    for kind, r in results.items():
        c = r["ours"]["checkout"]
        if c:
            inv = c["invariants"]
            out.append(
                f"| {kind} | {c['buyers']} | {c['completed']}/{c['checkouts']} | {c['requests']} | "
                f"{fmt(c['rps'])} | {fmt(c['p50_ms'])} | {fmt(c['p99_ms'])} | {fmt(c['place_p99_ms'])} | "
                f"{fmt(c['flow_p50_ms'], 0)} | {fmt(c['flow_p99_ms'], 0)} | {c['errors']} | "
                f"{inv['buyer_orders_paid_with_credit']} | "
                f"{'clean' if inv['check_invariants_ok'] else inv['check_invariants']} | "
                f"{'ok' if inv['verify_wallets_ok'] else 'FAILED'} | {len(inv['wallets_below_zero'])} |"
            )
            steps = ", ".join(f"{k} {fmt(v, 0)}" for k, v in c["step_p99_ms"].items())
            out.append(f"|  | p99 ms per step: {steps} |||||||||||||||")
    out.append("")
    out.append(
        "Targets (issue 23; ratios of CPU time per request in one process, the wrk ratio beside them "
        "for reference):"
    )
    out.append("")
    for kind, r in results.items():
        checks = targets(kind, r, args)
        verdicts[kind] = checks
        for label, value, ok in checks:
            shown = fmt(value, 2) if isinstance(value, float) else value
            out.append(f"- {kind}: {label}: {shown} -> {'HELD' if ok else 'MISSED'}")
    return "\n".join(out) + "\n", verdicts


def page_ratio(ours: dict | None, vanilla: dict | None) -> float | None:
    """Vanilla's CPU for a page over ours: the median of the rounds' ratios (page_rounds)."""
    if not ours or not vanilla or not ours["cpu_ms"]:
        return None
    paired = ours.get("cpu_ratio_rounds")
    return statistics.median(paired) if paired else vanilla["cpu_ms"] / ours["cpu_ms"]


def targets(kind: str, r: dict, args) -> list:
    ours = r["ours"]
    q = ours["queries"]
    cpu = ours.get("cpu") or {}
    vcpu = (r.get("vanilla") or {}).get("cpu") or {}
    wrk_ratios = r.get("ratios", {})
    checks = []

    def cpu_ratio(name, vname):
        return page_ratio(cpu.get(name), vcpu.get(vname))

    def at_least(label, name, vname, factor):
        ratio = cpu_ratio(name, vname)
        extra = f" (wrk req/s {fmt(wrk_ratios[name], 2)}x)" if wrk_ratios.get(name) else ""
        checks.append(
            (
                f"{label} >= {factor:g}x vanilla {vname} (CPU){extra}",
                ratio,
                ratio is not None and ratio >= factor,
            )
        )

    for page, anon in EMPLOYEE_VS_ANONYMOUS.items():
        if page.startswith("basket"):
            continue
        o, a = cpu.get(page), cpu.get(anon)
        ratio = o["cpu_ms"] / a["cpu_ms"] if o and a and a["cpu_ms"] else None
        checks.append((f"{page} CPU <= 1.3x {anon} (anonymous)", ratio, ratio is not None and ratio <= 1.3))
    for name in ("home", "category_km", "product", "search"):
        warm = q[f"{name}_employee"]["warm"]
        checks.append((f"{name}, employee: <= {QUERY_LIMIT} SQL queries", warm, warm <= QUERY_LIMIT))
    for name in ("home", "category", "category_km", "search"):
        checks.append(
            (f"{name}: <= {QUERY_LIMIT} SQL queries", q[name]["warm"], q[name]["warm"] <= QUERY_LIMIT)
        )
    for name in SIZED_PAGES:
        a, b = q[f"{name}@20"]["warm"], q[f"{name}@100"]["warm"]
        checks.append(
            (f"{name}: same SQL queries at 20 and 100 per page", f"{a:g}/{b:g}", a == b <= QUERY_LIMIT)
        )
    if vcpu:
        for name in ("home", "category", "category_km", "search"):
            at_least(name, name, CPU_COMPARED[name], 5)
        for name in ("home_employee", "category_employee", "search_employee"):
            at_least(name, name, CPU_COMPARED[name], 5)
        for name in ("product", "product_employee"):
            at_least(name, name, "product", 2)
        for name in ("basket_add", "basket_page", "basket_add_employee", "basket_page_employee"):
            at_least(name, name, CPU_COMPARED[name], 1.5)
        cpu_r, sql_r = r.get("checkout_ratios") or (None, None)
        checks.append(
            (
                "checkout with credit: CPU <= 0.7x vanilla's checkout",
                cpu_r,
                cpu_r is not None and cpu_r <= 0.7,
            )
        )
        checks.append(
            (
                "checkout with credit: SQL <= 0.5x vanilla's checkout",
                sql_r,
                sql_r is not None and sql_r <= 0.5,
            )
        )
    errors = sum(int(p["errors"]) for p in ours["pages"].values())
    c = ours["checkout"]
    if c:
        label = f"checkouts at {c['rate']:g}/s for {c['seconds']:g} s"
        if kind == "postgres":
            checks.append(
                (
                    f"{label}: every checkout request p99 < {CHECKOUT_P99_MS:g} ms",
                    c["p99_ms"],
                    c["p99_ms"] < CHECKOUT_P99_MS,
                )
            )
        checks.append((f"{label}: 0 errors", c["errors"], c["errors"] == 0))
        inv = c["invariants"]
        checks.append(
            (
                f"{label}: check_invariants clean, wallets match their ledger, none below zero",
                "",
                inv["check_invariants_ok"] and inv["verify_wallets_ok"] and not inv["wallets_below_zero"],
            )
        )
        paid = inv["buyer_orders_paid_with_credit"]
        checks.append(
            (
                f"{label}: every order placed was paid (partly) with welfare credit",
                f"{paid}/{c['completed']}",
                paid == c["completed"] == inv["buyer_orders"],
            )
        )
    checks.append(("0 wrk errors", errors, errors == 0))
    checks.append(
        ("no traceback in the gunicorn log", ours["server_tracebacks"], ours["server_tracebacks"] == 0)
    )
    return checks


def environment(args) -> list[str]:
    import django
    import oscar

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return [
        f"date: {time.strftime('%Y-%m-%dT%H:%M:%S%z')}",
        f"host: {os.uname().sysname} {os.uname().release} {os.uname().machine}, {os.cpu_count()} cores",
        f"python: {sys.version.split()[0]}; Django {django.get_version()} | "
        f"django-oscar {oscar.get_version()}",
        f"server: gunicorn, {args.workers} sync workers, DEBUG=False, 127.0.0.1:{args.port}"
        + (f", REDIS_URL={args.redis}" if args.redis else ", no Redis (locmem cache, DB sessions)"),
        f"load: {' '.join(wrk_version.split()[:2])}, -t{args.threads} -c{args.connections}, "
        f"{args.warmup}s warm-up + {args.duration}s measured per row; checkouts arriving at {args.rate:g}/s "
        f"for {args.load_seconds:g} s over {args.buyers} buyers; checkout in one process: "
        f"{args.checkout_cpu} orders after 1 warm-up, {args.checkout_rounds} rounds; CPU per page: "
        f"{args.page_rounds} rounds",
        "emails: "
        + (
            f"django-rq queue on {args.tasks_redis}, one rqworker beside gunicorn"
            if args.tasks_redis
            else "sent in the request's process after commit"
        ),
        f"loadavg at start: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}",
    ]


def main() -> int:
    args = parse_args()
    if not shutil.which("wrk"):
        log("wrk is needed (apt-get install wrk)")
        return 2
    bench = Bench(args)
    results = {}
    env_lines = environment(args)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        for kind in [k.strip() for k in args.db.split(",") if k.strip()]:
            if kind not in ("sqlite", "postgres"):
                log(f"unknown database {kind}")
                return 2
            results[kind], vanilla_env = {}, None
            try:
                # Vanilla first, its database kept: our checkout is measured in turns with its.
                if not args.no_vanilla:
                    results[kind]["vanilla"], vanilla_env = measure_vanilla(bench, kind)
                results[kind]["ours"] = measure_ours(bench, kind, results[kind].get("vanilla"), vanilla_env)
            finally:
                if vanilla_env is not None:
                    drop_vanilla(bench, kind, vanilla_env)
                if kind == "postgres":
                    bench.drop_pg()
            # Figures so far, in case a later database fails or the run is interrupted.
            partial, _verdicts = report(results, args, env_lines)
            (bench.out / "summary.md").write_text(partial)
            log(f"[{kind}] done: {bench.out / 'summary.md'}")
    finally:
        bench.cleanup()
    env_lines.append(f"loadavg at end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    text, verdicts = report(results, args, env_lines)
    (bench.out / "summary.md").write_text(text)
    (bench.out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    print(text)
    log(f"results in {bench.out}")
    return 0 if all(ok for checks in verdicts.values() for _label, _value, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
