"""``/api/v1/eventHooks`` (endpoint 15) and ``/api/v1/inlineHooks`` (endpoint 23): deactivate before delete.

Hook secrets (``authScheme.value``, OAuth ``clientSecret``) are stored but never answered.
"""

from ..backend import utcnow
from ..resources import OBJECT, Resource, chain, inactive_first
from ..schemas.hooks import EventHook, InlineHook, InlineHookCreate, InlineHookUpdate
from . import OktaBlueprint, backend, render, tenant
from .views import register, renderer

bp = OktaBlueprint("okta_hooks", __name__)

SECRETS = ("channel.config.authScheme.value", "channel.config.clientSecret")


def _unverified(backend, tenant, doc):
    doc["verificationStatus"] = "UNVERIFIED"


def _keep_secrets(backend, tenant, stored, fields):
    """A replace echoing a hook as read (its secrets never answered) keeps the stored secrets."""
    for path in SECRETS:
        *parents, leaf = path.split(".")
        sent, kept = fields, stored
        for part in parents:
            sent = sent.get(part) if isinstance(sent, dict) else None
            kept = kept.get(part) if isinstance(kept, dict) else None
        if isinstance(sent, dict) and isinstance(kept, dict) and leaf not in sent and leaf in kept:
            sent[leaf] = kept[leaf]


def _reverify_on_new_channel(backend, tenant, stored, fields):
    """A new channel must be verified again (reference endpoint 15)."""
    if fields["channel"] != stored.get("channel"):
        fields["verificationStatus"] = "UNVERIFIED"


EVENT_HOOKS = Resource(
    kind="eventHooks", type_name="Webhook", path="/eventHooks", id_param="eventHookId",
    create=EventHook(), replace=EventHook(), lifecycle=OBJECT, write_only=SECRETS,
    on_create=_unverified, before_replace=chain(_keep_secrets, _reverify_on_new_channel),
    before_delete=inactive_first("Deactivate the event hook before deleting it."),
)
INLINE_HOOKS = Resource(
    kind="inlineHooks", type_name="InlineHook", path="/inlineHooks", id_param="inlineHookId",
    create=InlineHookCreate(), replace=InlineHook(), update=InlineHookUpdate(), lifecycle=OBJECT,
    write_only=SECRETS, before_replace=_keep_secrets, keep=frozenset({"version"}),
    before_delete=inactive_first("Deactivate the inline hook before deleting it."),
)
register(bp, EVENT_HOOKS)
register(bp, INLINE_HOOKS)


@bp.post("/eventHooks/<eventHookId>/lifecycle/verify")
def verify_event_hook(eventHookId):
    """The mock's endpoint always answers Okta's verification challenge."""
    stored = backend().find(tenant(), "eventHooks", eventHookId, "Webhook")
    doc = {**stored, "verificationStatus": "VERIFIED", "lastUpdated": utcnow()}
    backend().store.put(tenant(), "eventHooks", eventHookId, doc)
    return render(renderer(EVENT_HOOKS)(doc))
