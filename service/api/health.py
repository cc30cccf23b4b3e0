"""Operations: liveness, readiness, metrics."""
from flask import Blueprint, Response

from schemas import HealthSchema
from service.errors import ApiError
from service.openapi import operation
from service.state import state

bp = Blueprint("ops", __name__)


@bp.get("/health")
@operation(summary="Liveness: the process answers", tags=["operations"], public=True,
           description="Does not touch the extraction pipeline.",
           responses={200: ("The process is up.", HealthSchema)})
def health():
    return HealthSchema().dump({"status": "ok"})


@bp.get("/ready")
@operation(summary="Readiness: the pipeline is loaded", tags=["operations"], public=True,
           errors=(503,), responses={200: ("Ready to extract.", HealthSchema)})
def ready():
    if not state().ready:
        raise ApiError(503, "not_ready", "The extraction pipeline is not loaded yet.",
                       headers={"Retry-After": "1"})
    return HealthSchema().dump({"status": "ok"})


@bp.get("/metrics")
@operation(summary="Prometheus metrics", tags=["operations"],
           responses={200: ("Prometheus text format.", {"type": "string"}, "text/plain")})
def metrics():
    current = state().metrics
    return Response(current.render(), content_type=current.content_type)
