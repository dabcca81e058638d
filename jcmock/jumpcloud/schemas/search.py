"""Body of POST /api/search/systemusers (jcapiv1 SearchApi, its Search model)."""

from marshmallow import ValidationError, fields, post_load, validate

from ...core.errors import BadRequest
from ...core.fields import StrictSchema
from ..query import text_search, v1_body_filter


class V1Filter(fields.Raw):
    """A search body's ``filter``: query expressions (a list, or ``{"and"|"or": [...]}``) or a v1 filter string."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}},
                                        {"type": "object"}], **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return v1_body_filter(value)
        except BadRequest as exc:
            raise ValidationError(exc.message) from None



class SearchTerms(fields.Raw):
    """``searchTerm``: a string, or a non-empty list of strings any of which may match; loads as a list."""

    def __init__(self, **kwargs):
        one_of = [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]
        kwargs["metadata"] = {"oneOf": one_of, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and value and all(isinstance(term, str) for term in value):
            return value
        raise ValidationError("Must be a string or a non-empty list of strings.")



class SearchFilter(StrictSchema):
    """``searchFilter``: a partial, case-insensitive match of ``searchTerm`` in any of ``fields``.

    It loads as a predicate."""

    searchTerm = SearchTerms(required=True)
    search_fields = fields.List(fields.String(validate=validate.Length(min=1)), required=True,
                                validate=validate.Length(min=1), data_key="fields")

    @post_load
    def _predicate(self, data, **kwargs):
        return text_search(data["searchTerm"], data["search_fields"])



class SystemUserSearch(StrictSchema):
    """Body of ``POST /api/search/systemusers``: a user must match ``filter`` and ``searchFilter``."""

    filter = V1Filter()
    searchFilter = fields.Nested(SearchFilter)
    projection = fields.String(data_key="fields", metadata={"description": "Space-separated fields to return."})
