"""What the app builds once and its views share: settings, the loaded
pipeline behind its Extractor, metrics, and the OpenAPI document."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

from service.config import Config
from service.extraction import Extractor
from service.metrics import Metrics


@dataclass
class State:
    config: Config
    extractor: Extractor
    metrics: Metrics
    openapi: dict = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.extractor.pipeline is not None


def state() -> State:
    return current_app.extensions["quotes"]
