"""deploy/: Kubernetes manifests, validated offline against the Kubernetes
schemas bundled with kubernetes-validate, and consistent with the image."""
from __future__ import annotations

import copy
import re

import kubernetes_validate
import pytest
import yaml
from conftest import ROOT

from service.config import Config

K8S_VERSION = "1.30.0"  # the oldest release these manifests support (preStop sleep)
MANIFESTS = sorted((ROOT / "deploy").glob("*.yaml"))


def documents() -> list[dict]:
    return [doc for path in MANIFESTS
            for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def by_kind() -> dict[str, dict]:
    docs = documents()
    kinds = {doc["kind"]: doc for doc in docs}
    assert len(kinds) == len(docs), "one resource of each kind"
    return kinds


def container() -> dict:
    (spec,) = by_kind()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return spec


def test_the_three_resources_are_there():
    assert set(by_kind()) == {"Deployment", "Service", "HorizontalPodAutoscaler"}


@pytest.mark.parametrize("version", [K8S_VERSION, kubernetes_validate.latest_version()])
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_is_valid_kubernetes(path, version):
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        kubernetes_validate.validate(doc, version, strict=True)


def test_validation_rejects_a_typo():
    broken = copy.deepcopy(by_kind()["Deployment"])
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSION, strict=True)


def test_probes_are_health_and_ready_on_the_served_port():
    spec = container()
    (port,) = spec["ports"]
    assert port["containerPort"] == 8000 == int(env(spec)["PORT"])
    assert spec["livenessProbe"]["httpGet"]["path"] == "/health"
    assert spec["readinessProbe"]["httpGet"]["path"] == "/ready"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.M)


def env(spec: dict) -> dict[str, str]:
    return {item["name"]: item["value"] for item in spec.get("env", [])}


def test_runs_as_the_images_non_root_user_on_a_read_only_filesystem():
    pod = by_kind()["Deployment"]["spec"]["template"]["spec"]
    user = re.search(r"^USER (\d+):(\d+)$", (ROOT / "Dockerfile").read_text(), re.M)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == int(user.group(1))
    security = container()["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert "/tmp" in {mount["mountPath"] for mount in container()["volumeMounts"]}


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


def test_resources_requested_and_limited():
    resources = container()["resources"]
    assert mebibytes(resources["requests"]["memory"]) <= mebibytes(resources["limits"]["memory"])
    # the HPA scales on CPU utilisation, which is relative to the request
    assert resources["requests"]["cpu"]
    workers = int(env(container())["WORKERS"])
    assert workers <= float(resources["limits"]["cpu"])


def test_shutdown_gives_in_flight_requests_their_graceful_timeout():
    pod = by_kind()["Deployment"]["spec"]["template"]["spec"]
    graceful = int(env(container()).get("GRACEFUL_TIMEOUT", Config().graceful_timeout))
    pre_stop = container()["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["terminationGracePeriodSeconds"] > pre_stop + graceful


def test_service_and_autoscaler_point_at_the_deployment():
    kinds = by_kind()
    deployment, service, hpa = kinds["Deployment"], kinds["Service"], kinds["HorizontalPodAutoscaler"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] in ("http", 8000)
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert 1 < hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
