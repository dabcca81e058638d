"""/api/v2/integrations/{autotask,connectwise,syncro}/... and /api/v2/providers/{id}/integrations.

The three vendors differ in data, not logic: ``VENDORS`` holds each one's schemas and
write-only fields, and one set of views serves all three.
"""
from dataclasses import dataclass

from flask import Blueprint, request

from .. import schemas
from ..backend import public
from ..query import ListQuery
from .context import backend, body, no_content, org, render

bp = Blueprint("integrations", __name__, url_prefix="/api/v2")


@dataclass(frozen=True)
class Vendor:
    config_patch: object
    config_create: object
    settings_patch: object
    mappings_patch: object
    secrets: frozenset


VENDORS = {
    "autotask": Vendor(
        schemas.AutotaskConfigPatch(), schemas.AutotaskConfigCreate(), schemas.AutotaskSettingsPatch(),
        schemas.AutotaskMappingRequest(), frozenset({"secret"}),
    ),
    "connectwise": Vendor(
        schemas.ConnectwiseConfigPatch(), schemas.ConnectwiseConfigCreate(), schemas.ConnectwiseSettingsPatch(),
        schemas.ConnectwiseMappingRequest(), frozenset({"publicKey", "privateKey"}),
    ),
    "syncro": Vendor(
        schemas.SyncroConfigPatch(), schemas.SyncroConfigCreate(), schemas.SyncroSettingsPatch(),
        schemas.SyncroMappingRequest(), frozenset({"apiToken"}),
    ),
}
VENDOR = "<any(" + ", ".join(VENDORS) + "):vendor>"


def _config(vendor, doc):
    """Secrets are stored (a later PATCH may keep them) but never returned."""
    return public(doc, VENDORS[vendor].secrets)


@bp.get(f"/integrations/{VENDOR}/<UUID>")
def get_config(vendor, UUID):
    return render(_config(vendor, backend().integration(org(), vendor, UUID)))


@bp.patch(f"/integrations/{VENDOR}/<UUID>")
def patch_config(vendor, UUID):
    changes = body(VENDORS[vendor].config_patch)
    return render(_config(vendor, backend().patch_integration(org(), vendor, UUID, changes)))


@bp.delete(f"/integrations/{VENDOR}/<UUID>")
def delete_config(vendor, UUID):
    backend().delete_integration(org(), vendor, UUID)
    return no_content()


@bp.get(f"/integrations/{VENDOR}/<UUID>/settings")
def get_settings(vendor, UUID):
    return render(backend().settings(org(), vendor, UUID))


@bp.patch(f"/integrations/{VENDOR}/<UUID>/settings")
def patch_settings(vendor, UUID):
    changes = body(VENDORS[vendor].settings_patch)
    return render(backend().patch_settings(org(), vendor, UUID, changes))


@bp.get(f"/integrations/{VENDOR}/<UUID>/mappings")
def get_mappings(vendor, UUID):
    query = ListQuery.from_args(request.args)
    page, total = query.apply(backend().mappings(org(), vendor, UUID))
    return render({"records": page, "totalCount": total})


@bp.patch(f"/integrations/{VENDOR}/<UUID>/mappings")
def patch_mappings(vendor, UUID):
    items = body(VENDORS[vendor].mappings_patch)["data"]
    backend().patch_mappings(org(), vendor, UUID, items)
    return no_content()


@bp.get("/providers/<provider_id>/integrations")
def provider_integrations(provider_id):
    query = ListQuery.from_args(request.args, allowed=("filter", "sort"))
    page, total = query.apply(backend().provider_integrations(org(), provider_id), id_field="integrationId")
    return render({"records": page, "totalCount": total})


@bp.post(f"/providers/<provider_id>/integrations/{VENDOR}")
def create_integration(provider_id, vendor):
    fields = body(VENDORS[vendor].config_create)
    return render({"integrationId": backend().create_integration(org(), provider_id, vendor, fields)}, 201)
