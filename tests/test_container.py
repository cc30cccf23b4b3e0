"""The container files, checked without a Docker engine: the image runs the
command the tests start, copies files that exist, probes health in a way
that works, and docker-compose.yml is valid Compose."""
from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
import sys
import tomllib

import pytest
import yaml
from conftest import GUNICORN_ARGV, ROOT, executable, free_port

from service.config import SETTINGS


def instructions(path=ROOT / "Dockerfile") -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    out, pending = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        name, _, args = full.partition(" ")
        out.append((name.upper(), args.strip()))
    return out


def runtime_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (name, _) in enumerate(steps) if name == "FROM")
    return steps[last_from:]


def healthcheck_command() -> list[str]:
    [args] = [args for name, args in runtime_stage() if name == "HEALTHCHECK"]
    exec_form = args[args.index("CMD ") + 4:].strip()
    return json.loads(exec_form)


def test_cmd_is_the_command_the_tests_start():
    [cmd] = [args for name, args in runtime_stage() if name == "CMD"]
    assert json.loads(cmd) == GUNICORN_ARGV


def test_make_run_starts_the_same_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n\t(.+)$", makefile, re.M).group(1)
    argv = shlex.split(recipe)
    assert argv[0] == "$(BIN)/gunicorn" and argv[1:] == GUNICORN_ARGV[1:]


def _ignored(relative: str, patterns: list[str]) -> bool:
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = relative.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if any(fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, pattern.removeprefix("**/"))
               or fnmatch.fnmatch(parts[i - 1], pattern.removeprefix("**/"))
               for i, p in enumerate(prefixes, 1)):
            ignored = not negate
    return ignored


def test_every_copied_file_exists_and_is_not_ignored():
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    copies = [args for name, args in instructions() if name in ("COPY", "ADD")]
    assert copies
    checked = 0
    for args in copies:
        if args.startswith("--from="):
            continue
        *sources, _destination = shlex.split(args)
        for source in sources:
            assert not source.startswith("--"), f"unexpected COPY flag {source}"
            assert (ROOT / source).exists(), f"COPY {source}: no such file"
            assert not _ignored(source, patterns), f"COPY {source} is excluded by .dockerignore"
            checked += 1
    assert checked >= 4
    # and what the image needs at run time is among them
    copied = {s for args in copies for s in shlex.split(args)[:-1]}
    assert {"gunicorn.conf.py", "service", "schemas", "pyproject.toml"} <= copied


def test_dockerfile_builds_without_buildkit_from_a_slim_base_as_non_root():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--mount" not in text and "# syntax=" not in text and "<<" not in text
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.12-slim$", text, re.M)
    froms = [args for name, args in instructions() if name == "FROM"]
    assert len(froms) == 2 and all(f.startswith("${PYTHON_IMAGE}") for f in froms)
    [user] = [args for name, args in runtime_stage() if name == "USER"]
    assert user.split(":")[0] not in ("0", "root")
    stage = " ".join(args for _, args in runtime_stage())
    assert "apt-get" not in stage and "curl" not in stage


def test_dependency_layer_comes_before_the_code():
    steps = instructions()
    first_code = min(i for i, (name, args) in enumerate(steps)
                     if name == "COPY" and "service" in args.split())
    install = min(i for i, (name, args) in enumerate(steps)
                  if name == "RUN" and "pip install" in args)
    assert install < first_code


def test_requirements_step_lists_the_runtime_dependencies():
    [run] = [args for name, args in instructions() if name == "RUN" and "tomllib" in args]
    argv = shlex.split(run.split(" > requirements.txt")[0])
    assert argv[:2] == ["python", "-c"]
    done = subprocess.run([sys.executable, "-c", argv[2]], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    with open(ROOT / "pyproject.toml", "rb") as handle:
        wanted = tomllib.load(handle)["project"]["dependencies"]
    assert done.stdout.split() == [d.replace(" ", "") for d in wanted]


def test_healthcheck_probe_works_against_the_running_server(server):
    argv = healthcheck_command()
    assert argv[0] == "python" and "curl" not in " ".join(argv)
    env = {"PORT": str(server.port), "PATH": "/usr/bin:/bin"}
    up = subprocess.run([sys.executable, *argv[1:]], env=env, capture_output=True, timeout=30)
    assert up.returncode == 0, up.stderr
    down = subprocess.run([sys.executable, *argv[1:]], env={**env, "PORT": str(free_port())},
                          capture_output=True, timeout=30)
    assert down.returncode != 0


def test_server_runs_without_a_home_directory(server):
    # gunicorn >= 25.1 would create $HOME/.gunicorn for its control socket.
    assert not server.home.exists()


def compose(*args):
    return subprocess.run([executable("docker-compose"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)})


def test_compose_file_is_valid_against_the_compose_specification():
    done = compose("config", "--quiet")
    assert done.returncode == 0, done.stderr


def test_compose_validation_catches_a_broken_file(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text((ROOT / "docker-compose.yml").read_text().replace(
        "restart: unless-stopped", "restart: unless-stopped\n    restart_policy_typo: 1"))
    done = compose("--file", str(broken), "--project-directory", str(ROOT), "config", "--quiet")
    assert done.returncode != 0 and "restart_policy_typo" in done.stderr


def test_compose_service_has_healthcheck_port_env_file_and_restart():
    raw = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    [service] = raw["services"].values()
    assert service["env_file"] == [{"path": ".env", "required": False}]
    assert service["restart"] == "unless-stopped"
    assert service["healthcheck"]["test"] == ["CMD", *healthcheck_command()]
    done = compose("config", "--format", "json")
    assert done.returncode == 0, done.stderr
    [resolved] = json.loads(done.stdout)["services"].values()
    [port] = resolved["ports"]
    assert port["target"] == 8000 and port["host_ip"] == "127.0.0.1"
    assert resolved["environment"]["PORT"] == "8000"
    assert resolved["build"]["context"] == str(ROOT)


def test_env_example_documents_every_setting():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^([A-Z_]+)=", text, re.M))
    assert names == {setting.env for setting in SETTINGS}


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_env_example_defaults_are_the_real_defaults(setting):
    from service.config import Config
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    value = re.search(rf"^{setting.env}=(.*)$", text, re.M).group(1)
    default = getattr(Config(), setting.attr)
    expected = default if default not in ((), None) else None
    parsed = setting.parse(setting.env, value) if value.strip() else None
    assert parsed == expected
