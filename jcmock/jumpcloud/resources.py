"""A declarative table of REST resources and the one set of views that serves them.

Most JumpCloud resources share a shape: a collection (GET list, POST) and an item
(GET, PATCH, PUT, DELETE). A ``Resource`` row says which of those a resource has and
with which schemas; ``register_resource`` turns the row into routes on a blueprint.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from flask import request

from ..core.backend import PRIVATE_PREFIX, merge_fields, public
from ..core.http import backend, body, render
from ..core.http import tenant as org
from ..core.openapi import documented
from .query import ListQuery


@dataclass(frozen=True)
class SeedTarget:
    """Where the objects a view answers with are stored: replay's fallback seeds the mock from them."""

    kind: str
    id_field: str = "id"
    hidden: frozenset = frozenset()


@dataclass(frozen=True)
class Resource:
    kind: str                      # store table and fixtures-manifest key
    path: str                      # collection URL under /api/v2
    label: str                     # how messages name one object
    id_param: str = "id"           # the URL variable, as JumpCloud's docs name it
    id_field: str = "id"
    id_kind: str = "objectid"      # or "uuid"
    response: type | None = None  # the object's marshmallow schema, for the OpenAPI document
    patch: object | None = None  # marshmallow schema instances
    create: object | None = None
    replace: object | None = None
    item_get: bool = True
    listing: bool = False
    list_params: tuple = ("filter", "sort", "fields")
    delete: bool = False
    create_status: int = 201
    read_only: frozenset = frozenset({"id"})
    hidden: frozenset = frozenset()
    merge: Callable = field(default=merge_fields)

    def render(self, doc):
        return public(doc, self.hidden)

    def stored_field(self, name):
        """The stored field behind a shown one (None for one ``render`` strips), so lists filter stored documents."""
        return None if name.startswith(PRIVATE_PREFIX) or name in self.hidden else name


def register_resource(bp, res: Resource):
    """Add the routes a Resource row declares to ``bp``."""
    item_url = f"{res.path}/<{res.id_param}>"
    endpoint = res.kind

    def list_view():
        query = ListQuery.from_args(request.args, allowed=res.list_params)
        page, _ = query.run(partial(backend().page, org(), res.kind), view=res.render, field_of=res.stored_field,
                            id_field=res.id_field)
        return render(page)

    def create_view():
        fields = body(res.create)
        doc = backend().create(org(), res.kind, fields, id_field=res.id_field, id_kind=res.id_kind,
                               read_only=res.read_only)
        return render(res.render(doc), res.create_status)

    def get_view(**ids):
        return render(res.render(backend().get(org(), res.kind, ids[res.id_param], label=res.label)))

    def patch_view(**ids):
        changes = body(res.patch)
        doc = backend().patch(org(), res.kind, ids[res.id_param], changes, read_only=res.read_only,
                              merge=res.merge, label=res.label)
        return render(res.render(doc))

    def replace_view(**ids):
        fields = body(res.replace)
        doc = backend().replace(org(), res.kind, ids[res.id_param], fields, id_field=res.id_field,
                                read_only=res.read_only, label=res.label)
        return render(res.render(doc))

    def delete_view(**ids):
        doc = backend().delete(org(), res.kind, ids[res.id_param], label=res.label)
        return render(res.render(doc))

    # Replay's fallback stores the objects of recorded answers to these (see replay.py).
    for view in (list_view, get_view, patch_view):
        view.seed_target = lambda view_args: SeedTarget(res.kind, res.id_field, res.hidden)
    label = res.label
    documented(response=res.response, response_many=True, query=("limit", "skip", *res.list_params),
               summary=f"List {label} objects")(list_view)
    documented(request=res.create, response=res.response, status=res.create_status,
               summary=f"Create a {label}")(create_view)
    documented(response=res.response, summary=f"Get a {label}")(get_view)
    documented(request=res.patch, response=res.response, summary=f"Update some fields of a {label}")(patch_view)
    documented(request=res.replace, response=res.response, summary=f"Replace a {label}")(replace_view)
    documented(response=res.response, summary=f"Delete a {label} (answers the deleted object)")(delete_view)

    if res.listing:
        bp.add_url_rule(res.path, f"{endpoint}_list", list_view, methods=["GET"])
    if res.create is not None:
        bp.add_url_rule(res.path, f"{endpoint}_create", create_view, methods=["POST"])
    if res.item_get:
        bp.add_url_rule(item_url, f"{endpoint}_get", get_view, methods=["GET"])
    if res.patch is not None:
        bp.add_url_rule(item_url, f"{endpoint}_patch", patch_view, methods=["PATCH"])
    if res.replace is not None:
        bp.add_url_rule(item_url, f"{endpoint}_replace", replace_view, methods=["PUT"])
    if res.delete:
        bp.add_url_rule(item_url, f"{endpoint}_delete", delete_view, methods=["DELETE"])
