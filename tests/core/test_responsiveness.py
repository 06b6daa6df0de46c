"""The interpreter settings that keep the window responsive while workers run
(reader/responsiveness.py; the stalls they remove are measured by bench.event_loop_aligning)."""
from __future__ import annotations

import gc
import weakref

from reader.responsiveness import settle_long_lived
from reader.study.dictionary import shared_dictionary
from reader.study.in_context import warm_up


def walked_by_full_collections(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


def test_the_dictionaries_loaded_by_the_warm_up_are_left_out_of_full_collections():
    warm_up()
    dictionary = shared_dictionary()
    assert gc.is_tracked(dictionary)
    assert not walked_by_full_collections(dictionary)


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_settling_keeps_what_is_alive_and_still_frees_garbage_made_before():
    kept, dropped = Node(), Node()
    dropped_ref = weakref.ref(dropped)
    del dropped
    settle_long_lived()
    assert dropped_ref() is None  # collected, not frozen for ever
    assert not walked_by_full_collections(kept)
