"""python-scim's scim2-client (httpx2 engine) against a live ``jcmock serve --service scim`` over HTTP:
create, PATCH and read back each StackSpot type its models can describe, the extension, a
value-filter path, uniqueness, filters, 404 and 401."""
import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import Error, PatchOp, PatchOperation, SearchRequest
from scim_helpers import AUTH, EXT

from helpers import LiveServer

WORKSPACE = "eb05fd1e-d066-4168-9e8d-35245c07ac07"
READ = "c4838e83-efb2-423e-9baf-de5dbe958a84"
DEPLOY = "a83c875f-dabe-422b-affd-83fdd7b792cd"
PAYMENTS = "303d70d4-5e20-4013-ab68-d6e62ff6040c"
READ_PERMISSION = "13ce3552-48a6-40e9-8f2a-52f6c5399c94"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("scim"), "--service", "scim")
    yield server
    server.stop()


@pytest.fixture
def scim_client(live):
    """A discovered scim2-client on the live server, back at its fixtures."""
    live.reset()
    with httpx2.Client(base_url=f"{live.bases['scim']}/v2", headers=AUTH, timeout=10) as http:
        client = SyncSCIMClient(http)
        client.discover()
        yield client


def _patch(model, *operations):
    return PatchOp[model](operations=[PatchOperation(op=op, path=path, value=value) for op, path, value in operations])


def test_user_with_the_extension_is_created_patched_and_read_back(scim_client):
    user = scim_client.get_resource_model("User")
    created = scim_client.create(user.model_validate({
        "schemas": [user.__schema__, EXT], "userName": "ana.lima@example.com", "displayName": "Ana",
        "emails": [{"value": "ana@example.com", "type": "work", "primary": True}],
        EXT: {"company": "Zup", "human": True}}))
    assert created.id and created[EXT].company == "Zup" and created[EXT].human is True
    scim_client.modify(user, created.id, _patch(user, ("replace", 'emails[type eq "work"].value',
                                                "ana.lima@example.com"),
                                         ("add", f"{EXT}:ddd", "11")))
    read = scim_client.query(user, created.id)
    assert read.emails[0].value == "ana.lima@example.com" and read[EXT].ddd == "11" and read[EXT].company == "Zup"
    found = scim_client.query(user, query_parameters=SearchRequest(filter=f'{EXT}:ddd eq "11" and userName sw "ANA"'))
    assert [u.id for u in found.resources] == [created.id]


def test_group_membership_through_patch(scim_client):
    group, user = scim_client.get_resource_model("Group"), scim_client.get_resource_model("User")
    member = scim_client.create(user(user_name="member@example.com"))
    created = scim_client.create(group(display_name="Readers"))
    scim_client.modify(group, created.id, _patch(group, ("add", "members", [{"value": member.id}])))
    read = scim_client.query(group, created.id)
    assert [m.value for m in read.members] == [member.id] and read.members[0].type == "User"
    assert [g.value for g in scim_client.query(user, member.id).groups] == [created.id]


@pytest.mark.parametrize("name, body, path, value", [
    ("Action", {"name": "approve", "client_id": "portal"}, "description", "Approve a change"),
    ("ResourceType", {"name": "Pipeline", "slug": "pipeline", "actions": [{"id": READ}, {"id": DEPLOY}]},
     "description", "CI pipelines"),
    ("Resource", {"name": "Billing", "slug": "billing", "type": {"id": WORKSPACE}}, "description", "Invoices"),
])
def test_stackspot_type_is_created_patched_and_read_back(scim_client, name, body, path, value):
    model = scim_client.get_resource_model(name)
    created = scim_client.create(model.model_validate({"schemas": [model.__schema__], **body}))
    scim_client.modify(model, created.id, _patch(model, ("replace", path, value)))
    read = scim_client.query(model, created.id)
    assert getattr(read, path) == value and read.name == body["name"]
    assert read.meta.version == 'W/"2"'


def test_resource_type_reads_its_expanded_actions_as_discovery_describes(scim_client):
    model = scim_client.get_resource_model("ResourceType")
    workspace = scim_client.query(model, WORKSPACE)
    assert [action.name for action in workspace.actions] == ["read", "write", "deploy"]


@pytest.mark.parametrize("name, endpoint, body", [
    ("Role", "/Roles", {"name": "auditor", "permissions": [READ_PERMISSION]}),
    ("Permission", "/Permissions",
     {"name": "payments-write", "statements": [{"actions": [READ], "resource": PAYMENTS}]}),
])
def test_roles_and_permissions_are_served_deeper_than_a_scim_schema_describes(scim_client, name, endpoint, body):
    """Their expanded statements nest three objects deep (reference §3.4), more than scim2-models
    composes; the raw payloads go through the same client, unchecked."""
    model = scim_client.get_resource_model(name)
    created = scim_client.create({"schemas": [model.__schema__], **body}, url=endpoint, check_request_payload=False,
                          check_response_payload=False)
    patched = scim_client.modify(model, created["id"], _patch(model, ("replace", "description", "Reads")),
                          check_response_payload=False)
    assert patched["description"] == "Reads"
    read = scim_client.query(model, created["id"], check_response_payload=False)
    assert read == patched and read["meta"]["version"] == 'W/"2"'


def test_uniqueness_404_and_401_reach_the_client_as_scim_errors(scim_client, live):
    user = scim_client.get_resource_model("User")
    clash = scim_client.create(user(user_name="MARIA.SILVA@example.com"), raise_scim_errors=False)
    assert isinstance(clash, Error) and clash.status == 409 and clash.scim_type == "uniqueness"
    missing = scim_client.query(user, "7d0b8a42-0000-4000-8000-000000000000", raise_scim_errors=False)
    assert isinstance(missing, Error) and missing.status == 404 and missing.scim_type is None
    with httpx2.Client(base_url=f"{live.bases['scim']}/v2", timeout=10) as anonymous:
        denied = SyncSCIMClient(anonymous, provider=scim_client.provider).query(user, raise_scim_errors=False)
    assert isinstance(denied, Error) and denied.status == 401
