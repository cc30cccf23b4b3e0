"""The OpenAPI document and a page to browse it (served from static/, no CDN)."""
from flask import Blueprint, current_app, jsonify

from service.openapi import operation
from service.state import state

bp = Blueprint("docs", __name__)


@bp.get("/openapi.json")
@operation(summary="This API's OpenAPI 3 document", tags=["documentation"],
           responses={200: ("The OpenAPI document.", {"type": "object"})})
def openapi():
    return jsonify(state().openapi)


@bp.get("/docs")
@operation(summary="A page to browse this API", tags=["documentation"],
           responses={200: ("An HTML page.", {"type": "string"}, "text/html")})
def docs():
    return current_app.send_static_file("docs.html")
