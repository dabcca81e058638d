import json
import os
import threading
import time

import pytest

from jcmock.core.store import Page, Store

ORG = "5a4bff7ab17d0c9f63bcd277"
OTHER_ORG = "6b5c008bc28e1daf74cde388"


@pytest.fixture
def store():
    with Store() as s:
        yield s


def wait_for(condition, timeout=5.0):
    """Poll until condition() is true; False if the deadline passes first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def test_put_get_round_trip_returns_a_copy(store):
    store.put(ORG, "users", "u1", {"name": "ada", "tags": ["a"]})

    got = store.get(ORG, "users", "u1")
    got["tags"].append("b")
    got["name"] = "changed"

    assert store.get(ORG, "users", "u1") == {"name": "ada", "tags": ["a"]}


def test_put_stores_a_copy_of_the_callers_doc(store):
    doc = {"name": "ada", "tags": ["a"]}
    store.put(ORG, "users", "u1", doc)

    doc["tags"].append("b")

    assert store.get(ORG, "users", "u1") == {"name": "ada", "tags": ["a"]}


def test_get_unknown_id_or_kind_is_none(store):
    store.put(ORG, "users", "u1", {})

    assert store.get(ORG, "users", "nope") is None
    assert store.get(ORG, "gsuites", "u1") is None


def test_put_replaces_whole_doc_and_keeps_its_place(store):
    store.put(ORG, "users", "u1", {"name": "ada", "old": True})
    store.put(ORG, "users", "u2", {"name": "bob"})

    store.put(ORG, "users", "u1", {"name": "ada2"})

    assert store.all(ORG, "users") == [{"name": "ada2"}, {"name": "bob"}]


def test_all_returns_copies_in_insertion_order(store):
    for obj_id in ["c", "a", "b"]:
        store.put(ORG, "users", obj_id, {"id": obj_id})

    docs = store.all(ORG, "users")
    docs[0]["id"] = "changed"

    assert [d["id"] for d in docs[1:]] == ["a", "b"]
    assert [d["id"] for d in store.all(ORG, "users")] == ["c", "a", "b"]


def test_all_and_count_of_unknown_kind_are_empty(store):
    assert store.all(ORG, "users") == []
    assert store.count(ORG, "users") == 0


def test_count_counts_docs_of_one_kind(store):
    store.put(ORG, "users", "u1", {})
    store.put(ORG, "users", "u2", {})
    store.put(ORG, "gsuites", "g1", {})

    assert store.count(ORG, "users") == 2


def test_update_applies_fn_to_a_copy_and_returns_the_new_doc(store):
    store.put(ORG, "users", "u1", {"n": 1, "keep": "x"})
    seen = []

    def bump(doc):
        seen.append(doc)
        doc["n"] += 1
        return doc

    new = store.update(ORG, "users", "u1", bump)
    seen[0]["n"] = 99
    new["keep"] = "mutated by caller"

    assert new == {"n": 2, "keep": "mutated by caller"}
    assert store.get(ORG, "users", "u1") == {"n": 2, "keep": "x"}


def test_update_unknown_id_returns_none_without_calling_fn(store):
    store.put(ORG, "users", "u1", {})
    calls = []

    assert store.update(ORG, "users", "nope", calls.append) is None
    assert store.update(ORG, "gsuites", "u1", calls.append) is None
    assert calls == []


def test_update_that_raises_leaves_the_doc_unchanged(store):
    store.put(ORG, "users", "u1", {"n": 1})

    def half_done(doc):
        doc["n"] = 2
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.update(ORG, "users", "u1", half_done)

    assert store.get(ORG, "users", "u1") == {"n": 1}


def test_update_fn_returning_none_is_a_type_error(store):
    store.put(ORG, "users", "u1", {"n": 1})

    with pytest.raises(TypeError, match="must return a dict"):
        store.update(ORG, "users", "u1", lambda doc: doc.update(n=2))

    assert store.get(ORG, "users", "u1") == {"n": 1}


def test_delete_returns_the_removed_doc(store):
    store.put(ORG, "users", "u1", {"name": "ada"})
    store.put(ORG, "users", "u2", {"name": "bob"})

    assert store.delete(ORG, "users", "u1") == {"name": "ada"}
    assert store.get(ORG, "users", "u1") is None
    assert store.all(ORG, "users") == [{"name": "bob"}]


def test_delete_unknown_id_returns_none(store):
    assert store.delete(ORG, "users", "nope") is None
    store.put(ORG, "users", "u1", {})
    assert store.delete(ORG, "users", "nope") is None


def test_deleting_last_doc_removes_org_and_empties_store(store):
    store.put(ORG, "users", "u1", {})

    store.delete(ORG, "users", "u1")

    assert store.orgs() == []
    assert store.is_empty()
    assert store.dump() == {}


def test_orgs_are_isolated(store):
    store.put(ORG, "users", "same", {"org": "first"})
    store.put(OTHER_ORG, "users", "same", {"org": "second"})

    store.update(ORG, "users", "same", lambda d: {**d, "patched": True})
    store.delete(OTHER_ORG, "users", "same")

    assert store.get(ORG, "users", "same") == {"org": "first", "patched": True}
    assert store.get(OTHER_ORG, "users", "same") is None
    assert store.orgs() == [ORG]


def test_orgs_lists_each_org_once_sorted(store):
    store.put(OTHER_ORG, "users", "u1", {})
    store.put(ORG, "users", "u1", {})
    store.put(ORG, "gsuites", "g1", {})

    assert store.orgs() == [ORG, OTHER_ORG]


def test_two_stores_share_nothing():
    with Store() as first, Store() as second:
        first.put(ORG, "users", "u1", {})

        assert second.is_empty()


def test_kind_with_slash_is_rejected(store):
    with pytest.raises(ValueError, match="kind"):
        store.put(ORG, "users/x", "u1", {})


def test_put_rejects_non_json_values_and_non_str_ids(store):
    with pytest.raises(TypeError, match="not JSON data"):
        store.put(ORG, "users", "u1", {"when": {1, 2}})
    with pytest.raises(TypeError, match="id must be a str"):
        store.put(ORG, "users", 1, {})
    with pytest.raises(TypeError, match="must be a dict"):
        store.put(ORG, "users", "u1", ["not", "a", "doc"])

    assert store.is_empty()


def test_dump_load_round_trip_replaces_everything(store):
    data = {
        ORG: {"users": {"u1": {"name": "ada", "roles": ["admin"]}}, "gsuites": {"g1": {}}},
        OTHER_ORG: {"users": {"u1": {"name": "bob"}}},
    }
    store.put(ORG, "iplists", "old", {})

    store.load(data)

    assert store.dump() == data
    assert store.get(ORG, "iplists", "old") is None


def test_dump_is_a_deep_copy(store):
    store.put(ORG, "users", "u1", {"roles": ["admin"]})

    store.dump()[ORG]["users"]["u1"]["roles"].append("root")

    assert store.get(ORG, "users", "u1") == {"roles": ["admin"]}


def test_load_keeps_no_reference_to_its_input(store):
    data = {ORG: {"users": {"u1": {"roles": ["admin"]}}}}

    store.load(data)
    data[ORG]["users"]["u1"]["roles"].append("root")

    assert store.get(ORG, "users", "u1") == {"roles": ["admin"]}


def test_load_skips_kinds_without_docs(store):
    store.load({ORG: {"users": {}}, OTHER_ORG: {}})

    assert store.is_empty()


@pytest.mark.parametrize(
    "bad, where",
    [
        ([], "store data"),
        ({ORG: []}, repr(ORG)),
        ({ORG: {"users": ["u1"]}}, "'users'"),
        ({ORG: {"users": {"u1": "not a doc"}}}, "'u1'"),
        ({ORG: {"users": {"u1": {"at": object()}}}}, "'u1'"),
        ({ORG: {"a/b": {}}}, "'a/b'"),
    ],
)
def test_load_rejects_wrong_shape_and_keeps_the_store(store, bad, where):
    store.put(ORG, "users", "keep", {})

    with pytest.raises(ValueError) as excinfo:
        store.load(bad)

    assert where in str(excinfo.value)
    assert store.dump() == {ORG: {"users": {"keep": {}}}}


def test_clear_removes_everything(store):
    store.put(ORG, "users", "u1", {})
    store.put(OTHER_ORG, "users", "u1", {})

    store.clear()

    assert store.is_empty()
    assert store.orgs() == []


def test_concurrent_updates_lose_no_increment(store):
    store.put(ORG, "counters", "c", {"n": 0})

    def bump(doc):
        doc["n"] += 1
        return doc

    def worker():
        for _ in range(200):
            store.update(ORG, "counters", "c", bump)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert store.get(ORG, "counters", "c") == {"n": 1600}


def test_data_survives_close_and_reopen(tmp_path):
    path = tmp_path / "state.json"
    with Store(path) as s:
        s.put(ORG, "users", "u1", {"name": "ada"})
        s.put(ORG, "users", "u2", {"name": "bob"})
        s.delete(ORG, "users", "u2")

    with Store(path) as reopened:
        assert reopened.dump() == {ORG: {"users": {"u1": {"name": "ada"}}}}


def test_file_holds_the_dump_as_json_after_flush(tmp_path):
    path = tmp_path / "state.json"
    with Store(path, flush_interval=60) as s:
        s.put(ORG, "users", "u1", {"name": "ada"})

        s.flush()

        assert read_json(path) == s.dump()
        assert s.last_flush_seconds > 0


def test_missing_parent_directory_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "state.json"
    with Store(path) as s:
        s.put(ORG, "users", "u1", {})
        s.flush()

    assert read_json(path) == {ORG: {"users": {"u1": {}}}}


def test_flush_happens_by_itself_within_the_interval(tmp_path):
    path = tmp_path / "state.json"
    with Store(path, flush_interval=0.05) as s:
        s.put(ORG, "users", "u1", {"name": "ada"})

        assert wait_for(lambda: path.exists() and read_json(path) == s.dump())

        s.put(ORG, "users", "u2", {"name": "bob"})

        assert wait_for(lambda: read_json(path) == s.dump())


def test_close_stops_the_flusher_and_is_idempotent(tmp_path):
    before = set(threading.enumerate())
    s = Store(tmp_path / "state.json", flush_interval=60)
    s.put(ORG, "users", "u1", {})

    s.close()
    s.close()

    assert set(threading.enumerate()) <= before
    assert read_json(tmp_path / "state.json") == {ORG: {"users": {"u1": {}}}}


def test_failed_save_keeps_previous_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    with Store(path, flush_interval=60) as s:
        s.put(ORG, "users", "u1", {"v": 1})
        s.flush()
        s.put(ORG, "users", "u1", {"v": 2})

        def disk_full(fd):
            raise OSError("disk full")

        with monkeypatch.context() as m:
            m.setattr(os, "fsync", disk_full)
            with pytest.raises(OSError, match="disk full"):
                s.flush()

        assert read_json(path) == {ORG: {"users": {"u1": {"v": 1}}}}
        assert os.listdir(tmp_path) == ["state.json"]

        s.flush()  # the failed save left the changes to save

    assert read_json(path) == {ORG: {"users": {"u1": {"v": 2}}}}


def test_corrupt_file_at_start_is_a_value_error_naming_the_path(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"org": {"users": ', encoding="utf-8")

    with pytest.raises(ValueError) as excinfo:
        Store(path)

    assert str(path) in str(excinfo.value)


def test_json_of_the_wrong_shape_at_start_is_a_value_error_naming_the_path(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"org": {"users": ["u1"]}}', encoding="utf-8")

    with pytest.raises(ValueError) as excinfo:
        Store(path)

    assert str(path) in str(excinfo.value)
    assert "'users'" in str(excinfo.value)


def test_opening_an_existing_file_does_not_rewrite_it(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({ORG: {"users": {"u1": {}}}}, indent=4), encoding="utf-8")
    original = path.read_text(encoding="utf-8")

    with Store(path, flush_interval=0.01) as s:
        assert s.get(ORG, "users", "u1") == {}

    assert path.read_text(encoding="utf-8") == original


def test_in_memory_store_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store() as s:
        s.put(ORG, "users", "u1", {})
        s.flush()

    assert os.listdir(tmp_path) == []


def put_many(store, count, kind="iplists"):
    for i in range(count):
        store.put(ORG, kind, f"id{i:03}", {"name": f"n{i:03}", "rank": i % 3})


def test_scan_pages_in_insertion_order(store):
    put_many(store, 10)

    page = store.scan(ORG, "iplists", skip=8, limit=5)

    assert [d["name"] for d in page.docs] == ["n008", "n009"]
    assert page.total is None


def test_scan_past_the_end_is_an_empty_page(store):
    put_many(store, 3)

    assert store.scan(ORG, "iplists", skip=3, limit=2).docs == []
    assert store.scan(ORG, "iplists", skip=99, limit=2, total=True).total == 3


def test_scan_of_an_unknown_kind_is_empty_and_creates_nothing(store):
    assert store.scan("nobody", "iplists", total=True) == Page([], 0)
    assert store.orgs() == []


def test_scan_filters_before_paging_and_counts_every_match(store):
    put_many(store, 10)

    page = store.scan(ORG, "iplists", where=lambda d: d["rank"] == 0, skip=1, limit=2, total=True)

    assert [d["name"] for d in page.docs] == ["n003", "n006"]
    assert page.total == 4


def test_scan_orders_by_keys_in_turn_stably(store):
    put_many(store, 6)

    page = store.scan(ORG, "iplists", order=[(lambda d: d["rank"], True), (lambda d: d["name"], False)])

    assert [d["name"] for d in page.docs] == ["n002", "n005", "n001", "n004", "n000", "n003"]


def test_scan_returns_copies(store):
    put_many(store, 1)

    store.scan(ORG, "iplists").docs[0]["name"] = "changed"

    assert store.get(ORG, "iplists", "id000")["name"] == "n000"


def test_scan_keeps_a_replaced_documents_place(store):
    put_many(store, 3)
    store.put(ORG, "iplists", "id000", {"name": "first again"})

    assert [d["name"] for d in store.scan(ORG, "iplists").docs] == ["first again", "n001", "n002"]


def test_file_load_keeps_order_and_rejects_a_bad_document(tmp_path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps({ORG: {"iplists": {"b": {"n": 1}, "a": {"n": 2}}}}), encoding="utf-8")
    with Store(path) as loaded:
        assert [d["n"] for d in loaded.scan(ORG, "iplists").docs] == [1, 2]

    path.write_text(json.dumps({ORG: {"iplists": {"a": [1]}}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"not a valid store file: .*\['iplists'\]\['a'\] must be a document object"):
        Store(path)


def test_contains_says_whether_a_document_exists(store):
    store.put(ORG, "users", "u1", {})

    assert store.contains(ORG, "users", "u1")
    assert not store.contains(ORG, "users", "u2")
    assert not store.contains(OTHER_ORG, "users", "u1")
    assert store.orgs() == [ORG]
