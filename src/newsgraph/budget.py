"""The per-article time budget (``Settings.article_time_budget``, NEWSGRAPH_ARTICLE_SECONDS).

One budget covers everything one article costs: reading and cleaning it (the readers),
then parsing it and running the rule stages (``nlp.pipeline``); the time the readers
spent is carried on the article (``Article.budget_spent``), so parsing and extraction
get only the rest, even in another process. ``article_budget(seconds, where, spent)``
enforces it:
- on the main thread of a POSIX process (the CLI, ``--workers`` processes, Spark's Python
  workers) a CPU-time timer (``ITIMER_PROF``/SIGPROF, so SIGALRM stays free for others,
  e.g. pytest-timeout) interrupts the work that spins past the budget: a rule stuck in a
  regular expression (CPython's ``re`` checks for signals), and spaCy's tokenizer too
  (measured: 30,000 '<' stopped 1.01 CPU-s into a 1 s budget, as its prefix and suffix
  searches are ``re`` calls);
- elsewhere (a server's worker thread) it cannot interrupt, so stages may call ``check()``
  at safe points, and an article that finishes over budget is refused all the same.
Either way the article becomes an ``ArticleTimeout`` error naming it: its partial results
are dropped, never stored, and the run goes on with the next article.

The budget is CPU time, counted by ``cpu_clock`` (this thread's CPU seconds), as the
timer counts it: an article is never refused because the machine was busy with other
work (a loaded CI runner, a Spark executor sharing the cores), and the same article gets
the same verdict on any load.
"""
from __future__ import annotations

import contextvars
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsgraph.errors import ArticleTimeout

_deadline: contextvars.ContextVar[tuple[float, float, str] | None] = contextvars.ContextVar(
    "newsgraph_deadline", default=None)


def cpu_clock() -> float:
    """The clock the budget runs on: CPU seconds of the calling thread."""
    return time.thread_time()


def _timeout(where: str, seconds: float, elapsed: float) -> ArticleTimeout:
    return ArticleTimeout(where, f"reading, parsing and analysing it took over {seconds:g} CPU-s (ran "
                                 f"{elapsed:.1f} s), the per-article time budget (NEWSGRAPH_ARTICLE_SECONDS); "
                                 "article skipped")


def check() -> None:
    """Raise ArticleTimeout if the current article is over its budget (a no-op outside one)."""
    d = _deadline.get()
    if d is not None:
        deadline, seconds, where = d
        now = cpu_clock()
        if now > deadline:
            raise _timeout(where, seconds, now - (deadline - seconds))


_TIMER = getattr(signal, "ITIMER_PROF", None)
_SIGNAL = getattr(signal, "SIGPROF", None)


def _can_alarm() -> bool:
    return (_TIMER is not None and threading.current_thread() is threading.main_thread()
            and signal.getitimer(_TIMER)[0] == 0)  # not while someone else (a profiler) uses it


@contextmanager
def article_budget(seconds: float, where: str, spent: float = 0.0) -> Iterator[None]:
    """Run the body within what is left of ``seconds`` once ``spent`` seconds have gone
    on this article already; ``seconds <= 0`` means no budget."""
    if not seconds or seconds <= 0:
        yield
        return
    if spent >= seconds:
        raise _timeout(where, seconds, spent)
    t0 = cpu_clock() - spent  # the article's clock started before this body
    token = _deadline.set((t0 + seconds, seconds, where))
    armed = {"on": False}
    old_handler = None
    if _can_alarm():
        def on_alarm(signum, frame):
            if armed["on"]:
                armed["on"] = False
                raise _timeout(where, seconds, cpu_clock() - t0)

        old_handler = signal.signal(_SIGNAL, on_alarm)
        armed["on"] = True
        signal.setitimer(_TIMER, seconds - spent)
    try:
        yield
        elapsed = cpu_clock() - t0
        if elapsed > seconds:
            raise _timeout(where, seconds, elapsed)
    finally:
        if old_handler is not None:
            armed["on"] = False
            signal.setitimer(_TIMER, 0)
            signal.signal(_SIGNAL, old_handler)
        _deadline.reset(token)
