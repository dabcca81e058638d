"""The reserved admin API under /__jcmock__/ (no api key): health, reset, state, fixtures."""
from flask import Blueprint, current_app

from .api.context import render

bp = Blueprint("admin", __name__, url_prefix="/__jcmock__")


def _backend():
    return current_app.extensions["jcmock"]


@bp.get("/health")
def health():
    return render({"status": "ok", "mode": current_app.config.get("JCMOCK_MODE", "mock")})


@bp.post("/reset")
def reset():
    _backend().reset()
    return render({"status": "reset", "organizations": _backend().fixtures.organization_ids})


@bp.get("/state")
def state():
    return render(_backend().store.dump())


@bp.get("/fixtures")
def fixtures():
    return render(_backend().fixtures.manifest())
