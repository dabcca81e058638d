"""Okta's ``filter`` and ``search`` expressions: ``attr op "value"`` joined by ``and``/``or``, with parentheses.

``compile_expression`` turns one into a predicate over a stored document, or raises 400 E0000031
naming what is wrong. Each list declares the properties and operators it accepts (reference §1.5).
"""
import re
from dataclasses import dataclass

from .errors import OktaError

_TOKEN = re.compile(r'\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)')
OPERATORS = frozenset({"eq", "ne", "gt", "ge", "lt", "le", "sw", "co", "pr"})


@dataclass(frozen=True)
class Grammar:
    """What one list's ``filter`` or ``search`` accepts.

    ``properties``: exact names; ``any_profile``: every ``profile.*`` attribute too;
    ``ignore_case``: values compare case-insensitively (users' ``search``).
    """

    properties: frozenset
    operators: frozenset = OPERATORS - {"ne"}
    any_profile: bool = False
    ignore_case: bool = False

    def allows(self, name):
        return name in self.properties or (self.any_profile and name.startswith("profile."))


def compile_expression(text: str, grammar: Grammar):
    """A predicate ``doc -> bool`` for ``text``; 400 E0000031 when it is not a valid expression."""
    tokens = _tokens(text)
    parser = _Parser(tokens, grammar)
    predicate = parser.disjunction()
    if parser.position != len(tokens):
        raise _invalid(f"unexpected {tokens[parser.position]!r}")
    return predicate


def _invalid(reason):
    return OktaError("E0000031", causes=[f"Invalid search criteria: {reason}"])


def _tokens(text):
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise _invalid(f"cannot read {text[position:position + 20]!r}")
        tokens.append(match.group(1))
        position = match.end()
    if not tokens:
        raise _invalid("the expression is empty")
    return tokens


class _Parser:
    def __init__(self, tokens, grammar):
        self.tokens = tokens
        self.grammar = grammar
        self.position = 0

    def _next(self, what):
        if self.position >= len(self.tokens):
            raise _invalid(f"{what} expected at the end")
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _peek_word(self):
        return self.tokens[self.position].lower() if self.position < len(self.tokens) else None

    def disjunction(self):
        parts = [self.conjunction()]
        while self._peek_word() == "or":
            self.position += 1
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else (lambda doc: any(p(doc) for p in parts))

    def conjunction(self):
        parts = [self.comparison()]
        while self._peek_word() == "and":
            self.position += 1
            parts.append(self.comparison())
        return parts[0] if len(parts) == 1 else (lambda doc: all(p(doc) for p in parts))

    def comparison(self):
        token = self._next("a property")
        if token == "(":
            inner = self.disjunction()
            if self._next("')'") != ")":
                raise _invalid("')' expected")
            return inner
        if not self.grammar.allows(token):
            raise _invalid(f"property {token!r} is not supported here")
        operator = self._next("an operator").lower()
        if operator not in OPERATORS or operator not in self.grammar.operators:
            raise _invalid(f"operator {operator!r} is not supported here")
        path = token.split(".")
        if operator == "pr":
            return lambda doc: _lookup(doc, path) is not None
        value = _literal(self._next("a value"))
        return _comparison(path, operator, value, self.grammar.ignore_case)


def _literal(token):
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    lowered = token.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    try:
        return int(token)
    except ValueError:
        pass
    try:
        return float(token)
    except ValueError:
        raise _invalid(f"{token!r} is not a value: quote strings") from None


def _lookup(doc, path):
    for part in path:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _comparison(path, operator, expected, ignore_case):
    def fold(value):
        return value.lower() if ignore_case and isinstance(value, str) else value

    expected = fold(expected)

    def test(doc):
        actual = _lookup(doc, path)
        values = actual if isinstance(actual, list) else [actual]
        return any(_compare(fold(value), operator, expected) for value in values)

    return test


def _compare(actual, operator, expected):
    if operator == "eq":
        return actual == expected
    if operator == "ne":
        return actual != expected
    if actual is None or type(actual) is not type(expected) and not _numbers(actual, expected):
        return False
    if operator == "sw":
        return isinstance(actual, str) and actual.startswith(expected)
    if operator == "co":
        return isinstance(actual, str) and expected in actual
    return {"gt": actual > expected, "ge": actual >= expected,
            "lt": actual < expected, "le": actual <= expected}[operator]


def _numbers(*values):
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
