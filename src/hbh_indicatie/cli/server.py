"""``hbh server``: the HTTP API for case systems (FastAPI on uvicorn)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from typing import Annotated

import typer

from hbh_indicatie.cli.common import NormFolder, fail, user_errors


def _free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def server(
    host: Annotated[str, typer.Option("--host", metavar="ADRES",
                                      help="Adres om op te luisteren; 0.0.0.0 voor alle netwerken.")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, metavar="POORT",
                                      help="Poort.")] = 8000,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64, metavar="AANTAL",
        help="Aantal processen; elk rekent één casus tegelijk (standaard 1).")] = 1,
    normenmap: NormFolder = None,
    max_invoer: Annotated[int, typer.Option(
        "--max-invoer", min=1024, metavar="BYTES",
        help="Grootste verzoek in bytes; groter geeft 413.")] = 1_048_576,
    max_wachtrij: Annotated[int, typer.Option(
        "--max-wachtrij", min=1, metavar="AANTAL",
        help="Wachtende verzoeken per proces; meer geeft direct 503 met Retry-After.")] = 64,
    toegangslog: Annotated[bool, typer.Option(
        "--toegangslog", help="Log elk verzoek (methode, adres, status).")] = False,
) -> None:
    """Start de HTTP-API (/api/v1/...) met documentatie op /docs en /openapi.json.

    De normensets worden bij de start één keer geladen (de meegeleverde en --normenmap); een
    verzoek noemt een normenset alleen bij ID. Stoppen met Ctrl-C of SIGTERM."""
    shown = f"[{host}]" if ":" in host else host
    start(host, port, workers, normenmap, max_invoer, max_wachtrij, toegangslog,
          lambda versions: f"hbh server luistert op http://{shown}:{port} ({workers} "
                           f"proces(sen), {versions} normensetversies). API: /api/v1/, "
                           "documentatie: /docs. Stoppen: Ctrl-C.")


def start(host: str, port: int, workers: int, normenmap: NormFolder, max_invoer: int,
          max_wachtrij: int, toegangslog: bool, announce: Callable[[int], str]) -> None:
    """Load the norm sets, check the port, say ``announce(number of norm set versions)`` and
    serve until Ctrl-C (``hbh server`` and ``hbh werkplek``)."""
    import uvicorn

    from hbh_indicatie.service.app import ServiceConfig
    from hbh_indicatie.service.catalog import NormCatalog

    config = ServiceConfig(normenmap=normenmap, max_invoer=max_invoer, max_wachtrij=max_wachtrij)
    with user_errors():
        catalog = NormCatalog.load(normenmap)  # bad norm files: a Dutch message before starting
    if not _free(host, port):
        raise fail(f"Kan niet luisteren op {host}:{port}: de poort is al in gebruik of het adres "
                   "bestaat niet op deze machine. Kies een andere met --port of --host.")
    os.environ.update(config.to_env())
    typer.echo(announce(len(catalog.entries)), err=True)
    uvicorn.run("hbh_indicatie.service.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning", access_log=toegangslog,
                timeout_graceful_shutdown=10)
    typer.echo("hbh server gestopt.", err=True)
