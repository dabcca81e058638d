"""/api/v2/integrations/{autotask,connectwise,syncro}/... and /api/v2/providers/{id}/integrations.

The three vendors differ in data, not logic: ``VENDORS`` holds each one's schemas and
write-only fields, and one set of views serves all three. Integrations belong
to the MSP provider, so x-org-id is refused (403, see ``auth.tenant``), not used to split state.
"""
from dataclasses import dataclass

from flask import Blueprint, request

from ...core.backend import public
from ...core.http import backend, body, no_content, render
from ...core.http import tenant as org
from ...core.openapi import documented
from ..query import ListQuery
from ..resources import SeedTarget
from ..schemas import integrations as schemas

bp = Blueprint("integrations", __name__, url_prefix="/api/v2")


@dataclass(frozen=True)
class Vendor:
    config_patch: object
    config_create: object
    settings_patch: object
    mappings_patch: object
    secrets: frozenset
    mapping_hidden: frozenset  # mapping fields a PATCH stores but GET does not return
    config: type          # response schemas, for the OpenAPI document
    settings: type
    mappings: type


VENDORS = {
    "autotask": Vendor(
        schemas.AutotaskConfigPatch(), schemas.AutotaskConfigCreate(), schemas.AutotaskSettingsPatch(),
        schemas.AutotaskMappingRequest(), frozenset({"secret"}), frozenset(),
        schemas.AutotaskConfig, schemas.AutotaskSettings, schemas.AutotaskMappingList,
    ),
    "connectwise": Vendor(
        schemas.ConnectwiseConfigPatch(), schemas.ConnectwiseConfigCreate(), schemas.ConnectwiseSettingsPatch(),
        schemas.ConnectwiseMappingRequest(), frozenset({"publicKey", "privateKey"}), frozenset(),
        schemas.ConnectwiseConfig, schemas.ConnectwiseSettings, schemas.ConnectwiseMappingList,
    ),
    "syncro": Vendor(
        schemas.SyncroConfigPatch(), schemas.SyncroConfigCreate(), schemas.SyncroSettingsPatch(),
        schemas.SyncroMappingRequest(), frozenset({"apiToken"}), frozenset({"billingConfigurations"}),
        schemas.SyncroConfig, schemas.SyncroSettings, schemas.SyncroMappingList,
    ),
}
VENDOR = "<any(" + ", ".join(VENDORS) + "):vendor>"


def per_vendor(**facts):
    """``documented`` facts that differ per vendor: each value names a Vendor attribute."""
    return {name: {key: getattr(vendor, attr) for key, attr in facts.items()} for name, vendor in VENDORS.items()}


def _config_target(view_args):
    return SeedTarget(view_args["vendor"], "id", VENDORS[view_args["vendor"]].secrets)


def _config(vendor, doc):
    """Secrets are stored (a later PATCH may keep them) but never returned."""
    return public(doc, VENDORS[vendor].secrets)


@bp.get(f"/integrations/{VENDOR}/<UUID>")
@documented(vary=per_vendor(response="config"))
def get_config(vendor, UUID):
    """Get an integration's configuration (secrets are never returned)."""
    return render(_config(vendor, backend().integration(org(), vendor, UUID)))


@bp.patch(f"/integrations/{VENDOR}/<UUID>")
@documented(vary=per_vendor(request="config_patch", response="config"))
def patch_config(vendor, UUID):
    """Update an integration's configuration."""
    changes = body(VENDORS[vendor].config_patch)
    return render(_config(vendor, backend().patch_integration(org(), vendor, UUID, changes)))


get_config.seed_target = patch_config.seed_target = _config_target


@bp.delete(f"/integrations/{VENDOR}/<UUID>")
@documented(status=204)
def delete_config(vendor, UUID):
    """Delete an integration."""
    backend().delete_integration(org(), vendor, UUID)
    return no_content()


@bp.get(f"/integrations/{VENDOR}/<UUID>/settings")
@documented(vary=per_vendor(response="settings"))
def get_settings(vendor, UUID):
    """Get an integration's settings."""
    return render(backend().settings(org(), vendor, UUID))


@bp.patch(f"/integrations/{VENDOR}/<UUID>/settings")
@documented(vary=per_vendor(request="settings_patch", response="settings"))
def patch_settings(vendor, UUID):
    """Update some of an integration's settings."""
    changes = body(VENDORS[vendor].settings_patch)
    return render(backend().patch_settings(org(), vendor, UUID, changes))


@bp.get(f"/integrations/{VENDOR}/<UUID>/mappings")
@documented(vary=per_vendor(response="mappings"), query=("limit", "skip", "filter", "sort", "fields"))
def get_mappings(vendor, UUID):
    """List an integration's organization mappings (Syncro's omit billingConfigurations, as JumpCloud's do)."""
    query = ListQuery.from_args(request.args)
    mappings = [public(m, VENDORS[vendor].mapping_hidden) for m in backend().mappings(org(), vendor, UUID)]
    page, total = query.apply(mappings)
    return render({"records": page, "totalCount": total})


@bp.patch(f"/integrations/{VENDOR}/<UUID>/mappings")
@documented(vary=per_vendor(request="mappings_patch"), status=204)
def patch_mappings(vendor, UUID):
    """Upsert mappings by organization id; items with "delete": true remove one."""
    items = body(VENDORS[vendor].mappings_patch)["data"]
    backend().patch_mappings(org(), vendor, UUID, items)
    return no_content()


@bp.get("/providers/<provider_id>/integrations")
@documented(response=schemas.ProviderIntegrationList, query=("limit", "skip", "filter", "sort"))
def provider_integrations(provider_id):
    """List a provider's integrations."""
    query = ListQuery.from_args(request.args, allowed=("filter", "sort"))
    page, total = query.apply(backend().provider_integrations(org(), provider_id), id_field="integrationId")
    return render({"records": page, "totalCount": total})


@bp.post(f"/providers/<provider_id>/integrations/{VENDOR}")
@documented(vary=per_vendor(request="config_create"), response=schemas.IntegrationId, status=201)
def create_integration(provider_id, vendor):
    """Create a provider's integration of this vendor (one per vendor)."""
    fields = body(VENDORS[vendor].config_create)
    return render({"integrationId": backend().create_integration(org(), provider_id, vendor, fields)}, 201)
