"""/api/v2/authn/policies: conditional-access (authentication) policies."""
from flask import Blueprint

from ..resources import Resource, register_resource
from ..schemas import authn as schemas

bp = Blueprint("authn", __name__, url_prefix="/api/v2")

register_resource(bp, Resource(
    kind="authn_policies", path="/authn/policies", label="authentication policy", response=schemas.AuthnPolicy,
    patch=schemas.AuthnPolicyPatch(), create=schemas.AuthnPolicyCreate(),
    listing=True, list_params=("filter", "sort"), delete=True,
))
