"""Validation driven by the declarations in ``resource_types``: client JSON in, stored form out.

The stored form is the wire form minus what the server computes: attribute names in schema
casing, each extension under its URN, readOnly values dropped, references as ids. POST, PUT and
PATCH values all go through ``coerce``, so the three agree on types, canonical values and the
client quirks (reference §5: Entra's ``"False"``; ``[]`` meaning unassigned).
"""
from __future__ import annotations

from datetime import UTC, datetime

from jcmock.core.bodies import json_type

from .errors import InvalidSyntax, InvalidValue, Mutability
from .resource_types import (
    ANY,
    BOOLEAN,
    COMPLEX,
    DATETIME,
    DECIMAL,
    FLAT,
    IMMUTABLE,
    INTEGER,
    READ_ONLY,
    WRAPPED,
    Attribute,
    ResourceType,
)


def coerce(attr: Attribute, value, where: str):
    """``value`` checked against ``attr`` and normalised; None when it unassigns the attribute."""
    if value is None:
        return None
    if attr.multi_valued:
        if not isinstance(value, list):
            raise InvalidSyntax(f"{where} is multi-valued: send an array, got {json_type(value)}")
        items = [coerce_one(attr, item, f"{where}[{index}]") for index, item in enumerate(value)]
        items = [item for item in items if item is not None]
        return items or None
    return coerce_one(attr, value, where)


def coerce_one(attr: Attribute, value, where: str):
    """One value (one element of a multi-valued attribute) of ``attr``'s type."""
    if value is None or attr.type == ANY:
        return value
    if attr.type == COMPLEX:
        return _coerce_complex(attr, value, where)
    if attr.shape in (FLAT, WRAPPED) and isinstance(value, dict):
        # The object a reference is served as (``/Schemas`` describes it so) names its target by ``id``.
        value = next((item for key, item in unique_keys(value, where).items() if key.lower() == "id"), None)
        if not isinstance(value, str):
            raise InvalidValue(f"{where} must be an id, or an object with an id")
        return value
    if attr.type == BOOLEAN:
        # Entra (without aadOptscim062020) sends booleans as "True"/"False" (reference §5).
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if isinstance(value, bool):
            return value
    elif attr.type == INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif attr.type == DECIMAL:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    elif isinstance(value, str):
        if attr.type == DATETIME:
            _check_datetime(value, where)
        return _canonical(attr, value, where)
    raise InvalidValue(f"{where} must be {_type_phrase(attr)}, got {json_type(value)}")


def _coerce_complex(attr: Attribute, value, where: str):
    if not isinstance(value, dict):
        raise InvalidValue(f"{where} must be an object, got {json_type(value)}")
    if attr.is_open:
        return dict(value)
    result = {}
    for key, item in unique_keys(value, where).items():
        sub = attr.sub(key)
        # Unknown sub-attributes are dropped and readOnly ones ignored, as for top-level ones (§2.7).
        if sub is None or sub.mutability == READ_ONLY:
            continue
        coerced = coerce(sub, item, f"{where}.{sub.name}")
        if coerced is None:
            continue
        if sub.folds_into:
            result[sub.folds_into] = [*result.get(sub.folds_into, ()), coerced]
        elif sub.multi_valued and sub.name in result:
            result[sub.name] = [*coerced, *result[sub.name]]
        else:
            result[sub.name] = coerced
    return result or None


def _canonical(attr: Attribute, value: str, where: str) -> str:
    if not attr.canonical_values:
        return value
    for canonical in attr.canonical_values:
        if canonical.lower() == value.lower():
            return canonical
    raise InvalidValue(f"{where} must be one of {', '.join(attr.canonical_values)}, got {value!r}")


def _check_datetime(value: str, where: str) -> None:
    try:
        parse_datetime(value)
    except ValueError:
        raise InvalidValue(f"{where} must be an xsd:dateTime (RFC 7643 §2.3.5), got {value!r}")


def parse_datetime(value: str) -> datetime:
    """An xsd:dateTime as an aware instant (a naive one is taken as UTC); ValueError if it is none."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _type_phrase(attr: Attribute) -> str:
    return {BOOLEAN: "a boolean", INTEGER: "an integer", DECIMAL: "a number"}.get(attr.type, "a string")


def unique_keys(obj: dict, where: str) -> dict:
    """``obj``, refusing two keys that differ only by case (names are case-insensitive, RFC 7643 §2.1)."""
    seen = {}
    for key in obj:
        if key.lower() in seen:
            raise InvalidSyntax(f"{where} has both {seen[key.lower()]!r} and {key!r}: "
                                "attribute names are case-insensitive")
        seen[key.lower()] = key
    return obj


def check_schemas(rtype: ResourceType, body: dict) -> None:
    """A ``schemas`` array, when sent, must name the core schema (reference §1.3: absent is accepted)."""
    schemas = next((value for key, value in body.items() if key.lower() == "schemas"), None)
    if schemas is None:
        return
    if not isinstance(schemas, list) or not all(isinstance(urn, str) for urn in schemas):
        raise InvalidSyntax("schemas must be an array of schema URNs")
    if rtype.schema.id.lower() not in (urn.lower() for urn in schemas):
        raise InvalidSyntax(f"schemas must include {rtype.schema.id}")


def read_resource(rtype: ResourceType, body) -> dict:
    """A POST or PUT body as ``{(urn or None, name): value or None}``: what the client set, or unset with null.

    Unknown attributes are dropped and readOnly ones ignored (``id``, ``meta``, Okta's ``groups: []``).
    """
    if not isinstance(body, dict):
        raise InvalidSyntax(f"the request body must be a JSON object, got {json_type(body)}")
    unique_keys(body, "the body")
    check_schemas(rtype, body)
    values = {}
    for key, value in body.items():
        extension = rtype.extension(key)
        if extension is not None:
            if value is None:
                continue
            if not isinstance(value, dict):
                raise InvalidValue(f"{extension.id} must be an object, got {json_type(value)}")
            unique_keys(value, extension.id)
            for sub_key, sub_value in value.items():
                attr = extension.attribute(sub_key)
                if attr is not None and attr.mutability != READ_ONLY:
                    values[extension.id, attr.name] = coerce(attr, sub_value, f"{extension.id}:{attr.name}")
            continue
        attr = rtype.attribute(key)
        if attr is not None and attr.mutability != READ_ONLY:
            values[None, attr.name] = coerce(attr, value, attr.name)
    return values


def get_value(doc: dict, urn: str | None, name: str):
    container = doc.get(urn, {}) if urn else doc
    return container.get(name)


def set_value(doc: dict, urn: str | None, name: str, value) -> None:
    """Set (or, with None, unassign) one attribute; an emptied extension object is dropped."""
    container = doc.setdefault(urn, {}) if urn else doc
    if value is None:
        container.pop(name, None)
    else:
        container[name] = value
    if urn and not container:
        doc.pop(urn)


def check_immutable(rtype: ResourceType, before: dict, after: dict) -> None:
    """An immutable attribute that holds a value keeps it (RFC 7643 §7 ``immutable``)."""
    for urn, attr in rtype.stored_attributes():
        old = get_value(before, urn, attr.name)
        if attr.mutability == IMMUTABLE and old is not None and get_value(after, urn, attr.name) != old:
            raise Mutability(f"{attr.name} is immutable and already set")


def check_required(rtype: ResourceType, doc: dict, *, creating: bool) -> None:
    """Every required attribute holds a value (readOnly ones are the server's to fill)."""
    for urn, attr in rtype.stored_attributes():
        needed = attr.required or (creating and attr.required_on_create)
        if needed and attr.mutability != READ_ONLY and get_value(doc, urn, attr.name) is None:
            raise InvalidValue(f"{attr.name} is required")


def project(resource: dict, attributes=frozenset(), excluded=frozenset()) -> dict:
    """The representation the client asked for (RFC 7644 §3.4.2.5).

    ``attributes`` and ``excluded`` are sets of stored-key paths, ``("emails",)`` or
    ``("emails", "value")`` (``attribute_paths`` builds them); ``id`` and ``schemas`` always stay.
    """
    result = {}
    for key, value in resource.items():
        if key in ("id", "schemas"):
            result[key] = value
        elif attributes:
            subs = {path[1] for path in attributes if len(path) == 2 and path[0] == key}
            if (key,) in attributes:
                result[key] = value
            elif subs and not _empty(kept := _keep_subs(value, lambda sub: sub in subs)):
                result[key] = kept
        elif (key,) not in excluded:
            subs = {path[1] for path in excluded if len(path) == 2 and path[0] == key}
            kept = _keep_subs(value, lambda sub: sub not in subs) if subs else value
            if not (subs and _empty(kept)):
                result[key] = kept
    return result


def _empty(value) -> bool:
    return value is None or (isinstance(value, (dict, list)) and not value)


def _keep_subs(value, keep):
    """A complex value (or a list of them) with only the sub-attributes ``keep`` accepts."""
    if isinstance(value, dict):
        return {sub: item for sub, item in value.items() if keep(sub)}
    if isinstance(value, list):
        return [kept for kept in (_keep_subs(element, keep) for element in value) if not _empty(kept)]
    return value


def attribute_paths(rtype: ResourceType, paths) -> frozenset:
    """Parsed attribute paths (``AttrPath`` nodes, or an extension URN as a string) as stored-key tuples.

    Unknown names are kept as given: they then match nothing, which is all RFC 7644 asks.
    """
    result = set()
    for path in paths:
        if isinstance(path, str):
            result.add((rtype.extension(path).id,))
            continue
        extension = rtype.extension(path.uri) if path.uri else None
        if extension is not None:
            attr = extension.attribute(path.attr)
            result.add((extension.id, attr.name if attr else path.attr))
            continue
        attr = rtype.attribute(path.attr)
        keys = (attr.name if attr else path.attr,)
        if path.sub_attr:
            sub = attr.sub(path.sub_attr) if attr and attr.is_complex else None
            keys += (sub.name if sub else path.sub_attr,)
        result.add(keys)
    return frozenset(result)
