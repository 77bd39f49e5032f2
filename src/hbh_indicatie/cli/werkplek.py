"""``hbh werkplek``: the consultant's form in the browser (the same server as ``hbh server``)."""

from __future__ import annotations

import threading
import webbrowser
from typing import Annotated

import typer

from hbh_indicatie.cli.common import NormFolder, fail
from hbh_indicatie.cli.server import _free, start

HOST = "127.0.0.1"
"""Only this computer: the workplace is for the consultant at the keyboard."""


def werkplek(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, metavar="POORT",
                                      help="Poort (standaard 8000; is die bezet, dan de eerste "
                                           "vrije daarna).")] = 8000,
    normenmap: NormFolder = None,
    openen: Annotated[bool, typer.Option("--openen/--niet-openen",
                                         help="Open de browser (standaard ja).")] = True,
) -> None:
    """Start de werkplek: het invulformulier in de browser op http://127.0.0.1:POORT/.

    Vul de casus in zoals het keukentafelgesprek loopt; de indicatie rekent mee terwijl u
    invult. Opslaan als YAML of JSON (leesbaar voor hbh bereken), besluit als PDF of Word.
    Alleen bereikbaar vanaf deze computer. Stoppen met Ctrl-C."""
    chosen = next((p for p in range(port, min(port + 20, 65536)) if _free(HOST, p)), None)
    if chosen is None:
        raise fail(f"Geen vrije poort gevonden vanaf {port}; kies een andere met --port.")
    url = f"http://{HOST}:{chosen}/"
    if openen:
        threading.Timer(1.5, webbrowser.open, [url]).start()
    browser = ("de browser opent het vanzelf; anders: open dit adres in uw browser" if openen
               else "open dit adres in uw browser")
    start(HOST, chosen, 1, normenmap, 1_048_576, 64, False,
          lambda _: f"De werkplek staat open op {url} ({browser}). Alleen bereikbaar vanaf "
                    "deze computer. Stoppen: Ctrl-C in dit venster.")
