"""Okta's secrets, for record (cassettes), the journal and logs.

``SECRET_FIELDS`` are names that hold a secret wherever they occur in an Okta body, so the core's
name-based redaction can take them. Okta also keeps secrets under the ordinary name ``value``
(``channel.config.authScheme.value`` of hooks), where the same name elsewhere is plain data
(zone gateways, claim expressions, group-rule conditions, user emails): those are ``SECRET_PATHS``,
redacted by ``redact_paths``, the service's ``redact_body`` (record and the journal call it).
"""
from jcmock.recording.filters import REDACTED

# Passwords (``credentials.password``), recovery answers, app and IdP client secrets, activation tokens.
SECRET_FIELDS = frozenset({"password", "answer", "client_secret", "clientSecret", "privateKey", "activationToken"})

# Dotted paths from an object's root; ``[]`` steps into every item of a list.
SECRET_PATHS = ("channel.config.authScheme.value",)


def redact_paths(document):
    """``(a copy of document with every SECRET_PATHS value redacted, whether anything changed)``;
    a list body (an Okta list answer) is redacted item by item."""
    if isinstance(document, list):
        results = [redact_paths(item) for item in document]
        return [item for item, _ in results], any(changed for _, changed in results)
    changed = False
    for path in SECRET_PATHS:
        document, hit = _redact(document, path.split("."))
        changed = changed or hit
    return document, changed


def _redact(node, parts):
    if not isinstance(node, dict):
        return node, False
    head, rest = parts[0], parts[1:]
    if head not in node or node[head] is None:
        return node, False
    if not rest:
        return {**node, head: REDACTED}, node[head] != REDACTED
    child, changed = _redact(node[head], rest)
    return ({**node, head: child}, True) if changed else (node, False)
