"""/api/v2/activedirectories, /gsuites, /office365s, /ldapservers and /directories."""
from flask import Blueprint, request

from ...core.http import backend, render
from ...core.http import tenant as org
from ...core.openapi import documented
from ..backend import merge_directory
from ..query import ListQuery
from ..resources import Resource, register_resource
from ..schemas import directories as schemas

bp = Blueprint("directories", __name__, url_prefix="/api/v2")

RESOURCES = (
    Resource(
        kind="activedirectories", path="/activedirectories", label="active directory",
        response=schemas.ActiveDirectory,
        patch=schemas.ActiveDirectoryPatch(), create=schemas.ActiveDirectoryCreate(),
        listing=True, delete=True,
        read_only=frozenset({"id", "primaryAgent", "primaryImportAgent", "permission"}),
    ),
    Resource(
        kind="gsuites", path="/gsuites", label="G Suite", patch=schemas.GSuitePatch(), response=schemas.GSuite,
        merge=merge_directory,
    ),
    # The published schema marks the lockout actions read-only, but JumpCloud's own sample
    # PATCHes them and the API applies them: they are writable here.
    Resource(
        kind="office365s", path="/office365s", id_param="office365_id", label="Office 365",
        patch=schemas.Office365Patch(), merge=merge_directory, response=schemas.Office365,
    ),
    Resource(
        kind="ldapservers", path="/ldapservers", label="LDAP server", patch=schemas.LdapServerPatch(),
        response=schemas.LdapServer,
        listing=True,
    ),
)

for resource in RESOURCES:
    register_resource(bp, resource)


@bp.get("/directories")
@documented(response=schemas.Directory, response_many=True, query=("limit", "skip", "sort", "fields"))
def list_directories():
    """List every directory (Active Directory, G Suite, LDAP, Office 365)."""
    query = ListQuery.from_args(request.args, allowed=("sort", "fields"))
    page, _ = query.apply(backend().directories(org()), always=("name", "type"))
    return render(page)
