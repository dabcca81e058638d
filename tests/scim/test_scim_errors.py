"""Errors in SCIM's shape (RFC 7644 §3.12), auth, routing, tenants and discovery."""
import pytest
from scim_helpers import make_app

ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer "}, {"Authorization": "Basic dXNlcg=="}])
def test_missing_bearer_token_is_401_in_scim_shape(app, headers):
    response = app.test_client().get("/scim/Users", headers=headers)
    assert response.status_code == 401 and response.content_type == "application/scim+json"
    assert response.json["schemas"] == [ERROR] and response.json["status"] == "401"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_accepted_tokens_are_an_allow_list():
    client = make_app(accepted=("good",)).test_client()
    assert client.get("/scim/Users", headers={"Authorization": "Bearer bad"}).status_code == 401
    assert client.get("/scim/Users", headers={"Authorization": "bearer good"}).status_code == 200


@pytest.mark.parametrize("method, path, allowed", [
    ("DELETE", "/scim/Users", "GET, POST"),
    ("POST", "/scim/Users/be8ab97f-47da-42e7-b10f-2e8281d998d9", "DELETE, GET, PATCH, PUT"),
    ("OPTIONS", "/scim/v2/Groups", "GET, POST"),
    ("PUT", "/scim/ServiceProviderConfig", "GET"),
])
def test_unserved_method_is_405_with_allow(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405 and response.content_type == "application/scim+json"
    assert response.json["status"] == "405"
    assert set(response.headers["Allow"].split(", ")) >= set(allowed.split(", "))


def test_unknown_endpoint_is_404_in_scim_shape(client):
    response = client.get("/scim/Bulk")
    assert response.status_code == 404 and response.json == {
        "schemas": [ERROR], "status": "404", "detail": "Specified endpoint does not exist."}


@pytest.mark.parametrize("data", [b"{not json", b"", b'{"userName": "a", "userName": "b"}', b"[1,"])
def test_malformed_json_is_400_invalid_syntax(client, data):
    response = client.post("/scim/Users", data=data, content_type="application/scim+json")
    assert response.status_code == 400 and response.json["scimType"] == "invalidSyntax"
    assert response.content_type == "application/scim+json"


@pytest.mark.parametrize("body", [[{"userName": "x"}], {"userName": "x", "USERNAME": "y"},
                                  {"userName": "x", "emails": {"value": "a@b.c"}},
                                  {"userName": "x", "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"]}])
def test_structurally_wrong_body_is_invalid_syntax(client, body):
    response = client.post("/scim/Users", json=body)
    assert response.status_code == 400 and response.json["scimType"] == "invalidSyntax"


@pytest.mark.parametrize("content_type", ["application/scim+json", "application/json", None])
def test_body_is_read_whatever_its_content_type(client, content_type):
    """reference §2.3: the Go library never inspects Content-Type."""
    response = client.post("/scim/Actions", data=b'{"name": "ship"}', content_type=content_type)
    assert response.status_code == 201


def test_a_wrong_type_is_invalid_value(client):
    response = client.post("/scim/Users", json={"userName": 5})
    assert response.status_code == 400 and response.json["scimType"] == "invalidValue"


def test_me_is_501(client):
    assert client.get("/scim/Me").status_code == 501


def test_tenants_by_path_and_header_are_isolated(client):
    created = client.post("/acme/scim/Users", json={"userName": "only.in.acme"})
    assert created.status_code == 201
    assert created.json["meta"]["location"].startswith("http://localhost/acme/scim/Users/")
    by_header = client.get("/scim/v2/Users", headers={"X-Tenant-Id": "acme"}).json
    assert "only.in.acme" in {user["userName"] for user in by_header["Resources"]}
    default = client.get("/scim/Users").json
    assert "only.in.acme" not in {user["userName"] for user in default["Resources"]}
    assert default["totalResults"] == 3  # each tenant starts from the fixtures


def test_malformed_tenant_is_400(client):
    response = client.get("/scim/Users", headers={"X-Tenant-Id": "../etc"})
    assert response.status_code == 400 and response.json["status"] == "400"


def test_reset_returns_every_tenant_to_the_fixtures(app, client):
    client.post("/acme/scim/Users", json={"userName": "temp"})
    assert client.post("/__jcmock__/reset?service=scim").status_code == 200
    assert client.get("/acme/scim/Users").json["totalResults"] == 3


def test_discovery_matches_the_declarations(client):
    config = client.get("/scim/v2/ServiceProviderConfig").json
    assert config["patch"] == {"supported": True} and config["filter"] == {"supported": True, "maxResults": 100}
    assert config["sort"] == {"supported": False} and config["bulk"]["supported"] is False
    types = client.get("/scim/ResourceTypes").json
    assert [(t["name"], t["endpoint"]) for t in types["Resources"]] == [
        ("Action", "/Actions"), ("ResourceType", "/Resource-Types"), ("Resource", "/Resources"),
        ("Permission", "/Permissions"), ("Role", "/Roles"), ("User", "/Users"), ("Group", "/Groups")]
    user = client.get("/scim/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json
    password = next(a for a in user["attributes"] if a["name"] == "password")
    assert (password["mutability"], password["returned"]) == ("writeOnly", "never")
    assert client.get("/scim/ResourceTypes/User").json["schemaExtensions"] == [
        {"schema": "urn:ietf:params:scim:schemas:extension:custom:2.0:User", "required": False}]
    assert client.get("/scim/Schemas").json["totalResults"] == 8
    assert client.get("/scim/ResourceTypes/Nope").status_code == 404


def test_manifest_lists_the_fixture_ids_per_endpoint():
    from jcmock.scim.fixtures import load
    manifest = load().manifest()
    assert list(manifest) == ["Actions", "Resource-Types", "Resources", "Permissions", "Roles", "Users", "Groups"]
    assert "be8ab97f-47da-42e7-b10f-2e8281d998d9" in manifest["Users"]
