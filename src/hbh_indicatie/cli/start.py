"""The ``hbh`` console script: a quiet and quick start.

Loading the command line (typer, rich, pydantic and the commands) takes a noticeable moment.
A Ctrl-C or SIGTERM in that moment would show a Python traceback from whatever module was
being imported; here it ends the program quietly (exit 130 or 143, ``Afgebroken.``) until
:func:`hbh_indicatie.cli.main.run` takes over, which handles both for the commands (no half
output files). Only the standard library is imported before the signal handlers are set.

The cyclic garbage collector is off while the program starts: importing modules and building
the pydantic models makes hundreds of thousands of objects that live until the program ends,
and each collection would walk all of them again to free nothing, as would the collections
Python makes when it exits (together about a fifth of the time of ``hbh bereken``).
:func:`end_of_startup` switches it back on, with what exists by then set aside
(``gc.freeze``: never walked again, also not at the exit), once a command has what it needs:
``hbh bereken`` after computing, every other command once it is built (a server or a batch
runs long and must collect), and any command that stops earlier when it stops.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from types import FrameType

_collector_paused = False
"""True while :func:`run` keeps the collector off (never for an embedder or a test that
calls the commands without this entry point)."""


def end_of_startup() -> None:
    """The program has started: collect garbage again from here on (see the module text)."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def _stop_quietly(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("Afgebroken.\n")
    sys.stderr.flush()
    os._exit(143 if signum == signal.SIGTERM else 130)


def run() -> None:
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True
    previous = {sig: signal.signal(sig, _stop_quietly) for sig in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(sig) is not signal.SIG_IGN}
    from hbh_indicatie.cli import main

    for sig, handler in previous.items():
        signal.signal(sig, handler)
    try:
        main.run()
    finally:  # a command that stopped before its start was over (an error, --versie)
        end_of_startup()
