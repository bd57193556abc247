"""The garbage collector while a batch chunk runs (``batch.ChunkRunner``)."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def steady_collector(young: int = 10_000):
    """What exists when the block starts (the pipeline's rules, lexicons, model and vocabulary)
    is frozen out of the collector's passes, which otherwise walk all of it again and again, and
    the collector runs after every ``young`` new objects instead of 700: on 2,000 CCTV stories,
    about 0.35 s of collection instead of 0.7 s. Both are undone when the block ends."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(young, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
