"""Every setting of the service, read from the environment in one place.

Each setting has a typed default; a value that cannot be parsed stops the
service at start-up with a message naming the variable, rather than running
with a surprise. `.env.example` and the README list the same settings; the
table `SETTINGS` below is the single source both are checked against.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Callable, Mapping

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


class ConfigError(ValueError):
    """An environment variable holds a value the service cannot use."""


def _int(minimum: int, maximum: int | None = None) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f">= {minimum}" if maximum is None else f"in [{minimum}, {maximum}]"
            raise ConfigError(f"{name} must be {bounds}, got {value}")
        return value
    return parse


def _str(name: str, raw: str) -> str:
    value = raw.strip()
    if not value:
        raise ConfigError(f"{name} must not be empty")
    return value


def _optional_str(name: str, raw: str) -> str | None:
    return raw.strip() or None


def _log_level(name: str, raw: str) -> str:
    value = raw.strip().lower()
    if value not in LOG_LEVELS:
        raise ConfigError(f"{name} must be one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    return value


def _csv(name: str, raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _origins(name: str, raw: str) -> tuple[str, ...]:
    origins = _csv(name, raw)
    for origin in origins:
        if origin != "*" and not (origin.startswith("http://") or origin.startswith("https://")):
            raise ConfigError(
                f"{name} holds origins like https://example.org (or *), got {origin!r}")
    return tuple(origin.rstrip("/") for origin in origins)


@dataclass(frozen=True)
class Setting:
    env: str
    attr: str
    parse: Callable[[str, str], object]
    help: str


# env variable -> Config attribute, parser, one line of documentation.
SETTINGS: tuple[Setting, ...] = (
    Setting("HOST", "host", _str, "Address gunicorn binds to (0.0.0.0 in the container)."),
    Setting("PORT", "port", _int(1, 65535), "Port gunicorn listens on."),
    Setting("WORKERS", "workers", _int(1, 64), "Number of gunicorn worker processes."),
    Setting("WORKER_TIMEOUT", "worker_timeout", _int(1),
            "Seconds a worker may stay unresponsive before gunicorn restarts it."),
    Setting("GRACEFUL_TIMEOUT", "graceful_timeout", _int(1),
            "Seconds in-flight requests get to finish after SIGTERM."),
    Setting("HEADER_TIMEOUT", "header_timeout", _int(1, 3600),
            "Seconds a client has to send a request's line and headers (from connecting, or "
            "from the last response on a kept-alive connection); slower clients are disconnected."),
    Setting("BODY_TIMEOUT", "body_timeout", _int(1, 3600),
            "Seconds a client has to send a request's body once its headers are in; slower "
            "gets 408 request_timeout."),
    Setting("WORKER_CONNECTIONS", "worker_connections", _int(1, 100_000),
            "Most connections one worker holds at once (idle, slow or being answered)."),
    Setting("LOG_LEVEL", "log_level", _log_level,
            "debug, info, warning, error or critical."),
    Setting("QUOTES_MAX_TEXT_CHARS", "max_text_chars", _int(1),
            "Longest accepted text, in characters (code points); longer gives 413 text_too_long."),
    Setting("QUOTES_MAX_BATCH", "max_batch", _int(1),
            "Most documents in one batch request; more gives 413 batch_too_large."),
    Setting("QUOTES_MAX_BODY_BYTES", "max_body_bytes", _int(1),
            "Largest request body in bytes; larger gives 413 body_too_large."),
    Setting("QUOTES_MAX_JSON_DEPTH", "max_json_depth", _int(1, 1000),
            "Deepest JSON nesting accepted in a request body; deeper gives 400 json_too_deep."),
    Setting("QUOTES_API_KEYS", "api_keys", _csv,
            "Comma-separated API keys; when set, every endpoint but /health and /ready "
            "needs `Authorization: Bearer KEY`. Empty: no authentication."),
    Setting("QUOTES_CORS_ORIGINS", "cors_origins", _origins,
            "Comma-separated browser origins allowed by CORS (or *). Empty: CORS off."),
    Setting("PROMETHEUS_MULTIPROC_DIR", "metrics_dir", _optional_str,
            "Directory for the metrics of all gunicorn workers; emptied at start. "
            "Empty: a private temporary directory, removed at exit."),
)


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    worker_timeout: int = 60
    graceful_timeout: int = 30
    header_timeout: int = 10
    body_timeout: int = 20
    worker_connections: int = 1000
    log_level: str = "info"
    max_text_chars: int = 1_000_000
    max_batch: int = 100
    max_body_bytes: int = 10 * 1024 * 1024
    max_json_depth: int = 20
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    cors_origins: tuple[str, ...] = ()
    metrics_dir: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Config":
        """Read every setting from `environ` (default: os.environ)."""
        environ = os.environ if environ is None else environ
        values = {}
        for setting in SETTINGS:
            raw = environ.get(setting.env)
            if raw is not None and raw.strip():  # unset or empty: the default
                values[setting.attr] = setting.parse(setting.env, raw)
        return cls(**values)

    @classmethod
    def resolve(cls, config: "Config | Mapping[str, object] | None") -> "Config":
        """What create_app accepts: a Config, overrides of it, or None for the environment."""
        if config is None:
            return cls.from_env()
        if isinstance(config, cls):
            return config
        unknown = set(config) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
        values = dict(config)
        for key in ("api_keys", "cors_origins"):
            if isinstance(values.get(key), (list, set)):
                values[key] = tuple(values[key])
        return dataclasses.replace(cls.from_env(), **values)

    @property
    def bind(self) -> str:
        """gunicorn's bind string; IPv6 addresses get their brackets."""
        host = self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"{host}:{self.port}"
