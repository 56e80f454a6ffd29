"""The workbench: server-rendered pages for people with a browser (no script, no CDN, no network),
each a client of ``parkscore.api`` like the JSON endpoints beside it:

* ``/``: the standards, versions side by side (``/diff``), a draft to review, a population to score;
* ``/park?standard=REF``: a form generated from the standard's schema (units shown, any convertible
  unit accepted); its answer is the scorecard report with every point's rule, the charts and the
  gap to the pass mark;
* ``/draft``: uploaded rule files (or an edited standard workbook, read back as an amendment)
  checked (diagnostics at their lines or cells), their semantic diff against the base they amend,
  and their impact on an uploaded population, with charts;
* ``/status``: a dated designation history read on a day;
* ``/population``: an uploaded table scored: the charts of the population and the scored table to
  download.

Every page carries a Content-Security-Policy that allows no script and no request elsewhere;
every string the user gave is escaped by Jinja2's autoescaping.
"""
from __future__ import annotations

import base64
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from parkscore import api
from parkscore.api import render

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("parkscore.serve", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = metadata.version("parkscore")
    return env


def page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


def _park_mapping(form: dict[str, str], units: dict[str, str]) -> dict[str, Any]:
    """The form as a park file's content: a field left empty is no data (never 0); a bare number
    is in the unit the form shows beside it (``units``: data key -> unit)."""
    data: dict[str, Any] = {k: v.strip() for k, v in form.items() if k not in ("park", "period") and v.strip()}
    for k, v in data.items():
        if v in ("true", "false"):
            data[k] = v == "true"
        elif k in units and re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", v):
            data[k] = f"{v} {units[k]}"
    out: dict[str, Any] = {"park": form.get("park", "").strip() or "(unnamed park)", "data": data}
    if form.get("period", "").strip():
        out["period"] = form["period"].strip()
    return out


def add_workbench(app: FastAPI, standard_of: Any) -> None:
    """The pages, on ``app``; ``standard_of(ref)``: an installed standard by reference (never a path)."""
    env = _env()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        entries = api.catalog()
        return page(env.get_template("index.html.j2").render(title="parkscore", standards=entries,
                                                             refs=[e.ref for e in entries if e.kind == "standard"]))

    @app.get("/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff(old: str = Query(..., alias="from"), new: str = Query(..., alias="to")) -> HTMLResponse:  # noqa: B008
        a, b = standard_of(old), standard_of(new)
        return page(render.diff_html(api.render_standard(a), api.render_standard(b), api.diff(a, b)))

    @app.get("/park", response_class=HTMLResponse, include_in_schema=False)
    def park_form(standard: str = Query("cpcif-green-park@2020")) -> HTMLResponse:  # noqa: B008
        schema = render.schema_json(standard_of(standard))
        return page(env.get_template("park.html.j2").render(title=f"score a park under {standard}", s=schema))

    @app.post("/park", response_class=HTMLResponse, include_in_schema=False)
    async def park_scored(request: Request, standard: str = Query("cpcif-green-park@2020")) -> HTMLResponse:  # noqa: B008
        async with request.form() as received:
            form = {k: str(v) for k, v in received.items()}
        cs = standard_of(standard)
        schema = render.schema_json(cs)
        units = {i["id"]: i["unit"] for i in schema["inputs"] + schema["indicators"] if i.get("unit")}

        def run() -> str:
            ex = api.explain(cs, api.park_from_mapping(_park_mapping(form, units), "<form>"))
            return render.scorecard_html(ex.card, cs, ex.events)

        return await _answer(run, "the park's figures")

    async def _answer(run: Callable[[], str], what: str, hide: str = "") -> HTMLResponse:
        """A page, or the diagnostics of what the user gave as a page (422), never JSON to a browser;
        ``hide``: the server's temporary folder, left out of the file names shown."""
        try:
            return page(await run_in_threadpool(run))
        except api.DiagnosticError as exc:
            text = render.render_all(list(exc.diagnostics), exc.sources)
            text = text.replace(hide, "") if hide else text
            return page(env.get_template("error.html.j2").render(title=f"{what}: {len(exc.diagnostics)} problem(s)", errors=text), 422)

    @app.post("/draft", response_class=HTMLResponse, include_in_schema=False)
    async def draft(request: Request) -> HTMLResponse:
        files: dict[str, str] = {}
        table_bytes, table_suffix, workbook, against, book_name = None, "", None, "", "edited.xlsx"
        async with request.form() as form:  # uploads are spooled to temporary files, closed here
            book = form.get("workbook")
            if isinstance(book, UploadFile) and book.filename:
                workbook, against, book_name = await book.read(), str(form.get("against") or ""), Path(book.filename).name
            pasted = str(form.get("pasted") or "").strip()
            if pasted:
                files["pasted.pks"] = pasted + "\n"
            for upload in form.getlist("rules"):
                if isinstance(upload, UploadFile) and upload.filename:
                    name = Path(upload.filename).name
                    if not name.endswith(".pks"):
                        raise api.option_error(f"{name} is not a rule file (.pks)", "upload the draft's .pks files", "S422")
                    files[name] = api.decode(await upload.read(), name)
            table = form.get("parks")
            if isinstance(table, UploadFile) and table.filename:
                table_bytes, table_suffix = await table.read(), Path(table.filename).suffix.lower()
        if table_bytes is not None and table_suffix not in api.TABLE_SUFFIXES:
            raise api.option_error(f"the population is a {table_suffix or 'file without a suffix'}", "upload a .csv, .xlsx or .parquet table", "S422")
        if workbook is not None:  # the workbook's edits read back as an amendment of the standard it was rendered from
            base = standard_of(against)
            tmp = Path(tempfile.mkdtemp())

            def from_book() -> str:
                path = tmp / book_name
                path.write_bytes(workbook)
                imported, _ = api.import_workbook(str(path), base)
                if not imported.text:
                    raise api.option_error(f"the workbook says what {base.ref} says: no edit", "edit bounds, points or wording", "S422")
                return _review({"edited.pks": imported.text}, table_bytes, table_suffix)

            try:  # errors name the cells of the file as the person uploaded it, not a temporary folder
                return await _answer(from_book, "the workbook", hide=f"{tmp}/")
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        if not files:
            raise api.option_error("no rule file uploaded", "choose the draft's .pks files", "S422")
        return await _answer(lambda: _review(files, table_bytes, table_suffix), "the draft")

    def _review(files: dict[str, str], table_bytes: bytes | None, suffix: str) -> str:
        loaded = api.check_sources(files, "uploaded draft")
        text = render.render_all(list(loaded.diagnostics), loaded.sources) if loaded.diagnostics else ""
        changes = impact = base = None
        charts: list[dict[str, Any]] = []
        if loaded.std is not None and not loaded.errors and loaded.std.header.amends:
            base = loaded.std.header.amends
            a, b = standard_of(base), api.compile_sources(files, "uploaded draft")
            changes = api.diff(a, b)
            if table_bytes is not None:
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / f"population{suffix}"
                    path.write_bytes(table_bytes)
                    impact = api.impact(a, b, str(path))
                charts = render.embedded_charts(render.impact_charts(impact, impact.pass_mark))
        return env.get_template("draft.html.j2").render(title="draft review", ref=loaded.std.header.family if loaded.std else "draft",
                                                        diagnostics=text, changes=changes, impact=impact, base=base, charts=charts)

    @app.post("/status", response_class=HTMLResponse, include_in_schema=False)
    async def status(request: Request) -> HTMLResponse:
        async with request.form() as form:
            history, on = form.get("history"), str(form.get("on") or "")
            body = await history.read() if isinstance(history, UploadFile) else b""
        def run() -> str:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "history.yaml"
                path.write_bytes(body)
                named = api.history_scheme(path)
                if named not in api.installed_schemes():  # an installed scheme only, never a path on this server
                    raise api.option_error(f"the history names no installed scheme ('{named}')", "name it: scheme: family@version", "E010")
                reports = api.status(named, str(path), on)
            summary = [render.status_summary(reports)] if len(reports) > 1 else []
            return env.get_template("status.html.j2").render(title=f"status on {on}", on=on, scheme=named,
                                                             text="\n\n".join(summary + [render.status_text(r) for r in reports]))

        return await _answer(run, "the history")

    @app.post("/population", response_class=HTMLResponse, include_in_schema=False)
    async def population(request: Request) -> HTMLResponse:
        async with request.form() as form:
            table, standard = form.get("parks"), str(form.get("standard") or "cpcif-green-park@2020")
            suffix = Path(table.filename or "").suffix.lower() if isinstance(table, UploadFile) else ""
            body = await table.read() if isinstance(table, UploadFile) else b""
        if not isinstance(table, UploadFile) or suffix not in api.TABLE_SUFFIXES:
            raise api.option_error("no table uploaded", "upload a .csv, .xlsx or .parquet table of parks", "S422")
        cs = standard_of(standard)

        def run() -> str:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"parks{suffix}"
                path.write_bytes(body)
                rows = api.score_table(cs, str(path))
            columns = list(dict.fromkeys(k for r in rows for k in r))  # text a spreadsheet would run as a formula is defused
            scored = "\n".join([render.csv_line(columns)] + [render.csv_line([r.get(c) for c in columns]) for r in rows]) + "\n"
            errors = "\n".join(f"{r.get('where')}: {r.get('errors')}" for r in rows if r.get("status") != "scored")
            return env.get_template("population.html.j2").render(
                title=f"population under {cs.ref}", rows=len(rows), standard=cs.ref, errors=errors,
                eligible=sum(1 for r in rows if r.get("eligible") is True), not_scored=sum(1 for r in rows if r.get("status") != "scored"),
                csv=base64.b64encode(scored.encode("utf-8")).decode("ascii"),
                xlsx=base64.b64encode(render.rows_xlsx(columns, rows)).decode("ascii"),
                charts=render.embedded_charts(render.population_charts(rows, cs.ref, cs.std.header.pass_mark)))

        return await _answer(run, "the table")
