"""Where jcmock knowingly differs from JumpCloud's published spec, and why: the one list.

The conformance tests read it, so a difference that is not listed here fails them.
Most entries follow the live API where the published spec is wrong about it.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    method: str
    path: str            # as JumpCloud's reference writes it, under /api/v2
    spec: str            # what the published spec says
    jcmock: str          # what jcmock does
    reason: str
    status: int | None = None   # the success status jcmock answers, when that is the difference


DIFFERENCES = (
    Difference("PATCH", "/bulk/users", "201 Created", "200 OK",
               "the live API answers 200; JumpCloud's own SDK rewrites the spec's 201", status=200),
    Difference("POST", "/bulk/users", "201 Created", "200 OK",
               "the live API answers 200; JumpCloud's own SDK rewrites the spec's 201", status=200),
    *(Difference("PATCH", f"/integrations/{vendor}/{{UUID}}/mappings", "204 with a response schema",
                 "204 with no body", "a 204 has no body; the schema attached to it is a spec error")
      for vendor in ("autotask", "connectwise", "syncro")),
    Difference("PATCH", "/office365s/{office365_id}", "userLockoutAction and userPasswordExpirationAction readOnly",
               "both writable", "JumpCloud's own PATCH sample sets them and the API applies them"),
    Difference("PATCH", "/activedirectories/{id}", "sample body sends use_case",
               "use_case rejected as an unknown field (400)", "the API's field is useCase; the sample is wrong"),
    Difference("*", "*", "unknown body fields not declared as errors", "400 naming each unknown field",
               "a mock should catch typos that the real API would silently ignore"),
)


def status_override(method, path):
    """The success status jcmock answers where it differs from the spec, else None."""
    for difference in DIFFERENCES:
        if (difference.method, difference.path) == (method, path) and difference.status is not None:
            return difference.status
    return None
