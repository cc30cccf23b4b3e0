"""The README is a newcomer's page: the two commands first, every setting."""
import re

import pytest
from conftest import ROOT

from service.config import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_come_first():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make run", "make test"]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_in_the_settings_table(setting):
    table = README[README.index("## Settings"):]
    assert re.search(rf"^\| `{setting.env}` \|", table, re.M)


def test_curl_example_output_is_marked_and_is_json():
    import json
    match = re.search(r"<!-- EXAMPLE OUTPUT.*?-->\n```json\n(.*?)```\n<!-- END OF EXAMPLE OUTPUT -->",
                      README, re.S)
    assert match
    body = json.loads(match.group(1))
    assert set(body) >= {"id", "quotes", "speakers", "stats"}


def test_curl_example_output_is_the_engines_real_output(client):
    """The example answer is what the service gives for the example request today
    (only the server-side time differs)."""
    import json
    request = re.search(r"-d '(\{\"id\": \"demo-1\".*?\})'", README).group(1)
    shown = json.loads(re.search(r"<!-- EXAMPLE OUTPUT.*?-->\n```json\n(.*?)```", README, re.S).group(1))
    real = client.post("/v1/quotes", json=json.loads(request)).get_json()
    for body in (shown, real):
        body["stats"].pop("elapsed_ms")
    assert real == shown
