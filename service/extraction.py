"""One document in, one result out: the limits, the pipeline call and the
metrics around it, shared by the HTTP views and the command line."""
from __future__ import annotations

import logging

import sys

from service.errors import ApiError

log = logging.getLogger("service.extraction")


class Extractor:
    """Wraps the loaded pipeline; build once, call per document."""

    def __init__(self, pipeline, max_text_chars: int | None = None, metrics=None):
        self.pipeline = pipeline
        self.max_text_chars = max_text_chars
        self.metrics = metrics

    def check(self, text: str) -> None:
        if self.max_text_chars is not None and len(text) > self.max_text_chars:
            raise ApiError(413, "text_too_long",
                           f"The text has {len(text)} characters; the limit is "
                           f"{self.max_text_chars}.",
                           {"max_chars": self.max_text_chars, "chars": len(text)})

    def extract(self, text: str, doc_id: str | None = None, debug: bool = False) -> dict:
        """The result for one document, shaped like the `POST /v1/quotes` response.
        Raises ApiError for a text over the limit."""
        try:
            self.check(text)
        except ApiError as error:
            if self.metrics:
                self.metrics.observe_document_error(error.code)
            raise
        # in a thread of its own under the gevent worker: the event loop answers others meanwhile
        result = offload(self._run, text, debug)
        response = {"id": doc_id}
        response.update(result)
        response["id"] = doc_id
        if self.metrics:
            self.metrics.observe_document(response)
        stats = response.get("stats", {})
        log.debug("extracted", extra={"doc_id": doc_id, "chars": stats.get("chars"),
                                     "quotes": stats.get("quotes"),
                                     "elapsed_ms": stats.get("elapsed_ms")})
        return response

    def _run(self, text: str, debug: bool) -> dict:
        return self.pipeline.extract(text, debug=True) if debug else self.pipeline.extract(text)


def offload(function, *args):
    """``function(*args)``, in gevent's thread pool when this process runs the gevent
    worker (its event loop stays free to answer others), else right here."""
    hub = _gevent_hub()
    if hub is None:
        return function(*args)
    return hub.threadpool.apply(function, args)


def _gevent_hub():
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None or not monkey.is_module_patched("socket"):
        return None
    import gevent
    return gevent.get_hub()
