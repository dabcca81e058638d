"""Bodies of /api/v2/iplists, and what one IP list entry may be."""
import ipaddress

from marshmallow import ValidationError, fields

from ...core.fields import StrictSchema


def _ip_error(entry, reason="is not an IP address, CIDR block or range"):
    return ValidationError(f"{entry!r} {reason}.")



def validate_ip_entry(entry):
    """Accept one IP list entry: an IPv4/IPv6 address, a CIDR block or an ``a - b`` range.

    Spaces around the dash of a range are optional; both ends must be addresses of the
    same family, start no greater than end. The error message quotes the entry.
    """
    if "/" in entry:
        try:
            # JumpCloud's own sample sends "123.225.10.0/32"; host bits are tolerated.
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise _ip_error(entry) from None
        return entry
    if "-" in entry:
        start_text, _, end_text = entry.partition("-")
        try:
            start = ipaddress.ip_address(start_text.strip())
            end = ipaddress.ip_address(end_text.strip())
        except ValueError:
            raise _ip_error(entry) from None
        if start.version != end.version:
            raise _ip_error(entry, "is not a valid range: both ends must be IPv4 or both IPv6")
        if start > end:
            raise _ip_error(entry, "is not a valid range: the start address is after the end address")
        return entry
    try:
        ipaddress.ip_address(entry)
    except ValueError:
        raise _ip_error(entry) from None
    return entry



def _ip_entries():
    return fields.List(
        fields.String(validate=validate_ip_entry),
        metadata={"description": "IPv4/IPv6 addresses, CIDR blocks or 'a - b' ranges."},
    )



class IPList(StrictSchema):
    """``IPList``."""

    id = fields.String()
    name = fields.String()
    description = fields.String()
    ips = _ip_entries()



class IPListPatch(StrictSchema):
    """Body of ``PATCH /iplists/{id}`` (``IPListRequest``)."""

    name = fields.String()
    description = fields.String()
    ips = _ip_entries()



class IPListCreate(IPListPatch):
    """Body of ``POST /iplists`` and ``PUT /iplists/{id}`` (full replace): ``name`` is required."""

    name = fields.String(required=True)
