"""Every resource type through its whole life over HTTP: create, read back, replace, PATCH, list, delete."""
import pytest

ACTION = "c4838e83-efb2-423e-9baf-de5dbe958a84"
DEPLOY = "a83c875f-dabe-422b-affd-83fdd7b792cd"
WORKSPACE = "eb05fd1e-d066-4168-9e8d-35245c07ac07"
PAYMENTS = "303d70d4-5e20-4013-ab68-d6e62ff6040c"
READ_PERMISSION = "13ce3552-48a6-40e9-8f2a-52f6c5399c94"
MARIA = "be8ab97f-47da-42e7-b10f-2e8281d998d9"
EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

# endpoint, create body, replace body, (patch operation, attribute, value read back), filter on the created one
CASES = [
    ("Users",
     {"userName": "ana.lima@example.com", "name": {"givenName": "Ana"}, "password": "s3cret",
      EXT: {"company": "Zup", "human": True}},
     {"userName": "ana.lima@example.com", "displayName": "Ana Lima"},
     ({"op": "replace", "path": "title", "value": "Engineer"}, "title", "Engineer"),
     'userName eq "ANA.LIMA@example.com"'),
    ("Groups", {"displayName": "Data Squad", "members": [{"value": MARIA}]}, {"displayName": "Data Squad (BR)"},
     ({"op": "replace", "path": "displayName", "value": "Data"}, "displayName", "Data"), 'displayName eq "data squad"'),
    ("Roles", {"name": "auditor", "permissions": [READ_PERMISSION], "claim_mapper": {"department": "audit"}},
     {"name": "auditor", "description": "Reads everything"},
     ({"op": "replace", "path": "claim_mapper.department", "value": "risk"}, "claim_mapper", {"department": "risk"}),
     'name sw "aud"'),
    ("Permissions", {"name": "payments-write", "statements": [{"actions": [ACTION], "resource": PAYMENTS}]},
     {"name": "payments-write", "statements": [{"action": DEPLOY, "resource": PAYMENTS}]},
     ({"op": "replace", "path": "description", "value": "Write"}, "description", "Write"), 'name ew "-write"'),
    ("Actions", {"name": "approve", "client_id": "stackspot-portal"}, {"name": "approve", "description": "Approve"},
     ({"op": "add", "path": "description", "value": "Approve a change"}, "description", "Approve a change"),
     'name eq "approve" and client_id eq "stackspot-portal"'),
    ("Resources", {"name": "Billing", "slug": "billing", "type": WORKSPACE},
     {"name": "Billing", "slug": "billing", "type": "workspace", "description": "Billing workspace"},
     ({"op": "replace", "path": "description", "value": "Invoices"}, "description", "Invoices"), 'slug eq "billing"'),
    ("Resource-Types", {"name": "Pipeline", "slug": "pipeline", "actions": [ACTION, DEPLOY]},
     {"name": "Pipeline", "slug": "pipeline", "description": "CI pipelines"},
     ({"op": "replace", "value": {"description": "CD"}}, "description", "CD"), 'slug eq "pipeline"'),
]
IDS = [case[0] for case in CASES]


def _create(client, endpoint, body):
    response = client.post(f"/scim/{endpoint}", json=body)
    assert response.status_code == 201, response.json
    return response


@pytest.mark.parametrize("endpoint, body, _r, _p, _f", CASES, ids=IDS)
def test_create_answers_201_with_location_and_etag_then_reads_back(client, endpoint, body, _r, _p, _f):
    created = _create(client, endpoint, body)
    resource = created.json
    assert created.headers["Location"] == resource["meta"]["location"] == f"http://localhost/scim/{endpoint}/{resource['id']}"
    assert created.headers["ETag"] == resource["meta"]["version"] == 'W/"1"'
    assert created.content_type == "application/scim+json"
    assert "password" not in resource
    read = client.get(f"/scim/{endpoint}/{resource['id']}")
    assert read.status_code == 200 and read.json == resource


@pytest.mark.parametrize("endpoint, body, replacement, _p, _f", CASES, ids=IDS)
def test_replace_sets_the_given_attributes_and_bumps_the_version(client, endpoint, body, replacement, _p, _f):
    resource = _create(client, endpoint, body).json
    replaced = client.put(f"/scim/{endpoint}/{resource['id']}", json=replacement)
    assert replaced.status_code == 200, replaced.json
    assert replaced.json["meta"]["version"] == 'W/"2"' == replaced.headers["ETag"]
    for key, value in replacement.items():
        if key not in ("type", "statements"):  # references come back expanded
            assert replaced.json[key] == value
    assert client.get(f"/scim/{endpoint}/{resource['id']}").json == replaced.json


@pytest.mark.parametrize("endpoint, body, _r, patch, _f", CASES, ids=IDS)
def test_patch_answers_200_with_the_full_resource(client, endpoint, body, _r, patch, _f):
    resource = _create(client, endpoint, body).json
    operation, attribute, expected = patch
    patched = client.patch(f"/scim/{endpoint}/{resource['id']}",
                           json={"schemas": [PATCH_OP], "Operations": [operation]})
    assert patched.status_code == 200, patched.json
    assert patched.json[attribute] == expected
    assert patched.json["id"] == resource["id"] and patched.json["meta"]["created"] == resource["meta"]["created"]


@pytest.mark.parametrize("endpoint, body, _r, _p, filter_", CASES, ids=IDS)
def test_list_filters_and_pages(client, endpoint, body, _r, _p, filter_):
    resource = _create(client, endpoint, body).json
    found = client.get(f"/scim/{endpoint}", query_string={"filter": filter_}).json
    assert found["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    assert [item["id"] for item in found["Resources"]] == [resource["id"]] and found["totalResults"] == 1
    everything = client.get(f"/scim/{endpoint}").json
    second = client.get(f"/scim/{endpoint}", query_string={"startIndex": 2, "count": 1}).json
    assert second["startIndex"] == 2 and second["itemsPerPage"] == 1
    assert second["totalResults"] == everything["totalResults"] >= 2
    assert second["Resources"] == everything["Resources"][1:2]


@pytest.mark.parametrize("endpoint, body, replacement, _p, _f", CASES, ids=IDS)
def test_delete_answers_204_then_every_method_is_404(client, endpoint, body, replacement, _p, _f):
    url = f"/scim/{endpoint}/{_create(client, endpoint, body).json['id']}"
    deleted = client.delete(url)
    assert deleted.status_code == 204 and deleted.data == b""
    assert deleted.content_type == "application/scim+json"
    patch = {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "description", "value": "x"}]}
    answers = (client.get(url), client.put(url, json=replacement), client.patch(url, json=patch), client.delete(url))
    for response in answers:
        assert response.status_code == 404
        assert response.json["status"] == "404" and "scimType" not in response.json


def test_put_never_creates(client):
    response = client.put("/scim/Users/7d0b8a42-0000-4000-8000-000000000000", json={"userName": "ghost"})
    assert response.status_code == 404
    assert response.json["detail"] == "Resource 7d0b8a42-0000-4000-8000-000000000000 not found."


def test_references_render_expanded_as_stackspot_answers(client):
    """reference §3.3-3.7: ids in requests, objects in responses."""
    role = client.get("/scim/Roles/d687cbcf-7aaa-4198-8860-49c2f37ca753").json
    assert [p["name"] for p in role["permissions"]] == ["payments-workspace-read", "payments-workspace-deploy"]
    statement = role["permissions"][0]["statements"][0]
    assert statement["actions"][0]["attributes"]["name"] == "read" and statement["actions"][0]["externalID"] == {}
    assert statement["resource"]["meta"]["location"] == f"Resources/{PAYMENTS}"
    workspace = client.get(f"/scim/Resource-Types/{WORKSPACE}").json
    assert [a["name"] for a in workspace["actions"]] == ["read", "write", "deploy"]
    assert [r["slug"] for r in workspace["resources"]] == ["payments"]


def test_group_members_show_on_the_user_as_groups(client):
    user = client.get(f"/scim/Users/{MARIA}").json
    assert {group["display"] for group in user["groups"]} == {"Platform Engineering"}
    group = client.get("/scim/Groups/3b94efee-94bc-4f09-b43e-a0331e143f2c").json
    assert group["members"][0] == {"value": MARIA, "type": "User", "display": "Maria Silva",
                                   "$ref": f"http://localhost/scim/Users/{MARIA}"}


def test_unknown_reference_is_invalid_value(client):
    response = client.post("/scim/Groups", json={"displayName": "X", "members": [{"value": "nobody"}]})
    assert response.status_code == 400 and response.json["scimType"] == "invalidValue"


def test_readonly_values_are_ignored_on_create(client):
    body = {"name": "x", "active": True, "id": "mine", "meta": {"version": 'W/"9"'}}
    resource = _create(client, "Actions", body).json
    assert resource["active"] is False and resource["id"] != "mine" and resource["meta"]["version"] == 'W/"1"'


def test_required_attribute_missing_is_invalid_value(client):
    response = client.post("/scim/Users", json={"displayName": "no user name"})
    assert response.status_code == 400 and response.json["scimType"] == "invalidValue"


def test_username_is_unique_case_insensitively(client):
    """RFC 7643 §4.1.1; reference §2.4: 409 uniqueness on POST, PUT and PATCH."""
    response = client.post("/scim/Users", json={"userName": "MARIA.SILVA@example.com"})
    assert response.status_code == 409 and response.json == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "409", "scimType": "uniqueness",
        "detail": "userName 'MARIA.SILVA@example.com' is already taken"}
    other = _create(client, "Users", {"userName": "someone"}).json["id"]
    assert client.put(f"/scim/Users/{other}", json={"userName": "maria.silva@EXAMPLE.com"}).status_code == 409
    patch = {"schemas": [PATCH_OP],
             "Operations": [{"op": "replace", "path": "userName", "value": "Maria.Silva@example.com"}]}
    assert client.patch(f"/scim/Users/{other}", json=patch).status_code == 409


def test_a_deleted_username_can_be_taken_again(client):
    client.delete(f"/scim/Users/{MARIA}")
    _create(client, "Users", {"userName": "maria.silva@example.com"})


def test_immutable_attribute_keeps_its_value_on_put(client):
    response = client.put(f"/scim/Users/{MARIA}", json={"userName": "maria.silva@example.com", EXT: {"human": False}})
    assert response.status_code == 400 and response.json["scimType"] == "mutability"


def test_attributes_and_excluded_attributes(client):
    narrow = client.get(f"/scim/Users/{MARIA}",
                        query_string={"attributes": "userName,name.givenName,emails.value"}).json
    assert narrow == {"schemas": narrow["schemas"], "id": MARIA, "userName": "maria.silva@example.com",
                      "name": {"givenName": "Maria"}, "emails": [{"value": "maria.silva@example.com"}]}
    group = client.get("/scim/Groups", query_string={"excludedAttributes": "members"}).json["Resources"][0]
    assert "members" not in group and group["displayName"]
    company = client.get(f"/scim/Users/{MARIA}", query_string={"attributes": f"{EXT}:company"}).json
    assert company[EXT] == {"company": "Zup"}


def test_search_by_post_uses_the_body(client):
    """RFC 7644 §3.4.3."""
    body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": 'userName sw "joao"',
            "attributes": ["userName"]}
    found = client.post("/scim/Users/.search", json=body).json
    assert [user["userName"] for user in found["Resources"]] == ["joao.souza@example.com"]


def test_deleted_user_leaves_its_groups_and_no_longer_matches_member_filters(client):
    """RFC 7644 §3.6: a deleted member must not linger in a group's members."""
    group = client.get("/scim/Groups/3b94efee-94bc-4f09-b43e-a0331e143f2c").json
    assert client.delete(f"/scim/Users/{MARIA}").status_code == 204
    after = client.get("/scim/Groups/3b94efee-94bc-4f09-b43e-a0331e143f2c").json
    assert MARIA not in [member["value"] for member in after["members"]]
    assert after["meta"]["version"] != group["meta"]["version"]
    found = client.get("/scim/Groups", query_string={"filter": f'members[value eq "{MARIA}"]'}).json
    assert found["totalResults"] == 0


def test_deleted_action_leaves_resource_types_and_permission_statements(client):
    assert client.delete(f"/scim/Actions/{ACTION}").status_code == 204
    workspace = client.get(f"/scim/Resource-Types/{WORKSPACE}").json
    assert [a["name"] for a in workspace["actions"]] == ["write", "deploy"]
    found = client.get("/scim/Resource-Types", query_string={"filter": f'actions eq "{ACTION}"'}).json
    assert found["totalResults"] == 0
    statement = client.get(f"/scim/Permissions/{READ_PERMISSION}").json["statements"][0]
    assert "actions" not in statement or all(a["id"] != ACTION for a in statement["actions"])


def test_a_reference_may_be_sent_as_the_object_it_is_served_as(client):
    """``/Schemas`` describes expanded references as objects; their ``id`` is what a client writes."""
    body = {"name": "reader", "permissions": [{"id": READ_PERMISSION, "name": "ignored"}]}
    role = _create(client, "Roles", body).json
    assert [p["id"] for p in role["permissions"]] == [READ_PERMISSION]
    response = client.post("/scim/Roles", json={"name": "bad", "permissions": [{"name": "no id"}]})
    assert response.status_code == 400 and response.json["scimType"] == "invalidValue"


def test_schemas_describe_expanded_references_as_the_objects_served(client):
    role = client.get("/scim/Schemas/urn:ietf:params:scim:schemas:custom:2.0:Role").json
    permissions = next(a for a in role["attributes"] if a["name"] == "permissions")
    assert permissions["type"] == "complex" and permissions["multiValued"] is True
    subs = {sub["name"]: sub for sub in permissions["subAttributes"]}
    assert subs["id"]["mutability"] == "readWrite" and subs["id"]["referenceTypes"] == ["Permission"]
    assert subs["name"]["mutability"] == "readOnly" and "statements" in subs
    served = client.get("/scim/Roles/d687cbcf-7aaa-4198-8860-49c2f37ca753").json["permissions"][0]
    assert set(served) <= set(subs)
    resource = client.get("/scim/Schemas/urn:ietf:params:scim:schemas:custom:2.0:Resource").json
    kind = next(a for a in resource["attributes"] if a["name"] == "type")
    assert kind["type"] == "complex" and {"id", "name", "slug", "actions"} <= {s["name"] for s in kind["subAttributes"]}


def test_no_schema_nests_complex_values_deeper_than_two_levels(client):
    """scim2-models refuses deeper schemas (RFC 7643 §2.3.8 allows one level)."""
    def depth(attributes):
        return max((1 + depth(a.get("subAttributes", ())) for a in attributes if a["type"] == "complex"), default=0)
    for schema in client.get("/scim/Schemas").json["Resources"]:
        assert depth(schema["attributes"]) <= 2, schema["id"]
