"""``/api/v1/groups/rules`` (endpoint 16): created INACTIVE, replaced only while INACTIVE, deleted with a 202."""

from ..errors import invalid
from ..paging import Paging
from ..resources import EMPTY, Resource
from ..schemas.groups import GroupRule
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_group_rules", __name__)


def _unique_name(backend, tenant, doc, fields=None):
    name = (fields or doc)["name"]
    if any(r["name"] == name and r["id"] != doc["id"] for r in backend.all(tenant, "groupRules")):
        raise invalid("name", "Policy rule name already in use")


def _target_groups(backend, tenant, doc, fields=None):
    for group_id in (fields or doc)["actions"]["assignUserToGroups"]["groupIds"]:
        backend.group(tenant, group_id)


def _replaceable(backend, tenant, stored, fields):
    if stored["status"] == "ACTIVE":
        raise invalid("status", "Deactivate the group rule before replacing it.")
    _unique_name(backend, tenant, stored, fields)
    _target_groups(backend, tenant, stored, fields)


def _created(backend, tenant, doc):
    _unique_name(backend, tenant, doc)
    _target_groups(backend, tenant, doc)


GROUP_RULES = Resource(
    kind="groupRules", type_name="GroupRule", path="/groups/rules", id_param="groupRuleId",
    create=GroupRule(), replace=GroupRule(), initial_status="INACTIVE", lifecycle=EMPTY, delete_status=202,
    paging=Paging(default=50, maximum=200), on_create=_created, before_replace=_replaceable,
)
register(bp, GROUP_RULES)
