"""A small process pool for the batch runner: one pair of pipes per worker, nothing shared.

Why not :class:`multiprocessing.Pool`: its ``terminate()`` (what leaving ``with Pool()`` on
Ctrl-C does) takes locks that the workers share, and waits for its helper threads. A worker
that is stopped while it holds one (halfway through sending a large result) leaves that lock
taken for good, and the batch hung after Ctrl-C instead of exiting (the flaky
``test_stop_signal_on_the_process_pool``), with its workers left behind. Here every worker has
its own pipes; stopping is SIGKILL to each worker and a join, which cannot wait on anything a
worker holds.

Chunks go to the workers in turn and come back in the same order, so the results keep the
input order. A worker reads its pipe in a thread, so sending it a chunk never blocks on a
worker that is itself sending a result. A worker stops by itself when the main process is
gone (killed with SIGKILL or by the out-of-memory killer), instead of lingering.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from hbh_indicatie.errors import HbhError, Terminated

T = TypeVar("T")
R = TypeVar("R")

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_PARENT_POLL_SECONDS = 0.5


class WorkerLost(HbhError):
    """A worker process ended in the middle of the run (killed, out of memory)."""


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _receive(tasks: Connection, inbox: queue.SimpleQueue[Any]) -> None:
    try:
        while True:
            message = tasks.recv()
            inbox.put(message)
            if message is None:
                return
    except (EOFError, OSError):
        inbox.put(None)


def _worker(tasks: Connection, results: Connection, work: Callable[[Any], Any], parent: int) -> None:
    """A worker: Ctrl-C is the main process's to handle (a terminal sends it to the whole
    process group); SIGTERM ends the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(tasks, inbox), daemon=True).start()
    while (part := inbox.get()) is not None:
        try:
            results.send(work(part))
        except OSError:  # the main process is gone
            os._exit(1)


class _Worker:
    def __init__(self, context: Any, work: Callable[[Any], Any]) -> None:
        task_reader, self.tasks = multiprocessing.Pipe(duplex=False)
        self.results, result_writer = multiprocessing.Pipe(duplex=False)
        self.process = context.Process(target=_worker, daemon=True,
                                       args=(task_reader, result_writer, work, os.getpid()))
        self.process.start()
        task_reader.close()  # the worker's ends: only the worker may hold them, so that a
        result_writer.close()  # worker that dies gives end-of-file here

    def send(self, part: Any) -> None:
        try:
            self.tasks.send(part)
        except OSError:
            self._lost()

    def receive(self) -> Any:
        ready = wait([self.results, self.process.sentinel])
        if self.results in ready:
            try:
                return self.results.recv()
            except (EOFError, OSError):
                pass
        self._lost()

    def _lost(self) -> Any:
        self.process.join(1)
        code = self.process.exitcode
        if code in (-signal.SIGTERM, -signal.SIGINT):  # the run itself is being stopped
            raise Terminated
        how = f"gestopt met signaal {-code}" if code is not None and code < 0 else \
            f"gestopt met code {code}"
        raise WorkerLost(
            f"Een rekenproces (pid {self.process.pid}) is onverwacht {how}, bijvoorbeeld door "
            "geheugentekort; er is niets geschreven. Probeer het opnieuw, eventueel met minder "
            "--processen.")

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.tasks.send(None)
            except OSError:
                self.process.kill()
        self.process.join()
        self.tasks.close()
        self.results.close()


class WorkerPool(Generic[T, R]):
    """``processes`` workers applying ``work`` (a picklable top-level function) to parts."""

    def __init__(self, work: Callable[[T], R], processes: int, window: int) -> None:
        self.window = window
        self.workers: list[_Worker] = []
        context = multiprocessing.get_context()
        # Started with Ctrl-C and SIGTERM blocked, so a signal during start-up reaches a worker
        # only once it has set its own handlers (no traceback from a half-started worker).
        blocking = hasattr(signal, "pthread_sigmask")
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS) if blocking else set()
        try:
            for _ in range(processes):
                self.workers.append(_Worker(context, work))
        except BaseException:
            self.close(kill=True)
            raise
        finally:
            if blocking:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def map(self, parts: Iterable[T]) -> Iterator[R]:
        """``work(part)`` for each part, in order; at most ``window`` parts per worker out."""
        source = iter(parts)
        pending: deque[_Worker] = deque()
        turn = 0

        def submit() -> None:
            nonlocal turn
            part = next(source, None)
            if part is not None:
                worker = self.workers[turn % len(self.workers)]
                worker.send(part)
                pending.append(worker)
                turn += 1

        for _ in range(len(self.workers) * self.window):
            submit()
        while pending:
            result = pending.popleft().receive()
            submit()
            yield result

    def close(self, kill: bool) -> None:
        for worker in self.workers:
            worker.stop(kill)
        self.workers = []

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(kill=kind is not None)
