"""The page to see who said what: `GET /` serves static/index.html, which
calls `POST /v1/quotes` from the browser (plain HTML, CSS and a script; no
CDN, no build step)."""
from flask import Blueprint, current_app

from service.openapi import operation

bp = Blueprint("page", __name__)


@bp.get("/")
@operation(summary="A page to see who said what in a text", tags=["documentation"], operation_id="page",
           responses={200: ("An HTML page.", {"type": "string"}, "text/html")})
def index():
    return current_app.send_static_file("index.html")
