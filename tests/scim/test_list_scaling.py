"""SCIM lists at scale: startIndex/count pages are right across many stored Users, and only the page
is copied out of the store and rendered."""
import uuid

import pytest
from scim_helpers import authorised, make_app

import jcmock.core.store as store_module
from jcmock.scim.backend import ScimBackend
from jcmock.scim.resource_types import BY_NAME

MANY = 1200
USERS = BY_NAME["User"]


@pytest.fixture(scope="module")
def loaded():
    """An app whose default tenant stores MANY more Users (put straight into the store), every third inactive."""
    app = make_app()
    client = authorised(app.test_client())
    assert client.get("/scim/v2/Users").status_code == 200  # seeds the tenant
    scim = app.extensions["jcmock"].backends["scim"]
    meta = {"resourceType": "User", "created": "2024-01-01T00:00:00Z", "lastModified": "2024-01-01T00:00:00Z",
            "version": 'W/"1"'}
    with scim.store.lock:
        for number in range(MANY):
            user_id = str(uuid.UUID(int=number + 1))
            scim.store.put("default", USERS.kind, user_id, {
                "id": user_id, "userName": f"bulk{number:05d}@example.com", "active": number % 3 != 0,
                "name": {"givenName": "Bulk", "familyName": f"N{number}"}, "meta": meta})
    stored = [u["id"] for u in scim.store.all("default", USERS.kind)]
    return client, stored


def _page(client, **query):
    answer = client.get("/scim/v2/Users", query_string=query)
    assert answer.status_code == 200, answer.json
    return answer.json


def test_pages_through_every_user_once_in_insertion_order(loaded):
    client, stored = loaded
    seen = []
    for start in range(1, len(stored) + 1, 100):
        body = _page(client, startIndex=start, count=100)
        assert (body["totalResults"], body["startIndex"]) == (len(stored), start)
        assert body["itemsPerPage"] == len(body["Resources"]) == min(100, len(stored) - start + 1)
        seen += [u["id"] for u in body["Resources"]]
    assert seen == stored
    beyond = _page(client, startIndex=len(stored) + 5, count=10)
    assert (beyond["totalResults"], beyond["itemsPerPage"], beyond["Resources"]) == (len(stored), 0, [])
    empty = _page(client, count=0)
    assert (empty["totalResults"], empty["Resources"]) == (len(stored), [])


def test_a_filtered_list_totals_every_match_and_pages_through_them(loaded):
    client, stored = loaded
    inactive = [str(uuid.UUID(int=n + 1)) for n in range(MANY) if n % 3 == 0]
    seen = []
    for start in (1, 101, 201, 301, 401):
        body = _page(client, filter="active eq false", startIndex=start, count=100)
        assert body["totalResults"] == len(inactive)
        seen += [u["id"] for u in body["Resources"]]
    assert seen == inactive
    body = _page(client, filter='userName sw "BULK0011"', count=5)
    assert body["totalResults"] == 10 and [u["userName"] for u in body["Resources"]] == [
        f"bulk{n:05d}@example.com" for n in range(110, 115)]


def test_a_page_copies_and_renders_only_its_users(loaded, monkeypatch):
    """Counting Users copied out of the store and rendered: a copy or render of every stored user would show."""
    client, stored = loaded
    copied, rendered = [], []
    real_clone, real_render = store_module._clone, ScimBackend.render

    def clone(value):
        if isinstance(value, dict) and value.get("meta", {}).get("resourceType") == "User":
            copied.append(value["id"])
        return real_clone(value)

    def render(self, tenant, rtype, doc, base):
        rendered.append(doc["id"])
        return real_render(self, tenant, rtype, doc, base)

    monkeypatch.setattr(store_module, "_clone", clone)
    monkeypatch.setattr(ScimBackend, "render", render)
    body = _page(client, startIndex=801, count=30)
    assert [u["id"] for u in body["Resources"]] == stored[800:830] == rendered == copied
    copied.clear(), rendered.clear()
    body = _page(client, filter="active eq false", startIndex=101, count=20)
    assert body["totalResults"] == MANY // 3 and [u["id"] for u in body["Resources"]] == rendered == copied
