"""What Entra ID and Okta really send (reference §5, "What real provisioning clients send")."""
MARIA = "be8ab97f-47da-42e7-b10f-2e8281d998d9"
JOAO = "a6a57c8e-99c9-4f9d-93f3-9e4aa661f9c6"
PLATFORM = "/scim/Groups/3b94efee-94bc-4f09-b43e-a0331e143f2c"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def patch(client, url, *operations, key="Operations"):
    return client.patch(url, json={"schemas": [PATCH_OP], key: list(operations)})


def test_entra_capitalised_op(client):
    """reference §5 (Entra): ``"op": "Replace"``; RFC 7644 §3.5.2 names are case-insensitive in practice."""
    response = patch(client, f"/scim/Users/{MARIA}", {"op": "Replace", "path": "displayName", "value": "M. Silva"})
    assert response.status_code == 200 and response.json["displayName"] == "M. Silva"


def test_entra_string_boolean(client):
    """reference §5 (Entra without aadOptscim062020): ``"value": "False"`` for a boolean."""
    response = patch(client, f"/scim/Users/{MARIA}", {"op": "Replace", "path": "active", "value": "False"})
    assert response.json["active"] is False


def test_entra_member_removal_by_value_list(client):
    """reference §5 (Entra): remove ``members`` with a value list, ``$ref: null`` ignored."""
    response = patch(client, PLATFORM, {"op": "Remove", "path": "members", "value": [{"$ref": None, "value": MARIA}]})
    assert [m["value"] for m in response.json["members"]] == [JOAO]


def test_entra_member_removal_by_filter(client):
    """reference §5 (Entra with aadOptscim062020): ``members[value eq "..."]``."""
    response = patch(client, PLATFORM, {"op": "remove", "path": f'members[value eq "{MARIA}"]'})
    assert [m["value"] for m in response.json["members"]] == [JOAO]


def test_entra_pathless_replace_with_path_shaped_keys(client):
    """reference §5 (Entra): path-less replace whose keys are paths."""
    response = patch(client, f"/scim/Users/{MARIA}", {"op": "replace", "value": {
        "displayName": "X", "name.givenName": "A", 'emails[type eq "work"].value': "a@b.example",
        "urn:ietf:params:scim:schemas:extension:custom:2.0:User:ddd": "21"}})
    user = response.json
    assert (user["displayName"], user["name"]["givenName"], user["emails"][0]["value"]) == ("X", "A", "a@b.example")
    assert user["urn:ietf:params:scim:schemas:extension:custom:2.0:User"]["ddd"] == "21"


def test_entra_filter_plus_sub_attribute_add_creates_the_value(client):
    """reference §5 table: add ``emails[type eq "other"].value`` with no match creates the element."""
    response = patch(client, f"/scim/Users/{JOAO}",
                     {"op": "Add", "path": 'emails[type eq "other"].value', "value": "j@other.example"})
    assert {"type": "other", "value": "j@other.example"} in response.json["emails"]


def test_entra_group_reads_exclude_members(client):
    """reference §5 (Entra): ``excludedAttributes=members`` on group reads."""
    group = client.get(PLATFORM, query_string={"excludedAttributes": "members"}).json
    assert "members" not in group and group["displayName"] == "Platform Engineering"


def test_entra_post_carries_meta_and_empty_arrays(client):
    """reference §5 (Entra): ``meta`` dropped, ``roles: []`` unassigned and omitted."""
    response = client.post("/scim/Users", json={"userName": "entra.user@example.com",
                                                "meta": {"resourceType": "User"}, "roles": []})
    assert response.status_code == 201 and "roles" not in response.json


def test_okta_pathless_replace_for_activation(client):
    """reference §5 (Okta): ``{"op": "replace", "value": {"active": false}}``."""
    assert patch(client, f"/scim/Users/{MARIA}", {"op": "replace", "value": {"active": False}}).json["active"] is False


def test_okta_id_inside_the_value_object_is_dropped(client):
    """reference §5 (Okta): the group's id repeated in a path-less value."""
    response = patch(client, PLATFORM, {"op": "replace", "value": {"id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
                                                                   "displayName": "Test SCIMv2"}})
    assert response.status_code == 200 and response.json["displayName"] == "Test SCIMv2"


def test_okta_membership_remove_then_add(client):
    """reference §5 (Okta): remove by filter and add with display in one request."""
    response = patch(client, PLATFORM, {"op": "remove", "path": f'members[value eq "{JOAO}"]'},
                     {"op": "add", "path": "members", "value": [{"value": JOAO, "display": "test.user@okta.local"}]})
    assert response.json["members"][-1]["display"] == "test.user@okta.local"


def test_okta_post_with_groups_and_password(client):
    """reference §5 (Okta): ``groups: []`` (readOnly) ignored, ``password`` stored but never returned."""
    response = client.post("/scim/Users",
                           json={"userName": "test.user@okta.local", "groups": [], "password": "1mz050nq"})
    assert response.status_code == 201 and "password" not in response.json and "groups" not in response.json


def test_okta_existence_check_with_plus_encoded_filter(client):
    """reference §5 (Okta): ``filter=userName+eq+...`` answers 200 with nothing found, never 404."""
    response = client.get("/scim/Users?filter=userName+eq+%22test.user%40okta.local%22&startIndex=1&count=100")
    assert response.status_code == 200 and response.json["totalResults"] == 0 and response.json["Resources"] == []


def test_seed_lowercase_operations_and_string_schemas(client):
    """reference §5 (the seed's Resource-Type sample): ``operations`` and ``"schemas": "<PatchOp>"``."""
    response = client.patch("/scim/Resource-Types/eb05fd1e-d066-4168-9e8d-35245c07ac07", json={
        "operations": [{"op": "replace", "path": "description", "value": "x"}], "schemas": PATCH_OP})
    assert response.status_code == 200 and response.json["description"] == "x"


def test_seed_single_action_in_a_permission_statement(client):
    """reference §3.4: the seed's update samples send ``statements[].action``, folded into ``actions``."""
    response = client.put("/scim/Permissions/13ce3552-48a6-40e9-8f2a-52f6c5399c94", json={
        "name": "payments-workspace-read", "statements": [{"action": "deploy", "resource": "payments"}]})
    assert [a["attributes"]["name"] for a in response.json["statements"][0]["actions"]] == ["deploy"]
