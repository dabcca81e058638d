"""Okta's error body, ``{errorCode, errorSummary, errorLink, errorId, errorCauses}``, and its catalogue.

Domain code raises ``OktaError("E0000007", ...)``; ``error_body`` renders it, and also gives the
neutral errors the core raises (malformed bodies, unknown routes, injected faults) Okta's shape.
"""
from jcmock.core.errors import ApiError, InvalidBody, UnsupportedMediaType, flatten_messages

from .ids import error_id

# Code -> (HTTP status, errorSummary); ``{0}`` is filled per error (reference §1.3).
CATALOGUE = {
    "E0000001": (400, "Api validation failed: {0}"),
    "E0000002": (400, "The request was not valid: {0}"),
    "E0000003": (400, "The request body was not well-formed."),
    "E0000005": (403, "Invalid session"),
    "E0000006": (403, "You do not have permission to perform the requested action"),
    "E0000007": (404, "Not found: {0}"),
    "E0000008": (404, "The requested path was not found"),
    "E0000009": (500, "Internal Server Error"),
    "E0000011": (401, "Invalid token provided"),
    "E0000021": (400, "Bad request.  Accept and/or Content-Type headers likely do not match supported values."),
    "E0000022": (405, "The endpoint does not support the provided HTTP method"),
    "E0000028": (400, "The request is missing a required parameter."),
    "E0000029": (400, "Invalid paging request."),
    "E0000031": (400, "Invalid search criteria."),
    "E0000032": (403, "Unlock is not allowed for this user."),
    "E0000033": (400, "Bad request. Can't specify a search query and filter in the same request."),
    "E0000038": (403, "This operation is not allowed in the user's current status."),
    "E0000040": (400, "Application label must not be the same as an existing application label."),
    "E0000047": (429, "API call exceeded rate limit due to too many requests."),
    "E0000056": (403, "Delete application forbidden."),
    "E0000090": (409, "The role specified is already assigned to the user."),
    "E0000142": (403, "This User Type cannot be deleted."),
    "E0000182": (409, "A default email template customization already exists."),
    "E0000183": (409, "An email template customization for that language already exists."),
    "E0000184": (409, "A default email template customization can't be deleted."),
    "E0000185": (409, "The isDefault parameter of the default email template customization can't be set to false."),
    "E0000200": (409, "A default brand cannot be deleted"),
    "E0000201": (409, "A brand associated with a domain cannot be deleted"),
    "E0000202": (409, "Brand name already exists."),
}


class OktaError(ApiError):
    """One Okta error: ``error_code`` picks status and summary; ``causes`` are ``errorCauses`` summaries."""

    def __init__(self, error_code, detail="", causes=(), headers=None):
        status, summary = CATALOGUE[error_code]
        self.code = status
        self.error_code = error_code
        self.causes = list(causes)
        super().__init__(summary.format(detail), headers=headers)

    def body(self):
        return {
            "errorCode": self.error_code,
            "errorSummary": self.message,
            "errorLink": self.error_code,
            "errorId": error_id(),
            "errorCauses": [{"errorSummary": cause} for cause in self.causes],
        }


def not_found(obj_id, type_name):
    """404 E0000007 as Okta words it: ``Not found: Resource not found: <id> (<InternalType>)``."""
    return OktaError("E0000007", f"Resource not found: {obj_id} ({type_name})")


def invalid(field, message):
    """400 E0000001 naming one field, with its cause in Okta's ``<field>: <message>`` form."""
    return OktaError("E0000001", field, [f"{field}: {message}"])


def invalid_fields(fields):
    """400 E0000001 from marshmallow's ``{field: [messages]}``: one cause per problem."""
    flat = list(flatten_messages(fields))
    names = ", ".join(dict.fromkeys(path for path, _ in flat))
    return OktaError("E0000001", names, [f"{path}: {message}" for path, message in flat])


# Neutral errors the core raises, by HTTP status, when no Okta code was chosen for them.
_BY_STATUS = {400: "E0000003", 401: "E0000011", 403: "E0000005", 404: "E0000008", 405: "E0000022",
              413: "E0000003", 415: "E0000021", 429: "E0000047"}


def as_okta(error: ApiError) -> OktaError:
    """The Okta error for any ApiError: Okta's own as they are, the core's neutral ones translated."""
    if isinstance(error, OktaError):
        return error
    if isinstance(error, InvalidBody):
        return invalid_fields(error.fields)
    if isinstance(error, UnsupportedMediaType):
        return OktaError("E0000021", headers=error.headers)
    code = _BY_STATUS.get(error.code, "E0000009" if error.code >= 500 else "E0000003")
    okta = OktaError(code, error.message, headers=error.headers)
    okta.code = error.code
    return okta


def error_body(error: ApiError) -> dict:
    """The Service's ``error_body``: the JSON body of any error answered under ``/api/v1``."""
    return as_okta(error).body()
