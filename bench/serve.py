"""The web API under load: a local `parkscore serve` (its own process, 127.0.0.1) answers N scoring
requests from C concurrent clients; prints throughput, p50/p99 latency, errors and the server's
peak memory, against the same parks scored in-process (the work without HTTP).

Run: python bench/serve.py [--quick]   (needs the serve extra and httpx: pip install -e '.[test]')
"""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_mb(pid: int) -> float:
    try:
        return next(int(ln.split()[1]) for ln in open(f"/proc/{pid}/status") if ln.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return float("nan")


async def _load(url: str, bodies: list[bytes], concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    queue = list(enumerate(bodies))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while queue:
            _, body = queue.pop()
            t0 = time.perf_counter()
            r = await client.post(url, content=body, headers={"content-type": "application/json"})
            latencies.append(time.perf_counter() - t0)
            errors += r.status_code != 200

    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


def main(quick: bool) -> None:
    import parkscore

    n, concurrency = (400, 32) if quick else (2000, 32)
    parks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "parks").glob("*.yaml"))]
    bodies = [parkscore.api.render.dumps(parks[i % len(parks)]).encode() for i in range(n)]
    cs = parkscore.load_standard("cpcif-green-park@2020")
    t0 = time.perf_counter()
    for i in range(n):
        parkscore.api.render.dumps(parkscore.api.render.scorecard_json(parkscore.score(cs, parks[i % len(parks)])))
    in_process = (time.perf_counter() - t0) / n
    port = _free_port()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PARKSCORE_CACHE_DIR": cache}
        server = subprocess.Popen([sys.executable, "-c", "from parkscore.cli import main; main()", "serve", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):  # up within 10 s
                try:
                    httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/v1/score?standard=cpcif-green-park@2020"
            asyncio.run(_load(url, bodies[:50], 8))  # warm: the standard loaded, its program generated
            t0 = time.perf_counter()
            latencies, errors = asyncio.run(_load(url, bodies, concurrency))
            wall = time.perf_counter() - t0
            peak = _peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    latencies.sort()
    p50, p99 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]
    print(f"\nparkscore serve: {n:,} POST /v1/score from {concurrency} concurrent clients (one server process, 127.0.0.1)")
    print(f"  throughput {n / wall:7.0f} requests/s   p50 {p50 * 1e3:6.1f} ms   p99 {p99 * 1e3:6.1f} ms   errors {errors}   "
          f"server peak {peak:.0f} MB")
    print(f"  the same parks scored and encoded in-process: {in_process * 1e3:.2f} ms each ({1 / in_process:,.0f}/s); "
          f"served/in-process {wall / n / in_process:4.1f}x per request")


if __name__ == "__main__":
    main("--quick" in sys.argv)
