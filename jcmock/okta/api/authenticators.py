"""``/api/v1/authenticators`` (endpoint 5): org singletons per ``key``, replaced and (de)activated, never deleted."""

from ..resources import OBJECT, Resource, chain, unchanged
from ..schemas.authenticators import Authenticator
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_authenticators", __name__)

AUTHENTICATORS = Resource(
    kind="authenticators", type_name="Authenticator", path="/authenticators", id_param="authenticatorId",
    create=Authenticator(), replace=Authenticator(), lifecycle=OBJECT, delete=False,
    # Live Okta kept the stored settings of a PUT that omitted them (reference quirk 5).
    keep=frozenset({"settings"}),
    before_replace=chain(unchanged("key", "authenticator"), unchanged("type", "authenticator")),
)
register(bp, AUTHENTICATORS)
