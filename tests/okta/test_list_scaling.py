"""Okta lists at scale: cursor pages are right across many stored objects and only the page is copied and rendered."""
import re

import pytest
from okta_helpers import Client, make_app

import jcmock.core.store as store_module
from jcmock.okta.api import groups as groups_api
from jcmock.okta.api import users as users_api

TENANT = "acme.okta.com"
NOW = "2024-01-01T00:00:00.000Z"
MANY = 1500


@pytest.fixture(scope="module")
def loaded():
    """An app whose org stores MANY more groups and users (put straight into the store) and one big group."""
    app = make_app()
    client = Client(app)
    assert client.get("/api/v1/org").status_code == 200  # seeds the tenant
    okta = app.extensions["jcmock"].backends["okta"]
    with okta.store.lock:
        for number in range(MANY):
            group_id = okta.ids.new("groups")
            okta.store.put(TENANT, "groups", group_id, {
                "id": group_id, "created": NOW, "lastUpdated": NOW, "lastMembershipUpdated": NOW,
                "objectClass": ["okta:user_group"], "type": "OKTA_GROUP",
                "profile": {"name": f"bulk {number:05d}", "description": None}})
            user_id = okta.ids.new("users")
            okta.store.put(TENANT, "users", user_id, {
                "id": user_id, "status": "SUSPENDED" if number % 3 == 0 else "ACTIVE", "created": NOW,
                "activated": NOW, "statusChanged": NOW, "lastLogin": None, "lastUpdated": NOW,
                "passwordChanged": None, "type": None,
                "profile": {"login": f"bulk{number}@example.com", "email": f"bulk{number}@example.com",
                            "firstName": f"Bulk{number}", "lastName": "Person", "mobilePhone": None,
                            "secondEmail": None},
                "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}}})
    team = client.post("/api/v1/groups", json={"profile": {"name": "Big team"}}).json["id"]
    users = okta.store.all(TENANT, "users")
    members = sorted(u["id"] for u in users[::4])
    for user_id in members:
        okta.add_member(TENANT, team, user_id)
    return client, okta, team, members


def _links(answer):
    return dict(reversed(re.fullmatch(r"<([^>]+)>; rel=\"(\w+)\"", v).groups()) for v in answer.headers.getlist("Link"))


def _follow(client, url):
    seen, pages = [], 0
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.json
        seen += [item["id"] for item in answer.json]
        url = _links(answer).get("next")
        pages += 1
    return seen, pages


def test_following_next_pages_through_every_group_once_in_id_order(loaded):
    client, okta, _, _ = loaded
    stored = sorted(g["id"] for g in okta.store.all(TENANT, "groups"))
    seen, pages = _follow(client, "https://acme.okta.com/api/v1/groups?limit=200")
    assert seen == stored and len(stored) > MANY
    assert pages == -(-len(stored) // 200)


def test_a_filtered_list_pages_through_every_match_once(loaded):
    client, okta, _, _ = loaded
    expected = sorted(u["id"] for u in okta.store.all(TENANT, "users") if u["status"] == "SUSPENDED")
    seen, _ = _follow(client, "https://acme.okta.com/api/v1/users?limit=150&filter=status+eq+%22SUSPENDED%22")
    assert seen == expected and len(expected) >= MANY // 3
    searched, _ = _follow(client, "https://acme.okta.com/api/v1/groups?limit=100&search=profile.name+sw+%22bulk+001%22")
    assert len(searched) == 100 and searched == sorted(searched)


def test_q_skips_deprovisioned_users_and_answers_ten_by_default(loaded):
    client, okta, _, _ = loaded
    answer = client.get("/api/v1/users", query_string={"q": "bulk1"})
    expected = sorted(u["id"] for u in okta.store.all(TENANT, "users")
                      if u["profile"]["firstName"].lower().startswith("bulk1"))[:10]
    assert [u["id"] for u in answer.json] == expected
    assert "next" in _links(answer) and "limit=10" in _links(answer)["self"]


def test_a_cursor_between_ids_and_a_bad_cursor(loaded):
    client, okta, _, _ = loaded
    stored = sorted(g["id"] for g in okta.store.all(TENANT, "groups"))
    cursor = stored[700][:-1]  # sorts just before stored[700], names no group
    assert [g["id"] for g in client.get(f"/api/v1/groups?limit=3&after={cursor}").json] == stored[700:703]
    last = client.get(f"/api/v1/groups?limit=5&after={stored[-5]}")
    assert [g["id"] for g in last.json] == stored[-4:] and "next" not in _links(last)
    bad = client.get("/api/v1/groups?after=%27%3B--&limit=abc")
    assert (bad.status_code, bad.json["errorCode"]) == (400, "E0000029")
    assert client.get("/api/v1/groups?limit=abc").json["errorCode"] == "E0000002"
    assert client.get("/api/v1/groups?search=nope+eq").json["errorCode"] == "E0000031"


def test_a_groups_members_page_through_once(loaded):
    client, _, team, members = loaded
    seen, pages = _follow(client, f"https://acme.okta.com/api/v1/groups/{team}/users?limit=50")
    assert seen == members and pages == -(-len(members) // 50)


def test_a_page_copies_and_renders_only_its_objects(loaded, monkeypatch):
    """Counting copies out of the store and rendered users: a copy of every stored user would show."""
    client, okta, _, _ = loaded
    copied, rendered = [], []
    real_clone, real_user_json, real_group_json = store_module._clone, users_api.user_json, groups_api.group_json

    def clone(value):
        if isinstance(value, dict) and "id" in value:
            copied.append(value["id"])
        return real_clone(value)

    monkeypatch.setattr(store_module, "_clone", clone)
    monkeypatch.setattr(users_api, "user_json", lambda doc: rendered.append(doc["id"]) or real_user_json(doc))
    monkeypatch.setattr(groups_api, "group_json", lambda doc: rendered.append(doc["id"]) or real_group_json(doc))
    stored = sorted(u["id"] for u in okta.store.all(TENANT, "users"))
    copied.clear()
    answer = client.get(f"/api/v1/users?limit=25&after={stored[1000]}")
    assert [u["id"] for u in answer.json] == stored[1001:1026] == rendered
    # The page and the one past it (to tell whether a next page exists); nothing else leaves the store.
    assert set(copied) - {"org"} == set(stored[1001:1027])
    copied.clear(), rendered.clear()
    answer = client.get("/api/v1/groups", query_string={"limit": 20, "search": 'profile.name sw "bulk 00"'})
    assert len(answer.json) == 20 == len(rendered) and len(set(copied) - {"org"}) == 21
