"""Bounded load test of the web service on loopback: open-loop requests at a fixed rate.

Starts ``uvicorn --factory aimaq.api.app:create_app`` on 127.0.0.1 with the given store and
workers, sends indicator queries at ``--rate`` requests per second for ``--seconds`` (each
request scheduled on the clock, not after the previous answer, so a slow server shows as
latency), then stops the server and prints p50/p99 latency and errors. It talks only to the
loopback address and stops by itself.

    PYTHONPATH=src python benchmarks/bench_api.py --db /tmp/bench.sqlite --rate 200 --seconds 60
    PYTHONPATH=src python benchmarks/bench_api.py --db postgresql+psycopg://... --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queries(seed: int = 1) -> list[str]:
    """A realistic mix: series by year, by region (names and codes), on a past division."""
    rng = random.Random(seed)
    inds = [
        "grp_per_capita",
        "population_total",
        "unemployment_rate_pct",
        "grp_mln_kzt",
        "avg_monthly_nominal_wage_kzt",
        "labour_productivity_thousand_kzt",
    ]
    regions = ["KZ-23", "Atyrau", "KZ-71", "Алматы қаласы", "KZ-39", "Мангистауская область"]
    out = []
    for _ in range(400):
        ind = rng.choice(inds)
        kind = rng.random()
        if kind < 0.5:
            out.append(f"/observations/{ind}?year={rng.choice(range(2018, 2023))}")
        elif kind < 0.8:
            out.append(f"/observations/{ind}?region={rng.choice(regions)}")
        elif kind < 0.9:
            out.append(f"/observations/{ind}?year=2022&borders=2021")
        else:
            out.append(rng.choice(["/regions", "/indicators", f"/indicators/{ind}"]))
    return out


async def _run(base: str, rate: float, seconds: float, queries: list[str]):
    import httpx

    lat, errors, codes = [], 0, {}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        start = time.perf_counter()
        n = int(rate * seconds)
        tasks = []

        async def one(i: int):
            nonlocal errors
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            t0 = time.perf_counter()
            try:
                r = await client.get(queries[i % len(queries)])
                codes[r.status_code] = codes.get(r.status_code, 0) + 1
                if r.status_code >= 500:
                    errors += 1
            except Exception:
                errors += 1
            lat.append(time.perf_counter() - t0)

        for i in range(n):
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - start
    return lat, errors, codes, wall


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="store (SQLite file or URL)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args(argv)

    port = _port()
    env = {**os.environ, "AIMAQ_DB": a.db, "AIMAQ_RATE_LIMIT": "0"}
    subprocess.run(
        [sys.executable, "-c", "from aimaq.api.app import create_app; create_app()"],
        env=env,
        check=True,
    )  # bundled data loaded before the clock starts
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "aimaq.api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(a.workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        import httpx

        for _ in range(300):
            try:
                if httpx.get(base + "/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not become ready")
        qs = _queries()
        t0 = time.perf_counter()
        for q in sorted(set(qs)):  # warm-up, not counted: each distinct query answered once
            httpx.get(base + q, timeout=60)
        cold = (time.perf_counter() - t0) / len(set(qs))
        lat, errors, codes, wall = asyncio.run(_run(base, a.rate, a.seconds, qs))
    finally:
        server.terminate()
        server.wait(timeout=30)
    lat_ms = sorted(x * 1000 for x in lat)
    p = statistics.quantiles(lat_ms, n=100)
    backend = "PostgreSQL" if "postgresql" in a.db else "SQLite"
    print(
        f"{backend}, {a.workers} worker(s): {len(lat)} requests in {wall:.1f} s "
        f"({len(lat) / wall:.0f}/s), p50 {p[49]:.1f} ms, p99 {p[98]:.1f} ms, "
        f"max {lat_ms[-1]:.1f} ms, errors {errors}, status {dict(sorted(codes.items()))}; "
        f"first answer to each of {len(set(qs))} distinct queries {cold * 1000:.0f} ms mean"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
