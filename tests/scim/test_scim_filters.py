"""Filters (RFC 7644 §3.4.2.2) as clients send them, on the fixtures' users."""
import pytest

EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User"


def user_names(client, filter_):
    response = client.get("/scim/Users", query_string={"filter": filter_})
    assert response.status_code == 200, response.json
    return sorted(user["userName"] for user in response.json["Resources"])


@pytest.mark.parametrize("filter_, expected", [
    ('userName eq "MARIA.SILVA@EXAMPLE.COM"', ["maria.silva@example.com"]),
    ('UserName Eq "maria.silva@example.com"', ["maria.silva@example.com"]),
    ('userName ne "maria.silva@example.com"', ["ci-pipeline-bot", "joao.souza@example.com"]),
    ('userName co "souza"', ["joao.souza@example.com"]),
    ('userName sw "ci-"', ["ci-pipeline-bot"]),
    ('userName ew "@example.com"', ["joao.souza@example.com", "maria.silva@example.com"]),
    ("title pr", ["maria.silva@example.com"]),
    ('emails co "@example.com"', ["joao.souza@example.com", "maria.silva@example.com"]),
    ('emails[type eq "work" and value sw "maria"]', ["maria.silva@example.com"]),
    ('meta.created gt "2024-06-01T00:00:00Z"', ["ci-pipeline-bot", "joao.souza@example.com"]),
    ('meta.created le "2024-05-27T17:10:49Z"', ["maria.silva@example.com"]),
    (f'{EXT}:company eq "zup"', ["joao.souza@example.com", "maria.silva@example.com"]),
    (f"{EXT}:human eq false", ["ci-pipeline-bot"]),
    ('userName eq "x" or userName sw "ci" and active eq true', ["ci-pipeline-bot"]),
    ('(userName eq "x" or userName sw "ci") and active eq false', []),
    ('not (userName sw "ci")', ["joao.souza@example.com", "maria.silva@example.com"]),
    ('externalId eq "00U1A2B3C4D5E6F7G8H9"', []),
    ('externalId eq "00u1a2b3c4D5e6F7g8h9"', ["maria.silva@example.com"]),
    ("nickName eq null", ["ci-pipeline-bot", "joao.souza@example.com"]),
])
def test_filter(client, filter_, expected):
    assert user_names(client, filter_) == expected


def test_value_path_membership_check_on_groups(client):
    response = client.get("/scim/Groups", query_string={
        "filter": 'id eq "052517df-0291-47b9-8ea5-510f94d63fed" '
                  'and members[value eq "a6a57c8e-99c9-4f9d-93f3-9e4aa661f9c6"]'})
    assert response.json["totalResults"] == 1


@pytest.mark.parametrize("filter_", ['userName eq', 'nope eq "x"', 'name.nope pr', "active gt true",
                                     'userName co 5', 'meta.created gt "yesterday"'])
def test_bad_filter_is_invalid_filter(client, filter_):
    response = client.get("/scim/Users", query_string={"filter": filter_})
    assert response.status_code == 400 and response.json["scimType"] == "invalidFilter"


def test_count_and_start_index_are_clamped(client):
    assert client.get("/scim/Users", query_string={"count": 1000}).json["itemsPerPage"] == 3
    none = client.get("/scim/Users", query_string={"count": -5, "startIndex": 0}).json
    assert none["Resources"] == [] and none["totalResults"] == 3 and none["startIndex"] == 1
    past = client.get("/scim/Users", query_string={"startIndex": 50}).json
    assert past["Resources"] == [] and past["totalResults"] == 3


def test_non_integer_count_is_400_without_scim_type(client):
    response = client.get("/scim/Users", query_string={"count": "ten"})
    assert response.status_code == 400 and "scimType" not in response.json
