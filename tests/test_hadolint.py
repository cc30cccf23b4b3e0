"""The Dockerfile passes hadolint at warning level (no Docker engine needed)."""
from __future__ import annotations

import subprocess

from conftest import ROOT, executable


def test_hadolint_is_clean_at_warning_level():
    result = subprocess.run(
        [executable("hadolint"), "--failure-threshold", "warning", str(ROOT / "Dockerfile")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
