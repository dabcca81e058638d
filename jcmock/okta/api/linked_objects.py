"""Linked objects: relationship definitions under ``/meta/schemas/user/linkedObjects`` and the links
between users (``/users/{a}/linkedObjects/{relationship}``, PUT with the associated user: endpoint 31)."""

from ..errors import OktaError
from ..schemas.linked_objects import LinkedObjectDefinition
from . import OktaBlueprint, backend, base_url, body, no_content, render, shown, tenant
from .listing import answer_list

bp = OktaBlueprint("okta_linked_objects", __name__)
DEFINITION = LinkedObjectDefinition()


def definition_json(doc):
    return shown(doc, lambda d, base: {"self": {
        "href": f"{base}/api/v1/meta/schemas/user/linkedObjects/{d['primary']['name']}"}})


@bp.post("/meta/schemas/user/linkedObjects")
def create_linked_object_definition():
    fields, _ = body(DEFINITION)
    name = fields["primary"]["name"]
    names = {n for d in backend().all(tenant(), "linkedObjectDefinitions") for n in (d["primary"]["name"],
                                                                                      d["associated"]["name"])}
    if {name, fields["associated"]["name"]} & names:
        raise OktaError("E0000001", "name",
                        ["name: An object with this field already exists in the current organization"])
    backend().store.put(tenant(), "linkedObjectDefinitions", name, fields)
    return render(definition_json(fields), 201)


@bp.get("/meta/schemas/user/linkedObjects")
def list_linked_object_definitions():
    return answer_list(backend().all(tenant(), "linkedObjectDefinitions"), definition_json)


def _definition(name):
    for doc in backend().all(tenant(), "linkedObjectDefinitions"):
        if name in (doc["primary"]["name"], doc["associated"]["name"]):
            return doc
    return backend().find(tenant(), "linkedObjectDefinitions", name, "LinkedObjectProperty")


@bp.get("/meta/schemas/user/linkedObjects/<linkedObjectName>")
def get_linked_object_definition(linkedObjectName):
    return render(definition_json(_definition(linkedObjectName)))


@bp.delete("/meta/schemas/user/linkedObjects/<linkedObjectName>")
def delete_linked_object_definition(linkedObjectName):
    name = _definition(linkedObjectName)["primary"]["name"]
    with backend().store.lock:
        backend().store.delete(tenant(), "linkedObjectDefinitions", name)
        for link in backend().all(tenant(), "linkedObjects", where=lambda doc: doc["relationship"] == name):
            backend().store.delete(tenant(), "linkedObjects", f"{link['associatedUserId']}:{name}")
    return no_content()


@bp.put("/users/<userIdOrLogin>/linkedObjects/<primaryRelationshipName>/<primaryUserId>")
def assign_linked_object_value_for_primary(userIdOrLogin, primaryRelationshipName, primaryUserId):
    backend().link_users(tenant(), userIdOrLogin, primaryRelationshipName, primaryUserId)
    return no_content()


@bp.get("/users/<userIdOrLogin>/linkedObjects/<relationshipName>")
def list_linked_objects_for_user(userIdOrLogin, relationshipName):
    ids = backend().linked_users(tenant(), userIdOrLogin, relationshipName)
    base = base_url()
    return render([{"_links": {"self": {"href": f"{base}/api/v1/users/{i}"}}} for i in ids])


@bp.delete("/users/<userIdOrLogin>/linkedObjects/<relationshipName>")
def delete_linked_object_for_user(userIdOrLogin, relationshipName):
    backend().unlink_user(tenant(), userIdOrLogin, relationshipName)
    return no_content()
