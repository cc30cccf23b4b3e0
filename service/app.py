"""The WSGI application: `gunicorn "service.app:create_app()"` serves it."""
from __future__ import annotations

from typing import Mapping

from flask import Flask

from service import errors, middleware
from service.config import Config
from service.extraction import Extractor
from service.logs import configure_logging
from service.metrics import Metrics
from service.openapi import build_spec
from service.state import State


def create_app(config: Config | Mapping[str, object] | None = None, *, pipeline=None) -> Flask:
    """Build the app: settings (from the environment unless given), the
    extraction pipeline (loaded here, once per process; under gunicorn's
    preload_app, once for all workers), blueprints and error handlers.

    `config` is a Config, or a mapping of Config fields overriding the
    environment; `pipeline` is an already loaded pipeline to share."""
    config = Config.resolve(config)
    configure_logging(config.log_level)

    app = Flask(__name__)
    # Never debug: no interactive debugger, no tracebacks to clients, whatever
    # FLASK_DEBUG says. There is no setting to turn it on.
    app.config.update(DEBUG=False, TESTING=False, PROPAGATE_EXCEPTIONS=False,
                      MAX_CONTENT_LENGTH=config.max_body_bytes)
    app.debug = False
    app.json.sort_keys = False      # keep the contract's field order
    app.json.ensure_ascii = False   # Russian text as UTF-8, not \u escapes

    if pipeline is None:
        from service.nlp.pipeline import Pipeline
        pipeline = Pipeline.load()
    metrics = Metrics()
    app.extensions["quotes"] = State(
        config=config,
        extractor=Extractor(pipeline, config.max_text_chars, metrics),
        metrics=metrics,
    )

    errors.init_app(app)
    middleware.init_app(app, config, metrics)

    from service.api import docs, health, page, quotes
    app.register_blueprint(health.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(page.bp)

    app.extensions["quotes"].openapi = build_spec(app, config)
    return app
