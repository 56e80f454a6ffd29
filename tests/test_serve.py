"""`parkscore serve`: the JSON API through the ASGI test client (no server process needed)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

import parkscore  # noqa: E402
from parkscore.dsl.numbers import loads  # noqa: E402
from parkscore.serve.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PARK = yaml.safe_load((ROOT / "examples" / "parks" / "synthetic-complete.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(max_body=200_000))


def test_health_and_standards(client: TestClient) -> None:
    assert client.get("/v1/health").json()["status"] == "ok"
    refs = {s["ref"] for s in client.get("/v1/standards").json()["standards"]}
    assert {"cpcif-green-park@2020", "zero-carbon-park@2025", "cpcif-green-park-designation@2020-trial"} <= refs
    assert "/v1/score" in client.get("/openapi.json").json()["paths"]


def test_score_answers_exactly_what_the_command_line_prints(client: TestClient) -> None:
    r = client.post("/v1/score", params={"standard": "cpcif-green-park@2020"}, json=PARK)
    assert r.status_code == 200
    got = loads(r.text)
    assert got["total"] == Decimal(81) and got["eligible"] is True
    card = parkscore.score("cpcif-green-park@2020", PARK)
    want = loads(parkscore.api.render.dumps(parkscore.api.render.scorecard_json(card, None, {})))
    assert got == want
    traced = loads(client.post("/v1/score", params={"standard": "cpcif-green-park@2020", "explain": "true"}, json=PARK).text)
    assert traced["trace"] and traced["total"] == Decimal(81)


def test_bad_data_is_422_with_positioned_diagnostics_never_a_500(client: TestClient) -> None:
    r = client.post("/v1/score", json={"park": "x", "data": {"chem_revenue": "lots", "COD_emited": "1 t"}})
    assert r.status_code == 422
    body = r.json()
    assert {d["code"] for d in body["diagnostics"]} == {"D120", "D110"} and all("line" in d for d in body["diagnostics"])


def test_check_a_draft_given_in_memory(client: TestClient) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "standards" / "cpcif-green-park" / "2020").glob("*.pks"))}
    assert client.post("/v1/check", json={"files": files}).json()["diagnostics"] == []
    broken = dict(files)
    name = next(n for n, t in files.items() if "<= 0.05 -> 3" in t)
    broken[name] = files[name].replace("<= 0.05 -> 3", "<= 0.04 -> 3", 1)
    diags = client.post("/v1/check", json={"files": broken}).json()["diagnostics"]
    assert [d["code"] for d in diags] == ["E302"] and diags[0]["file"] == name and diags[0]["line"] > 0


def test_diff_and_compare(client: TestClient) -> None:
    d = client.get("/v1/diff", params={"from": "cpcif-green-park@2020", "to": "cpcif-green-park@2021-draft"}).json()
    assert d["schema"] == "parkscore.diff/1" and d["changes"]
    c = client.post("/v1/compare", json={"park": PARK, "standards": ["cpcif-green-park@2020", "cpcif-green-park@2021-draft"]})
    assert c.status_code == 200 and c.json()["schema"] == "parkscore.compare/1"


def test_standards_by_installed_ref_only_and_bodies_within_the_limit(client: TestClient) -> None:
    for ref in ("../../etc", "/etc/passwd", "standards/cpcif-green-park/2020"):
        r = client.post("/v1/score", params={"standard": ref}, json=PARK)
        assert r.status_code == 404 and r.json()["code"] == "E010"
    huge = json.dumps({"park": "x", "data": {"note": "x" * 300_000}})
    r = client.post("/v1/score", content=huge, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "S413"


def test_a_token_guards_everything_but_health() -> None:
    guarded = TestClient(create_app(token="s3cret"))
    assert guarded.get("/v1/health").status_code == 200
    assert guarded.get("/v1/standards").status_code == 401
    assert guarded.get("/v1/standards", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_the_standard_as_its_document_for_a_browser(client: TestClient) -> None:
    r = client.get("/v1/standards/cpcif-green-park@2020", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "绿色化工园区评价导则" in r.text
    assert client.get("/v1/standards/cpcif-green-park@2020/schema").json()["schema"] == "parkscore.schema/1"


def test_as_of_picks_the_version_in_force(client: TestClient) -> None:
    park = yaml.safe_load((ROOT / "examples" / "zero-carbon" / "synthetic-pass.yaml").read_text(encoding="utf-8"))
    r = client.post("/v1/score", params={"standard": "zero-carbon-park", "as_of": "2025-09-01"}, json=park)
    assert r.status_code == 200 and r.json()["standard"] == "zero-carbon-park@2025"
    assert client.post("/v1/score", params={"standard": "zero-carbon-park", "as_of": "2025-01-01"}, json=park).json()["code"] == "E016"


def test_impact_of_an_uploaded_table_and_status_of_a_history(client: TestClient) -> None:
    table = (ROOT / "examples" / "tables" / "synthetic-25.csv").read_bytes()
    r = client.post("/v1/impact", params={"old": "cpcif-green-park@2020", "new": "cpcif-green-park@2021-draft"}, content=table,
                    headers={"content-type": "text/csv"})
    assert r.status_code == 200 and r.json()["schema"] == "parkscore.impact/1" and r.json()["parks"] == 25
    assert client.post("/v1/impact", params={"old": "cpcif-green-park@2020", "new": "cpcif-green-park@2021-draft"}, content=b"x",
                       headers={"content-type": "text/plain"}).status_code == 415
    history = (ROOT / "examples" / "histories" / "green-park-roster-2020.yaml").read_bytes()
    s = client.post("/v1/status", params={"on": "2021-06-30"}, content=history)
    assert s.status_code == 200 and s.json()["schema"] == "parkscore.status/1" and len(s.json()["parks"]) == 20
    elsewhere = b"scheme: /etc/passwd\nparks: []\n"  # a scheme is named by installed ref only
    assert client.post("/v1/status", params={"on": "2021-06-30"}, content=elsewhere).status_code == 404


def test_the_decision_log_holds_records_that_verify_and_an_edited_line_does_not(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from parkscore.cli import main

    log = tmp_path / "decisions.jsonl"
    client = TestClient(create_app(decision_log=str(log)))
    first = client.post("/v1/score?standard=cpcif-green-park@2020", content=json.dumps(PARK))
    other = {**PARK, "park": "另一园区", "data": {**PARK["data"], "chem_revenue": "50 亿元"}}
    second = client.post("/v1/score?standard=cpcif-green-park@2020", content=json.dumps(other, ensure_ascii=False))
    assert first.status_code == second.status_code == 200
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and loads(lines[0])["scorecard"]["total"] == first.json()["total"]
    r = CliRunner().invoke(main, ["verify", str(log)])
    assert r.exit_code == 0 and r.output.count(": VERIFIED: same rules, data and tool") == 2, r.output
    rec = loads(lines[1])
    rec["park"]["content"]["data"]["chem_revenue"] = "600 亿元"  # the decision's figure edited after the fact
    log.write_text(lines[0] + "\n" + parkscore.api.render.dumps_line(rec) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["verify", str(log)])
    assert r.exit_code == 1 and ":1: " in r.output and ":2: 另一园区" in r.output and "NOT VERIFIED" in r.output
    assert "data:   changed" in r.output


def test_a_request_over_the_time_limit_gets_503() -> None:
    client = TestClient(create_app(time_limit=0.001))  # scoring a population takes longer than a millisecond
    table = (ROOT / "examples" / "tables" / "synthetic-25.csv").read_bytes()
    r = client.post("/v1/impact?old=cpcif-green-park@2020&new=cpcif-green-park@2021-draft", content=table, headers={"content-type": "text/csv"})
    assert r.status_code == 503 and r.json()["code"] == "S503"


@pytest.mark.parametrize(("path", "body", "ctype"), [
    ("/v1/score", "[" * 5000 + "]" * 5000, "application/json"),  # nesting deep enough to break a recursive reader
    ("/v1/score", '{"park": "x", "data": {"chem_revenue": 1e999999}}', "application/json"),  # a number no float holds
    ("/v1/score", b"\xff\xfe{\x00", "application/json"),  # not UTF-8
    ("/v1/score", '["a park is a mapping"]', "application/json"),
    ("/v1/check", '{"files": "not a mapping"}', "application/json"),
    ("/v1/status", "park: [unclosed", "application/yaml"),
    ("/v1/impact?old=cpcif-green-park@2020&new=cpcif-green-park@2021-draft", b"PK\x03\x04broken zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_hostile_bodies_get_a_4xx_with_a_reason_never_a_500(client: TestClient, path: str, body: str | bytes, ctype: str) -> None:
    """Issue 26, the service as a new surface: whatever a client sends, the answer is a 4xx whose JSON
    says what is wrong (a code and a message), and the service goes on answering."""
    r = client.post(path, content=body, headers={"content-type": ctype})
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    answer = r.json()
    assert answer.get("code") or answer.get("diagnostics") or answer.get("detail"), answer
    assert client.get("/v1/health").json()["status"] == "ok"


def test_a_draft_file_named_like_a_path_is_checked_in_memory_and_named_as_given(client: TestClient, tmp_path: Path) -> None:
    r = client.post("/v1/check", json={"files": {"../../x.pks": 'standard "x" version "1"\n'}})
    assert r.status_code == 200 and {d["file"] for d in r.json()["diagnostics"]} == {"../../x.pks"}
    assert not (ROOT.parent / "x.pks").exists() and not (Path.cwd().parent.parent / "x.pks").exists()


def test_an_upload_no_park_of_which_can_be_read_is_a_422_saying_why(client: TestClient) -> None:
    r = client.post("/v1/impact", params={"old": "cpcif-green-park@2020", "new": "cpcif-green-park@2021-draft"}, content=b"PK\x03\x04broken",
                    headers={"content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    assert r.status_code == 422 and r.json()["code"] == "D100" and "not a zip file" in r.json()["message"]
