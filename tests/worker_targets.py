"""Stand-ins for the NLP that worker processes run, each misbehaving on a marked document.

The worker tests give :class:`telex.workers.AnalysisWorkers` one of these as its ``target``
(``"worker_targets:misbehaving"``; the workers get the tests' ``sys.path``): no model to load,
so a worker starts in a fraction of a second, and a document can crash or hang it on purpose.
"""

from __future__ import annotations

import ctypes
import os
import re
import time

from telex.records import Actor, Analysis


def misbehaving(articles, **options):
    """An empty analysis per article, except for articles whose text holds a marker:

    ``SEGFAULT`` reads address 0 (a native crash), ``ABORT`` aborts, ``EXIT`` ends the process,
    ``SLEEP`` sleeps an hour (a hang that releases the GIL), ``SPIN`` runs a regular expression
    that backtracks for hours without releasing the GIL (a hang in native code), ``BOOM`` raises.
    """
    results = []
    for article in articles:
        text = article.text
        if "SEGFAULT" in text:
            ctypes.string_at(0)
        if "ABORT" in text:
            os.abort()
        if "EXIT" in text:
            os._exit(3)
        if "SLEEP" in text:
            time.sleep(3600)
        if "SPIN" in text:
            re.match(r"(a+)+$", "a" * 64 + "b")
        if "BOOM" in text:
            raise RuntimeError("boom")
        results.append(Analysis())
    return results


def pid(articles, **options):
    """The worker's process id as the name of a country actor: shows which worker analysed what."""
    return [Analysis(actors=[Actor(str(os.getpid()), "worker", "country", None)]) for _ in articles]


def cannot_start():
    """A warm-up that ends the worker, as a broken installation would."""
    os._exit(7)
