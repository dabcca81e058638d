"""PATCH per RFC 7644 §3.5.2 and the reference's §5 table: every path form, atomicity, errors."""
import pytest

MARIA = "be8ab97f-47da-42e7-b10f-2e8281d998d9"
JOAO = "a6a57c8e-99c9-4f9d-93f3-9e4aa661f9c6"
PLATFORM = "3b94efee-94bc-4f09-b43e-a0331e143f2c"
EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def patch(client, *operations, url=f"/scim/Users/{MARIA}"):
    return client.patch(url, json={"schemas": [PATCH_OP], "Operations": list(operations)})


@pytest.mark.parametrize("operation, check", [
    ({"op": "add", "path": "nickName", "value": "Ma"}, lambda u: u["nickName"] == "Ma"),
    ({"op": "replace", "path": "name.familyName", "value": "Santos"},
     lambda u: u["name"] == {"familyName": "Santos", "givenName": "Maria"}),
    ({"op": "replace", "path": "name", "value": {"familyName": "Santos"}}, lambda u: u["name"]["givenName"] == "Maria"),
    ({"op": "remove", "path": "name.givenName"}, lambda u: u["name"] == {"familyName": "Silva"}),
    ({"op": "remove", "path": "title"}, lambda u: "title" not in u),
    ({"op": "add", "path": "emails", "value": {"value": "m@home.example", "type": "home", "primary": True}},
     lambda u: [e["primary"] for e in u["emails"]] == [False, True]),
    ({"op": "replace", "path": 'emails[type eq "work"].value', "value": "maria.santos@example.com"},
     lambda u: u["emails"][0]["value"] == "maria.santos@example.com"),
    ({"op": "replace", "path": 'emails[type eq "work"]', "value": {"value": "w@example.com", "type": "work"}},
     lambda u: u["emails"] == [{"value": "w@example.com", "type": "work"}]),
    ({"op": "remove", "path": 'emails[type eq "work"]'}, lambda u: "emails" not in u),
    ({"op": "add", "path": 'phoneNumbers[type eq "work"].value', "value": "+55 11 4000-0000"},
     lambda u: {"type": "work", "value": "+55 11 4000-0000"} in u["phoneNumbers"]),
    ({"op": "add", "path": f"{EXT}:company", "value": "StackSpot"}, lambda u: u[EXT]["company"] == "StackSpot"),
    ({"op": "remove", "path": f"{EXT}:ddd"}, lambda u: "ddd" not in u[EXT]),
    ({"op": "replace", "path": EXT, "value": {"company": "Acme", "is_email_verified": False}},
     lambda u: u[EXT]["company"] == "Acme" and u[EXT]["ddd"] == "11"),
    ({"op": "remove", "path": EXT}, lambda u: EXT not in u),
    ({"op": "replace", "value": {"active": False, "name.givenName": "Mia", f"{EXT}:gender": "f"}},
     lambda u: u["active"] is False and u["name"]["givenName"] == "Mia" and u[EXT]["gender"] == "f"),
    ({"op": "replace", "value": {EXT: {"ddd": "21"}}}, lambda u: u[EXT]["ddd"] == "21"),
], ids=lambda value: value.get("path", "no path") if isinstance(value, dict) else "")
def test_path_forms(client, operation, check):
    response = patch(client, operation)
    assert response.status_code == 200, response.json
    assert check(response.json)
    assert client.get(f"/scim/Users/{MARIA}").json == response.json


def test_group_membership_add_and_remove(client):
    url = "/scim/Groups/7f3c2a9e-5b1d-4c8e-9a6f-0d2e4b6c8a10"
    added = patch(client, {"op": "add", "path": "members", "value": [{"value": MARIA}, {"value": JOAO}]},
                  {"op": "add", "path": "members", "value": [{"value": MARIA}]}, url=url).json
    assert [m["value"] for m in added["members"]] == [MARIA, JOAO]
    removed = patch(client, {"op": "remove", "path": f'members[value eq "{MARIA}"]'}, url=url).json
    assert [m["value"] for m in removed["members"]] == [JOAO]


def test_operations_apply_atomically(client):
    """RFC 7644 §3.5.2: a failing operation leaves the resource untouched."""
    before = client.get(f"/scim/Users/{MARIA}").json
    response = patch(client, {"op": "replace", "path": "title", "value": "CTO"},
                     {"op": "replace", "path": "nope", "value": 1})
    assert response.status_code == 400 and response.json["scimType"] == "invalidPath"
    assert client.get(f"/scim/Users/{MARIA}").json == before


def test_a_no_op_patch_keeps_version_and_last_modified(client):
    before = client.get(f"/scim/Users/{MARIA}").json
    after = patch(client, {"op": "replace", "path": "title", "value": before["title"]}).json
    assert after["meta"] == before["meta"]


@pytest.mark.parametrize("operation, scim_type", [
    ({"op": "remove"}, "noTarget"),
    ({"op": "replace", "path": 'emails[type eq "home"].value', "value": "x"}, "noTarget"),
    ({"op": "replace", "path": "emails[type eq", "value": "x"}, "invalidPath"),
    ({"op": "replace", "path": "name.nope", "value": "x"}, "invalidPath"),
    ({"op": "replace", "path": 'emails[nope eq "x"].value', "value": "x"}, "invalidPath"),
    ({"op": "replace", "path": "id", "value": "x"}, "mutability"),
    ({"op": "replace", "path": "meta.lastModified", "value": "2024-01-01T00:00:00Z"}, "mutability"),
    ({"op": "remove", "path": "userName"}, "mutability"),
    ({"op": "replace", "path": f"{EXT}:human", "value": False}, "mutability"),
    ({"op": "replace", "path": "active", "value": "maybe"}, "invalidValue"),
    ({"op": "replace", "path": "title"}, "invalidValue"),
    ({"op": "move", "path": "title", "value": "x"}, "invalidValue"),
    ({"op": "replace", "value": "not an object"}, "invalidValue"),
    ({"op": "replace", "path": "emails", "value": [{"value": "a@b.c", "type": "cellular"}]}, "invalidValue"),
])
def test_errors_per_the_reference_table(client, operation, scim_type):
    response = patch(client, operation)
    assert response.status_code == 400, response.json
    assert response.json["scimType"] == scim_type


def test_editing_a_member_sub_attribute_is_mutability(client):
    """RFC 7643 §8.7.1: members' sub-attributes are immutable."""
    response = patch(client, {"op": "replace", "path": f'members[value eq "{MARIA}"].display', "value": "X"},
                     url=f"/scim/Groups/{PLATFORM}")
    assert response.status_code == 400 and response.json["scimType"] == "mutability"


@pytest.mark.parametrize("body, scim_type", [
    ({"Operations": [{"op": "add", "path": "title", "value": "x"}]}, "invalidValue"),
    ({"schemas": [PATCH_OP], "Operations": []}, "invalidValue"),
    ({"schemas": [PATCH_OP], "Operations": ["add"]}, "invalidSyntax"),
    ([], "invalidSyntax"),
])
def test_malformed_patch_bodies(client, body, scim_type):
    response = client.patch(f"/scim/Users/{MARIA}", json=body)
    assert response.status_code == 400 and response.json["scimType"] == scim_type


@pytest.mark.parametrize("attribute, value", [("human", False), ("machineName", "bot"), ("resourceOwner", "other")])
def test_stackspot_create_only_extension_attribute_is_immutable_once_set_per_reference(client, attribute, value):
    """Decision: the reference (§3.1) makes human, machineName and resourceOwner immutable (StackSpot's
    update DTO and PATCH sample leave them out); RFC 7644 §3.5.2 allows an add only while unset."""
    created = client.post("/scim/Users", json={"userName": f"owner-{attribute}",
                                               EXT: {"human": True, "machineName": "m", "resourceOwner": "o"}}).json
    response = patch(client, {"op": "add", "path": f"{EXT}:{attribute}", "value": value},
                     url=f"/scim/Users/{created['id']}")
    assert response.status_code == 400 and response.json["scimType"] == "mutability"
    same = patch(client, {"op": "replace", "path": f"{EXT}:{attribute}", "value": created[EXT][attribute]},
                 url=f"/scim/Users/{created['id']}")
    assert same.status_code == 200


def test_unset_immutable_extension_attribute_may_be_added_once(client):
    """RFC 7644 §3.5.2: "a client MAY 'add' a value to an 'immutable' attribute if [it] had no previous value"."""
    user = client.post("/scim/Users", json={"userName": "late.owner"}).json["id"]
    added = patch(client, {"op": "add", "path": f"{EXT}:resourceOwner", "value": "01HZX"}, url=f"/scim/Users/{user}")
    assert added.status_code == 200 and added.json[EXT]["resourceOwner"] == "01HZX"
