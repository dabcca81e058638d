"""SCIM filters (RFC 7644 §3.4.2.2) evaluated over stored resources, which are plain dicts.

scim2-models parses (its grammar gets ``not`` > ``and`` > ``or`` right, reference §7); this module
compiles its syntax tree into a predicate. Compiling resolves every attribute first, so an unknown
attribute is an error even when nothing would be compared.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from operator import ge, gt, le, lt
from typing import TYPE_CHECKING

from .errors import InvalidFilter, ScimError
from .resource_types import BINARY, BOOLEAN, DATETIME, Attribute, ResourceType
from .schema import parse_datetime

# scim2-models takes most of a second to import (pydantic models of every SCIM message): the
# functions import it when a filter or a path is read, so that serving starts without it.
if TYPE_CHECKING:
    from scim2_models.path.expressions import AttrPath, Comparison, FilterNode

Predicate = Callable[[dict], bool]
_ORDERING = {"gt": gt, "ge": ge, "lt": lt, "le": le}  # CompareOperator is a StrEnum: Op.gt finds "gt"


def parse_filter(text: str) -> FilterNode:
    """The syntax tree of a ``filter`` parameter; 400 ``invalidFilter`` when it does not parse."""
    from scim2_models import ScimFilter
    from scim2_models.exceptions import SCIMException

    try:
        return ScimFilter(text).ast
    except (SCIMException, ValueError) as exc:
        raise InvalidFilter(f"invalid filter {text!r}: {exc}")


def parse_path(text: str, error: type[ScimError]):
    """The syntax tree of an attribute path (``attributes=``, PATCH ``path``), or ``error``."""
    from scim2_models import Path
    from scim2_models.exceptions import SCIMException

    try:
        return Path(text).ast
    except (SCIMException, ValueError) as exc:
        raise error(f"invalid path {text!r}: {exc}")


class ResourceScope:
    """Resolves attribute paths against a resource type: its common, core and extension attributes."""

    def __init__(self, rtype: ResourceType):
        self.rtype = rtype

    def resolve(self, path: AttrPath, error: type[ScimError]) -> tuple[tuple[str, ...], Attribute]:
        """The stored keys leading to ``path``'s value, and the attribute it names."""
        keys, attributes = (), self.rtype
        if path.uri and path.uri.lower() != self.rtype.schema.id.lower():
            extension = self.rtype.extension(path.uri)
            if extension is None:
                raise error(f"unknown schema {path.uri}")
            keys, attributes = (extension.id,), extension
        attr = attributes.attribute(path.attr)
        if attr is None:
            raise error(f"unknown attribute {path.attr!r} on {self.rtype.name}")
        keys += (attr.name,)
        if path.sub_attr:
            sub = attr.sub(path.sub_attr) if attr.is_complex else None
            if sub is None:
                raise error(f"unknown sub-attribute {attr.name}.{path.sub_attr}")
            keys, attr = keys + (sub.name,), sub
        return keys, attr


class ElementScope:
    """Resolves the names inside a value filter (``emails[type eq "work"]``) against one element.

    The elements of a multi-valued simple attribute (``permissions``) are named ``value``.
    """

    def __init__(self, attr: Attribute):
        self.attr = attr

    def resolve(self, path: AttrPath, error: type[ScimError]) -> tuple[tuple[str, ...], Attribute]:
        if path.uri or path.sub_attr:
            raise error(f"{path} cannot appear inside {self.attr.name}[...]")
        if not self.attr.is_complex:
            if path.attr.lower() != "value":
                raise error(f"{self.attr.name} holds plain values: filter on 'value', not {path.attr!r}")
            return ("value",), replace(self.attr, name="value", multi_valued=False)
        sub = self.attr.sub(path.attr)
        if sub is None:
            raise error(f"unknown sub-attribute {self.attr.name}.{path.attr}")
        return (sub.name,), sub

    def elements(self, values: list) -> list[dict]:
        """The elements as dicts a compiled filter can read."""
        return [value if self.attr.is_complex else {"value": value} for value in values]


def compile_filter(node: FilterNode, scope, error: type[ScimError] = InvalidFilter) -> Predicate:
    """A predicate over resources (or elements) equivalent to ``node``; ``error`` for what it cannot compare."""
    from scim2_models.path.expressions import Comparison, LogicalExpr, LogicalOperator, Not, Present, ValuePath

    if isinstance(node, LogicalExpr):
        terms = [compile_filter(term, scope, error) for term in node.terms]
        if node.op == LogicalOperator.and_:
            return lambda item: all(term(item) for term in terms)
        return lambda item: any(term(item) for term in terms)
    if isinstance(node, Not):
        inner = compile_filter(node.expr, scope, error)
        return lambda item: not inner(item)
    if isinstance(node, ValuePath):
        keys, attr = scope.resolve(node.attr_path, error)
        if not attr.multi_valued:
            raise error(f"{attr.name} is not multi-valued: {attr.name}[...] selects nothing")
        elements = ElementScope(attr)
        inner = compile_filter(node.val_filter, elements, error)
        return lambda item: any(inner(element) for element in elements.elements(values_at(item, keys)))
    if isinstance(node, Present):
        keys, _ = scope.resolve(node.attr_path, error)
        return lambda item: any(value not in ("", [], {}) for value in values_at(item, keys))
    if isinstance(node, Comparison):
        return _compile_comparison(node, scope, error)
    raise error(f"unsupported filter expression {node}")


def _compile_comparison(node: Comparison, scope, error) -> Predicate:
    from scim2_models.path.expressions import CompareOperator as Op

    keys, attr = scope.resolve(node.attr_path, error)
    if attr.is_complex:
        # ``emails co "@example.com"`` compares each element's value (RFC 7644 §3.4.2.2).
        value_attr = attr.sub("value")
        if value_attr is None:
            raise error(f"{attr.name} is complex: compare one of its sub-attributes")
        keys, attr = keys + ("value",), value_attr
    op, expected = node.op, node.value
    if op in _ORDERING and attr.type in (BOOLEAN, BINARY):
        raise error(f"{op.value} cannot order {attr.type} attribute {attr.name}")
    if op in (Op.co, Op.sw, Op.ew) and not isinstance(expected, str):
        raise error(f"{op.value} needs a string to compare {attr.name} with")
    if expected is None:
        if op not in (Op.eq, Op.ne):
            raise error(f"{op.value} cannot compare with null")
        # null means unassigned (RFC 7643 §2.5): "eq null" is "not present".
        return lambda item: (not values_at(item, keys)) == (op == Op.eq)
    compare = _comparator(op, attr, expected, error)
    matches = _top_level_match(keys[0], compare) if len(keys) == 1 else (
        lambda item: any(compare(value) for value in values_at(item, keys)))
    if op == Op.ne:
        return lambda item: not matches(item)
    return matches


def _top_level_match(key, compare) -> Predicate:
    """``any(compare(v) for v in values_at(item, (key,)))`` without building the list: a filter on a
    top-level attribute (``userName eq ...``) runs once per stored resource."""
    def matches(item):
        value = item.get(key)
        if isinstance(value, list):
            return any(compare(element) for element in value if element is not None)
        return value is not None and compare(value)
    return matches


def _comparator(op, attr: Attribute, expected, error) -> Callable[[object], bool]:
    """A test of one stored value against ``expected``; values of another JSON type never match."""
    from scim2_models.path.expressions import CompareOperator as Op

    if isinstance(expected, bool):
        if op not in (Op.eq, Op.ne):
            raise error(f"{op.value} cannot compare booleans")
        return lambda value: value is expected
    if isinstance(expected, (int, float)):
        ordering = _ORDERING.get(op)
        return lambda value: _is_number(value) and (ordering(value, expected) if ordering else value == expected)
    if attr.type == DATETIME and op not in (Op.co, Op.sw, Op.ew):
        try:
            moment = parse_datetime(expected)
        except ValueError:
            raise error(f"{attr.name} is a dateTime: {expected!r} is not one")
        ordering = _ORDERING.get(op, lambda a, b: a == b)
        return lambda value: isinstance(value, str) and _ordered(ordering, value, moment)
    fold = (lambda text: text) if attr.case_exact else str.casefold
    wanted = fold(expected)
    tests = {
        Op.eq: lambda text: text == wanted, Op.ne: lambda text: text == wanted,
        Op.co: lambda text: wanted in text, Op.sw: lambda text: text.startswith(wanted),
        Op.ew: lambda text: text.endswith(wanted),
        **{name: (lambda ordering: lambda text: ordering(text, wanted))(ordering)
           for name, ordering in _ORDERING.items()},
    }
    if op == Op.eq:  # the common case, one call per value
        if attr.case_exact:
            return lambda value: value == wanted and isinstance(value, str)
        return lambda value: isinstance(value, str) and value.casefold() == wanted
    test = tests[op]
    return lambda value: isinstance(value, str) and test(fold(value))


def _ordered(ordering, value: str, moment) -> bool:
    try:
        return ordering(parse_datetime(value), moment)
    except ValueError:
        return False


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def values_at(item: dict, keys: tuple[str, ...]) -> list:
    """Every non-null value under ``keys``, flattening multi-valued attributes on the way."""
    current = [item]
    for key in keys:
        found = []
        for value in current:
            child = value.get(key) if isinstance(value, dict) else None
            if isinstance(child, list):
                found.extend(child)
            elif child is not None:
                found.append(child)
        current = found
    return current
