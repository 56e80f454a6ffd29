"""The workbench: its pages through the ASGI test client (forms, uploads, escaping, the
Content-Security-Policy), then driven in a real headless Chromium through Selenium and Debian's
chromium-driver against a server started on 127.0.0.1 (fill the park form and read the total;
upload a draft with a band gap and see the diagnostic at its line; the impact charts drawn)."""
from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402

import parkscore  # noqa: E402
from parkscore.serve.app import create_app  # noqa: E402

from .test_documents import _png_stats  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRAFT = sorted((ROOT / "standards" / "cpcif-green-park" / "2021-draft").glob("*.pks"))
TABLE = ROOT / "examples" / "tables" / "synthetic-25.csv"
GAP = ("score chem_revenue >= 500 -> 2", "score chem_revenue >= 600 -> 2")  # 2-rebalance.pks line 9: a gap [500, 600)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _verdict(html: str) -> str:
    m = re.search(r'id="verdict"[^>]*>([^<]*)', html)
    assert m is not None
    return m.group(1)


def test_the_park_form_scores_as_the_api_and_escapes_what_the_user_wrote(client: TestClient) -> None:
    form = client.get("/park?standard=cpcif-green-park@2020")
    assert form.status_code == 200 and "script-src" not in form.headers["content-security-policy"]
    assert "default-src 'none'" in form.headers["content-security-policy"] and 'name="chem_revenue"' in form.text and "亿元" in form.text
    fields = {"park": "<script>alert(1)</script>园区", "chem_revenue": "600 亿元", "water_supply": "complete", "lawful_setup": "true",
              "hightech_chem_enterprises": "30", "chem_enterprises": "60", "COD_emitted": "", "period": "2019"}
    r = client.post("/park?standard=cpcif-green-park@2020", data=fields)  # a bare number is in the unit the form shows (家)
    card = parkscore.score("cpcif-green-park@2020", {"chem_revenue": "600 亿元", "water_supply": "complete", "lawful_setup": True,
                                                     "hightech_chem_enterprises": "30 家", "chem_enterprises": "60 家"})
    assert card.indicator("hightech_share").status.value == "scored"
    assert _verdict(r.text) == f"NOT ELIGIBLE — total {parkscore.api.render.show(card.total, 4)} / 100"
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;园区" in r.text
    assert r.text.count("<svg") == 3  # the scorecard's charts
    bad = client.post("/park?standard=cpcif-green-park@2020", data={"park": "P", "chem_revenue": "lots"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html") and "chem_revenue" in bad.text


def test_a_draft_is_checked_diffed_and_tried_on_a_population(client: TestClient) -> None:
    files = [("rules", (p.name, p.read_bytes())) for p in DRAFT]
    r = client.post("/draft", files=[*files, ("parks", (TABLE.name, TABLE.read_bytes()))])
    assert r.status_code == 200 and 'id="diagnostics">no error' in r.text
    changes = parkscore.diff("cpcif-green-park@2020", "cpcif-green-park@2021-draft")
    assert r.text.count("<tr><td>") >= len(changes)
    rep = parkscore.api.impact("cpcif-green-park@2020", "cpcif-green-park@2021-draft", TABLE)
    assert f"eligible: {rep.old_eligible} under cpcif-green-park@2020 → {rep.new_eligible} under the draft" in r.text
    assert [m for m in re.findall(r'<figure class="chart" id="([a-z-]+)">', r.text)] == ["impact-totals", "impact-flips", "impact-indicators"]
    gap = [(n, (f, d.replace(GAP[0].encode(), GAP[1].encode()))) for n, (f, d) in files]
    r = client.post("/draft", files=gap)
    assert "2-rebalance.pks:9:3: error[E302]: no band of &#39;chem_revenue&#39; covers [500, 600)" in r.text
    pasted = client.post("/draft", data={"pasted": 'standard "t" version "1"\ncategory c "C" max 1\nindicator 1 x "X"\n  unit % max 1\n  score x >= 5 -> 1\n'})
    assert pasted.status_code == 200 and "pasted.pks:" in pasted.text and "E302" in pasted.text  # x < 5 has no band
    title = [(n, (f, d.replace("化工行业主营业务收入".encode(), b"<script>x</script>"))) for n, (f, d) in files]
    assert "<script>x</script>" not in client.post("/draft", files=title).text


def test_a_population_is_scored_with_its_charts_and_a_download(client: TestClient) -> None:
    r = client.post("/population", data={"standard": "cpcif-green-park@2020"}, files={"parks": (TABLE.name, TABLE.read_bytes())})
    rows = parkscore.score_table("cpcif-green-park@2020", TABLE)
    assert f"{sum(1 for x in rows if x['eligible'] is True)} eligible, 0 not scored" in r.text
    assert r.text.count("<svg") == 2 and 'download="scored.csv" href="data:text/csv;base64,' in r.text
    import base64
    import io

    from openpyxl import load_workbook

    xlsx = re.search(r'download="scored.xlsx" href="data:[^;]+;base64,([^"]+)"', r.text)
    assert xlsx is not None
    sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx.group(1))))["scored"]
    table = list(sheet.iter_rows(values_only=True))
    assert len(table) == 26 and "total" in table[0]
    assert [row[table[0].index("total")] for row in table[1:]] == [float(x["total"]) for x in rows]
    assert client.post("/population", data={"standard": "cpcif-green-park@2020"}).status_code == 422


# ---- in a real browser ----------------------------------------------------------------------

CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_driver = pytest.mark.skipif((CHROMEDRIVER is None or CHROMIUM is None) and not os.environ.get("CI"),
                                  reason="no Chromium and chromium-driver here (.ci/run installs them)")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pytest.importorskip("selenium")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMEDRIVER and CHROMIUM, "CI installs Debian's chromium and chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)  # the driver given: nothing is downloaded
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: Any, css: str) -> Any:
    """The element of the next page, once it has loaded (a click returns before the answer comes)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 60).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


@needs_driver
@pytest.mark.slow
def test_in_chromium_fill_the_park_form_and_read_the_total(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{server}/park?standard=cpcif-green-park@2020")
    browser.find_element(By.NAME, "park").send_keys("浏览器园区")
    browser.find_element(By.ID, "f-chem_revenue").send_keys("600 亿元")
    Select(browser.find_element(By.ID, "f-water_supply")).select_by_value("complete")
    browser.find_element(By.ID, "score").click()
    card = parkscore.score("cpcif-green-park@2020", {"chem_revenue": "600 亿元", "water_supply": "complete"})
    assert _wait(browser, "#verdict").text == f"NOT ELIGIBLE — total {parkscore.api.render.show(card.total, 4)} / 100"
    assert "浏览器园区" in browser.find_element(By.TAG_NAME, "h1").text


@needs_driver
@pytest.mark.slow
def test_in_chromium_a_draft_with_a_gap_and_the_impact_charts(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    for p in DRAFT:
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8").replace(GAP[0], GAP[1]), encoding="utf-8")
    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, "#draft-form input[name=rules]").send_keys("\n".join(str(tmp_path / p.name) for p in DRAFT))
    browser.find_element(By.CSS_SELECTOR, "#draft-form button").click()
    assert "2-rebalance.pks:9:3: error[E302]: no band of 'chem_revenue' covers [500, 600)" in _wait(browser, "#diagnostics").text
    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, "#draft-form input[name=rules]").send_keys("\n".join(str(p) for p in DRAFT))
    browser.find_element(By.CSS_SELECTOR, "#draft-form input[name=parks]").send_keys(str(TABLE))
    browser.find_element(By.CSS_SELECTOR, "#draft-form button").click()
    chart = _wait(browser, "#impact-totals svg")
    assert chart.size["width"] > 200 and chart.size["height"] > 150 and chart.is_displayed()
    assert "总分分布" in browser.find_element(By.ID, "impact-totals").text
    shot = tmp_path / "draft.png"
    browser.save_screenshot(str(shot))
    width, height, levels = _png_stats(shot)
    assert width > 0 and height > 0 and levels > 8


def test_an_edited_workbook_and_a_history_through_the_workbench(client: TestClient, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from parkscore.engine.documents.workbook import standard_xlsx

    book = tmp_path / "2020.xlsx"
    standard_xlsx(parkscore.api.render_standard("cpcif-green-park@2020"), book)
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    first = next(r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == "COD_intensity" and r[8].value == 3)
    ws[f"H{first}"] = 0.04  # the next band's lower bound follows (=H…)
    wb.save(book)
    r = client.post("/draft", data={"against": "cpcif-green-park@2020"}, files={"workbook": ("edited.xlsx", book.read_bytes())})
    assert r.status_code == 200 and "(-∞, 0.04] → 3; (0.04, 0.1] → 2" in r.text
    ws[f"F{first + 1}"] = 0.05  # the formula typed over: a gap, told at the cell edited
    wb.save(book)
    r = client.post("/draft", data={"against": "cpcif-green-park@2020"}, files={"workbook": ("edited.xlsx", book.read_bytes())})
    assert r.status_code == 422 and f"edited.xlsx:环境绩效!H{first}: error[E302]" in r.text and "/tmp" not in r.text
    history = ROOT / "examples" / "histories" / "green-park-roster-2020.yaml"
    r = client.post("/status", data={"on": "2021-06-01"}, files={"history": (history.name, history.read_bytes())})
    assert r.status_code == 200 and "上海化学工业区" in r.text and 'id="status"' in r.text
