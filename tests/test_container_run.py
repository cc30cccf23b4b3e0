"""The image, built from the real Dockerfile and run on a real Docker engine
(test_container.py checks the container files without one).

    make container-test

starts an engine (tests/container/prepare.sh) and runs these tests; without a
reachable engine (DOCKER_HOST unset or not answering) they are skipped, so a
plain `make test` needs no Docker.

The engine may have no bridge network: the image is built and run with
`--network=host`, and the service binds a free port on 127.0.0.1.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests
import yaml

from conftest import ROOT, executable, free_port
from service.config import Config

pytestmark = pytest.mark.container

TAG = "quotes-service:ctest"
SEED = ROOT.parent / "shared" / "dev" / "seed" / "texts" / "seed_ru_kz.txt"
DEPLOYMENT = ROOT / "deploy" / "deployment.yaml"
MAX_IMAGE_MB = 600      # fail above this; the aim is under 450 MB
HEALTHY_TIMEOUT = 120   # the image's HEALTHCHECK probes every 30 s
GRACEFUL_TIMEOUT = Config().graceful_timeout


def docker(*args: str, timeout: float = 120, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(["docker", *args], capture_output=True, text=True,
                            timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        pytest.fail(f"docker {' '.join(args[:3])} ... exited {result.returncode}:\n"
                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def report(request, line: str) -> None:
    """A line in pytest's output even when output is captured."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.ensure_newline()
            reporter.write_line(f"[container] {line}")


def inspect(container: str) -> dict:
    return json.loads(docker("inspect", container).stdout)[0]


def logs(container: str) -> str:
    result = docker("logs", "--tail", "40", container, check=False)
    return result.stdout + result.stderr


def no_engine(reason: str) -> None:
    """Skip, unless the caller promised an engine (make container-test does)."""
    if os.environ.get("QUOTES_REQUIRE_DOCKER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def engine():
    if shutil.which("docker") is None:
        no_engine("no docker command on this machine (make container-test installs one)")
    host = os.environ.get("DOCKER_HOST")
    if not host and not Path("/var/run/docker.sock").exists():
        no_engine("no Docker engine: DOCKER_HOST is unset and /var/run/docker.sock is absent "
                  "(make container-test starts one)")
    try:
        result = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"],
                                capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        no_engine(f"the Docker engine at {host or 'the default socket'} does not answer")
    if result.returncode != 0:
        no_engine(f"no Docker engine reachable at {host or 'the default socket'}: "
                  f"{result.stderr.strip()[:300]}")
    return result.stdout.strip()


@pytest.fixture(scope="module")
def image(engine, request):
    """The image built from the unchanged Dockerfile with the classic builder."""
    started = time.monotonic()
    result = subprocess.run(
        ["docker", "build", "--network=host", "--tag", TAG, "--file", "Dockerfile", "."],
        cwd=ROOT, env={**os.environ, "DOCKER_BUILDKIT": "0"},
        capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        pytest.fail("docker build failed:\n" + result.stdout[-4000:] + result.stderr[-4000:])
    report(request, f"engine {engine}; built {TAG} in {time.monotonic() - started:.1f} s")
    return TAG


def wait_healthy(container: str, timeout: float = HEALTHY_TIMEOUT) -> dict:
    """Wait for Docker's own HEALTHCHECK verdict; fail on `unhealthy` or exit."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = inspect(container)["State"]
        if not state["Running"]:
            pytest.fail(f"the container exited with {state['ExitCode']}:\n{logs(container)}")
        status = (state.get("Health") or {}).get("Status")
        if status == "healthy":
            return state
        if status == "unhealthy":
            pytest.fail(f"the container is unhealthy: {state['Health']['Log'][-1:]}\n{logs(container)}")
        time.sleep(1)
    pytest.fail(f"not healthy within {timeout} s:\n{logs(container)}")


def run_container(image: str, port: int, *extra: str) -> str:
    """The image on host networking, bound to 127.0.0.1:port, locked down as in compose."""
    return docker(
        "run", "--detach", "--network=host",
        "--env", "HOST=127.0.0.1", "--env", f"PORT={port}",
        "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
        "--security-opt", "no-new-privileges:true",
        "--name", f"quotes-ctest-{port}", *extra, image).stdout.strip()


def wait_ready(url: str, container: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/ready", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{url}/ready did not answer 200 within {timeout} s:\n{logs(container)}")


@pytest.fixture(scope="module")
def container(image, request):
    """One running container, healthy by Docker's HEALTHCHECK."""
    port = free_port()
    cid = run_container(image, port)
    try:
        started = time.monotonic()
        wait_healthy(cid)
        report(request, f"docker run: healthy after {time.monotonic() - started:.1f} s")
        yield {"id": cid, "url": f"http://127.0.0.1:{port}"}
    finally:
        docker("rm", "--force", cid, check=False)


def without_elapsed(result: dict) -> dict:
    result = json.loads(json.dumps(result))
    result.get("stats", {}).pop("elapsed_ms", None)
    result.pop("id", None)
    return result


def test_healthcheck_is_the_images_own(container):
    health = inspect(container["id"])["State"]["Health"]
    assert health["Status"] == "healthy"
    assert health["Log"] and all(entry["ExitCode"] == 0 for entry in health["Log"])
    assert requests.get(container["url"] + "/health", timeout=5).json() == {"status": "ok"}


def test_seed_article_gives_the_same_quotes_as_in_process(container, pipeline):
    if not SEED.exists():
        pytest.skip(f"the seed article is absent ({SEED})")
    text = SEED.read_text(encoding="utf-8")
    response = requests.post(container["url"] + "/v1/quotes", json={"text": text}, timeout=30)
    assert response.status_code == 200, response.text
    served = response.json()
    expected = pipeline.extract(text)
    assert served["quotes"], "the seed article has quotes"
    assert served["quotes"] == json.loads(json.dumps(expected["quotes"]))
    assert without_elapsed(served) == without_elapsed(expected)


def test_the_process_runs_as_a_non_root_user(container, image):
    assert inspect(image)["Config"]["User"].split(":")[0] not in ("", "0", "root")
    top = docker("top", container["id"], "-eo", "uid,pid,args").stdout.splitlines()[1:]
    assert top, "docker top lists the gunicorn processes"
    for line in top:
        uid = line.split()[0]
        assert uid != "0", line
    status = docker("exec", container["id"], "cat", "/proc/1/status").stdout
    uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
    assert "0" not in uids, status


def test_the_image_has_no_compilers_or_build_caches(image):
    script = r"""
        found=0
        for tool in gcc cc c++ g++ clang make ld; do
            if command -v "$tool" >/dev/null 2>&1; then echo "compiler: $tool"; found=1; fi
        done
        for dir in /root/.cache /nonexistent/.cache /tmp/pip-* /wheels /src; do
            if [ -e "$dir" ]; then echo "cache: $dir"; found=1; fi
        done
        for dir in $(find / -xdev -type d \( -name .cache -o -name pip-cache \) 2>/dev/null); do
            echo "cache: $dir"; found=1
        done
        if [ -e /opt/venv/bin/pip ]; then echo "pip left in the venv"; found=1; fi
        exit $found
    """
    result = docker("run", "--rm", "--network=none", "--entrypoint", "sh", image, "-c", script,
                    check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_size(image, request):
    size_mb = inspect(image)["Size"] / 1e6
    report(request, f"image size: {size_mb:.0f} MB (aim < 450, bound {MAX_IMAGE_MB})")
    assert size_mb < MAX_IMAGE_MB


def memory_request_mib() -> float:
    deployment = yaml.safe_load(DEPLOYMENT.read_text(encoding="utf-8"))
    (spec,) = deployment["spec"]["template"]["spec"]["containers"]
    value = spec["resources"]["requests"]["memory"]
    assert value.endswith("Mi"), value
    return float(value[:-2])


def container_memory_kib(container) -> tuple[int, int, int]:
    """(processes, sum of PSS, sum of RSS) of the container's processes, from /proc."""
    pids = [line.split()[0] for line in
            docker("top", container["id"], "-eo", "pid").stdout.splitlines()[1:]]
    pss_kib = rss_kib = 0
    try:
        for pid in pids:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:])
            pss_kib += int(fields["Pss"].split()[0])
            rss_kib += int(fields["Rss"].split()[0])
    except OSError:
        pytest.skip("the engine's processes are not visible from here (remote engine)")
    return len(pids), pss_kib, rss_kib


def test_measured_memory_fits_the_deployment_request(container, request):
    """Sum of PSS over gunicorn's master and workers, after real requests."""
    if SEED.exists():
        for _ in range(5):
            requests.post(container["url"] + "/v1/quotes",
                          json={"text": SEED.read_text(encoding="utf-8")}, timeout=30)
    count, pss_kib, rss_kib = container_memory_kib(container)
    pss_mib, rss_mib = pss_kib / 1024, rss_kib / 1024
    report(request, f"memory: {count} processes, PSS {pss_mib:.0f} MiB, RSS {rss_mib:.0f} MiB")
    assert pss_mib < memory_request_mib()


def test_slow_clients_do_not_starve_the_container(container, request):
    """The attack of tests/test_slow_clients.py, against the container as shipped."""
    from slowattack import attack
    from test_slow_clients import SLACK, news_text
    defaults = Config()
    text = news_text()
    for _ in range(5):
        assert requests.post(container["url"] + "/v1/quotes", json={"text": text}, timeout=30).status_code == 200
    _, before, _ = container_memory_kib(container)
    result = attack(container["url"], text)
    _, after, _ = container_memory_kib(container)
    failed = result.failed_checks()
    report(request, f"slow clients: {len(result.checks)} checks, {len(failed)} failed; header drippers closed "
                    f"after {max(result.header_closed_after or [0]):.1f} s, body drippers after "
                    f"{max(result.body_closed_after or [0]):.1f} s; PSS {before / 1024:.0f} -> {after / 1024:.0f} MiB")
    assert len(result.checks) >= 50 and not failed, failed[:10]
    assert result.header_closed_after and max(result.header_closed_after) <= defaults.header_timeout + SLACK
    assert result.body_closed_after and \
        max(result.body_closed_after) <= defaults.header_timeout + defaults.body_timeout + SLACK
    assert after <= before * 1.2, (before, after)


def test_compose_up_waits_for_healthy_and_comes_down(image, tmp_path, request):
    """Our docker-compose.yml as written; only the image tag comes from this build."""
    port = free_port()
    project = f"quotes-ctest-{port}"
    override = tmp_path / "compose.test.yml"
    override.write_text(f"services:\n  quotes:\n    image: {image}\n", encoding="utf-8")
    compose = [executable("docker-compose"), "--project-name", project,
               "--project-directory", str(ROOT),
               "--file", str(ROOT / "docker-compose.yml"), "--file", str(override)]
    env = {**os.environ, "PORT": str(port)}
    started = time.monotonic()
    try:
        up = subprocess.run([*compose, "up", "--detach", "--wait", "--wait-timeout",
                             str(HEALTHY_TIMEOUT), "--no-build", "--pull", "never"],
                            cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=HEALTHY_TIMEOUT + 60)
        assert up.returncode == 0, up.stdout + up.stderr
        report(request, f"docker compose up --wait: healthy after {time.monotonic() - started:.1f} s")
        ps = subprocess.run([*compose, "ps", "--format", "json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
        rows = [json.loads(line) for line in ps.stdout.splitlines() if line.strip()]
        assert [row["Health"] for row in rows] == ["healthy"], ps.stdout
        assert requests.get(f"http://127.0.0.1:{port}/ready", timeout=5).status_code == 200
    finally:
        down = subprocess.run([*compose, "down", "--volumes", "--remove-orphans", "--timeout", "40"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert down.returncode == 0, down.stdout + down.stderr
    left = docker("ps", "--all", "--quiet", "--filter", f"label=com.docker.compose.project={project}")
    assert left.stdout.strip() == ""


def test_sigterm_lets_the_request_in_flight_finish_and_exits_0(image, request):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cid = run_container(image, port)
    try:
        wait_ready(url, cid)
        # a text at the length limit takes seconds: still in flight when SIGTERM comes
        seed = SEED.read_text(encoding="utf-8") if SEED.exists() else "Он сказал: «Привет». "
        text = (seed + "\n") * (Config().max_text_chars // (len(seed) + 1))
        answer: dict = {}

        def post():
            try:
                answer["status"] = requests.post(url + "/v1/quotes", json={"text": text},
                                                 timeout=120).status_code
            except requests.RequestException as error:
                answer["error"] = repr(error)

        client = threading.Thread(target=post)
        client.start()
        time.sleep(1.0)
        started = time.monotonic()
        # docker stop sends the image's stop signal (SIGTERM), then SIGKILL after -t
        docker("stop", "--time", str(GRACEFUL_TIMEOUT + 10), cid, timeout=GRACEFUL_TIMEOUT + 60)
        elapsed = time.monotonic() - started
        client.join(timeout=60)
        state = inspect(cid)["State"]
        report(request, f"docker stop: exited {state['ExitCode']} after {elapsed:.1f} s "
                        f"(graceful timeout {GRACEFUL_TIMEOUT} s)")
        assert inspect(image)["Config"].get("StopSignal") in (None, "", "SIGTERM")
        assert answer == {"status": 200}, answer
        assert state["ExitCode"] == 0 and not state["OOMKilled"], logs(cid)
        assert elapsed < GRACEFUL_TIMEOUT
        assert "Handling signal: term" in logs(cid)
    finally:
        docker("rm", "--force", cid, check=False)
