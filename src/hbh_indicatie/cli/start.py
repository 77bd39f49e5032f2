"""The ``hbh`` console script: a quiet start.

Loading the command line (typer, rich, pydantic and the commands) takes a noticeable moment.
A Ctrl-C or SIGTERM in that moment would show a Python traceback from whatever module was
being imported; here it ends the program quietly (exit 130 or 143, ``Afgebroken.``) until
:func:`hbh_indicatie.cli.main.run` takes over, which handles both for the commands (no half
output files). Only the standard library is imported before the signal handlers are set.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _stop_quietly(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("Afgebroken.\n")
    sys.stderr.flush()
    os._exit(143 if signum == signal.SIGTERM else 130)


def run() -> None:
    previous = {sig: signal.signal(sig, _stop_quietly) for sig in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(sig) is not signal.SIG_IGN}
    from hbh_indicatie.cli import main

    for sig, handler in previous.items():
        signal.signal(sig, handler)
    main.run()
