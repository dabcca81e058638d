"""Concurrent writes to the same objects lose no update, and a SIGTERM saves exactly what was served.

8 client threads send 250 writes each to a real ``jcmock serve``: PATCHes of the same IP
lists and G Suites, upserts and deletes of mappings on one integration, and bulk user
jobs. Each write sets "registers" (one field of one object, one mapping key) to values
that name the request that sent them.

The journal gives each request's server-side interval: it starts before the request's
store update and ends after it. For every register the last update applied must come
from a write that no other write on that register started after; the final state must
be the initial one with exactly those registers changed.
"""
import json
import random
import threading
import time
from dataclasses import dataclass

import requests

from helpers import API_KEY, LiveServer
from jcmock.core.store import Store

THREADS = 8
PER_THREAD = 250
SEQ_HEADER = "X-Test-Seq"
USER_FIELDS = ("department", "jobTitle", "costCenter", "location")
LOCKOUT = ("suspend", "maintain")
EXPIRATION = ("suspend", "maintain", "remove_access")
# Organizations with no mapping in the fixtures, so an upsert's result is exactly what it sent.
MAPPING_KEYS = tuple(f"aaaa0000000000000000000{k}" for k in range(6))
# Journal times come from two clocks (time.time and perf_counter): allow them to disagree this much.
CLOCK_SLACK = 0.001


@dataclass
class Write:
    seq: str
    method: str
    path: str
    body: object
    registers: dict                       # (kind, object id, field or mapping key) -> value; None = deleted
    status: int = 0
    response: object = None
    start: float = 0.0
    end: float = 0.0


@dataclass
class Plan:
    """The objects every thread writes to, from the fixtures manifest."""

    iplists: list
    gsuites: list
    users: list
    integration: str


def make_write(plan, rng, seq):
    """One random write; every value it sets names ``seq``, so the final state says who wrote last."""
    value = seq
    roll = rng.random()
    if roll < 0.35:
        obj = rng.choice(plan.iplists)
        names = rng.choice((("name",), ("description",), ("name", "description")))
        body = {name: f"{value}-{name}" for name in names}
        return Write(seq, "PATCH", f"/iplists/{obj}", body, {("iplists", obj, k): v for k, v in body.items()})
    if roll < 0.50:
        obj = rng.choice(plan.gsuites)
        body = {}
        if rng.random() < 0.7:
            body["userLockoutAction"] = rng.choice(LOCKOUT)
        if not body or rng.random() < 0.5:
            body["userPasswordExpirationAction"] = rng.choice(EXPIRATION)
        return Write(seq, "PATCH", f"/gsuites/{obj}", body, {("gsuites", obj, k): v for k, v in body.items()})
    if roll < 0.75:
        items, registers = [], {}
        for key in rng.sample(MAPPING_KEYS, rng.randint(1, 3)):
            if rng.random() < 0.3:
                items.append({"organization": {"id": key}, "delete": True})
                registers[("mappings", plan.integration, key)] = None
            else:
                mapping = {"organization": {"id": key, "name": f"{value}-org"},
                           "company": {"id": value, "name": f"{value}-company"}}
                items.append(mapping)
                registers[("mappings", plan.integration, key)] = mapping
        return Write(seq, "PATCH", f"/integrations/autotask/{plan.integration}/mappings", {"data": items}, registers)
    items, registers = [], {}
    for user in rng.sample(plan.users, rng.randint(1, 3)):
        changes = {name: f"{value}-{name}" for name in rng.sample(USER_FIELDS, rng.randint(1, 2))}
        items.append({"id": user, **changes})
        registers.update({("users", user, k): v for k, v in changes.items()})
    return Write(seq, "PATCH", "/bulk/users", items, registers)


def client(server, writes, barrier):
    session = requests.Session()
    session.headers["x-api-key"] = API_KEY
    barrier.wait()
    for write in writes:
        response = session.request(write.method, f"{server.api}{write.path}", json=write.body,
                                   headers={SEQ_HEADER: write.seq}, timeout=30)
        write.status = response.status_code
        write.response = response.json() if response.content else None


def seq_of(call):
    return {k.lower(): v for k, v in call["headers"].items()}.get(SEQ_HEADER.lower())


def register_value(state, org, register):
    kind, obj, name = register
    if kind == "mappings":
        return state[org]["autotask"][obj].get("__mappings", {}).get(name)
    return state[org][kind][obj].get(name)


def set_register(state, org, register, value):
    kind, obj, name = register
    if kind == "mappings":
        mappings = state[org]["autotask"][obj].setdefault("__mappings", {})
        if value is None:
            mappings.pop(name, None)
        else:
            mappings[name] = value
    else:
        state[org][kind][obj][name] = value


def test_concurrent_writes_lose_nothing_and_sigterm_saves_the_final_state(tmp_path):
    started = time.monotonic()
    server = LiveServer(tmp_path, "--threads", "8")
    try:
        manifest = server.manifest()
        org = f"jumpcloud:{manifest['organizations'][0]}"  # the store's key: service and tenant
        plan = Plan(manifest["iplists"], manifest["gsuites"], manifest["users"], manifest["autotask"][0])
        initial = requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()
        requests.delete(f"{server.url}/__jcmock__/requests", timeout=10).raise_for_status()

        per_thread = []
        for t in range(THREADS):
            rng = random.Random(t)
            per_thread.append([make_write(plan, rng, f"t{t}-s{i}") for i in range(PER_THREAD)])
        barrier = threading.Barrier(THREADS)
        errors = []

        def run(writes):
            try:
                client(server, writes, barrier)
            except Exception as exc:  # a thread's failure must fail the test, not vanish
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(w,)) for w in per_thread]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
        assert not errors, errors
        writes = {w.seq: w for ws in per_thread for w in ws}

        statuses = sorted({w.status for w in writes.values()})
        assert all(200 <= s < 300 for s in statuses), {
            s: [w.seq for w in writes.values() if w.status == s][:5] for s in statuses
        }

        journal = requests.get(f"{server.url}/__jcmock__/requests", timeout=30).json()
        seen = set()
        for call in journal:
            seq = seq_of(call)
            assert seq in writes and seq not in seen, call
            seen.add(seq)
            write = writes[seq]
            assert call["status"] == write.status
            assert call["body"] == write.body
            write.end = call["time"]
            write.start = call["time"] - call["duration_ms"] / 1000
        assert seen == set(writes), f"{len(set(writes) - seen)} acknowledged writes missing from the journal"

        final = requests.get(f"{server.url}/__jcmock__/state", timeout=30).json()

        # Per register: the writes to it, in the server's (journal) order.
        by_register = {}
        for call in journal:
            write = writes[seq_of(call)]
            for register, value in write.registers.items():
                by_register.setdefault(register, []).append((write, value))

        expected = json.loads(json.dumps(initial))
        reordered = []
        for register, updates in by_register.items():
            latest_start = max(w.start for w, _ in updates)
            candidates = [v for w, v in updates if w.end + CLOCK_SLACK >= latest_start]
            actual = register_value(final, org, register)
            assert actual in candidates, (
                f"lost update on {register}: final {actual!r}, but the last writes were {candidates!r} "
                f"(journal order ends with {updates[-1][0].seq})"
            )
            if actual != updates[-1][1]:
                reordered.append(register)
            set_register(expected, org, register, actual)

        # Bulk jobs: one per acknowledged bulk request, one finished result per user it named.
        bulk = [w for w in writes.values() if w.path == "/bulk/users"]
        jobs = final[org]["bulkjobs"]
        assert set(jobs) == {w.response["jobId"] for w in bulk}
        for write in bulk:
            results = jobs[write.response["jobId"]]["results"]
            assert [r["meta"]["systemUserId"] for r in results] == [item["id"] for item in write.body]
            assert all(r["status"] == "finished" for r in results)
            assert [r["persistedFields"] for r in results] == [
                {k: v for k, v in item.items() if k != "id"} for item in write.body
            ]
        without_jobs = {**final, org: {k: v for k, v in final[org].items() if k != "bulkjobs"}}
        assert without_jobs == expected, "the store changed outside the registers the writes named"
    finally:
        server.stop()

    assert server.process.returncode == 0, server.stderr()
    assert "jcmock: stopped" in server.stderr()
    on_disk = json.loads(server.db.read_text(encoding="utf-8"))
    assert on_disk == final
    with Store(server.db) as reloaded:
        assert reloaded.dump() == final
    print(f"\n{len(writes)} writes in {elapsed:.1f}s (start-up included), {len(by_register)} registers, "
          f"{len(reordered)} where the journal order differs from the order of application")
