"""The one set of views behind every ``Resource`` row: list, create, get, replace, update, delete, lifecycle."""
import re

from marshmallow import Schema

from jcmock.core.openapi import documented

from .. import links as okta_links
from ..backend import STORE_KEYS
from ..resources import OBJECT, OK, Resource, SeedTarget
from . import backend, body, flag, no_content, render, shown, tenant
from .listing import PARAMS, Stored, answer_list

_VARIABLE = re.compile(r"<(?:\w+:)?(\w+)>")


def item_url(res: Resource, doc, base):
    """The absolute URL of a stored object of ``res``, parent ids filled in from its ``__parent``."""
    path = _VARIABLE.sub(lambda m: doc["__parent"][m.group(1)], res.path)
    return f"{base}/api/v1{path}/{doc['id']}"


def renderer(res: Resource):
    """``doc -> answered JSON`` for a row: ``self`` (with the methods it allows), lifecycle and extra links."""
    allow = ["GET", *(["PUT"] if res.replace is not None else []), *(["DELETE"] if res.delete else [])]

    def build_links(doc, base):
        self_url = item_url(res, doc, base)
        built = {"self": okta_links.link(self_url, *allow)}
        if res.lifecycle is not None:
            built.update(okta_links.lifecycle(self_url, doc.get("status")))
        if res.links is not None:
            built.update(res.links(doc, base, self_url))
        return built

    return lambda doc: shown(doc, build_links, res.write_only)


def register(bp, res: Resource):
    """Add the routes ``res`` declares to ``bp``; endpoint names start with the row's kind."""
    render_one = renderer(res)

    def parent_of(ids):
        parent = {param: ids[param] for param in res.parent_params} or None
        if parent:
            backend().check_parents(tenant(), res, parent)
        return parent

    def list_view(**ids):
        parent = parent_of(ids)
        docs = Stored(res.kind, None if parent is None else lambda doc: doc.get("__parent") == parent)
        return answer_list(docs, render_one, paging=res.paging, q_fields=res.q_fields,
                           filter_grammar=res.filter_grammar)

    def create_view(**ids):
        parent = parent_of(ids)
        fields, _ = body(res.create)
        doc = backend().create(tenant(), res, fields, parent, activate=flag("activate", True))
        return render(render_one(doc), res.create_status)

    def get_view(**ids):
        obj_id = ids[res.id_param]
        return render(render_one(backend().find(tenant(), res.kind, obj_id, res.type_name, parent_of(ids))))

    def replace_view(**ids):
        parent = parent_of(ids)
        backend().find(tenant(), res.kind, ids[res.id_param], res.type_name, parent)
        fields, schema = body(res.replace)
        doc = backend().replace(tenant(), res, ids[res.id_param], fields, set(schema.fields), parent)
        return render(render_one(doc))

    def update_view(**ids):
        parent = parent_of(ids)
        backend().find(tenant(), res.kind, ids[res.id_param], res.type_name, parent)
        fields, _ = body(res.update)
        return render(render_one(backend().update(tenant(), res, ids[res.id_param], fields, parent)))

    def delete_view(**ids):
        backend().remove(tenant(), res, ids[res.id_param], parent_of(ids))
        return no_content() if res.delete_status == 204 else render({}, res.delete_status)

    def lifecycle_view(operation, **ids):
        status = "ACTIVE" if operation == "activate" else "INACTIVE"
        doc = backend().set_status(tenant(), res, ids[res.id_param], status, parent_of(ids))
        if res.lifecycle == OBJECT:
            return render(render_one(doc))
        return render({}) if res.lifecycle == OK else no_content()  # EMPTY: 204

    routes = [
        (res.listing, res.path, "list", list_view, "GET"),
        (res.create is not None, res.path, "create", create_view, "POST"),
        (res.get, res.item_path, "get", get_view, "GET"),
        (res.replace is not None, res.item_path, "replace", replace_view, "PUT"),
        (res.update is not None, res.item_path, "update", update_view, "POST"),
        (res.delete, res.item_path, "delete", delete_view, "DELETE"),
        (res.lifecycle is not None, f"{res.item_path}/lifecycle/<any(activate, deactivate):operation>",
         "lifecycle", lifecycle_view, "POST"),
    ]
    if not res.parents and res.kind not in STORE_KEYS:
        # Top-level objects keyed by id only: a recorded answer holds all a stored one needs.
        get_view.seed_target = list_view.seed_target = lambda view_args: SeedTarget(res.kind)
    answer = res.answer
    for schema, view, status, response in (
            (res.create, create_view, res.create_status, answer), (res.replace, replace_view, 200, answer),
            (res.update, update_view, 200, answer), (None, delete_view, res.delete_status, None),
            (None, get_view, 200, answer)):
        # A OneOf body (apps, zones, policies) has no single marshmallow schema to document.
        documented(request=schema if isinstance(schema, Schema) else None, status=status, response=response,
                   summary=f"{view.__name__.split('_')[0].capitalize()} a {res.type_name}")(view)
    query = (("limit", "after") if res.paging else ()) + (("q",) if res.q_fields else ()) + (
        ("filter",) if res.filter_grammar else ())
    documented(response=res.answer, response_many=True, query=query, params=PARAMS,
               summary=f"List {res.type_name} objects")(list_view)
    for enabled, rule, name, view, method in routes:
        if enabled:
            bp.add_url_rule(rule, f"{res.kind}_{name}", view, methods=[method])

