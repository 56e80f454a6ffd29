"""The web API (``/v1``, described by ``/openapi.json``): standards, scoring, checking drafts
given in memory, comparing and diffing versions. Every error is JSON with a 4xx status: a
``DiagnosticError`` gives its diagnostics as ``parkscore check`` prints them.

Safety: standards are named by installed reference only (a request never names a path on the
server); rule text sent to ``/v1/check`` is parsed and checked, never executed; a body over
``max_body`` bytes is refused with 413 before it is read whole; with ``token``, every endpoint but
``/v1/health`` needs ``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import asyncio
import hmac
import tempfile
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from fastapi import Body, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from parkscore import api
from parkscore.api import render

MAX_BODY = 10 * 1024 * 1024
TIME_LIMIT = 60.0  # seconds


class _Refused(Exception):
    """A request answered with an error: HTTP status, code, message (and diagnostics)."""

    def __init__(self, status: int, code: str, message: str, diagnostics: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.diagnostics = status, code, message, diagnostics or []


def _json(obj: Any, status: int = 200) -> Response:
    """Exact decimals as JSON numbers, as the command line writes them (``parkscore.api.dumps``)."""
    return Response(render.dumps(obj), status_code=status, media_type="application/json")


def _body_json(body: bytes) -> dict[str, Any]:
    try:
        obj = api.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _Refused(422, "S422", f"the body is not JSON: {exc}") from None
    except RecursionError:
        raise _Refused(422, "S422", "the body is JSON nested deeper than any park file is") from None
    if not isinstance(obj, dict):
        raise _Refused(422, "S422", "the body is a JSON object: a park file's content (park, period, data, …)")
    return obj


def _standard(ref: str, as_of: str | None = None) -> api.CompiledStandard:
    """An installed standard by ``family@version`` (or a family and a day): never a path."""
    installed = api.installed_standards()
    if ref not in (installed if as_of is None else {r.partition("@")[0] for r in installed}):
        raise _Refused(404, "E010", f"no installed standard '{ref}'",
                       [{"code": "E010", "message": "standards are named by family@version (with as_of: by family)",
                         "hint": "GET /v1/standards lists them"}])
    return _loaded(ref if as_of is None else api.in_force(ref, as_of))


@lru_cache(maxsize=64)
def _loaded(ref: str) -> api.CompiledStandard:
    """An installed standard, loaded once per server process: its generated program then serves
    every request (installed rule files change only with an upgrade, which restarts the server)."""
    return api.load_standard(ref)


def create_app(max_body: int = MAX_BODY, token: str | None = None, decision_log: str | None = None,
               time_limit: float = TIME_LIMIT) -> FastAPI:
    """The application (an ASGI app: ``parkscore serve`` runs it with uvicorn). ``decision_log``:
    a file to which every scorecard served by ``/v1/score`` is appended as one JSON line, the audit
    record that ``parkscore verify`` recomputes; ``time_limit``: seconds a request may take (then
    503; a computation already running in a worker thread finishes unanswered)."""
    log_lock = threading.Lock()
    app = FastAPI(title="parkscore", description="Point-scored standards of chemical industrial parks: score, check, compare, diff.",
                  version=metadata.version("parkscore"))

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        if token is not None and request.url.path != "/v1/health":
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return _json({"code": "S401", "message": "a bearer token is required"}, 401)
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return _json({"code": "S413", "message": f"the body is over {max_body} bytes"}, 413)
        if length is None and request.method in ("POST", "PUT"):  # chunked: counted as it arrives, never read past the limit
            seen = 0
            chunks = []
            async for chunk in request.stream():
                seen += len(chunk)
                if seen > max_body:
                    return _json({"code": "S413", "message": f"the body is over {max_body} bytes"}, 413)
                chunks.append(chunk)
            request._body = b"".join(chunks)  # noqa: SLF001 - starlette reads the body from here once it is received
        try:
            return await asyncio.wait_for(call_next(request), time_limit)  # type: ignore[no-any-return]
        except TimeoutError:
            return _json({"code": "S503", "message": f"the request took over {time_limit:g} s; it was abandoned"}, 503)
        except _Refused as exc:
            return _json({"code": exc.code, "message": exc.message, "diagnostics": exc.diagnostics}, exc.status)
        except api.DiagnosticError as exc:
            diags = [d.to_json() for d in exc.diagnostics]
            first = exc.diagnostics[0] if exc.diagnostics else None
            status = 404 if first is not None and first.code == "E010" else 422
            return _json({"code": first.code if first else None, "message": first.message if first else str(exc),
                          "diagnostics": diags}, status)

    @app.get("/v1/health")
    def health() -> Response:
        return _json({"status": "ok", "standards": len(api.installed_standards())})

    @app.get("/v1/standards")
    def standards() -> Response:
        return _json({"standards": [{"ref": e.ref, "kind": e.kind, "title": e.title, "status": e.status,
                                     "illustrative": e.illustrative, "readings": e.readings} for e in api.catalog()]})

    @app.get("/v1/standards/{ref}")
    def standard(ref: str, request: Request) -> Response:
        cs = _standard(ref)
        if "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(render.standard_html(api.render_standard(cs)))
        return _json(render.schema_json(cs))

    @app.get("/v1/standards/{ref}/schema")
    def schema(ref: str) -> Response:
        return _json(render.schema_json(_standard(ref)))

    @app.post("/v1/score", openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "description": "a park file's content as JSON: park, period, data, …"}}}}})
    async def score(request: Request, standard: str = Query("cpcif-green-park@2020"), explain: bool = Query(False),  # noqa: B008
                    as_of: str | None = Query(None)) -> Response:  # noqa: B008
        park = _body_json(await request.body())  # numbers read as exact decimals, never through a binary float
        return await run_in_threadpool(_score, park, standard, explain, as_of)

    def _score(park: dict[str, Any], standard: str, explain: bool, as_of: str | None) -> Response:
        cs = _standard(standard, as_of)
        data = api.park_from_mapping(park, "<request>")
        if not explain and decision_log is None:
            return _json(render.scorecard_json(api.score(cs, data), None, data.context))
        ex = api.explain(cs, data)
        if decision_log is not None:
            line = render.dumps_line(api.decision_record(cs, park, ex))
            with log_lock, open(decision_log, "a", encoding="utf-8") as log:
                log.write(line + "\n")
        if not explain:
            return _json(render.scorecard_json(ex.card, None, data.context))
        return _json({**render.scorecard_json(ex.card, None, data.context), "trace": render.explain_json(render.group(ex.events))})

    @app.post("/v1/check")
    def check(body: dict[str, Any] = Body(..., description='{"files": {"name.pks": "text", …}}')) -> Response:  # noqa: B008
        files = body.get("files")
        if not isinstance(files, dict) or not files or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise _Refused(422, "S422", 'the body is {"files": {"name.pks": "text", …}}')
        loaded = api.check_sources(files)
        return _json(render.diagnostics_json([d.to_json() for d in loaded.diagnostics]))

    @app.get("/v1/diff")
    def diff(old: str = Query(..., alias="from"), new: str = Query(..., alias="to")) -> Response:  # noqa: B008
        a, b = _standard(old), _standard(new)
        return _json(render.diff_json(api.diff(a, b), a.ref, b.ref))

    @app.post("/v1/compare")
    def compare(body: dict[str, Any] = Body(..., description='{"park": {…}, "standards": ["family@version", …]}')) -> Response:  # noqa: B008
        refs, park = body.get("standards"), body.get("park")
        if not isinstance(park, dict) or not isinstance(refs, list) or len(refs) < 2 or not all(isinstance(r, str) for r in refs):
            raise _Refused(422, "S422", 'the body is {"park": {…}, "standards": [two or more family@version]}')
        stds = [_standard(r) for r in refs]
        labels, illustrative, _ = render.compare_labels(stds)
        return _json(render.compare_json(api.compare([api.park_from_mapping(park, "<request>")], stds), labels, illustrative))

    @app.post("/v1/impact")
    async def impact(request: Request, old: str = Query(...), new: str = Query(...),  # noqa: B008
                     sheet: str | None = Query(None)) -> Response:  # noqa: B008
        """A population uploaded as the body (CSV, XLSX or Parquet, by its Content-Type) scored
        under two versions: what ``parkscore impact --format json`` prints."""
        suffix = _TABLES.get(request.headers.get("content-type", "").split(";")[0].strip())
        if suffix is None:
            raise _Refused(415, "S422", "send the table as text/csv, an .xlsx or a Parquet file (Content-Type: " + ", ".join(_TABLES) + ")")
        a, b = _standard(old), _standard(new)
        body = await request.body()
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / f"upload{suffix}"
            table.write_bytes(body)
            rep = await run_in_threadpool(api.impact, a, b, str(table), sheet=sheet)
        if rep.not_scored and not rep.parks:  # nothing could be read: the upload is the problem
            first = rep.errors.kept[0] if rep.errors.kept else None
            raise _Refused(422, first.code if first else "S422", first.message if first else "no park could be scored",
                           [d.to_json() for d in rep.errors.kept])
        return _json(render.impact_json(rep))

    @app.post("/v1/status")
    async def status(request: Request, on: str = Query(...), scheme: str | None = Query(None)) -> Response:  # noqa: B008
        """A designation history (the content of a history file, as YAML or JSON) read on a day:
        what ``parkscore status --format json`` prints."""
        body = await request.body()
        if scheme is None:  # the scheme the history names: an installed one only, never a path on this server
            try:
                named = yaml.safe_load(body)
            except yaml.YAMLError:
                named = None  # the history reader says what is wrong with it
            scheme = str(named.get("scheme")) if isinstance(named, dict) and named.get("scheme") else None
        if scheme is None or scheme not in api.installed_schemes():
            raise _Refused(404, "E010", f"no installed scheme '{scheme}'",
                           [{"code": "E010", "message": "give ?scheme=family@version, or name it in the history (scheme: …)",
                             "hint": "installed: " + ", ".join(api.installed_schemes())}])
        with tempfile.TemporaryDirectory() as tmp:
            history = Path(tmp) / "history.yaml"
            history.write_bytes(body)
            reports = await run_in_threadpool(api.status, scheme, str(history), on)
        return _json(render.statuses_json(reports))

    from .workbench import add_workbench

    add_workbench(app, _standard)
    return app


_TABLES = {"text/csv": ".csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
           "application/vnd.apache.parquet": ".parquet", "application/x-parquet": ".parquet"}
