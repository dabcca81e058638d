"""``Store.scan``: pages in insertion or key order, cursors, totals, and copies of the page only."""
import random

import pytest

import jcmock.core.store as store_module
from jcmock.core.store import Store


@pytest.fixture
def copied(monkeypatch):
    """The ids of the stored documents ``_clone`` copies (nested values have no ``id``)."""
    seen = []
    real = store_module._clone

    def counting(value):
        if isinstance(value, dict) and "id" in value:
            seen.append(value["id"])
        return real(value)

    monkeypatch.setattr(store_module, "_clone", counting)
    return seen


def _filled(count, seed=7):
    store = Store()
    ids = [f"{random.Random(seed + i).getrandbits(64):016x}" for i in range(count)]
    for number, obj_id in enumerate(ids):
        store.put("o", "k", obj_id, {"id": obj_id, "n": number})
    return store, ids


def test_by_key_pages_follow_the_key_order_and_a_cursor_need_not_be_stored():
    store, ids = _filled(500)
    ordered = sorted(ids)
    assert [d["id"] for d in store.scan("o", "k", by_key=True, limit=10).docs] == ordered[:10]
    assert [d["id"] for d in store.scan("o", "k", by_key=True, after=ordered[99], limit=5).docs] == ordered[100:105]
    between = ordered[99] + "!"  # sorts between ordered[99] and ordered[100], names no document
    assert [d["id"] for d in store.scan("o", "k", by_key=True, after=between, limit=3).docs] == ordered[100:103]
    assert store.scan("o", "k", by_key=True, after=ordered[-1]).docs == []
    assert store.scan("o", "k", by_key=True, after=ordered[-3], total=True).total == 2
    odd = store.scan("o", "k", by_key=True, after=ordered[9], where=lambda d: d["n"] % 2 == 1, limit=4, total=True)
    expected = [i for i in ordered[10:] if ids.index(i) % 2 == 1]
    assert [d["id"] for d in odd.docs] == expected[:4] and odd.total == len(expected)


@pytest.mark.parametrize("every", [1, 3, 97, 1500])
def test_a_filtered_key_order_page_is_the_same_whether_few_or_most_documents_pass(every):
    """A filter few documents pass is read off the table past a first stretch of sorted keys:
    the page must be what walking every key in order gives (selective filters, cursors, skip)."""
    store, ids = _filled(3000)
    number = {obj_id: n for n, obj_id in enumerate(ids)}
    ordered = sorted(ids)
    for after, skip, limit in [(None, 0, 5), (ordered[10], 0, 20), (ordered[1200], 2, 7), (ordered[-5], 0, 3)]:
        page = store.scan("o", "k", by_key=True, after=after, where=lambda d: d["n"] % every == 0,
                          skip=skip, limit=limit).docs
        start = 0 if after is None else ordered.index(after) + 1
        expected = [i for i in ordered[start:] if number[i] % every == 0][skip:skip + limit]
        assert [d["id"] for d in page] == expected


def test_following_cursors_lists_every_document_once():
    store, ids = _filled(1000)
    seen, after = [], None
    while True:
        docs = store.scan("o", "k", by_key=True, after=after, limit=64).docs
        if not docs:
            break
        seen += [d["id"] for d in docs]
        after = docs[-1]["id"]
    assert seen == sorted(ids)


def test_the_key_order_follows_every_kind_of_write():
    """The sorted keys are kept between scans: puts, deletes, re-adds, load and clear all show up."""
    store, ids = _filled(200)
    rng = random.Random(3)
    live = set(ids)
    for step in range(400):
        action = rng.random()
        if action < 0.4 or not live:
            obj_id = f"{rng.getrandbits(64):016x}"
            store.put("o", "k", obj_id, {"id": obj_id, "n": step})
            live.add(obj_id)
        elif action < 0.7:
            obj_id = rng.choice(sorted(live))
            store.delete("o", "k", obj_id)
            live.discard(obj_id)
        elif action < 0.8:
            obj_id = rng.choice(sorted(live))  # delete and re-add: same key set, new insertion order
            doc = store.delete("o", "k", obj_id)
            store.put("o", "k", obj_id, doc)
        else:
            obj_id = rng.choice(sorted(live))
            store.put("o", "k", obj_id, {"id": obj_id, "n": -step})  # replace: same keys
        if step % 7 == 0:
            assert [d["id"] for d in store.scan("o", "k", by_key=True).docs] == sorted(live)
    assert [d["id"] for d in store.scan("o", "k", by_key=True).docs] == sorted(live)
    store.load({"o": {"k": {"b": {"id": "b"}, "a": {"id": "a"}}}})
    assert [d["id"] for d in store.scan("o", "k", by_key=True).docs] == ["a", "b"]
    store.clear()
    assert store.scan("o", "k", by_key=True, total=True) == store_module.Page([], 0)
    store.put("o", "k", "z", {"id": "z"})
    assert [d["id"] for d in store.scan("o", "k", by_key=True).docs] == ["z"]


def test_a_scan_copies_only_its_page(copied):
    store, ids = _filled(2000)
    copied.clear()
    ordered = sorted(ids)
    assert len(store.scan("o", "k", by_key=True, after=ordered[1500], limit=20).docs) == 20
    assert copied == ordered[1501:1521]
    copied.clear()
    page = store.scan("o", "k", where=lambda d: d["n"] % 10 == 0, skip=50, limit=20, total=True)
    assert page.total == 200 and copied == [d["id"] for d in page.docs] == ids[500:700:10]


def test_after_needs_the_key_order_and_key_order_excludes_order():
    store, _ = _filled(3)
    with pytest.raises(ValueError):
        store.scan("o", "k", after="x")
    with pytest.raises(ValueError):
        store.scan("o", "k", by_key=True, order=((lambda d: d["n"], False),))
    assert store.scan("o", "missing", by_key=True, after="x", total=True) == store_module.Page([], 0)
