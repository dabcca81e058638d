"""Body of ``/api/v1/zones`` (endpoint 24): one schema per zone ``type`` (IP, DYNAMIC, DYNAMIC_V2)."""
from marshmallow import fields

from .common import OktaSchema, OneOf, StrictBoolean, enum, obj, strings, text


class Address(OktaSchema):
    type = enum(("CIDR", "RANGE"), required=True)
    value = text(required=True, min_length=1)


class Location(OktaSchema):
    country = text(required=True, min_length=2, max_length=2)
    region = text(allow_none=True)


class Zone(OktaSchema):
    type = enum(("IP", "DYNAMIC", "DYNAMIC_V2"), required=True)
    name = text(required=True, min_length=1, max_length=128)
    usage = enum(("POLICY", "BLOCKLIST"), load_default="POLICY")


class IPZone(Zone):
    gateways = fields.List(fields.Nested(Address), allow_none=True, load_default=list)
    proxies = fields.List(fields.Nested(Address), allow_none=True, load_default=None)
    useAsExemptList = StrictBoolean()


class DynamicZone(Zone):
    asns = strings(allow_none=True)
    locations = fields.List(fields.Nested(Location), allow_none=True)
    proxyType = enum(("Any", "Tor", "NotTorAnonymizer"), allow_none=True, load_default=None)


class EnhancedDynamicZone(Zone):
    asns = obj(allow_none=True)
    locations = obj(allow_none=True)
    ipServiceCategories = obj(allow_none=True)


ZONE = OneOf("type", {"IP": IPZone(), "DYNAMIC": DynamicZone(), "DYNAMIC_V2": EnhancedDynamicZone()})
