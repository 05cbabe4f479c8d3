"""What a long-lived worker process does that the short-lived command does not. Imports nothing
of planpdf's.

The ``planpdf`` command switches the cyclic garbage collector off (``cli.run``): it ends soon,
and its reference cycles end with it. A worker of a process pool (the batch build's, the
bundle's) is forked from that command but lives for plan after plan, so it must collect them.
"""

from __future__ import annotations

import gc


def collect_cycles() -> None:
    """Switch the cyclic garbage collector on in this worker, for what it does from now on.

    Call it last in a worker's initializer: what is loaded by then (fonts, schema, modules) is
    frozen first (``gc.freeze``), so the collections skip it and the pages the worker shares
    with its parent are not written to.
    """
    gc.freeze()
    gc.enable()
