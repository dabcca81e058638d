"""Bulk user jobs as JumpCloud keeps users: state and suspended in step, unique usernames and emails,
every v1 system-user attribute accepted and type-checked."""
import pytest
import requests

from jcmock.jumpcloud.schemas.bulk import BulkUserCreate, BulkUserUpdate

ALEX = "5be9fb4ddb01290001e85109"        # alex.morgan, ACTIVATED
SAM = "62e7d564d4958e981d92902f"         # sam.okafor, SUSPENDED

# jcapiv1 docs/Systemuserput.md, as JSON keys (its attribute_map: cost_center -> costCenter, ...).
SYSTEMUSERPUT = {
    "account_locked", "addresses", "allow_public_key", "alternateEmail", "attributes", "company", "costCenter",
    "department", "description", "disableDeviceMaxLoginAttempts", "displayname", "email", "employeeIdentifier",
    "employeeType", "enable_managed_uid", "enable_user_portal_multifactor", "external_dn",
    "external_password_expiration_date", "external_source_type", "externally_managed", "firstname", "jobTitle",
    "lastname", "ldap_binding_user", "location", "managedAppleId", "manager", "mfa", "middlename", "password",
    "password_never_expires", "phoneNumbers", "public_key", "relationships", "samba_service_user", "ssh_keys",
    "state", "sudo", "suspended", "tags", "unix_guid", "unix_uid", "username",
}


def results(server, method, items):
    response = server.request(method, "/bulk/users", json=items)
    assert response.status_code == 200, response.text
    answer = server.request("GET", f"/bulk/users/{response.json()['jobId']}/results?limit=100")
    return answer.json()


def v1_user(server, user_id):
    return server.session.get(f"{server.url}/api/systemusers/{user_id}", timeout=10).json()


def users(server):
    org = "jumpcloud:" + server.manifest()["organizations"][0]  # the store's key: service and tenant
    return requests.get(f"{server.url}/__jcmock__/state", timeout=10).json()[org]["users"]


def new_user(name, **fields):
    return {"username": name, "email": f"{name}@example.com", **fields}


# --- state and suspended -------------------------------------------------------------


def test_bulk_update_suspended_true_sets_state_suspended(server):
    """jcapiv1 Systemuserput: ``state`` and ``suspended`` are two views of one fact (issue 8: a user
    suspended this way must show as SUSPENDED)."""
    [result] = results(server, "PATCH", [{"id": ALEX, "suspended": True}])
    assert result["status"] == "finished"
    user = v1_user(server, ALEX)
    assert (user["state"], user["suspended"]) == ("SUSPENDED", True)
    assert result["persistedFields"] == {"suspended": True, "state": "SUSPENDED"}


def test_bulk_update_suspended_false_activates_a_suspended_user(server):
    """jcapiv1 Systemuserput (state ACTIVATED|SUSPENDED): un-suspending a suspended user activates it."""
    results(server, "PATCH", [{"id": SAM, "suspended": False}])
    user = v1_user(server, SAM)
    assert (user["state"], user["suspended"]) == ("ACTIVATED", False)


def test_bulk_update_state_sets_suspended(server):
    """jcapiv1 Systemuserput: a ``state`` write moves ``suspended`` with it."""
    results(server, "PATCH", [{"id": ALEX, "state": "SUSPENDED"}, {"id": SAM, "state": "ACTIVATED"}])
    assert (v1_user(server, ALEX)["suspended"], v1_user(server, SAM)["suspended"]) == (True, False)


@pytest.mark.parametrize("state, suspended", [("ACTIVATED", True), ("SUSPENDED", False)])
def test_bulk_update_state_wins_over_a_contradicting_suspended(server, state, suspended):
    """JumpCloud deprecated ``suspended`` for ``state`` (TheJumpCloud/support PR #365, its PowerShell
    module maps -suspended onto state): when both are sent and disagree, state wins, and the
    result reports what was stored."""
    [result] = results(server, "PATCH", [{"id": ALEX, "state": state, "suspended": suspended}])
    user = v1_user(server, ALEX)
    assert (user["state"], user["suspended"]) == (state, not suspended)
    assert result["persistedFields"] == {"state": state, "suspended": not suspended}


def test_bulk_update_suspended_false_leaves_a_staged_user_staged(server):
    """jcapiv1 Systemuserput: a staged user is not suspended, so ``suspended: false`` changes nothing
    (staged users are activated by state, not by the flag)."""
    [created] = results(server, "POST", [new_user("staged.one", state="STAGED")])
    user_id = created["meta"]["systemUserId"]
    results(server, "PATCH", [{"id": user_id, "suspended": False}])
    user = v1_user(server, user_id)
    assert (user["state"], user["suspended"]) == ("STAGED", False)


@pytest.mark.parametrize("fields, state, suspended", [
    ({}, "ACTIVATED", False),
    ({"suspended": True}, "SUSPENDED", True),
    ({"suspended": False}, "ACTIVATED", False),
    ({"state": "SUSPENDED"}, "SUSPENDED", True),
    ({"state": "STAGED", "suspended": True}, "STAGED", False),
], ids=["default", "suspended", "not-suspended", "state-suspended", "state-wins"])
def test_bulk_create_keeps_state_and_suspended_in_step(server, fields, state, suspended):
    """swagger bulk-user-create (state STAGED|ACTIVATED|SUSPENDED, suspended boolean): a new user's
    state and flag agree, whichever was sent; state wins a contradiction."""
    [result] = results(server, "POST", [new_user("step.user", **fields)])
    user = v1_user(server, result["meta"]["systemUserId"])
    assert (user["state"], user["suspended"]) == (state, suspended)


# --- usernames and emails are unique ------------------------------------------------


@pytest.mark.parametrize("item, field", [
    (new_user("ALEX.Morgan", email="new.person@example.com"), "username"),
    (new_user("new.person", email="Alex.Morgan@EXAMPLE.com"), "email"),
], ids=["username", "email"])
def test_bulk_create_of_a_username_or_email_in_use_fails_and_creates_nothing(server, item, field):
    """JumpCloud treats usernames and emails as unique, ignoring case (issue 8: a bulk create of a
    username in use must not leave two users of that name)."""
    before = users(server)
    [result] = results(server, "POST", [item])
    assert result["status"] == "failed"
    assert field in result["statusMsg"] and item[field] in result["statusMsg"] and ALEX in result["statusMsg"]
    assert result["persistedFields"] == {}
    assert "systemUserId" not in result["meta"]
    assert users(server) == before


def test_bulk_create_of_the_same_username_twice_in_one_job_fails_the_second(server):
    """JumpCloud's uniqueness holds within a job too: the first item wins, the others still land."""
    first, second, third = results(server, "POST", [
        new_user("twin"), new_user("Twin", email="other.twin@example.com"), new_user("single"),
    ])
    assert [first["status"], second["status"], third["status"]] == ["finished", "failed", "finished"]
    assert "username 'Twin'" in second["statusMsg"] and first["meta"]["systemUserId"] in second["statusMsg"]
    names = [u["username"].casefold() for u in users(server).values()]
    assert names.count("twin") == 1 and "single" in names


def test_bulk_update_to_a_username_in_use_fails_and_changes_nothing(server):
    """The same uniqueness on update: the item fails whole, none of its fields land."""
    before = v1_user(server, SAM)
    [result] = results(server, "PATCH", [{"id": SAM, "username": "alex.MORGAN", "department": "Moved"}])
    assert result["status"] == "failed" and "username" in result["statusMsg"]
    assert v1_user(server, SAM) == before


def test_bulk_update_may_change_the_case_of_a_users_own_username(server):
    """A user never conflicts with itself."""
    [result] = results(server, "PATCH", [{"id": ALEX, "username": "Alex.Morgan"}])
    assert result["status"] == "finished"
    assert v1_user(server, ALEX)["username"] == "Alex.Morgan"


def test_bulk_update_frees_the_old_username_for_a_later_item(server):
    """Uniqueness follows the job's own changes: a renamed user's old name is free for the next item."""
    renamed = results(server, "PATCH", [{"id": ALEX, "username": "alex.renamed"}])
    created = results(server, "POST", [new_user("alex.morgan", email="alex.again@example.com")])
    assert [renamed[0]["status"], created[0]["status"]] == ["finished", "finished"]


# --- every v1 system-user attribute, validated by type --------------------------------


def test_bulk_items_accept_every_systemuserput_attribute():
    """jcapiv1 docs/Systemuserput.md lists the v1 attributes a user write takes; bulk items take all of them."""
    assert SYSTEMUSERPUT <= set(BulkUserUpdate().fields)
    assert SYSTEMUSERPUT <= set(BulkUserCreate().fields)


def test_bulk_update_and_create_store_tags(server):
    """jcapiv1 Systemuserput ``tags: list[str]`` (and Systemuserreturn ``tags``): stored and returned."""
    [updated] = results(server, "PATCH", [{"id": ALEX, "tags": ["engineering", "oncall"]}])
    assert updated["status"] == "finished" and updated["persistedFields"] == {"tags": ["engineering", "oncall"]}
    assert v1_user(server, ALEX)["tags"] == ["engineering", "oncall"]
    [created] = results(server, "POST", [new_user("tagged", tags=["new"],
                                                  ssh_keys=[{"name": "laptop", "public_key": "ssh-ed25519 AAAA"}])])
    user = v1_user(server, created["meta"]["systemUserId"])
    assert (user["tags"], user["ssh_keys"][0]["name"]) == (["new"], "laptop")


@pytest.mark.parametrize("method, item, field", [
    ("PATCH", {"id": ALEX, "tags": "engineering"}, "[0].tags"),
    ("PATCH", {"id": ALEX, "tags": ["ok", 5]}, "[0].tags[1]"),
    ("POST", new_user("bad.keys", ssh_keys=[{"name": "laptop"}]), "[0].ssh_keys[0].public_key"),
    ("POST", new_user("bad.flag", suspended="true"), "[0].suspended"),
    ("PATCH", {"id": ALEX, "phoneNumbers": [{"type": "work", "number": 5551234}]}, "[0].phoneNumbers[0].number"),
], ids=["tags-not-a-list", "tag-not-a-string", "ssh-key-without-public-key", "suspended-string", "phone-number"])
def test_bulk_items_are_still_validated_by_type(server, method, item, field):
    """jcapiv1 Systemuserput types (tags list[str], ssh_keys list[Sshkeypost] name+public_key, suspended bool):
    a wrong type is a 400 naming the field, and nothing changes."""
    before = users(server)
    response = server.request(method, "/bulk/users", json=[item])
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert users(server) == before
