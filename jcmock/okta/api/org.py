"""``/api/v1/org`` (endpoint 25), the org's one settings object, and its contacts (26)."""

from ..backend import utcnow
from ..errors import invalid, not_found
from ..schemas.org import OrgContactUser, OrgSetting, OrgSettingUpdate
from . import OktaBlueprint, backend, base_url, body, render, shown, tenant
from .listing import answer_list

bp = OktaBlueprint("okta_org", __name__)
CONTACT_TYPES = ("BILLING", "TECHNICAL")
REPLACE, UPDATE, CONTACT = OrgSetting(), OrgSettingUpdate(), OrgContactUser()


def org_json(doc):
    return shown(doc, lambda d, base: {"contacts": {"href": f"{base}/api/v1/org/contacts"},
                                       "logo": {"href": f"{base}/api/v1/org/logo"}})


def _change(fields):
    doc = backend().store.update(tenant(), "org", "org", lambda org: {**org, **fields, "lastUpdated": utcnow()})
    return render(org_json(doc))


@bp.get("/org")
def get_org_settings():
    return render(org_json(backend().store.get(tenant(), "org", "org")))


@bp.put("/org")
def replace_org_settings():
    fields, _ = body(REPLACE)
    return _change(fields)


@bp.post("/org")
def update_org_settings():
    fields, _ = body(UPDATE)
    return _change(fields)


def contact_json(doc):
    return shown(doc, lambda d, base: {"user": {"href": f"{base}/api/v1/users/{d['userId']}"}})


def _contact_type(contactType):
    if contactType not in CONTACT_TYPES:
        raise not_found(contactType, "OrgContactType")


@bp.get("/org/contacts")
def list_org_contact_types():
    base = base_url()
    return answer_list(backend().all(tenant(), "orgContacts"),
                       lambda d: {"contactType": d["contactType"],
                                  "_links": {"users": {"href": f"{base}/api/v1/org/contacts/{d['contactType']}"}}})


@bp.get("/org/contacts/<contactType>")
def get_org_contact_user(contactType):
    _contact_type(contactType)
    doc = backend().store.get(tenant(), "orgContacts", contactType) or {"contactType": contactType, "userId": None}
    return render(contact_json({k: v for k, v in doc.items() if k != "contactType"}))


@bp.put("/org/contacts/<contactType>")
def replace_org_contact_user(contactType):
    _contact_type(contactType)
    fields, _ = body(CONTACT)
    if backend().store.get(tenant(), "users", fields["userId"]) is None:
        raise invalid("userId", f"User {fields['userId']} does not exist")
    backend().store.put(tenant(), "orgContacts", contactType, {"contactType": contactType, "userId": fields["userId"]})
    return render(contact_json({"userId": fields["userId"]}))
