"""Benchmark of jcmock: does the cost of a request grow with the number of stored objects?

Serves the real ``jcmock serve`` with a db file pre-populated with N IP lists, then
drives PATCH and GET of random objects over HTTP from several client threads and
reports throughput and latency per N. The goal: PATCH throughput at 100,000 stored
objects at most 1.25 times lower than at 100.

Each scenario is a function that returns a ``Report`` (a Markdown table, summary
lines and the raw numbers); ``main`` runs them and prints the reports in order.

    .venv/bin/python bench/bench.py [--sizes 100,10000,100000] [--requests 6000] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from jcmock.process import JcmockProcess

REPO = Path(__file__).resolve().parents[1]
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
    organizations = json.loads((REPO / "fixtures" / "organizations.json").read_text(encoding="utf-8"))
    return organizations[0]["id"]


def iplist_ids(count: int) -> list[str]:
    return [f"{ID_BASE + i:024x}" for i in range(count)]


def write_db(path: Path, org: str, ids: list[str]) -> None:
    """A db file in ``Store.dump()`` form; a store that is not empty is served without seeding."""
    iplists = {obj_id: {"id": obj_id, "name": f"list {i}", "description": "", "ips": ["10.0.0.1"]}
               for i, obj_id in enumerate(ids)}
    tree = {org: {"organizations": {org: {"id": org, "name": "bench"}}, "iplists": iplists}}
    path.write_text(json.dumps(tree), encoding="utf-8")


class Server(JcmockProcess):
    """A jcmock command (``serve`` over ``db`` unless told otherwise) in a subprocess, for one scenario."""

    def __init__(self, db: Path, *, command=None):
        args = command or ["serve", "--db", str(db)]
        # Loading 100,000 objects takes a while on a busy machine; saving them at exit too.
        super().__init__(*args, log_path=db.with_name("server.log"), start_timeout=120.0, stop_timeout=30.0)

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


SCENARIOS = (bench_stored_objects, bench_replay, bench_in_process)


# -- entry point ---------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    reports = [scenario(args) for scenario in SCENARIOS]
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


def _size(measurement) -> int:
    return measurement[0]


def _short(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def _table_line(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


if __name__ == "__main__":
    sys.exit(main())
