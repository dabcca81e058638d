"""``/api/v1/policies`` (endpoint 27) and ``/policies/{id}/rules`` (28); app sign-in policies use ``rst`` ids."""
from flask import request

from ..errors import OktaError
from ..resources import EMPTY, Resource, chain, clamped_priority, unchanged
from ..schemas.policies import Policy, PolicyRule
from . import OktaBlueprint, backend, tenant
from .apps import app_json
from .listing import Stored, answer_list
from .views import register, renderer

bp = OktaBlueprint("okta_policies", __name__)
IDENTITY_ENGINE_TYPES = ("ACCESS_POLICY", "PROFILE_ENROLLMENT")


def _new_policy(backend, tenant, doc):
    if doc["type"] in IDENTITY_ENGINE_TYPES:
        doc["id"] = backend.ids.new("accessPolicies")
    doc.setdefault("system", False)


def _not_system(backend, tenant, stored):
    if stored.get("system"):
        raise OktaError("E0000006", causes=["Default policies and rules cannot be deleted."])


def _not_in_use(backend, tenant, stored):
    _not_system(backend, tenant, stored)
    if any(a.get("__accessPolicy") == stored["id"] for a in backend.all(tenant, "apps")):
        raise OktaError("E0000001", "policy", ["policy: The policy is assigned to apps; assign them another first."])


POLICIES = Resource(
    kind="policies", type_name="Policy", path="/policies", id_param="policyId", create=Policy(), replace=Policy(),
    listing=False, lifecycle=EMPTY, on_create=_new_policy,
    before_replace=unchanged("type", "policy"), before_delete=_not_in_use,
)
RULES = Resource(
    kind="policyRules", type_name="PolicyRule", path="/policies/<policyId>/rules", id_param="ruleId",
    parents=(("policyId", POLICIES),), create=PolicyRule(), replace=PolicyRule(), lifecycle=EMPTY,
    on_create=chain(clamped_priority("policyRules"), lambda b, t, doc: doc.setdefault("system", False)),
    before_replace=chain(unchanged("type", "policy rule"), clamped_priority("policyRules")),
    before_delete=_not_system,
)
register(bp, POLICIES)
register(bp, RULES)
policy_json = renderer(POLICIES)


@bp.get("/policies")
def list_policies():
    """``type`` is required (E0000028); ``status`` narrows further."""
    policy_type = request.args.get("type")
    if not policy_type:
        raise OktaError("E0000028", causes=["type: The request is missing the required parameter type."])
    status = request.args.get("status")
    docs = Stored("policies", lambda p: p["type"] == policy_type and (status is None or p.get("status") == status))
    return answer_list(docs, policy_json, q_fields=("name",))


@bp.get("/policies/<policyId>/app")
def list_policy_apps(policyId):
    backend().find(tenant(), "policies", policyId, "Policy")
    return answer_list(Stored("apps", lambda a: a.get("__accessPolicy") == policyId), app_json)
