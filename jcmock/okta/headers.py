"""Headers Okta sends on every answer: ``X-Okta-Request-Id``, ``Date`` and ``X-Rate-Limit-*`` (reference §1.6).

The mock never limits, so every window reports a full allowance that resets at the next minute,
except on a 429 (an injected fault), whose ``Remaining`` is 0 so SDKs back off until ``Reset``.
"""
import time

from werkzeug.http import http_date

from .ids import request_id

RATE_LIMIT = 600


def decorate(response):
    """The Service's ``decorate``: one of each header, so the Node SDK's retry logic accepts them."""
    reset = (int(time.time()) // 60 + 1) * 60
    response.headers["X-Okta-Request-Id"] = request_id()
    response.headers["X-Rate-Limit-Limit"] = str(RATE_LIMIT)
    response.headers["X-Rate-Limit-Remaining"] = "0" if response.status_code == 429 else str(RATE_LIMIT - 1)
    response.headers["X-Rate-Limit-Reset"] = str(reset)
    if "Date" not in response.headers:  # servers add it; the SDKs need it to compute a 429's wait
        response.headers["Date"] = http_date()
    return response
