"""Fault injection for the reliability tests: with COMMUNIQUE_FAULT=<point>
set, the process kills itself (SIGKILL, no cleanup) when it reaches that
point, as a crash or an out-of-memory kill would. Unset, it costs one lookup."""

from __future__ import annotations

import os
import signal

ENV = "COMMUNIQUE_FAULT"


def checkpoint(point: str) -> None:
    if os.environ.get(ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)
