"""Web benchmark: the entries page (text query + two facets), the person page and the
dashboard under concurrent clients, against ``kuzet serve`` on loopback.

    # PostgreSQL (a throwaway server), 100,000 synthetic entries:
    scripts/with-postgres .venv/bin/python bench/web_bench.py --entries 100000
    # SQLite in a temporary KUZET_HOME:
    .venv/bin/python bench/web_bench.py --entries 100000

The database is filled with the store benchmark's fictional entries
(``bench/store_bench.py``: invented people, real places and article numbers). Then
``kuzet serve`` starts on 127.0.0.1 and a closed-loop load generator (``--clients``
keep-alive connections, each sending its next request when the last one is answered)
runs every scenario for ``--seconds``. Requests go only to the loopback server and
stop by themselves. The load generator is ``wrk`` when it is installed (Debian package
``wrk``; one thread, ``bench/web_bench.lua``), which takes little CPU from the server
on a small machine; otherwise (or with ``--load python``) Python threads, which take
a good share of it (measured: 0.3 ms of CPU per first visit, against under 0.1 ms
for wrk). The output says which, and how much CPU the load generator and the server
used per request. Before starting the server, the cache its processes share (files
in KUZET_HOME/cache) is emptied, so that nothing computed by an earlier run is read.

Scenarios
- entries: ``/?q=WORD&region=REGION&type=TYPE`` — a text query and two facets, from
  1,575 different combinations (two thirds of them match
  nothing, as many searches of a reader narrowing by place and type do)
- person:  ``/persons/ID/`` — a person of the record: timeline, summary, related people
- dashboard: ``/dashboard/`` — every figure over the whole record

Each is run twice: **first visits** (every request a different URL, so nothing is in
the cache: facet counts, the person's story, the page are all computed; ``--first``
URLs, default 1,375, after ``--warmup`` other URLs of the same kind, default 200, that
are not measured: the figures are of a server that has been running, not one just
started) and **repeat visits** (clients draw from ``--popular`` URLs again and again,
as readers of the same searches and people do; pages come from the cache, see
docs/web.md "Caching"). The dashboard is one URL: its figures are computed once per data version by the first
request (its time is printed) and shared by every server process; each process then
renders the page once and serves it from its own cache.

Reported: requests, errors (non-200 or failed), throughput, and latency median / p95 /
p99 / max in milliseconds; CPU milliseconds per request of the server processes, of
PostgreSQL's processes (every ``postgres`` process on the machine: run it alone) and of
the load generator. With wrk, a first-visit
run's throughput is clients / mean latency (wrk times the whole run, including the
wait after the last URL). Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "detained",
    "picket",
    "court",
    "rally",
    "hunger",
    "journalists",
    "akimat",
    "sentenced",
    "fined",
    "protest",
    "meeting",
    "blogger",
    "activist",
    "lawyer",
    "imprisonment",
]
REGIONS = [
    "Almaty",
    "Astana",
    "Shymkent",
    "Almaty Region",
    "Zhetysu Region",
    "West Kazakhstan Region",
    "Aktobe Region",
    "Atyrau Region",
    "Mangystau Region",
    "Karaganda Region",
    "Kostanay Region",
    "North Kazakhstan Region",
    "Akmola Region",
    "Abai Region",
    "East Kazakhstan Region",
]
TYPES = [
    "administrative_arrest",
    "administrative_fine",
    "protest",
    "assembly_refusal",
    "criminal_sentence",
    "detention",
    "hunger_strike",
]


@dataclass(frozen=True, slots=True)
class Result:
    scenario: str
    latencies_ms: tuple[float, ...]
    errors: int
    seconds: float
    server_cpu: float = 0.0  # seconds of CPU the server's processes used
    load_cpu: float = 0.0  # seconds of CPU the load generator used
    db_cpu: float = 0.0  # seconds of CPU PostgreSQL's processes used (0 on SQLite)

    def line(self) -> str:
        lat = sorted(self.latencies_ms)
        n = len(lat)

        def pct(p: float) -> float:
            return lat[min(n - 1, round(p * (n - 1)))] if n else float("nan")

        return _line(
            self.scenario, n, self.errors, n / self.seconds if self.seconds else float("nan"),
            (statistics.median(lat) if n else float("nan"), pct(0.95), pct(0.99),
             lat[-1] if n else float("nan")),
            self.server_cpu, self.db_cpu, self.load_cpu,
        )


def _line(
    scenario: str, n: int, errors: int, rate: float, lat: tuple[float, float, float, float],
    server_cpu: float, db_cpu: float, load_cpu: float,
) -> str:
    per = (lambda cpu: f"{1000 * cpu / n:7.1f}") if n else (lambda cpu: "    nan")
    return (
        f"  {scenario:27} {n:7,} {errors:6} {rate:8.1f} "
        + " ".join(f"{v:8.1f}" for v in lat)
        + f" {per(server_cpu)} {per(db_cpu)} {per(load_cpu)}"
    )


@dataclass(frozen=True, slots=True)
class WrkResult:
    """A run measured by wrk: its own latency statistics."""

    scenario: str
    requests: int
    errors: int
    rate: float
    latency_ms: tuple[float, float, float, float]  # median, p95, p99, max
    server_cpu: float
    load_cpu: float
    db_cpu: float

    def line(self) -> str:
        return _line(
            self.scenario, self.requests, self.errors, self.rate, self.latency_ms,
            self.server_cpu, self.db_cpu, self.load_cpu,
        )


def fill(entries: int) -> None:
    """Bring the database to ``entries`` entries with the store benchmark's generator."""
    sys.path.insert(0, str(ROOT / "bench"))
    import store_bench

    from kuzet.store import models as m
    from kuzet.store import services

    have = m.Entry.objects.count()
    if entries > have:
        # Published, so that an anonymous visitor of a public instance sees them all.
        plain = services.ingest_document
        services.ingest_document = functools.partial(plain, status="published")  # type: ignore[assignment]
        t0 = time.perf_counter()
        try:
            added, _, _, _ = store_bench.ingest(entries - have, 1000, True)
        finally:
            services.ingest_document = plain  # type: ignore[assignment]
        print(f"filled: {added:,} entries in {time.perf_counter() - t0:,.0f} s", flush=True)


def analyse() -> None:
    """Bring the database to rest, as autovacuum would after a large ingest: on
    PostgreSQL that also merges the full-text index's pending list (thousands of
    entries just inserted, which every search would otherwise read one by one)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def entry_urls(rng: random.Random, n: int) -> list[str]:
    combos = [(w, r, t) for w in WORDS for r in REGIONS for t in TYPES]
    rng.shuffle(combos)
    return ["/?" + urlencode({"q": w, "region": r, "type": t}) for w, r, t in combos[:n]]


def person_urls(rng: random.Random, n: int) -> list[str]:
    from kuzet.store import models as m

    ids = list(
        m.PersonMention.objects.exclude(person=None)
        .values_list("person_id", flat=True)
        .distinct()[:20000]
    )
    return [f"/persons/{pid}/" for pid in rng.sample(ids, min(n, len(ids)))]


def forget_shared_cache() -> None:
    """Empty the cache the server's processes share (docs/web.md "Caching"): figures
    a previous run left there would make the first dashboard look computed when it
    was only read."""
    from django.conf import settings
    from django.core.cache import caches

    if "shared" in settings.CACHES:
        caches["shared"].clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    kuzet = str(Path(sys.executable).parent / "kuzet")
    # The benchmark reads as an anonymous visitor of a public instance would.
    env = {**os.environ, "KUZET_PUBLIC": "true"}
    proc = subprocess.Popen(
        [kuzet, "serve", "--port", str(port), "--workers", str(workers), "--threads", str(threads)],
        env=env,
    )
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/openapi.json")
            conn.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("kuzet serve did not start")


def _processes() -> list[tuple[int, str, list[str]]]:
    """Every process as (pid, command name, the fields of /proc/PID/stat after the
    name); empty where /proc is not there."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    out = []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
        except OSError:
            continue
        out.append((int(name), head.split("(", 1)[1], rest.split()))
    return out


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and its live children (gunicorn's
    workers), from /proc; 0 where /proc is not there."""
    return sum(
        (int(fields[11]) + int(fields[12])) / _TICK  # utime stime
        for p, _, fields in _processes()
        if p == pid or int(fields[1]) == pid  # fields[1]: the parent's pid
    )


def database_cpu() -> float:
    """CPU seconds used so far by PostgreSQL's processes on this machine (the benchmark
    runs alone with its own server): live processes' own time plus what the exited
    ones (backends of closed connections) left in their parent's children time."""
    return sum(
        sum(int(x) for x in fields[11:15]) / _TICK  # utime stime cutime cstime
        for _, name, fields in _processes()
        if name == "postgres"
    )


_WRK_LINE = re.compile(r"^KUZET (.*)$", re.M)


def run_wrk(
    port: int, server_pid: int, scenario: str, urls: list[str], clients: int, seconds: float,
    *, distinct: bool,
) -> WrkResult:
    """The same closed loop, driven by wrk (one thread, ``clients`` connections)."""
    import resource

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(urls) + "\n")
        paths = f.name
    cmd = [
        "wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "60s",
        "-s", str(ROOT / "bench" / "web_bench.lua"), f"http://127.0.0.1:{port}",
        "--", paths, "once" if distinct else "random",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0, db0 = process_cpu(server_pid), database_cpu()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(paths)
    cpu1, db1 = process_cpu(server_pid), database_cpu()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = _WRK_LINE.search(out)
    if found is None:
        raise SystemExit(f"wrk said nothing usable:\n{out}")
    v = {k: float(x) for k, x in (kv.split("=") for kv in found.group(1).split())}
    n = int(v["requests"])
    # A first-visit run ends when its last URL is answered, but wrk times the whole
    # --duration: in a closed loop, throughput = clients / mean latency (Little's law).
    rate = clients / (v["mean_us"] / 1e6) if distinct and v["mean_us"] else n / seconds
    return WrkResult(
        scenario,
        n,
        int(v["errors"] + v["non2xx"]),
        rate,
        (v["p50_us"] / 1000, v["p95_us"] / 1000, v["p99_us"] / 1000, v["max_us"] / 1000),
        cpu1 - cpu0,
        (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        db1 - db0,
    )


def run(
    port: int, scenario: str, urls: list[str], clients: int, seconds: float, *, distinct: bool,
    server_pid: int = 0,
) -> Result:
    """Closed loop: each client sends its next request when the previous one is answered.

    ``distinct``: every URL is asked once (first visits: nothing cached yet); otherwise
    clients draw URLs at random from the list, over and over.
    """
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    queue = list(reversed(urls))

    def next_url(rng: random.Random) -> str | None:
        if not distinct:
            return rng.choice(urls)
        with lock:
            return queue.pop() if queue else None

    def client(k: int) -> None:
        rng = random.Random(k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            url = next_url(rng)
            if url is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - t0) * 1000)
            bad += not ok
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    cpu0, mine0 = process_cpu(server_pid) if server_pid else 0.0, time.process_time()
    db0 = database_cpu()
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    server_cpu = process_cpu(server_pid) - cpu0 if server_pid else 0.0
    return Result(
        scenario, tuple(latencies), errors[0], elapsed, server_cpu, time.process_time() - mine0,
        database_cpu() - db0,
    )


def first_request_ms(port: int, url: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    conn.request("GET", url)
    conn.getresponse().read()
    conn.close()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="per scenario")
    parser.add_argument("--workers", type=int, default=None, help="kuzet serve --workers")
    parser.add_argument(
        "--threads", type=int, default=None, help="kuzet serve --threads (default: its own)"
    )
    parser.add_argument("--home", help="KUZET_HOME for SQLite (default: a new temporary one)")
    parser.add_argument("--scenarios", default="entries,person,dashboard")
    parser.add_argument("--popular", type=int, default=50, help="URLs in the repeat runs")
    parser.add_argument(
        "--first", type=int, default=1375,
        help="URLs asked once in each first-visit run (entries: at most 1,575 - --warmup)"
    )
    parser.add_argument(
        "--warmup", type=int, default=200,
        help="other first-visit URLs asked (not measured) before each first-visit run; 0: none",
    )
    parser.add_argument(
        "--load",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk if installed (auto), or Python threads",
    )
    args = parser.parse_args()
    use_wrk = args.load == "wrk" or (args.load == "auto" and shutil.which("wrk") is not None)
    if use_wrk and shutil.which("wrk") is None:
        raise SystemExit("web_bench: wrk is not installed (apt-get install wrk), or use --load python")

    if not os.environ.get("KUZET_DATABASE_URL"):
        os.environ["KUZET_HOME"] = args.home or tempfile.mkdtemp(prefix="kuzet-webbench-")
    sys.path.insert(0, str(ROOT / "src"))
    from django.db import connection, connections

    from kuzet.cli import web_cmds
    from kuzet.cli.web_cmds import default_workers
    from kuzet.setup import database_label, ensure_database

    ensure_database()
    print(f"database: {connection.vendor} ({database_label()})", flush=True)
    fill(args.entries)
    analyse()
    from kuzet.store import models as m

    total = m.Entry.objects.count()
    rng = random.Random(2024)
    # Each scenario's URLs: the first --warmup warm the server up, the next --first are
    # measured; no URL is in both.
    want = args.warmup + args.first
    urls = {
        "entries": entry_urls(rng, want),
        "person": person_urls(rng, want),
        "dashboard": ["/dashboard/"],
    }
    forget_shared_cache()
    connections.close_all()
    workers = args.workers or default_workers()
    threads = args.threads or getattr(web_cmds, "DEFAULT_THREADS", 4)
    port = free_port()
    server = start_server(port, workers, threads)
    try:
        load = "wrk (1 thread)" if use_wrk else "Python threads"
        print(
            f"kuzet serve: {workers} workers x {threads} threads on 127.0.0.1:{port}; "
            f"{total:,} entries; {args.clients} clients ({load}), {args.seconds:.0f} s per scenario; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(
            f"  first /dashboard/ (computes every figure, for every worker): "
            f"{first_request_ms(port, '/dashboard/'):,.0f} ms",
            flush=True,
        )
        head = ("scenario", "requests", "errors", "req/s", "median", "p95", "p99", "max")
        widths = (7, 6, 8, 8, 8, 8, 8)
        print(
            f"  {head[0]:27} " + " ".join(f"{h:>{w}}" for h, w in zip(head[1:], widths, strict=True))
            + "  cpu ms/request: server db load"
        )

        def measure(scenario: str, pool: list[str], distinct: bool) -> str:
            if use_wrk:
                return run_wrk(
                    port, server.pid, scenario, pool, args.clients, args.seconds,
                    distinct=distinct,
                ).line()
            return run(
                port, scenario, pool, args.clients, args.seconds, distinct=distinct,
                server_pid=server.pid,
            ).line()

        for name in args.scenarios.split(","):
            pool = urls[name]
            if name != "dashboard":
                warm, pool = pool[: args.warmup], pool[args.warmup :]
                if warm:
                    # A server that has been running: every worker thread has served
                    # pages and the database's buffers hold the indexes. These URLs are
                    # not measured and none of them comes again below.
                    measure(f"{name} (warm-up)", warm, True)
                # First visits: every request a different query or person, nothing cached.
                print(measure(f"{name} (first visits)", pool, True), flush=True)
            # Repeat visits: many readers on the same pages (the popular searches).
            popular = pool[: args.popular]
            print(measure(f"{name} (repeat, {len(popular)} URLs)", popular, False), flush=True)
        print(f"  load average after: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
