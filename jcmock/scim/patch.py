"""PATCH (RFC 7644 §3.5.2) over a stored resource, a plain dict: the reference's §5 table in code.

``apply_patch`` works on a copy and returns it; the caller stores it only when every operation
succeeded, so a request applies whole or not at all. Checks that need the store (references,
uniqueness) are the caller's, on the result.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jcmock.core.bodies import json_type

from .errors import InvalidPath, InvalidSyntax, InvalidValue, Mutability, NoTarget
from .filters import ElementScope, ResourceScope, compile_filter, parse_path
from .resource_types import IMMUTABLE, PATCH_OP, READ_ONLY, Attribute, ResourceType
from .schema import coerce, coerce_one, unique_keys

# scim2-models (the path and filter grammar) takes most of a second to import: it is imported
# where a path is read, never at start (see jcmock.scim.filters).
if TYPE_CHECKING:
    from scim2_models.path.expressions import FilterNode

OPERATIONS = ("add", "replace", "remove")


@dataclass(frozen=True)
class Target:
    """Where an operation acts: ``attr`` inside the container ``keys`` lead to; for a multi-valued
    attribute, the elements ``select`` accepts (None: a path with no filter) and their ``sub``."""

    keys: tuple[str, ...]
    attr: Attribute
    select: object = None       # compiled value filter
    filter: FilterNode | None = None
    sub: Attribute | None = None


def read_operations(body) -> list[tuple[str, str | None, object]]:
    """The ``(op, path, value)`` triples of a PatchOp body, checked but not yet applied.

    Keys and ``op`` are case-insensitive (Entra's ``"Replace"``, the seed's ``operations``);
    ``schemas`` may be the PatchOp URN as a bare string, as the seed's samples send it.
    """
    if not isinstance(body, dict):
        raise InvalidSyntax(f"a PATCH body must be a JSON object, got {json_type(body)}")
    fields = {key.lower(): value for key, value in unique_keys(body, "the body").items()}
    schemas = fields.get("schemas")
    if isinstance(schemas, str):
        schemas = [schemas]
    if schemas != [PATCH_OP]:
        raise InvalidValue(f"schemas must be [{PATCH_OP!r}]")
    operations = fields.get("operations")
    if not isinstance(operations, list) or not operations:
        raise InvalidValue("Operations must be a non-empty array")
    result = []
    for index, operation in enumerate(operations):
        if not isinstance(operation, dict):
            raise InvalidSyntax(f"Operations[{index}] must be an object, got {json_type(operation)}")
        parts = {key.lower(): value for key, value in unique_keys(operation, f"Operations[{index}]").items()}
        op = parts.get("op")
        if not isinstance(op, str) or op.lower() not in OPERATIONS:
            raise InvalidValue(f"Operations[{index}].op must be add, replace or remove, got {op!r}")
        path = parts.get("path")
        if path is not None and not isinstance(path, str):
            raise InvalidPath(f"Operations[{index}].path must be a string, got {json_type(path)}")
        if op.lower() != "remove" and "value" not in parts:
            raise InvalidValue(f"Operations[{index}]: {op.lower()} needs a value")
        result.append((op.lower(), path or None, parts.get("value")))
    return result


def apply_patch(rtype: ResourceType, doc: dict, operations) -> dict:
    """A patched copy of ``doc``; the first failing operation raises and nothing else is kept."""
    patched = copy.deepcopy(doc)
    for op, path, value in operations:
        if path is not None and op != "remove" and rtype.extension(path) is not None:
            _apply_extension(rtype, op, patched, path, value, InvalidPath)
        elif path is not None:
            _apply(op, patched, resolve(rtype, path), value)
        elif op == "remove":
            raise NoTarget("remove needs a path (RFC 7644 §3.5.2.2)")
        else:
            _apply_pathless(rtype, op, patched, value)
    return patched


def _apply_pathless(rtype: ResourceType, op: str, doc: dict, value) -> None:
    """A path-less add or replace: each key of ``value`` is itself a path (Entra sends
    ``name.givenName`` and ``emails[type eq "work"].value`` keys); an extension URN key holds an object."""
    if not isinstance(value, dict):
        raise InvalidValue(f"a path-less {op} needs an object value, got {json_type(value)}")
    for key, item in value.items():
        if key.lower() in ("id", "schemas"):
            continue  # Okta repeats the resource's id in the value (reference §5)
        if rtype.extension(key) is not None:
            _apply_extension(rtype, op, doc, key, item, InvalidValue)
        else:
            _apply(op, doc, resolve(rtype, key, InvalidValue), item)


def _apply_extension(rtype: ResourceType, op: str, doc: dict, urn: str, value, error) -> None:
    """An add or replace of a whole extension object: one operation per attribute it holds, so
    each attribute's own mutability applies (reference §5, bare extension URN)."""
    if not isinstance(value, dict):
        raise InvalidValue(f"{urn} needs an object value, got {json_type(value)}")
    extension = rtype.extension(urn)
    for key, item in value.items():
        if key.lower() == "schemas":
            continue  # scim2-models serialises an extension with its own schemas
        _apply(op, doc, resolve(rtype, f"{extension.id}:{key}", error), item)


def resolve(rtype: ResourceType, path: str, error=InvalidPath) -> Target:
    """The target of a PATCH path; ``error`` (invalidPath, or invalidValue for a path-less key) if it names nothing."""
    extension = rtype.extension(path)
    if extension is not None:
        # Parsers read a bare extension URN as URN "...:2.0" plus attribute "User" (reference §7);
        # only remove gets here: add and replace go through _apply_extension.
        return Target(keys=(), attr=extension.as_attribute())
    node = parse_path(path, error)
    from scim2_models.path.expressions import AttrPath, ValuePath  # loaded by parse_path

    scope = ResourceScope(rtype)
    if isinstance(node, AttrPath):
        keys, attr = scope.resolve(AttrPath(node.attr, None, node.uri), error)
        target = Target(keys=keys[:-1], attr=attr)
        if node.sub_attr:
            sub = attr.sub(node.sub_attr) if attr.is_complex else None
            if sub is None:
                raise error(f"unknown sub-attribute {attr.name}.{node.sub_attr}")
            target = Target(keys=target.keys, attr=attr, sub=sub)
            if attr.multi_valued:
                # ``emails.type`` without a filter addresses every element.
                target = Target(keys=target.keys, attr=attr, select=lambda element: True, sub=sub)
        return target
    if isinstance(node, ValuePath):
        keys, attr = scope.resolve(node.attr_path, error)
        if not attr.multi_valued:
            raise error(f"{attr.name} is not multi-valued: {attr.name}[...] selects nothing")
        sub = None
        if node.sub_attr:
            sub = attr.sub(node.sub_attr) if attr.is_complex else None
            if sub is None:
                raise error(f"unknown sub-attribute {attr.name}.{node.sub_attr}")
        select = compile_filter(node.val_filter, ElementScope(attr), error)
        return Target(keys=keys[:-1], attr=attr, select=select, filter=node.val_filter, sub=sub)
    raise error(f"{path!r} is a filter, not an attribute path")


def _container(doc: dict, keys: tuple[str, ...], create: bool) -> dict | None:
    for key in keys:
        if not isinstance(doc.get(key), dict):
            if not create:
                return None
            doc[key] = {}
        doc = doc[key]
    return doc


def _check_mutability(op: str, target: Target, container: dict | None) -> None:
    attr = target.sub or target.attr
    if target.attr.mutability == READ_ONLY or attr.mutability == READ_ONLY:
        raise Mutability(f"{attr.name} is readOnly")
    if op == "remove" and target.select is None and target.sub is None and target.attr.required:
        raise Mutability(f"{target.attr.name} is required: it cannot be removed")


def _apply(op: str, doc: dict, target: Target, value) -> None:
    container = _container(doc, target.keys, create=op != "remove")
    _check_mutability(op, target, container)
    if container is None:
        return  # removing from an absent extension: nothing to do
    name, attr = target.attr.name, target.attr
    before = copy.deepcopy(container.get(name))
    if target.select is not None:
        _apply_selected(op, container, target, value)
    elif target.sub is not None:
        _apply_sub(op, container, attr, target.sub, value)
    elif op == "remove":
        if attr.multi_valued and isinstance(value, list) and name in container:
            # Entra removes members by listing them in the value (reference §5).
            drop = {_identity(item) for item in value}
            container[name] = [element for element in container[name] if _identity(element) not in drop]
        else:
            container.pop(name, None)
    elif attr.multi_valued:
        values = coerce(attr, value if isinstance(value, list) else [value], attr.name) or []
        if op == "replace":
            container[name] = values
        else:
            current = container.get(name) or []
            known = {_identity(element) for element in current}
            container[name] = current + [element for element in values if _identity(element) not in known]
            _keep_one_primary(container[name], values)
    elif attr.is_complex:
        # add and replace both merge into a complex value: unspecified sub-attributes stay (§3.5.2.3).
        merged = {**(container.get(name) or {}), **(coerce(attr, value, attr.name) or {})}
        container[name] = merged
    else:
        container[name] = coerce(attr, value, attr.name)
    if container.get(name) in (None, []):
        container.pop(name, None)
    if attr.mutability == IMMUTABLE and before is not None and container.get(name) != before:
        raise Mutability(f"{name} is immutable and already set")
    if target.keys and not container:
        doc.pop(target.keys[0], None)


def _apply_sub(op: str, container: dict, attr: Attribute, sub: Attribute, value) -> None:
    parent = container.get(attr.name) or {}
    if op == "remove":
        parent.pop(sub.name, None)
    else:
        parent[sub.name] = coerce(sub, value, f"{attr.name}.{sub.name}")
    container[attr.name] = {key: item for key, item in parent.items() if item is not None}


def _apply_selected(op: str, container: dict, target: Target, value) -> None:
    attr, sub = target.attr, target.sub
    elements = container.get(attr.name) or []
    scope = ElementScope(attr)
    matched = [index for index, element in enumerate(scope.elements(elements)) if target.select(element)]
    if sub is not None and not matched and op == "add" and (created := _element_from_filter(target.filter)):
        # Entra adds a new typed value with a filter path (reference §5, add value filter + sub-attribute).
        elements.append(coerce_one(attr, created, attr.name))
        matched = [len(elements) - 1]
    if not matched:
        if op == "remove":
            return
        raise NoTarget(f"no value of {attr.name} matches the filter")
    if sub is not None and sub.mutability == IMMUTABLE:
        raise Mutability(f"{attr.name}.{sub.name} is immutable")
    if op == "remove" and sub is None:
        container[attr.name] = [element for index, element in enumerate(elements) if index not in matched]
        return
    for index in matched:
        element = elements[index]
        if sub is not None:
            coerced = None if op == "remove" else coerce(sub, value, f"{attr.name}.{sub.name}")
            if coerced is None:
                element.pop(sub.name, None)
            else:
                element[sub.name] = coerced
        elif op == "replace" or not attr.is_complex:
            elements[index] = coerce_one(attr, value, attr.name)
        else:
            elements[index] = {**element, **(coerce_one(attr, value, attr.name) or {})}
    container[attr.name] = [element for element in elements if element not in (None, {})]
    if sub is not None and sub.name == "primary" and value is not False:
        _keep_one_primary(container[attr.name], [elements[matched[-1]]])


def _element_from_filter(node) -> dict | None:
    """The element a filter of ``eq`` terms joined by ``and`` describes, or None for any other filter."""
    from scim2_models.path.expressions import CompareOperator, Comparison, LogicalExpr, LogicalOperator

    terms = node.terms if isinstance(node, LogicalExpr) and node.op == LogicalOperator.and_ else (node,)
    element = {}
    for term in terms:
        if not (isinstance(term, Comparison) and term.op == CompareOperator.eq and term.attr_path.sub_attr is None):
            return None
        element[term.attr_path.attr] = term.value
    return element


def _identity(element):
    """What makes two values of a multi-valued attribute the same one: a complex value's ``value``."""
    if isinstance(element, dict):
        return element.get("value", repr(sorted(element.items(), key=str)))
    return element


def _keep_one_primary(elements: list, chosen: list) -> None:
    """At most one value is primary: the newest one given as such wins (RFC 7644 §3.5.2)."""
    winner = next((element for element in reversed(chosen)
                   if isinstance(element, dict) and element.get("primary") is True), None)
    if winner is None:
        return
    winner_id = _identity(winner)
    for element in elements:
        if isinstance(element, dict) and element.get("primary") is True and _identity(element) != winner_id:
            element["primary"] = False
