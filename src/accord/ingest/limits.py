"""Per-article limits: wall-clock time and length, so one hostile input cannot stall a batch.

:func:`time_limit` uses ``SIGALRM`` (an interval timer) on the main thread of a Unix process, which
interrupts Python code mid-stage; elsewhere (a web server's worker thread, Windows) it falls back to a
deadline that :func:`check_deadline` enforces between steps. A single C call (one regex match, one
spaCy batch) runs to completion before either fires; the length cap bounds those.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from accord.errors import InputError

#: Default seconds one article may take (cleaning + stages); ``$ACCORD_ARTICLE_TIMEOUT`` overrides.
DEFAULT_ARTICLE_TIMEOUT = 60.0
#: Default longest cleaned text (characters) given to spaCy; ``$ACCORD_MAX_CHARS`` overrides.
#: About 50,000 words: far beyond any news article, small enough for the parser's memory.
DEFAULT_MAX_CHARS = 300_000


class ArticleTimeout(InputError):
    """An article that took longer than the per-article time limit."""

    code = "E107"


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        from accord.errors import ConfigError

        raise ConfigError(f"${name} must be a number of seconds, got {value!r}") from None


_local = threading.local()
#: Seconds between repeated alarms once the limit has passed (see :func:`time_limit`).
_REPEAT_SECONDS = 0.2


def check_deadline(what: str = "article", source: str | None = None) -> None:
    """Raise :class:`ArticleTimeout` when the current (fallback) deadline has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise ArticleTimeout(f"{what} took longer than the {deadline[1]:g} s limit; skipped", source=source)


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str = "article", source: str | None = None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block once ``seconds`` have passed (None or <= 0: no limit).

    Nested limits keep the earlier deadline; the previous handler and timer are restored on exit.
    """
    if not seconds or seconds <= 0:
        yield
        return
    outer = getattr(_local, "deadline", None)
    deadline = time.monotonic() + seconds
    if outer is not None and outer[0] < deadline:
        deadline, seconds = outer
    _local.deadline = (deadline, seconds)
    if not _alarm_usable():
        try:
            yield
        finally:
            _local.deadline = outer
        return

    fired = False

    def _on_alarm(_signum: int, _frame: object) -> None:
        nonlocal fired
        fired = True
        raise ArticleTimeout(f"{what} took longer than the {seconds:g} s limit; skipped", source=source)

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    # The timer repeats after it first fires: Python drops an exception raised while a garbage-collector
    # callback or a ``__del__`` runs ("Exception ignored in ..."), and one swallowed alarm must not let
    # the block run on unbounded.
    prev_delay, prev_interval = signal.setitimer(
        signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001), _REPEAT_SECONDS
    )
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _local.deadline = outer
        if prev_delay:
            remaining = max(prev_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, remaining, prev_interval)
    if fired:  # every raise was swallowed, yet the block overran its limit
        raise ArticleTimeout(f"{what} took longer than the {seconds:g} s limit; skipped", source=source)
