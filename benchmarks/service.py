"""Load benchmark of ``hbh server`` (by hand; figures go into docs/service.md, never a timed test).

    python benchmarks/service.py [--aantal 2000] [--duur 10] [--workers 1 2] [--json uit.json]

Loopback only, bounded in requests and time. In one run, side by side on the same generated
cases (``hbh genereer``, protocol-hbh):

1. per worker count, ``hbh server --workers N`` in a subprocess, and in alternating slices
   (``--rondes``, so both see the same moments of a shared machine):
   * in process, one thread: what a request costs without HTTP — read the JSON case,
     validate, ``api.compute``, ``api.render_json`` — and ``api.compute`` alone, per second;
   * the sustainable rate: closed loop, a few keep-alive connections posting back to back
     (``POST /api/v1/indicatie``): requests per second, p50/p99, and the ratio to in process
     per slice (median, min-max);
2. then, on the same server:
   * at 80% of that rate, open loop (requests sent on a fixed schedule, latency counted from
     the scheduled moment, so a stalled server cannot hide its queue): p50, p99, p99/p50;
   * at 10x that rate for a few seconds: how many got 200, 503 (Dutch JSON, Retry-After) or
     a connection error, the latency of the answered ones, and whether /gezond still answers;
   * memory: resident set (VmRSS, VmHWM) of each worker process after the run.

The load generator is a small asyncio HTTP/1.1 client (pre-built requests, keep-alive) in this
process; on a 2-core machine it shares the cores with the workers, which the figures include.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hbh_indicatie import api
from hbh_indicatie.batch.generate import generate

ROOT = Path(__file__).resolve().parent.parent


def cases(count: int) -> list[bytes]:
    norms = api.load_norms("protocol-hbh", "2026-03-02")
    ids = [a.id for a in norms.norms.activities if a.per_child is None]
    return [json.dumps(c, ensure_ascii=False).encode() for c in generate(count, 7, ids,
                                                                          "protocol-hbh")]


def in_process(bodies: Sequence[bytes], seconds: float) -> dict[str, float]:
    """Cases per second in one thread for ``seconds``: the service's work without HTTP (read
    the JSON case, validate, compute, render the JSON) and ``api.compute`` alone."""
    norms = api.load_norms("protocol-hbh", "2026-03-02")
    parsed = [api.case_from_text(b.decode(), "<bench>", json_only=True) for b in bodies]
    rates = {}
    for name, work in (("volledig_per_s", lambda i: api.render_json(api.compute(
            api.case_from_text(bodies[i].decode(), "<bench>", json_only=True), norms))),
                       ("compute_per_s", lambda i: api.compute(parsed[i], norms))):
        done, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 2:
            work(done % len(bodies))
            done += 1
        rates[name] = done / elapsed
    return rates


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request_bytes(body: bytes, port: int) -> bytes:
    head = (f"POST /api/v1/indicatie HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def send(self, raw: bytes) -> int:
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


@dataclass
class Phase:
    naam: str
    verzonden: int = 0
    status: dict[str, int] = field(default_factory=dict)
    verbindingsfouten: int = 0
    seconden: float = 0.0
    latenties_ms: list[float] = field(default_factory=list)

    def record(self, status: int, latency: float) -> None:
        self.status[str(status)] = self.status.get(str(status), 0) + 1
        if status == 200:
            self.latenties_ms.append(latency * 1000)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latenties_ms)
        p50 = lat[len(lat) // 2] if lat else float("nan")
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else float("nan")
        return {"naam": self.naam, "verzonden": self.verzonden, "status": self.status,
                "verbindingsfouten": self.verbindingsfouten,
                "per_s": self.status.get("200", 0) / self.seconden if self.seconden else 0.0,
                "p50_ms": p50, "p99_ms": p99, "p99_p50": p99 / p50 if lat else float("nan")}


async def closed_loop(port: int, raws: Sequence[bytes], seconds: float, connections: int) -> Phase:
    phase = Phase("verzadigd")
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker() -> None:
        conn = await Connection.open(port)
        try:
            while time.perf_counter() < deadline:
                raw = raws[next(counter) % len(raws)]
                start = time.perf_counter()
                phase.verzonden += 1
                phase.record(await conn.send(raw), time.perf_counter() - start)
        finally:
            conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    phase.seconden = time.perf_counter() - start
    return phase


async def open_loop(port: int, raws: Sequence[bytes], rate: float, seconds: float, name: str,
                    max_connections: int = 256) -> Phase:
    """Requests on a fixed schedule; latency from the scheduled moment; at most
    ``rate * seconds`` requests and ``max_connections`` open at once."""
    phase = Phase(name)
    idle: list[Connection] = []
    opened = 0
    total = int(rate * seconds)
    start = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []
    gate = asyncio.Semaphore(max_connections)

    async def one(i: int, due: float) -> None:
        nonlocal opened
        async with gate:
            try:
                if idle:
                    conn = idle.pop()
                else:
                    opened += 1
                    conn = await Connection.open(port)
                status = await conn.send(raws[i % len(raws)])
                idle.append(conn)
                phase.record(status, time.perf_counter() - due)
            except (OSError, asyncio.IncompleteReadError):
                phase.verbindingsfouten += 1

    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        phase.verzonden += 1
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds * 10 + 30)
    phase.seconden = time.perf_counter() - start
    for conn in idle:
        conn.close()
    return phase


def worker_memory(server: subprocess.Popen[bytes], workers: int) -> list[dict[str, int]]:
    """VmRSS and VmHWM (KiB) of each process that serves requests."""
    pids = [server.pid]
    if workers > 1:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        pids = [int(c) for c in children
                if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]
    found = []
    for pid in pids:
        status = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        found.append({"pid": pid, "rss_kib": int(status["VmRSS"].split()[0]),
                      "piek_kib": int(status["VmHWM"].split()[0])})
    return found


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()",
                             "server", "--port", str(port), "--workers", str(workers),
                             "--max-wachtrij", "64"], stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server start niet")


def measure(workers: int, bodies: Sequence[bytes], seconds: float, rounds: int) -> dict[str, Any]:
    """Service and in-process rates in alternating slices (``rounds`` of each), so the ratio
    compares moments of the same load on a shared machine; then 80% and 10x."""
    proc, port = start_server(workers)
    try:
        raws = [request_bytes(b, port) for b in bodies]
        asyncio.run(closed_loop(port, raws[:200], 2, 4))  # warm up every worker
        local: list[dict[str, float]] = []
        saturated = Phase("verzadigd")
        ratios: list[float] = []
        for _ in range(rounds):
            local.append(in_process(bodies, seconds / rounds))
            part = asyncio.run(closed_loop(port, raws, seconds / rounds, 4 * workers))
            ratios.append(part.summary()["per_s"] / local[-1]["volledig_per_s"])
            saturated.verzonden += part.verzonden
            saturated.seconden += part.seconden
            saturated.latenties_ms += part.latenties_ms
            for key, count in part.status.items():
                saturated.status[key] = saturated.status.get(key, 0) + count
        rate = saturated.summary()["per_s"]
        gc.collect()
        gc.freeze()  # the client's own full collections would otherwise show up as server latency
        steady = asyncio.run(open_loop(port, raws, 0.8 * rate, seconds, "80%"))
        flood = asyncio.run(open_loop(port, raws, 10 * rate, min(3.0, seconds), "10x"))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond", timeout=10) as answer:
            alive = answer.status == 200
        memory = worker_memory(proc, workers)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"workers": workers, "in_proces": {
                "volledig_per_s": statistics.median(x["volledig_per_s"] for x in local),
                "compute_per_s": statistics.median(x["compute_per_s"] for x in local)},
            "verhouding": {"min": min(ratios), "mediaan": statistics.median(ratios),
                           "max": max(ratios)},
            "verzadigd": saturated.summary(), "tachtig": steady.summary(),
            "tienvoud": flood.summary(), "daarna_gezond": alive, "geheugen": memory,
            "exitcode": proc.returncode}


def wrk_script(bodies: Sequence[bytes], path: Path) -> None:
    """A Lua script for wrk (C, Debian package ``wrk``) that posts the same cases in turn: a
    load generator that takes far less CPU than this one, for a cross-check on 2 cores."""
    cases_lua = ",\n".join("[==[" + b.decode() + "]==]" for b in bodies)
    path.write_text(
        f"bodies = {{\n{cases_lua}\n}}\ncounter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        "  return wrk.format('POST', '/api/v1/indicatie', "
        "{['Content-Type'] = 'application/json'}, bodies[(counter % #bodies) + 1])\nend\n",
        encoding="utf-8")
    print(f"geschreven: {path}; gebruik: hbh server --workers N & "
          f"wrk -t1 -c8 -d10s -s {path} --latency http://127.0.0.1:8000")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000)
    parser.add_argument("--duur", type=float, default=10.0, help="seconden per fase")
    parser.add_argument("--rondes", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--wrk", type=Path, help="schrijf alleen een wrk-script (Lua) en stop")
    args = parser.parse_args()
    bodies = cases(args.aantal)
    if args.wrk:
        wrk_script(bodies[:200], args.wrk)
        return
    results = []
    for workers in args.workers:
        result = measure(workers, bodies, args.duur, args.rondes)
        results.append(result)
        local, ratio = result["in_proces"], result["verhouding"]
        sat, eighty, flood = result["verzadigd"], result["tachtig"], result["tienvoud"]
        print(f"workers={workers}: in proces {local['volledig_per_s']:.0f}/s (inlezen + compute + "
              f"JSON; compute alleen {local['compute_per_s']:.0f}/s); service "
              f"{sat['per_s']:.0f} verzoeken/s, verhouding {ratio['mediaan']:.2f} "
              f"({ratio['min']:.2f}-{ratio['max']:.2f}), p50 {sat['p50_ms']:.1f} ms, "
              f"p99 {sat['p99_ms']:.1f} ms; bij 80%: p50 {eighty['p50_ms']:.1f} ms, "
              f"p99 {eighty['p99_ms']:.1f} ms (p99/p50 {eighty['p99_p50']:.2f}); bij 10x: "
              f"{flood['status']}, {flood['verbindingsfouten']} verbindingsfouten, p50 "
              f"{flood['p50_ms']:.0f} ms, daarna gezond: {result['daarna_gezond']}; geheugen "
              f"(MiB, piek per worker): {[round(m['piek_kib'] / 1024) for m in result['geheugen']]}",
              flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
