"""Analysis on several local processes: each worker loads spaCy once and analyses
the chunks of articles it is sent; the parent reads, keeps input order and does all
the writing.

What makes N workers worth N times one:
- every numeric library in a worker runs single-threaded (BLAS/OpenMP/torch threads
  set to 1 before the worker imports them): N workers each spinning N threads on N
  cores only fight;
- chunks are cut by size (a few articles, a bounded number of characters), so the
  work is balanced and the last chunk does not leave a core idle for long;
- at most a few chunks are in flight: the parent never reads ahead of what the
  workers can take, so memory stays flat however large the input, and all reading
  happens on the parent's main thread (the store's connection is never shared with
  a feeder thread);
- the next chunk is handed out before the parent stores the previous results, so
  workers are never waiting on the store.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.model import Article
from newsgraph.settings import Settings

# Thread pools of the numeric libraries a worker may load (numpy's BLAS, OpenMP,
# torch when a transformer model is used): one thread each per worker process.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "TOKENIZERS_PARALLELISM")

_extractor = None


def single_thread_env() -> dict[str, str]:
    """Environment values that keep a process's numeric libraries on one thread."""
    return {k: ("false" if k == "TOKENIZERS_PARALLELISM" else "1") for k in THREAD_ENV}


@contextmanager
def _child_env(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables while worker processes are spawned (they inherit
    them), and restore the parent's own afterwards."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def limit_threads() -> None:
    """In a worker: one thread for every numeric library already imported."""
    try:  # numpy was imported with the env above, but a library may have been loaded earlier
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:  # noqa: BLE001, S110 - threadpoolctl is optional; the env already asks for 1
        pass
    import sys

    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            torch.set_num_threads(1)
            torch.set_num_interop_threads(1)
        except Exception:  # noqa: BLE001, S110 - torch refuses once its pools have started
            pass


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _kernel_kills_us_with_parent() -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies (prctl
    PR_SET_PDEATHSIG). Strictly, when the parent *thread* that started it ends: the pool
    starts workers from the thread that submits chunks and consumes their results, which
    lives as long as the workers are of use."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """Elsewhere: a daemon thread that ends the process once it has been re-parented."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def die_with_parent(parent: int) -> None:
    """A worker must not outlive the process it works for. Killed with SIGKILL, the parent
    runs no clean-up: its workers (~180 MB each) would block for ever on a task queue
    they themselves hold open, keeping the parent's stdout/stderr open too, so whoever
    reads those pipes hangs. The resource tracker then exits on its own, once no process
    holds its pipe."""
    if not _kernel_kills_us_with_parent():
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before we asked: nobody will send the signal
        os._exit(1)


def _init(settings: Settings, parent: int) -> None:
    global _extractor
    die_with_parent(parent)
    limit_threads()
    from newsgraph.nlp.pipeline import Extractor

    _extractor = Extractor(settings=settings)


def _work(chunk: list[Article]) -> list[Article | InputError]:
    assert _extractor is not None
    out: list[Article | InputError] = []
    for a in _extractor.run(chunk, on_error=out.append):  # errors and articles interleave in order
        out.append(a)  # noqa: PERF402
    return out


def chunks(articles: Iterable[Article], max_articles: int = 8, max_chars: int = 40_000) -> Iterator[list[Article]]:
    """Consecutive articles in chunks of at most ``max_articles`` articles and about
    ``max_chars`` characters (one long article makes a chunk of its own)."""
    chunk: list[Article] = []
    size = 0
    for a in articles:
        chunk.append(a)
        size += len(a.text)
        if len(chunk) >= max_articles or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def analyse_parallel(articles: Iterable[Article], settings: Settings, workers: int,
                     on_error: Callable[[InputError], None], chunk_size: int = 8,
                     chunk_chars: int = 40_000, in_flight: int | None = None) -> Iterator[Article]:
    """Analysed articles in input order (so N workers store exactly what one would),
    reader and stage errors passed to ``on_error`` in that order too."""
    # fork would share the parent's loaded model, but forking a process with threads
    # (spaCy/BLAS, the store) is unsafe; spawn costs one model load per worker, in parallel.
    ctx = mp.get_context("spawn")
    limit = in_flight or 2 * workers + 1
    # An executor rather than a Pool: when a worker dies (killed, out of memory) its
    # chunk's future fails at once instead of waiting for ever.
    with _child_env(single_thread_env()):
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(settings, os.getpid()))
    try:
        todo = chunks(articles, chunk_size, chunk_chars)
        pending: deque[tuple[Future, list[str]]] = deque()

        def submit() -> None:
            while len(pending) < limit:
                chunk = next(todo, None)
                if chunk is None:
                    return
                pending.append((pool.submit(_work, chunk), [a.source.path or a.id for a in chunk]))

        submit()
        while pending:
            future, names = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                raise NewsgraphError(
                    "a worker process died (killed, or out of memory) while analysing "
                    f"{', '.join(sorted(set(names))[:3])}{' …' if len(set(names)) > 3 else ''}; "
                    "everything stored before it is kept: run the same command again to go on, "
                    "with fewer --workers if memory is short") from None
            submit()  # keep the workers busy while the caller stores these
            for item in result:
                if isinstance(item, InputError):
                    on_error(item)
                else:
                    yield item
    finally:
        # An error or a consumer that stopped early: don't wait for queued chunks.
        pool.shutdown(wait=False, cancel_futures=True)
