"""Okta's conventions on every answer: auth, error bodies, headers, ids, links. Source: reference §1."""
import re

from okta_helpers import Client

USER = "00uvmg6h0RsNJsNv41d7"


def test_no_authorization_header_is_403_invalid_session(app):
    """Reference §1.2 and quirk 1: real Okta answers a missing header with 403 E0000005."""
    answer = app.test_client().get("/api/v1/users")
    assert answer.status_code == 403
    assert answer.json["errorCode"] == "E0000005"
    assert answer.json["errorSummary"] == "Invalid session"


def test_an_unrecognised_scheme_is_401_invalid_token(app):
    """Reference §1.2: a garbled credential is 401 E0000011."""
    answer = app.test_client().get("/api/v1/users", headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert answer.status_code == 401
    assert answer.json["errorCode"] == "E0000011"


def test_bearer_tokens_are_accepted(app):
    """Reference §1.2: OAuth access tokens work like API tokens."""
    answer = app.test_client().get(f"/api/v1/users/{USER}", headers={"Authorization": "Bearer eyJhbGciOi"})
    assert answer.status_code == 200


def test_error_body_has_okta_shape(client):
    """Reference §1.3: errorLink repeats the code, errorId is oae + 22 characters, errorCauses always present."""
    body = client.get("/api/v1/users/00uMissingMissing000").json
    assert set(body) == {"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"}
    assert body["errorLink"] == body["errorCode"] == "E0000007"
    assert re.fullmatch(r"oae[A-Za-z0-9_-]{22}", body["errorId"])
    assert body["errorCauses"] == []


def test_malformed_json_is_e0000003(client):
    """Reference quirk 8: unparseable JSON is 400 E0000003."""
    answer = client.put(f"/api/v1/users/{USER}", data=b"{not json", headers={"Content-Type": "application/json"})
    assert (answer.status_code, answer.json["errorCode"]) == (400, "E0000003")


def test_wrong_content_type_is_400_e0000021(client):
    """Reference quirk 8: an unsupported media type is 400 E0000021, not 415."""
    answer = client.put(f"/api/v1/users/{USER}", data=b"profile=x", headers={"Content-Type": "text/plain"})
    assert (answer.status_code, answer.json["errorCode"]) == (400, "E0000021")


def test_every_answer_carries_rate_limit_and_request_id_headers(client):
    """Reference §1.6: X-Rate-Limit-Limit/-Remaining/-Reset (epoch seconds), Date and X-Okta-Request-Id."""
    for answer in (client.get("/api/v1/users"), client.get("/api/v1/users/nobody")):
        assert int(answer.headers["X-Rate-Limit-Reset"]) > 1_700_000_000
        assert int(answer.headers["X-Rate-Limit-Remaining"]) < int(answer.headers["X-Rate-Limit-Limit"])
        assert answer.headers["X-Okta-Request-Id"] and answer.headers["Date"]
        assert len(answer.headers.getlist("X-Rate-Limit-Reset")) == 1


def test_created_ids_have_okta_prefixes_and_20_characters(client):
    """Reference §1.7: 3-character type prefix + 17 base62 characters; create answers 200."""
    answer = client.post("/api/v1/groups", json={"profile": {"name": "Finance"}})
    assert answer.status_code == 200
    assert re.fullmatch(r"00g[0-9A-Za-z]{17}", answer.json["id"])
    server = client.post("/api/v1/authorizationServers", json={"name": "Orders", "audiences": ["api://orders"]})
    assert server.status_code == 201 and server.json["id"].startswith("aus")


def test_links_are_absolute_urls_on_the_request_host(app):
    """Reference §1.7: _links hrefs are built from the request's host."""
    answer = Client(app, host="acme.localhost:8080").get(f"/api/v1/users/{USER}")
    assert answer.json["_links"]["self"]["href"] == f"https://acme.localhost:8080/api/v1/users/{USER}"


def test_read_only_fields_in_a_put_body_are_ignored(client):
    """Reference §1.9: echoed id, status, created and _links are ignored, never an error."""
    stored = client.get("/api/v1/groups/00gqyw6Fv8Klye4C91d7").json
    echoed = {**stored, "id": "00gOther", "created": "2000-01-01T00:00:00.000Z", "profile": {"name": "Eng"}}
    answer = client.put("/api/v1/groups/00gqyw6Fv8Klye4C91d7", json=echoed)
    assert answer.status_code == 200
    assert (answer.json["id"], answer.json["created"]) == (stored["id"], stored["created"])
    assert answer.json["lastUpdated"] != stored["lastUpdated"]


def test_unknown_property_in_a_filter_is_e0000031(client):
    """Reference §1.5: an unsupported property or operator is 400 E0000031."""
    answer = client.get("/api/v1/users", query_string={"filter": 'profile.title eq "x"'})
    assert (answer.status_code, answer.json["errorCode"]) == (400, "E0000031")


def test_q_with_filter_is_e0000033(client):
    """Reference §1.5: q and filter in one request are refused."""
    answer = client.get("/api/v1/users", query_string={"q": "a", "filter": 'status eq "ACTIVE"'})
    assert answer.json["errorCode"] == "E0000033"


def test_search_matches_any_profile_attribute_case_insensitively(client):
    """Reference §1.5: users' search accepts profile attributes, eq/sw/co, and ignores case."""
    answer = client.get("/api/v1/users", query_string={
        "search": 'profile.department eq "engineering" and status eq "ACTIVE"'})
    assert [u["id"] for u in answer.json] == [USER]


def test_filter_by_status(client):
    """Reference §1.5: users' filter on status."""
    answer = client.get("/api/v1/users", query_string={"filter": 'status eq "STAGED"'})
    assert [u["profile"]["login"] for u in answer.json] == ["jordan.kim@acme.example"]
