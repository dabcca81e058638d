"""``limit``/``after`` paging through ``Link`` headers. Source: reference §1.4 and quirk 9."""
import re


def _follow(client, url):
    seen = []
    while url:
        answer = client.get(url)
        seen.extend(item["id"] for item in answer.json)
        links = dict(reversed(re.fullmatch(r"<([^>]+)>; rel=\"(\w+)\"", v).groups())
                     for v in answer.headers.getlist("Link"))
        assert "self" in links
        url = links.get("next")
    return seen


def test_following_next_links_lists_every_user_once(client):
    """Reference §1.4: self always, next only while more remain; the cursor is the last id."""
    everyone = [u["id"] for u in client.get("/api/v1/users").json]
    assert _follow(client, "https://acme.okta.com/api/v1/users?limit=3") == sorted(everyone)
    assert len(everyone) == 10


def test_self_link_carries_the_effective_default_limit(client):
    """Reference quirk 9: apps default to 20 and self echoes it with the other parameters."""
    answer = client.get("/api/v1/apps", query_string={"filter": 'status eq "ACTIVE"'})
    assert answer.headers.getlist("Link") == [
        '<https://acme.okta.com/api/v1/apps?limit=20&filter=status+eq+%22ACTIVE%22>; rel="self"']
    assert {a["status"] for a in answer.json} == {"ACTIVE"}


def test_limit_beyond_the_maximum_is_clamped(client):
    """Reference §1.4: out-of-range limits are clamped, not rejected."""
    answer = client.get("/api/v1/groups/rules", query_string={"limit": 5000})
    assert "limit=200" in answer.headers.getlist("Link")[0]


def test_a_page_survives_objects_created_between_pages(client):
    """The cursor is an id, so a page boundary holds while the list changes: no duplicates."""
    first = client.get("/api/v1/groups?limit=2")
    next_url = re.search(r"<([^>]+)>; rel=\"next\"", first.headers.getlist("Link")[1]).group(1)
    client.post("/api/v1/groups", json={"profile": {"name": "Late"}})
    rest = _follow(client, next_url)
    assert not set(rest) & {g["id"] for g in first.json}
