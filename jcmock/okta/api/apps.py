"""``/api/v1/apps``: apps (PUT, endpoint 1), their features (2), group assignments (3) and sign-in policy (4).

Apps themselves are a ``Resource`` row; assignments, features and the policy link have views of their own.
"""

from .. import links
from ..errors import OktaError, invalid, not_found
from ..expressions import Grammar
from ..paging import Paging
from ..resources import OK, Resource
from ..schemas.answers import ApplicationAnswer
from ..schemas.apps import APPLICATION, DEFAULT_NAMES, FEATURES, GroupAssignment
from . import OktaBlueprint, backend, body, no_content, render, shown, tenant
from .listing import Stored, answer_list
from .views import register, renderer

bp = OktaBlueprint("okta_apps", __name__)


def _default_name(backend, tenant, doc):
    """Server fields of a new app: its catalog name and, for OIDC, the client id (the app's id)."""
    doc.setdefault("name", DEFAULT_NAMES[doc["signOnMode"]])
    doc.setdefault("features", [])
    if doc["signOnMode"] == "OPENID_CONNECT":
        oauth = doc["credentials"].setdefault("oauthClient", {})
        oauth.setdefault("client_id", doc["id"])


def _same_sign_on_mode(backend, tenant, stored, fields):
    if fields["signOnMode"] != stored["signOnMode"]:
        raise invalid("signOnMode", f"The signOnMode of an app cannot change (it is {stored['signOnMode']})")


def _inactive_app(backend, tenant, stored):
    if stored["status"] != "INACTIVE":
        raise OktaError("E0000056", causes=["The application must be deactivated before deletion."])


APPS = Resource(
    kind="apps", type_name="AppInstance", path="/apps", id_param="appId",
    create=APPLICATION, replace=APPLICATION, lifecycle=OK,
    paging=Paging(default=20, maximum=200), q_fields=("name", "label"),
    filter_grammar=Grammar(frozenset({"id", "status", "name", "credentials.signing.kid", "settings.slo.enabled"}),
                           operators=frozenset({"eq"})),
    fixed=frozenset({"name"}), on_create=_default_name,
    before_replace=_same_sign_on_mode, before_delete=_inactive_app,
    links=lambda doc, base, self_url: links.app(doc, base), answer=ApplicationAnswer,
)
register(bp, APPS)
app_json = renderer(APPS)

ASSIGNMENT = GroupAssignment()
ASSIGNMENT_PAGING = Paging(default=20, maximum=200, minimum=20)


def assignment_json(doc):
    return shown(doc, links.app_group_assignment)


@bp.get("/apps/<appId>/groups")
def list_application_group_assignments(appId):
    backend().app(tenant(), appId)
    parent = {"appId": appId}
    docs = Stored("appGroupAssignments", lambda doc: doc.get("__parent") == parent)
    return answer_list(docs, assignment_json, paging=ASSIGNMENT_PAGING)


@bp.get("/apps/<appId>/groups/<groupId>")
def get_application_group_assignment(appId, groupId):
    return render(assignment_json(backend().assignment(tenant(), appId, groupId)))


@bp.put("/apps/<appId>/groups/<groupId>")
def assign_group_to_application(appId, groupId):
    backend().app(tenant(), appId)
    backend().group(tenant(), groupId)
    fields, _ = body(ASSIGNMENT, required=False)
    return render(assignment_json(backend().assign_group(tenant(), appId, groupId, fields)))


@bp.delete("/apps/<appId>/groups/<groupId>")
def unassign_application_from_group(appId, groupId):
    backend().unassign_group(tenant(), appId, groupId)
    return no_content()


@bp.put("/apps/<appId>/policies/<policyId>")
def assign_application_policy(appId, policyId):
    backend().assign_policy(tenant(), appId, policyId)
    return no_content()


def _feature(appId, name):
    """The stored feature, 404 ``(PublicAppFeatureSetName)`` for an unknown name, 400 without provisioning."""
    backend().app(tenant(), appId)
    if name not in FEATURES:
        raise not_found(name, "PublicAppFeatureSetName")
    if not backend().all(tenant(), "appFeatures", {"appId": appId}):
        raise OktaError("E0000001", "feature", ["Provisioning is not supported."])
    return backend().find(tenant(), "appFeatures", f"{appId}:{name}", "PublicAppFeatureSetName")


def feature_json(doc):
    return shown(doc, lambda d, base: {"self": links.link(
        f"{base}/api/v1/apps/{d['__parent']['appId']}/features/{d['name']}", "GET", "PUT")})


@bp.get("/apps/<appId>/features")
def list_features_for_application(appId):
    backend().app(tenant(), appId)
    docs = backend().all(tenant(), "appFeatures", {"appId": appId})
    if not docs:
        raise OktaError("E0000001", "feature", ["Provisioning is not supported."])
    return answer_list(docs, feature_json)


@bp.get("/apps/<appId>/features/<featureName>")
def get_feature_for_application(appId, featureName):
    return render(feature_json(_feature(appId, featureName)))


@bp.put("/apps/<appId>/features/<featureName>")
def update_feature_for_application(appId, featureName):
    """A partial update: only the capability objects sent change (reference endpoint 2)."""
    _feature(appId, featureName)
    fields, _ = body(FEATURES[featureName])
    return render(feature_json(backend().update_feature(tenant(), appId, featureName, fields)))
