"""Lifecycle and delete rules of users, apps, group rules and hooks. Source: reference §4 and quirk 10."""
APP, INACTIVE_APP = "0oauJc4Po0Rr7dHU71d7", "0oaO7hZpLu69qPgfn1d7"


def _new_user(client, activate="true", password=True):
    body = {"profile": {"login": "new.hire@acme.example", "email": "new.hire@acme.example",
                        "firstName": "New", "lastName": "Hire"}}
    if password:
        body["credentials"] = {"password": {"value": "Tr0ub4dor&3"}}
    return client.post(f"/api/v1/users?activate={activate}", json=body)


def test_created_user_is_active_with_a_password_and_hides_it(client):
    """Reference §4: activate=true with a password gives ACTIVE; the password is never answered."""
    answer = _new_user(client)
    assert answer.status_code == 200
    assert answer.json["status"] == "ACTIVE"
    assert answer.json["credentials"]["password"] == {}


def test_user_created_with_activate_false_is_staged(client):
    """Reference §4: activate=false gives STAGED with null activated."""
    answer = _new_user(client, activate="false")
    assert (answer.json["status"], answer.json["activated"]) == ("STAGED", None)


def test_duplicate_login_is_e0000001_naming_login(client):
    """Reference endpoint 32: logins are unique in the org."""
    _new_user(client)
    answer = _new_user(client)
    assert answer.json["errorCauses"][0]["errorSummary"].startswith("login: An object with this field")


def test_user_put_never_changes_status(client):
    """Reference endpoint 32: PUT ignores status (live: a STAGED user stayed STAGED)."""
    user = _new_user(client, activate="false").json
    answer = client.put(f"/api/v1/users/{user['id']}", json={**user, "status": "ACTIVE"})
    assert answer.json["status"] == "STAGED"


def test_user_delete_is_two_step(client):
    """Reference §4: the first DELETE deactivates, the second removes; then GET is 404 (User)."""
    user = _new_user(client).json
    assert client.delete(f"/api/v1/users/{user['id']}").status_code == 204
    assert client.get(f"/api/v1/users/{user['id']}").json["status"] == "DEPROVISIONED"
    assert client.delete(f"/api/v1/users/{user['id']}").status_code == 204
    assert client.get(f"/api/v1/users/{user['id']}").json["errorSummary"].endswith("(User)")


def test_suspend_needs_an_active_user(client):
    """Reference §4: suspend from any status but ACTIVE is 400 E0000001."""
    user = _new_user(client, activate="false").json
    answer = client.post(f"/api/v1/users/{user['id']}/lifecycle/suspend")
    assert (answer.status_code, answer.json["errorCode"]) == (400, "E0000001")


def test_activate_without_email_answers_the_activation_link(client):
    """Reference endpoint 32 companions: sendEmail=false returns activationUrl and activationToken."""
    user = _new_user(client, activate="false").json
    answer = client.post(f"/api/v1/users/{user['id']}/lifecycle/activate?sendEmail=false")
    assert set(answer.json) == {"activationUrl", "activationToken"}
    assert client.get(f"/api/v1/users/{user['id']}").json["status"] == "ACTIVE"


def test_active_app_must_be_deactivated_before_delete(client):
    """Reference §4: DELETE of an ACTIVE app is 403 E0000056 with its cause; deactivate answers 200 {}."""
    refused = client.delete(f"/api/v1/apps/{APP}")
    assert (refused.status_code, refused.json["errorCode"]) == (403, "E0000056")
    assert refused.json["errorCauses"] == [{"errorSummary": "The application must be deactivated before deletion."}]
    deactivated = client.post(f"/api/v1/apps/{APP}/lifecycle/deactivate", json={})
    assert (deactivated.status_code, deactivated.json) == (200, {})
    assert client.delete(f"/api/v1/apps/{APP}").status_code == 204


def test_app_put_ignores_status_and_name(client):
    """Reference quirk 5: status: ACTIVE on an INACTIVE app leaves it INACTIVE; the catalog name stays."""
    stored = client.get(f"/api/v1/apps/{INACTIVE_APP}").json
    answer = client.put(f"/api/v1/apps/{INACTIVE_APP}", json={**stored, "status": "ACTIVE", "name": "other"})
    assert (answer.json["status"], answer.json["name"]) == ("INACTIVE", stored["name"])


def test_app_put_cannot_change_sign_on_mode(client):
    """Reference endpoint 1: a different signOnMode is 400 E0000001."""
    answer = client.put(f"/api/v1/apps/{APP}", json={"label": "x", "signOnMode": "SAML_2_0"})
    assert answer.json["errorCauses"][0]["errorSummary"].startswith("signOnMode:")


def test_app_group_assignment_put_is_idempotent_and_listed(client):
    """Reference endpoint 3: repeating the PUT answers 200 with the assignment; the list shows it once."""
    for _ in range(2):
        assert client.put(f"/api/v1/apps/{APP}/groups/00g2rlBpIxvcwsPIA1d7").status_code == 200
    ids = [a["id"] for a in client.get(f"/api/v1/apps/{APP}/groups").json]
    assert ids.count("00g2rlBpIxvcwsPIA1d7") == 1


def test_active_group_rule_cannot_be_replaced_and_delete_is_202(client):
    """Reference endpoint 16: PUT only while INACTIVE; DELETE answers 202 {}."""
    rule = "0pre76zbqdNyNjBbP1d7"
    body = {"type": "group_rule", "name": "Engineers", "conditions": {"expression": {
        "type": "urn:okta:expression:1.0", "value": "true"}}, "actions": {"assignUserToGroups": {"groupIds": []}}}
    assert client.put(f"/api/v1/groups/rules/{rule}", json=body).json["errorCode"] == "E0000001"
    assert client.post(f"/api/v1/groups/rules/{rule}/lifecycle/deactivate").status_code == 204
    assert client.put(f"/api/v1/groups/rules/{rule}", json=body).status_code == 200
    deleted = client.delete(f"/api/v1/groups/rules/{rule}")
    assert (deleted.status_code, deleted.json) == (202, {})


def test_group_membership_put_only_on_okta_groups(client):
    """Reference endpoint 21: APP_GROUP and BUILT_IN groups take no members by hand."""
    answer = client.put("/api/v1/groups/00gIk876P1im2TsIB1d7/users/00uvmg6h0RsNJsNv41d7")
    assert answer.json["errorCode"] == "E0000001"


def test_deleting_a_group_removes_its_memberships_and_assignments(client):
    """Reference §4: linked resources stay consistent."""
    assert client.delete("/api/v1/groups/00gqyw6Fv8Klye4C91d7").status_code == 204
    assert "00gqyw6Fv8Klye4C91d7" not in [a["id"] for a in client.get(f"/api/v1/apps/{APP}/groups").json]
    groups = client.get("/api/v1/users/00uvmg6h0RsNJsNv41d7/groups").json
    assert "00gqyw6Fv8Klye4C91d7" not in [g["id"] for g in groups]


def test_active_event_hook_must_be_deactivated_before_delete(client):
    """Reference §4: hooks need INACTIVE; lifecycle calls answer the hook."""
    hook = "whoVhMisAoSqu6wr31d7"
    assert client.delete(f"/api/v1/eventHooks/{hook}").status_code == 400
    answer = client.post(f"/api/v1/eventHooks/{hook}/lifecycle/deactivate")
    assert answer.json["status"] == "INACTIVE"
    assert client.delete(f"/api/v1/eventHooks/{hook}").status_code == 204


def test_default_brand_cannot_be_deleted(client):
    """Reference endpoint 11: 409 E0000200."""
    assert client.delete("/api/v1/brands/bndaDShBqEzwdwPxV1d7").json["errorCode"] == "E0000200"


def test_new_brand_comes_with_its_theme(client):
    """Reference endpoint 11 companions: POST answers 201; each brand has exactly one theme."""
    brand = client.post("/api/v1/brands", json={"name": "Labs"})
    assert brand.status_code == 201
    themes = client.get(f"/api/v1/brands/{brand.json['id']}/themes").json
    assert len(themes) == 1 and themes[0]["id"].startswith("the")
