"""Process-wide interpreter settings that keep the window's thread responsive while Python
workers run (applied once at start-up, before any worker; the benches apply them the same way).

Measured with bench.event_loop_aligning and a watchdog sampling the GUI thread during stalls:
- The GUI thread re-takes the interpreter lock after every Qt call it makes from Python (a
  repaint makes hundreds); with a CPU-bound worker holding the lock it waited up to the switch
  interval (5 ms by default) each time. 1 ms halves the 99th-percentile gap.
- A full garbage collection walks every tracked object while holding the lock: with the
  dictionaries loaded (~270,000 objects) one stopped every thread for 0.1-0.9 s, and with them
  frozen, the analyses the word aligner caches as it reads (~100,000 objects for 150 rows)
  still cost a 60-120 ms collection. Data kept for the life of the process is frozen (moved
  out of the collector's sight; still freed by reference counting when dropped) by
  ``settle_long_lived`` after each warm-up and after each batch of aligned rows.
"""
from __future__ import annotations

import gc
import sys
import time

SWITCH_INTERVAL_S = 0.001
PAUSE_S = 0.001    # a worker's least rest, even at full duty: the GUI thread takes the interpreter at once
MAX_PAUSE_S = 0.2  # a rest never delays a cancel (closing the window) by more


def apply() -> None:
    """Set the interpreter's thread switch interval (call once, at start-up)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def rest(took: float, duty: float = 1.0) -> None:
    """A pure-Python worker's rest after ``took`` seconds of work, so that it works a ``duty``
    share of the time: meanwhile the window's thread has the interpreter to itself."""
    time.sleep(min(MAX_PAUSE_S, max(PAUSE_S, took * (1 / duty - 1))))


def settle_long_lived() -> None:
    """After loading data that lives as long as the process (lexicons, dictionaries, glossary,
    caches): later full collections skip everything alive now."""
    gc.collect(1)  # the young garbage first (milliseconds): what is frozen is never collected
    gc.freeze()
