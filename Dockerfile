# The quotes service in a small, non-root image.
#
#   docker build -t quotes-service .
#   docker run --rm -p 127.0.0.1:8000:8000 quotes-service
#
# Settings are environment variables (see .env.example); HOST is 0.0.0.0 here
# so that a published port reaches the server.

ARG PYTHON_IMAGE=python:3.12-slim

# --- build: wheels for every runtime dependency, installed into a venv -------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src

# Dependencies first, from pyproject.toml alone, so that this layer is reused
# until the dependencies change. natasha is installed for the model files it ships;
# the service never imports it, so what only natasha's own code uses (pymorphy2 and
# its dictionaries, yargy, ipymarkup, natasha's dictionaries and morphology model)
# is removed again: about 20 MB.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && python -m venv /opt/venv \
    && /opt/venv/bin/pip wheel --wheel-dir /wheels -r requirements.txt \
    && /opt/venv/bin/pip install --no-index --find-links /wheels -r requirements.txt \
    && /opt/venv/bin/pip uninstall --yes pymorphy2 pymorphy2-dicts-ru yargy ipymarkup intervaltree docopt \
    && rm -rf /opt/venv/lib/python*/site-packages/natasha/data/dict \
              /opt/venv/lib/python*/site-packages/natasha/data/model/slovnet_morph_news_v1.tar \
    && /opt/venv/bin/pip uninstall --yes pip \
    && rm -rf /wheels

# --- runtime: the venv, the code, nothing else --------------------------------
FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8000

RUN groupadd --system --gid 10001 quotes \
    && useradd --system --uid 10001 --gid quotes --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin quotes

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY gunicorn.conf.py ./
COPY schemas ./schemas
COPY service ./service
# Compiled once here: the container may run with a read-only filesystem.
RUN python -m compileall -q /app

# numeric, so that Kubernetes can verify runAsNonRoot
USER 10001:10001
EXPOSE 8000

# Liveness without curl: the image's own Python asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '8000'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "service.app:create_app()"]
