"""A `kill -9` mid-load leaves a db file that loads and holds every write acknowledged before the flush bound.

The store saves within max(flush_interval = 0.5 s, 10 x the last save's duration); a save of
this small store takes milliseconds, so a write acknowledged more than 0.5 s + 0.5 s of margin
before the kill must be on disk. Each write goes to its own object (a new IP list), so a later
write cannot hide the loss of an earlier one; a PATCH of one list with increasing sequence
numbers checks that the file is not older than the bound either.
"""
import json
import os
import random
import re
import signal
import threading
import time

import requests

from helpers import API_KEY, LiveServer

ROUNDS = 3
FLUSH_BOUND = 0.5 + 0.5
NAME = re.compile(r"^r(\d+)-s(\d+)$")


def write_load(server, target, round_no, stop, acks):
    """POST new IP lists and PATCH ``target`` until the server dies; ``acks`` gets (acked at, kind, id, seq)."""
    session = requests.Session()
    session.headers["x-api-key"] = API_KEY
    seq = 0
    while not stop.is_set():
        seq += 1
        name = f"r{round_no}-s{seq}"
        try:
            created = session.post(f"{server.api}/iplists", json={"name": name, "ips": ["192.0.2.1"]}, timeout=5)
            if created.status_code == 201:
                acks.append((time.monotonic(), "post", created.json()["id"], seq))
            patched = session.patch(f"{server.api}/iplists/{target}", json={"description": name}, timeout=5)
            if patched.status_code == 200:
                acks.append((time.monotonic(), "patch", target, seq))
        except requests.RequestException:
            return


def test_kill_9_mid_load_keeps_every_write_acknowledged_before_the_flush_bound(tmp_path):
    server = LiveServer(tmp_path)
    manifest = server.manifest()
    org = f"jumpcloud:{manifest['organizations'][0]}"  # the store's key: service and tenant
    target = manifest["iplists"][0]
    fixture_lists = set(manifest["iplists"])
    must_keep = {}          # iplist id -> name, for every POST that must be on disk
    report = []
    try:
        for round_no in range(ROUNDS):
            stop, acks = threading.Event(), []
            loader = threading.Thread(target=write_load, args=(server, target, round_no, stop, acks))
            loader.start()
            time.sleep(random.Random(round_no).uniform(1.5, 2.5))
            killed_at = time.monotonic()
            os.kill(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=10)
            stop.set()
            loader.join(timeout=10)
            server.stop()
            assert acks, "the load acknowledged nothing before the kill"

            assert server.db.exists(), f"round {round_no}: no db file after the kill"
            on_disk = json.loads(server.db.read_text(encoding="utf-8"))
            assert org in on_disk

            server = LiveServer(tmp_path)
            iplists = requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()[org]["iplists"]
            bound = killed_at - FLUSH_BOUND
            posts = [(t, obj, seq) for t, kind, obj, seq in acks if kind == "post"]
            must_keep.update({obj: f"r{round_no}-s{seq}" for t, obj, seq in posts if t < bound})
            missing = {obj: name for obj, name in must_keep.items() if iplists.get(obj, {}).get("name") != name}
            assert not missing, (
                f"round {round_no}: {len(missing)} writes acknowledged >{FLUSH_BOUND}s before the kill are lost"
            )

            for obj, doc in iplists.items():
                assert obj in fixture_lists or NAME.match(doc["name"]), doc
            description = NAME.match(iplists[target]["description"])
            kept_seq = int(description.group(2)) if description and int(description.group(1)) == round_no else 0
            due = [seq for t, kind, _, seq in acks if kind == "patch" and t < bound]
            assert kept_seq >= max(due, default=0), f"round {round_no}: the file is older than the flush bound"

            kept_posts = [t for t, obj, _ in posts if obj in iplists]
            lost_posts = [t for t, obj, _ in posts if obj not in iplists]
            report.append(f"round {round_no}: {len(posts)} POSTs acked, {len(lost_posts)} lost, the oldest lost one "
                          f"{killed_at - min(lost_posts, default=killed_at):.2f}s before the kill; "
                          f"newest kept {killed_at - max(kept_posts, default=killed_at):.2f}s before it")
    finally:
        server.stop()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    print("\n" + "\n".join(report) + f"\ntemporary files left behind: {leftovers}")
