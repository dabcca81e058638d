"""Where the Okta mock knowingly differs from Okta, and why: one list, also in ``README.md``."""

DIFFERENCES = (
    "Any well-formed token is accepted unless `jcmock serve --api-key TOKEN` names the accepted ones; "
    "Bearer tokens are not checked for scopes (a mock has no authorization server to issue them).",
    "`SSWS<token>` without a space is accepted: Okta's Python SDK 3.x sends it so, and real orgs accept it.",
    "Rate limits are never enforced: every answer reports a full window (600) that resets at the next minute; "
    "only an injected 429 fault reports `X-Rate-Limit-Remaining: 0`.",
    "Paging cursors are the last id of a page for every list, so pages sort by id (Okta sorts some lists "
    "otherwise); a page boundary survives objects created in between.",
    "A hook's write-only `authScheme.value` and an inline hook's `version` are kept when a replace omits them "
    "(what an SDK echoing an object as read sends); the spec leaves this unsaid.",
    "Event-hook verification always succeeds: the mock calls no external endpoint.",
)
