"""Benchmark of jcmock: does the cost of a request grow with the number of stored objects?

Serves the real ``jcmock serve`` with a db file pre-populated with N IP lists, then
drives PATCH and GET of random objects over HTTP from several client threads and
reports throughput and latency per N. The goal: PATCH throughput at 100,000 stored
objects at most 1.25 times lower than at 100.

Each scenario is a function that returns a ``Report`` (a Markdown table, summary
lines and the raw numbers); ``main`` runs them and prints the reports in order.

    .venv/bin/python bench/bench.py [--sizes 100,10000,100000] [--requests 6000] [--only lists] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from jcmock.process import JcmockProcess

REPO = Path(__file__).resolve().parents[1]
# Prism and WireMock (npm packages) live here, outside the project's dependencies (gitignored).
PEERS = REPO / "bench" / "peers"
PEER_PACKAGES = ("@stoplight/prism-cli@5", "wiremock@3")
GSUITE = "5f9e1a2b3c4d5e6f70819203"  # a bundled fixture's id; the PATCH every peer answers
PATCH_BODY = {"userLockoutAction": "maintain"}
# wrk prints its numbers as one JSON line from this hook (latencies in microseconds).
WRK_SCRIPT = """
wrk.method = "PATCH"
wrk.body = '__BODY__'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "anything"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"errors": %d}\\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
""".replace("__BODY__", json.dumps(PATCH_BODY))
API_KEY = "anything"
# Base of the generated 24-hex ids; any valid object id would do.
ID_BASE = 0x64B000000000000000000000
GOAL_RATIO = 1.25


@dataclass
class Report:
    """What one scenario measured: a table for people, raw numbers for ``--json``."""

    name: str
    columns: list[str]
    rows: list[list[str]]
    summary: list[str] = field(default_factory=list)
    raw: object = None

    def markdown(self) -> str:
        lines = [_table_line(self.columns), _table_line(["---"] * len(self.columns))]
        lines += [_table_line(row) for row in self.rows]
        return "\n".join(lines)


@dataclass
class LoadResult:
    """Outcome of one bounded load phase."""

    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    server_cpu_seconds: float | None = None

    @property
    def server_cpu_ms(self) -> float | None:
        """Server CPU time per request: less skewed than throughput by other processes on the machine."""
        if self.server_cpu_seconds is None or not self.requests:
            return None
        return self.server_cpu_seconds * 1000 / self.requests

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, pct: float) -> float:
        """Latency in ms below which ``pct`` percent of the requests fall (steps of 0.1)."""
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=1000, method="inclusive")[round(pct * 10) - 1]

    def as_dict(self) -> dict:
        return {
            "requests": self.requests, "errors": self.errors, "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 1), "p50_ms": round(self.percentile(50), 3),
            "p99_ms": round(self.percentile(99), 3), "p99_9_ms": round(self.percentile(99.9), 3),
            "max_ms": round(max(self.latencies_ms, default=0.0), 3),
            "server_cpu_ms_per_request": None if self.server_cpu_ms is None else round(self.server_cpu_ms, 3),
        }


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# -- the server under test -----------------------------------------------------------------


def default_org() -> str:
    """The organization requests without x-org-id act in: the first of the bundled fixtures."""
    organizations = json.loads((REPO / "fixtures" / "jumpcloud" / "organizations.json").read_text(encoding="utf-8"))
    return organizations[0]["id"]


def iplist_ids(count: int) -> list[str]:
    return [f"{ID_BASE + i:024x}" for i in range(count)]


def write_db(path: Path, org: str, ids: list[str]) -> None:
    """A db file in ``Store.dump()`` form (JumpCloud's tenants as ``jumpcloud:<org>``); a store that
    is not empty is served without seeding."""
    iplists = {obj_id: {"id": obj_id, "name": f"list {i}", "description": "", "ips": ["10.0.0.1"]}
               for i, obj_id in enumerate(ids)}
    tree = {f"jumpcloud:{org}": {"organizations": {org: {"id": org, "name": "bench"}}, "iplists": iplists}}
    path.write_text(json.dumps(tree), encoding="utf-8")


class Server(JcmockProcess):
    """A jcmock command (``serve`` over ``db`` unless told otherwise) in a subprocess, for one scenario.

    ``source`` (``--source``) runs the jcmock of another checkout, for before/after numbers.
    """

    source: Path | None = None

    def __init__(self, db: Path, *, command=None):
        args = command or ["serve", "--db", str(db)]
        # Loading 100,000 objects takes a while on a busy machine; saving them at exit too.
        super().__init__(*args, log_path=db.with_name("server.log"), start_timeout=120.0, stop_timeout=30.0,
                         cwd=self.source)

    def rss_mb(self) -> float | None:
        """Resident memory of the server process in MB; None off Linux."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kilobytes / 1024

    def cpu_seconds(self) -> float | None:
        """User plus system CPU time the server process has used so far (all its threads); None off Linux."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        # Fields after the parenthesised command name; utime and stime are the 12th and 13th.
        utime, stime = stat.rsplit(")", 1)[1].split()[11:13]
        return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.stderr().splitlines()[-lines:])


# -- the load generator --------------------------------------------------------------------


def run_load(make_request, *, count: int, threads: int, max_seconds: float, seed: int) -> LoadResult:
    """Send about ``count`` requests from ``threads`` threads, stopping early after ``max_seconds``.

    ``make_request(session, rng)`` sends one request and returns its status code; each
    thread has its own ``requests.Session`` (kept-alive connection) and random source.
    """
    shares = [count // threads + (1 if t < count % threads else 0) for t in range(threads)]
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors = [0] * threads
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def worker(t: int) -> None:
        rng = random.Random(seed * 1000 + t)
        own = latencies[t]
        with requests.Session() as session:
            session.headers["x-api-key"] = API_KEY
            start.wait()
            for _ in range(shares[t]):
                if time.perf_counter() > deadline[0]:
                    break
                began = time.perf_counter()
                try:
                    ok = make_request(session, rng) == 200
                except requests.RequestException:
                    ok = False
                own.append((time.perf_counter() - began) * 1000)
                if not ok:
                    errors[t] += 1

    workers = [threading.Thread(target=worker, args=(t,), daemon=True) for t in range(threads)]
    for w in workers:
        w.start()
    began = time.perf_counter()
    deadline[0] = began + max_seconds
    start.wait()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    merged = [ms for own in latencies for ms in own]
    return LoadResult(requests=len(merged), errors=sum(errors), seconds=elapsed, latencies_ms=merged)


# -- scenarios -----------------------------------------------------------------------------


def bench_stored_objects(args) -> Report:
    """PATCH and GET of one IP list, served over HTTP, with N IP lists stored."""
    measured = measure_stored_objects(args)
    rows = [
        [f"{size:,}", f"{p.per_second:.0f}", f"{p.percentile(50):.2f}", f"{p.percentile(99):.2f}",
         f"{g.per_second:.0f}", f"{g.percentile(50):.2f}"]
        for size, p, g in measured
    ]
    raw = {"sizes": [{"stored_objects": size, "patch": p.as_dict(), "get": g.as_dict()} for size, p, g in measured]}
    summary = []
    if len(measured) > 1:
        (small, p_small, _), (large, p_large, _) = min(measured, key=_size), max(measured, key=_size)
        ratio = p_small.per_second / p_large.per_second
        p50_ratio = p_large.percentile(50) / p_small.percentile(50)
        summary.append(f"PATCH p50 latency ratio {_short(large)}/{_short(small)}: {p50_ratio:.2f}")
        raw.update(patch_p50_ratio=round(p50_ratio, 3))
        summary.append(f"PATCH p99.9 / max latency: {p_large.percentile(99.9):.0f} / "
                       f"{max(p_large.latencies_ms):.0f} ms "
                       f"at {_short(large)}, {p_small.percentile(99.9):.0f} / {max(p_small.latencies_ms):.0f} ms "
                       f"at {_short(small)}")
        if p_small.server_cpu_ms and p_large.server_cpu_ms:
            cpu_ratio = p_large.server_cpu_ms / p_small.server_cpu_ms
            summary.append(f"PATCH server CPU per request {_short(large)}/{_short(small)}: {cpu_ratio:.2f} "
                           f"({p_large.server_cpu_ms:.2f} ms vs {p_small.server_cpu_ms:.2f} ms)")
            raw.update(patch_server_cpu_ratio=round(cpu_ratio, 3))
        summary.append(f"PATCH throughput ratio {_short(small)}/{_short(large)}: {ratio:.2f} (goal <= {GOAL_RATIO})")
        raw.update(patch_throughput_ratio=round(ratio, 3), goal=GOAL_RATIO)
    return Report(
        name="stored_objects",
        columns=["stored objects", "PATCH/s", "p50 ms", "p99 ms", "GET/s", "GET p50 ms"],
        rows=rows, summary=summary, raw=raw,
    )


def measure_stored_objects(args) -> list[tuple[int, LoadResult, LoadResult]]:
    """(size, PATCH result, GET result) for each size, one server per size."""
    org = default_org()
    measured = []
    for size in args.sizes:
        ids = iplist_ids(size)
        label = f"{size} objects"
        with tempfile.TemporaryDirectory(prefix="jcmock-bench-") as tmp:
            db = Path(tmp) / "db.json"
            progress(f"{label}: writing db...")
            write_db(db, org, ids)
            progress(f"{label}: serving...")
            began = time.perf_counter()
            with Server(db) as server:
                progress(f"{label}: server up in {time.perf_counter() - began:.1f}s at {server.api}")
                item = f"{server.api}/iplists/{{}}"

                def get(session, rng):
                    return session.get(item.format(rng.choice(ids)), timeout=30).status_code

                def patch(session, rng):
                    body = {"name": f"bench {rng.randrange(1 << 30)}"}
                    return session.patch(item.format(rng.choice(ids)), json=body, timeout=30).status_code

                # GETs first, while the store has nothing to save: PATCHes make it dirty, and the
                # background saves they trigger belong to the PATCH numbers. A phase lasts several
                # save intervals (10 x a save, seconds at 100k), so its share of saves is a fair one.
                got = measure(server, "GET", get, label, args)
                patched = measure(server, "PATCH", patch, label, args)
        measured.append((size, patched, got))
    return measured


def measure(server: Server, method: str, send, label: str, args) -> LoadResult:
    """A warm-up, then a measured phase of ``send``; RuntimeError if any request failed."""
    progress(f"{label}: {method} warm-up ({args.warmup})...")
    run_load(send, count=args.warmup, threads=args.threads, max_seconds=args.max_seconds, seed=1)
    progress(f"{label}: {method} x {args.requests} from {args.threads} threads...")
    cpu_before = server.cpu_seconds()
    result = run_load(send, count=args.requests, threads=args.threads, max_seconds=args.max_seconds, seed=2)
    cpu_after = server.cpu_seconds()
    if cpu_before is not None and cpu_after is not None:
        result.server_cpu_seconds = cpu_after - cpu_before
    if result.requests < args.requests:
        progress(f"{label}: {method} stopped after {args.max_seconds:g}s, {result.requests} of {args.requests} sent")
    if result.errors:
        raise RuntimeError(f"{result.errors} of {result.requests} {method} requests failed ({label}); "
                           f"server log:\n{server.log_tail()}")
    return result


def bench_lists(args) -> Report:
    """List pages with N IP lists stored: a page should cost what it holds, not what the store holds.

    Also the start (process start to first answer) and resident memory of each size.
    """
    org = default_org()
    measured = []
    for size in args.list_sizes:
        label = f"lists, {size} objects"
        with tempfile.TemporaryDirectory(prefix="jcmock-bench-") as tmp:
            db = Path(tmp) / "db.json"
            write_db(db, org, iplist_ids(size))
            progress(f"{label}: serving...")
            began = time.perf_counter()
            with Server(db) as server, requests.Session() as session:
                session.headers["x-api-key"] = API_KEY
                session.get(f"{server.api}/iplists?limit=1", timeout=60).raise_for_status()
                started = time.perf_counter() - began
                pages = {
                    "first page": f"{server.api}/iplists?limit=100",
                    "last page": f"{server.api}/iplists?limit=100&skip={max(size - 100, 0)}",
                    "filtered": f"{server.api}/iplists?filter=name:eq:list {size - 1}",
                    "sorted": f"{server.api}/iplists?limit=100&sort=-name",
                }
                timings = {name: _median_ms(lambda url=url: session.get(url, timeout=60).raise_for_status(),
                                             args.list_requests) for name, url in pages.items()}
                measured.append({"stored_objects": size, "start_s": round(started, 3),
                                 "rss_mb": server.rss_mb(), **{k: round(v, 3) for k, v in timings.items()}})
    rows = [[f"{m['stored_objects']:,}", f"{m['start_s']:.2f}", f"{m['rss_mb']:.0f}" if m["rss_mb"] else "-",
             *(f"{m[name]:.1f}" for name in ("first page", "last page", "filtered", "sorted"))] for m in measured]
    summary = []
    if len(measured) > 1:
        small, large = min(measured, key=_stored), max(measured, key=_stored)
        ratio = large["first page"] / small["first page"]
        summary.append(f"process start to first answer at {_short(small['stored_objects'])} objects: "
                       f"{small['start_s']:.2f} s (goal <= 0.5)")
        summary.append(f"page of 100 at {_short(large['stored_objects'])} / at {_short(small['stored_objects'])}: "
                       f"{ratio:.2f} (goal <= 1.5); filtered list at {_short(large['stored_objects'])}: "
                       f"{large['filtered']:.0f} ms (goal <= 100); start at {_short(large['stored_objects'])}: "
                       f"{large['start_s']:.2f} s (goal <= 1)")
        if small["rss_mb"] and large["rss_mb"]:
            per_10k = (large["rss_mb"] - small["rss_mb"]) / (large["stored_objects"] - small["stored_objects"]) * 1e4
            summary.append(f"resident memory: {per_10k:.1f} MB per 10,000 stored objects")
    return Report(name="lists", columns=["stored objects", "start s", "RSS MB", "page of 100 ms", "last page ms",
                                         "filtered ms", "sorted page ms"], rows=rows, summary=summary,
                  raw={"sizes": measured})


def bench_service_lists(args) -> Report:
    """Okta's cursor lists and SCIM's startIndex lists with N objects stored, answered in process
    (Flask's test client: the cost is the app's, the HTTP layer is the same as for JumpCloud's)."""
    import uuid

    import jcmock
    from jcmock.core.store import Store
    from jcmock.scim.resource_types import BY_NAME

    now = "2024-01-01T00:00:00.000Z"
    measured = []
    for size in args.list_sizes:
        progress(f"service lists, {size} objects: filling...")
        app = jcmock.create_app({"JCMOCK_SEED": 1}, services=["okta", "scim"], store=Store())
        okta = app.test_client()
        okta.environ_base["HTTP_AUTHORIZATION"] = "SSWS bench"
        okta_base = "https://acme.okta.com"
        okta.get("/api/v1/groups", base_url=okta_base).close()  # makes the tenant
        backend = app.extensions["jcmock"].backends["okta"]
        tenant = next(iter(backend.tenants()))["id"]
        group_ids = []
        for i in range(size):
            group_id = backend.ids.new("groups")
            group_ids.append(group_id)
            backend.store.put(tenant, "groups", group_id, {
                "id": group_id, "created": now, "lastUpdated": now, "lastMembershipUpdated": now,
                "objectClass": ["okta:user_group"], "type": "OKTA_GROUP",
                "profile": {"name": f"group {i:06d}", "description": None}})
        scim = app.test_client()
        scim.environ_base["HTTP_AUTHORIZATION"] = "Bearer bench"
        scim.get("/scim/v2/Users").close()
        scim_backend = app.extensions["jcmock"].backends["scim"]
        kind = BY_NAME["User"].kind
        rng = random.Random(1)
        for i in range(size):
            user_id = str(uuid.UUID(int=rng.getrandbits(128)))
            scim_backend.store.put("default", kind, user_id, {
                "id": user_id, "userName": f"user{i:06d}@example.com", "active": True,
                "name": {"givenName": f"G{i}", "familyName": f"F{i}"},
                "meta": {"resourceType": "User", "created": now, "lastModified": now, "version": 'W/"1"'}})
        middle = sorted(group_ids)[size // 2]
        pages = {
            "Okta groups, first page": (okta, "/api/v1/groups?limit=100", okta_base),
            "Okta groups, cursor halfway": (okta, f"/api/v1/groups?limit=100&after={middle}", okta_base),
            "Okta groups, q filter": (okta, f"/api/v1/groups?limit=100&q=group%20{size - 1:06d}", okta_base),
            "SCIM Users, first page": (scim, "/scim/v2/Users?count=100", "http://localhost"),
            "SCIM Users, halfway": (scim, f"/scim/v2/Users?count=100&startIndex={size // 2}", "http://localhost"),
            "SCIM Users, filter": (scim, f'/scim/v2/Users?filter=userName eq "user{size - 1:06d}@example.com"',
                                   "http://localhost"),
        }
        timings = {}
        for name, (client, url, base) in pages.items():
            progress(f"service lists, {size} objects: {name}...")
            timings[name] = _median_ms(lambda: _checked_get(client, url, base), args.list_requests)
        measured.append({"stored_objects": size, **{k: round(v, 3) for k, v in timings.items()}})
    names = [name for name in measured[0] if name != "stored_objects"]
    rows = [[name, *(f"{m[name]:.1f}" for m in measured)] for name in names]
    summary = []
    if len(measured) > 1:
        small, large = min(measured, key=_stored), max(measured, key=_stored)
        for name in names:
            if "filter" not in name:
                # Against the first page at the small size: a page of 100 there too (halfway through
                # 100 objects is a page of 50).
                first = name.split(",")[0] + ", first page"
                summary.append(f"{name}: {large[name] / small[first]:.2f}x at {_short(large['stored_objects'])} "
                               f"against the first page at {_short(small['stored_objects'])} (goal <= 1.5)")
            else:
                summary.append(f"{name} at {_short(large['stored_objects'])}: {large[name]:.0f} ms (goal <= 100)")
    return Report(name="service_lists", columns=["list (ms, median)", *(f"{m['stored_objects']:,} stored"
                                                                         for m in measured)],
                  rows=rows, summary=summary, raw={"sizes": measured})


def _median_ms(fetch, count) -> float:
    """Median latency of ``count`` sequential calls of ``fetch`` (after one unmeasured); it raises on a failure."""
    fetch()
    latencies = []
    for _ in range(count):
        began = time.perf_counter()
        fetch()
        latencies.append((time.perf_counter() - began) * 1000)
    return statistics.median(latencies)


def _checked_get(client, url, base):
    """A GET through a Flask test client: RuntimeError unless it answers 200."""
    response = client.get(url, base_url=base)
    response.close()
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code} {response.get_data(as_text=True)[:300]}")


def _stored(measurement) -> int:
    return measurement["stored_objects"]


# -- peers: the same PATCH against Prism and WireMock, with wrk ---------------------------


class Peer:
    """A server process under wrk: jcmock, Prism or WireMock, answering ``url`` once started."""

    def __init__(self, name: str, command: list[str], url: str, log: Path, *, ready=None, env=None):
        self.name, self.url = name, url
        with open(log, "w") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if (ready or _answers)(url):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} did not start; its log:\n{log.read_text(errors='replace')[-2000:]}")

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _answers(url) -> bool:
    return requests.patch(url, json=PATCH_BODY, headers={"x-api-key": API_KEY}, timeout=2).status_code == 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_seconds(pid: int) -> float | None:
    try:
        utime, stime = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]
    except OSError:
        return None
    return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")


def install_peers() -> list[str]:
    """Install Prism and WireMock into ``bench/peers`` if they are not there; the lines saying what failed."""
    if (PEERS / "node_modules" / ".bin" / "prism").exists() and _wiremock_jar():
        return []
    if shutil.which("npm") is None:
        return ["npm not found: Prism and WireMock skipped (install Node.js to measure them)"]
    progress(f"installing {', '.join(PEER_PACKAGES)} into {PEERS}...")
    PEERS.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund", *PEER_PACKAGES],
                          capture_output=True, text=True)
    if done.returncode:
        return [f"npm install of the peers failed, those missing are skipped: {done.stderr.strip()[-300:]}"]
    return []


def _wiremock_jar() -> Path | None:
    return next(iter(sorted((PEERS / "node_modules" / "wiremock").glob("**/wiremock-standalone-*.jar"))), None)


def start_peer(name: str, tmp: Path) -> Peer:
    """One server answering ``PATCH /api/v2/gsuites/{id}`` with a JSON body, each at its defaults."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/v2/gsuites/{GSUITE}"
    log = tmp / f"{name}.log"
    if name == "jcmock":
        command = [sys.executable, "-m", "jcmock.cli", "serve", "--port", str(port), "--db", str(tmp / "db.json")]
        return Peer(name, command, url, log, env={**os.environ, "PYTHONPATH": str(Server.source or REPO)})
    if name == "prism":
        spec = tmp / "openapi.json"
        if not spec.exists():
            with Server(tmp / "spec.json") as server:
                spec.write_bytes(requests.get(f"{server.api}/openapi.json", timeout=30).content)
        command = [str(PEERS / "node_modules" / ".bin" / "prism"), "mock", str(spec), "-h", "127.0.0.1",
                   "-p", str(port)]
        return Peer(name, command, url, log)
    command = ["java", "-jar", str(_wiremock_jar()), "--port", str(port), "--bind-address", "127.0.0.1",
               "--disable-banner"]
    admin = f"http://127.0.0.1:{port}/__admin/mappings"
    stub = {"request": {"method": "PATCH", "urlPathPattern": "/api/v2/gsuites/[0-9a-f]{24}"},
            "response": {"status": 200, "jsonBody": {"id": GSUITE, "name": "example.com Workspace", **PATCH_BODY},
                         "headers": {"Content-Type": "application/json"}}}
    return Peer(name, command, url, log, ready=lambda _: requests.post(admin, json=stub, timeout=2).ok)


def available_peers() -> tuple[list[str], list[str]]:
    """The servers that can run here, and a line for each one skipped."""
    skipped = install_peers()
    names = ["jcmock"]
    if (PEERS / "node_modules" / ".bin" / "prism").exists():
        names.append("prism")
    elif not skipped:
        skipped.append("Prism not installed in bench/peers: skipped")
    if _wiremock_jar() is None:
        skipped.append("WireMock jar not installed in bench/peers: skipped")
    elif shutil.which("java") is None:
        skipped.append("java not found: WireMock skipped")
    else:
        names.append("wiremock")
    return names, skipped


def run_wrk(peer: Peer, connections: int, seconds: float, script: Path) -> dict:
    """One wrk run against a peer: req/s, p50 and p99 ms, server CPU ms per request."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s", "-s", str(script), peer.url]
    before = _cpu_seconds(peer.pid)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    after = _cpu_seconds(peer.pid)
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    numbers = json.loads(line[4:])
    count = numbers["requests"]
    return {"server": peer.name, "connections": connections, "per_second": count / numbers["duration_us"] * 1e6,
            "p50_ms": numbers["p50_us"] / 1000, "p99_ms": numbers["p99_us"] / 1000, "errors": numbers["errors"],
            "server_cpu_ms": None if before is None or after is None or not count else (after - before) * 1e3 / count}


def bench_peers(args) -> Report:
    """jcmock, Prism and WireMock on the same PATCH under wrk, alternating servers round by round; medians."""
    if shutil.which("wrk") is None:
        return Report(name="peers", columns=["skipped"], rows=[["wrk not found (apt-get install wrk)"]],
                      summary=["peers: wrk not found, skipped"])
    names, skipped = available_peers()
    for line in skipped:
        progress(line)
    runs: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="jcmock-bench-") as tmp:
        script = Path(tmp) / "patch.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        for round_number in range(args.peer_rounds):
            for name in names:
                progress(f"peers round {round_number + 1}/{args.peer_rounds}: {name}...")
                peer = start_peer(name, Path(tmp))
                try:
                    for connections in args.connections:
                        run_wrk(peer, connections, min(2.0, args.peer_seconds), script)  # warm-up
                        runs.setdefault((name, connections), []).append(
                            run_wrk(peer, connections, args.peer_seconds, script))
                finally:
                    peer.stop()
    medians = {key: _median_run(found) for key, found in runs.items()}
    rows = [[name, str(c), f"{m['per_second']:,.0f}", f"{m['p50_ms']:.2f}", f"{m['p99_ms']:.2f}",
             "-" if m["server_cpu_ms"] is None else f"{m['server_cpu_ms']:.3f}", str(m["errors"])]
            for (name, c), m in medians.items()]
    summary = [*(f"skipped: {line}" for line in skipped)]
    summary += _peer_goals(medians, args.connections)
    return Report(name="peers", columns=["server", "connections", "req/s", "p50 ms", "p99 ms",
                                         "server CPU ms/request", "errors"], rows=rows, summary=summary,
                  raw={"rounds": args.peer_rounds, "seconds": args.peer_seconds,
                       "runs": {f"{name}@{c}": found for (name, c), found in runs.items()}})


def _median_run(found: list[dict]) -> dict:
    """Per number, the median over rounds (so one noisy round on a shared machine does not decide)."""
    cpu = [r["server_cpu_ms"] for r in found if r["server_cpu_ms"] is not None]
    return {"per_second": statistics.median(r["per_second"] for r in found),
            "p50_ms": statistics.median(r["p50_ms"] for r in found),
            "p99_ms": statistics.median(r["p99_ms"] for r in found),
            "server_cpu_ms": statistics.median(cpu) if cpu else None,
            "errors": sum(r["errors"] for r in found)}


def _peer_goals(medians, connections) -> list[str]:
    lines = []
    jc16, prism16 = medians.get(("jcmock", 16)), medians.get(("prism", 16))
    if jc16 and prism16:
        lines.append(f"jcmock / Prism req/s at 16 connections: {jc16['per_second'] / prism16['per_second']:.2f} "
                     "(goal >= 2)")
    jc64 = medians.get(("jcmock", 64))
    if jc16 and jc64:
        lines.append(f"jcmock req/s at 64 / at 16 connections: {jc64['per_second'] / jc16['per_second']:.2f} "
                     f"(goal >= 1); p99 at 64: {jc64['p99_ms']:.1f} ms (goal <= 50)")
    return lines


def bench_replay(args) -> Report:
    """Replaying a cassette over HTTP: a 10,000-interaction cassette against a 10-interaction one."""
    from jcmock.recording.cassette import Cassette, Interaction, Request, Response

    measured = []
    for size in args.cassette_sizes:
        ids = iplist_ids(size)
        label = f"{size} interactions"
        with tempfile.TemporaryDirectory(prefix="jcmock-bench-") as tmp:
            path = Path(tmp) / "bench.yaml"
            progress(f"{label}: writing cassette...")
            cassette = Cassette(path)
            for obj_id in ids:
                uri = f"https://console.jumpcloud.com/api/v2/iplists/{obj_id}"
                body = json.dumps({"name": f"list {obj_id}"}).encode()
                cassette.append(Interaction(
                    Request("PATCH", uri, body, {"Content-Type": ["application/json"], "x-api-key": ["REDACTED"]}),
                    Response(200, "OK", {"Content-Type": ["application/json"]},
                             json.dumps({"id": obj_id, "name": f"list {obj_id}", "ips": []}).encode()),
                ))
            cassette.save()
            with Server(Path(tmp) / "unused.json", command=["replay", str(path)]) as server:
                item = f"{server.api}/iplists/{{}}"

                def patch(session, rng):
                    obj_id = rng.choice(ids)
                    return session.patch(item.format(obj_id), json={"name": f"list {obj_id}"}, timeout=30).status_code

                measured.append((size, measure(server, "PATCH", patch, label, args)))
    rows = [[f"{size:,}", f"{r.per_second:.0f}", f"{r.percentile(50):.2f}", f"{r.percentile(99):.2f}",
             f"{r.server_cpu_ms:.2f}" if r.server_cpu_ms else "-"] for size, r in measured]
    summary, raw = [], {"sizes": [{"interactions": size, "patch": r.as_dict()} for size, r in measured]}
    if len(measured) > 1:
        (small, r_small), (large, r_large) = min(measured, key=_size), max(measured, key=_size)
        ratio = r_small.per_second / r_large.per_second
        summary.append(f"replay throughput ratio {_short(small)}/{_short(large)} interactions: {ratio:.2f} "
                       f"(goal: about 1, the same per-request cost)")
        raw.update(throughput_ratio=round(ratio, 3))
    return Report(name="replay", columns=["recorded interactions", "replayed PATCH/s", "p50 ms", "p99 ms",
                                          "server CPU ms/request"], rows=rows, summary=summary, raw=raw)


def bench_in_process(args) -> Report:
    """One ``requests`` call answered in process: a bare ``responses`` stub against ``mock_jumpcloud()``."""
    import responses

    import jcmock

    url = "https://console.jumpcloud.com/api/v2/gsuites/5f9e1a2b3c4d5e6f70819203"
    headers = {"x-api-key": API_KEY}
    calls = args.in_process_calls

    def per_call_us(send):
        for _ in range(min(200, calls)):
            send()
        began = time.perf_counter()
        for _ in range(calls):
            send()
        return (time.perf_counter() - began) / calls * 1e6

    progress(f"in-process: bare responses stub x {calls}...")
    with requests.Session() as session, responses.RequestsMock() as stub:
        stub.get(url, json={"id": "5f9e1a2b3c4d5e6f70819203", "name": "example.com Workspace"})
        bare = per_call_us(lambda: session.get(url, headers=headers))
    progress(f"in-process: mock_jumpcloud() x {calls}...")
    with requests.Session() as session, jcmock.mock_jumpcloud():
        mocked = per_call_us(lambda: session.get(url, headers=headers))
        progress(f"in-process: mock_jumpcloud() PATCH x {calls}...")
        patched = per_call_us(lambda: session.patch(url, json={"userLockoutAction": "maintain"}, headers=headers))
    rows = [["bare responses stub (GET)", f"{bare:.0f}", "1.00"],
            ["mock_jumpcloud() GET", f"{mocked:.0f}", f"{mocked / bare:.2f}"],
            ["mock_jumpcloud() PATCH", f"{patched:.0f}", f"{patched / bare:.2f}"]]
    return Report(name="in_process", columns=["in-process call", "µs per call", "x bare stub"], rows=rows,
                  summary=[f"mock_jumpcloud() GET costs {mocked / bare:.2f}x a bare responses stub (goal <= 2.5)"],
                  raw={"bare_us": bare, "mock_get_us": mocked, "mock_patch_us": patched})


SCENARIOS = {"peers": bench_peers, "stored_objects": bench_stored_objects, "lists": bench_lists,
             "service_lists": bench_service_lists, "replay": bench_replay, "in_process": bench_in_process}


# -- entry point ---------------------------------------------------------------------------


def compile_package() -> None:
    """Byte-compile the served jcmock once, as installing it does: a start should not time compiling
    its own source (``PYTHONDONTWRITEBYTECODE`` would otherwise have every start do it)."""
    import compileall

    compileall.compile_dir(str((Server.source or REPO) / "jcmock"), quiet=1)


def main(argv=None) -> int:
    args = parse_args(argv)
    Server.source = args.source
    compile_package()
    reports = [SCENARIOS[name](args) for name in args.only]
    for i, report in enumerate(reports):
        if i:
            print()
        print(report.markdown())
        if report.summary:
            print()
            print("\n".join(report.summary))
    if args.json:
        raw = {"settings": {k: v for k, v in vars(args).items() if k != "json"},
               **{report.name: report.raw for report in reports}}
        Path(args.json).write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return 0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[100, 10_000, 100_000],
                        help="comma-separated numbers of stored objects (default: 100,10000,100000)")
    parser.add_argument("--requests", type=int, default=6000,
                        help="measured requests per size and method (default: 6000)")
    parser.add_argument("--warmup", type=int, default=300,
                        help="unmeasured requests before each measured phase (default: 300)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default: 4)")
    parser.add_argument("--max-seconds", type=float, default=30.0,
                        help="stop a phase after this long even if requests remain (default: 30)")
    parser.add_argument("--cassette-sizes", type=_sizes, default=[10, 10_000],
                        help="comma-separated numbers of recorded interactions to replay (default: 10,10000)")
    parser.add_argument("--in-process-calls", type=int, default=3000,
                        help="calls per in-process measurement (default: 3000)")
    parser.add_argument("--list-sizes", type=_sizes, default=[100, 100_000],
                        help="comma-separated numbers of stored objects for the list scenario (default: 100,100000)")
    parser.add_argument("--list-requests", type=int, default=30,
                        help="sequential requests per list measurement (default: 30)")
    parser.add_argument("--connections", type=_sizes, default=[1, 16, 64],
                        help="wrk connections for the peers scenario (default: 1,16,64)")
    parser.add_argument("--peer-seconds", type=float, default=10.0,
                        help="seconds of wrk load per server and connection count (default: 10)")
    parser.add_argument("--peer-rounds", type=int, default=3,
                        help="rounds over all servers, alternating; the table shows medians (default: 3)")
    parser.add_argument("--only", type=_scenarios, default=list(SCENARIOS),
                        help=f"comma-separated scenarios to run (default: all of {', '.join(SCENARIOS)})")
    parser.add_argument("--source", type=Path, metavar="DIR",
                        help="serve the jcmock of another checkout (before/after comparisons)")
    parser.add_argument("--json", metavar="PATH", help="also write the raw numbers to PATH as JSON")
    args = parser.parse_args(argv)
    if min(args.requests, args.threads) < 1 or args.warmup < 0 or args.max_seconds <= 0:
        parser.error("--requests, --threads and --max-seconds must be positive, --warmup not negative")
    return args


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive integers, got {text!r}")
    return sizes


def _scenarios(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"scenarios are {', '.join(SCENARIOS)}; got {text!r}")
    return names


def _size(measurement) -> int:
    return measurement[0]


def _short(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def _table_line(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


if __name__ == "__main__":
    sys.exit(main())
