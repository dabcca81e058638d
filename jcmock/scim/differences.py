"""Where jcmock's SCIM service knowingly differs from StackSpot's provider or from RFC 7643/7644, and why.

One list, read by the README and the tests. "StackSpot" is what the reference
(``shared/reference/scim-stackspot.md``) says the provider does: the Go library elimity-com/scim
plus StackSpot's handlers.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    where: str       # the routes or attributes concerned
    real: str        # what StackSpot (or the RFC) does
    jcmock: str      # what jcmock does
    reason: str


DIFFERENCES = (
    Difference("any method a SCIM path does not serve", "404 Specified endpoint does not exist. (the Go library)",
               "405 with Allow, in SCIM's error shape", "HTTP's rule (RFC 9110 §15.5.6), which the issue asks for"),
    Difference("POST /<E>, PUT, PATCH, GET", "Location header and an absolute meta.location only in the library's "
               "2026 release; ETag only when the handler sets a version",
               "Location on every 201, ETag and meta.version W/\"n\" on every resource, meta.location absolute",
               "RFC 7644 §3.1 and §3.14; clients (scim2-client, Okta) rely on them"),
    Difference("filter on id, externalId and meta.*", "400 invalidFilter in the library's 2024 release",
               "allowed", "RFC 7644 §3.4.2.2; the 2026 release allows them and Entra filters on externalId"),
    Difference("filter, startIndex, count, attributes, excludedAttributes", "validated by the library; whether "
               "StackSpot's handlers apply them is unknown", "applied to every list and resource answer",
               "a mock that ignores them cannot test a client's paging or projection"),
    Difference("sortBy, sortOrder", "ignored", "ignored; /ServiceProviderConfig says sort unsupported",
               "the library hardcodes sort.supported=false"),
    Difference("uniqueness", "not checked by the library; unknown in StackSpot's handlers",
               "userName unique case-insensitively, slug unique (409 uniqueness)", "RFC 7643 §4.1.1; reference §2.4"),
    Difference("immutable attributes (human, machineName, resourceOwner, members.*)",
               "the library never checks mutability; StackSpot's update DTO leaves the three out, so a PUT "
               "silently keeps them", "400 mutability when a PUT or PATCH changes a value already set; an add "
               "while unset is accepted", "RFC 7643 §7 and RFC 7644 §3.5.2; the reference (§3.1) makes them "
               "immutable. scim2-tester's PATCH-add checks on them report this"),
    Difference("readOnly attributes in PATCH", "handed to the handler unapplied", "400 mutability",
               "RFC 7644 §3.5.2"),
    Difference("PUT /<E>/<id>", "the handler reads its DTO's fields", "attributes present replace the stored "
               "ones, null unassigns, absent ones stay", "RFC 7644 §3.5.1 allows it; StackSpot's handlers only "
               "read their DTO fields (reference §3)"),
    Difference("DELETE of a user, action, permission, ...", "unknown (soft delete possible)",
               "removed; it also leaves every multi-valued reference (group members, role permissions, "
               "resource-type and statement actions), whose holders get a new version",
               "RFC 7644 §3.6: a deleted resource must not be returned nor match a filter"),
    Difference("single-valued references to a deleted resource (Resource.type, statements[].resource)",
               "unknown", "kept as the id and rendered as null", "removing them would leave a required "
               "attribute empty; refusing the delete would invent a rule"),
    Difference("expanded references in /Schemas (Role permissions, Permission statements, Resource type, "
               "Resource-Type actions)", "typed as plain references (the Go structs are ids)",
               "described as the complex objects they are served as, with a writable id; requests may send "
               "the bare id or the object", "discovery must describe what is served; scim2-client builds its "
               "models from it"),
    Difference("Permission statements and Role permissions", "served three objects deep (the wrapped shape)",
               "served the same; /Schemas describes two levels and leaves the deeper objects (a wrapped "
               "action's attributes, meta, externalID) undescribed", "scim2-models refuses a schema nested "
               "deeper and RFC 7643 §2.3.8 allows one level; strict clients read these two types unchecked"),
    Difference("references sent as a name or slug", "unknown (the seed types them as strings)",
               "accepted and stored as the id; an unknown one is 400 invalidValue", "reference §3: ids are the "
               "documented form, names a fallback"),
    Difference("booleans sent as \"True\"/\"False\"", "400 invalidValue unless SetAllowStringValues(true)",
               "accepted", "Microsoft Entra sends them (reference §5)"),
    Difference("PATCH schemas as a bare string, lowercase operations",
               "a string schemas is 400 invalidSyntax", "accepted", "the seed's own samples send them"),
    Difference("path-less PATCH with an extension URN key", "400 invalidValue before the library's PR #207",
               "accepted: each attribute of the object applied", "reference §1.3; RFC 7644 §3.5.2"),
    Difference("POST /<E>/.search", "404 in the 2024 release", "served with a SearchRequest body",
               "RFC 7644 §3.4.3; served by the 2026 release"),
    Difference("custom schema URNs (urn:ietf:params:scim:schemas:custom:2.0:<Type>)", "not published",
               "these", "the reference's inference from the User extension's URN (§0)"),
    Difference("401 body", "undocumented StackSpot middleware", "a SCIM error with WWW-Authenticate: Bearer",
               "every other error is in SCIM's shape"),
    Difference("/Schemas query parameters", "the library filters /Schemas", "ignored", "RFC 7644 §4"),
)
