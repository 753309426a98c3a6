"""Failed sign-ins slowed down, then locked out: per client and for the whole server.

No Streamlit here (tested on its own) and no sleeping: a refused attempt is answered at once with the time
from which the next one will be heard. After the ``n``-th failure in a row a client waits

* ``delay_seconds × 2^(n-1)`` while ``n < attempts`` (1, 2, 4, 8 s with the defaults), then
* ``lock_seconds × 2^(n-attempts)`` (30 s, 60 s, 120 s, ...), never more than ``max_lock_seconds``.

A success clears the client's count. Failures from every client together count the same way against
``overall_attempts``: a guesser spread over many addresses locks sign-in for everyone for a while, which is
the price of not being guessable. A count is forgotten ``forget_seconds`` after its last failure.

The clock is a parameter (``now``, seconds); :func:`clock` reads the wall clock, shifted by the number in the
file named by ``STOCKOUT_RADAR_TEST_CLOCK_FILE`` when that is set (the browser test jumps over a lock-out that
way instead of waiting for it).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

OVERALL = "*"  # the key under which every client's failures add up

# (environment variable, field, default, meaning) — documented in README "Configuration".
ENV: tuple[tuple[str, str, float, str], ...] = (
    (
        "STOCKOUT_RADAR_SIGNIN_ATTEMPTS",
        "attempts",
        5,
        "failed sign-ins from one client before it is locked out",
    ),
    (
        "STOCKOUT_RADAR_SIGNIN_LOCK_SECONDS",
        "lock_seconds",
        30,
        "the first lock-out; each further failure doubles it",
    ),
    ("STOCKOUT_RADAR_SIGNIN_MAX_LOCK_SECONDS", "max_lock_seconds", 3600, "the longest lock-out"),
    (
        "STOCKOUT_RADAR_SIGNIN_DELAY_SECONDS",
        "delay_seconds",
        1,
        "wait after a first failure, doubling until the lock-out",
    ),
    (
        "STOCKOUT_RADAR_SIGNIN_OVERALL_ATTEMPTS",
        "overall_attempts",
        50,
        "failed sign-ins from all clients together before sign-in is locked for everyone",
    ),
)


@dataclass(frozen=True)
class Policy:
    attempts: int = 5
    lock_seconds: float = 30.0
    max_lock_seconds: float = 3600.0
    delay_seconds: float = 1.0
    overall_attempts: int = 50
    forget_seconds: float = 24 * 3600.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.overall_attempts < 1:
            raise ValueError("attempts and overall_attempts must be at least 1.")
        if min(self.lock_seconds, self.max_lock_seconds, self.delay_seconds, self.forget_seconds) < 0:
            raise ValueError("sign-in waits must not be negative.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Policy:
        """The policy from ``STOCKOUT_RADAR_SIGNIN_*`` (a malformed value keeps its default)."""
        env = os.environ if environ is None else environ
        values: dict[str, float] = {}
        for var, name, default, _ in ENV:
            try:
                values[name] = float(env.get(var, default))
            except ValueError:
                values[name] = default
        return cls(
            attempts=int(values["attempts"]),
            lock_seconds=values["lock_seconds"],
            max_lock_seconds=values["max_lock_seconds"],
            delay_seconds=values["delay_seconds"],
            overall_attempts=int(values["overall_attempts"]),
        )

    def wait(self, failures: int, attempts: int) -> float:
        """Seconds to wait after ``failures`` failures in a row, ``attempts`` being the lock-out threshold.

        >>> [Policy().wait(n, 5) for n in range(8)]
        [0.0, 1.0, 2.0, 4.0, 8.0, 30.0, 60.0, 120.0]
        """
        if failures <= 0:
            return 0.0
        if failures < attempts:
            return min(self.delay_seconds * 2 ** (failures - 1), self.max_lock_seconds)
        return min(self.lock_seconds * 2 ** min(failures - attempts, 60), self.max_lock_seconds)


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_at: float = 0.0  # clock time from which the next attempt is heard
    why: Literal["ok", "wait", "locked", "locked_all"] = "ok"


@dataclass
class Throttle:
    policy: Policy = field(default_factory=Policy)
    _counts: dict[str, _Count] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _count(self, key: str, now: float) -> _Count:
        count = self._counts.get(key)
        if count is None or now - count.last > self.policy.forget_seconds:
            count = self._counts[key] = _Count()
        return count

    def check(self, client: str, now: float) -> Verdict:
        """May ``client`` try a password now?"""
        with self._lock:
            overall, own = self._count(OVERALL, now), self._count(client, now)
            if now < overall.until and overall.failures >= self.policy.overall_attempts:
                return Verdict(False, overall.until, "locked_all")
            if now < own.until:
                return Verdict(False, own.until, "locked" if own.failures >= self.policy.attempts else "wait")
            return Verdict(True)

    def failed(self, client: str, now: float) -> Verdict:
        """Record a wrong password; the verdict says until when the client must wait."""
        with self._lock:
            own, overall = self._count(client, now), self._count(OVERALL, now)
            own.failures, own.last = own.failures + 1, now
            own.until = now + self.policy.wait(own.failures, self.policy.attempts)
            overall.failures, overall.last = overall.failures + 1, now
            if overall.failures >= self.policy.overall_attempts:
                overall.until = now + self.policy.wait(overall.failures, self.policy.overall_attempts)
            if overall.failures >= self.policy.overall_attempts and overall.until > own.until:
                return Verdict(False, overall.until, "locked_all")
            return Verdict(False, own.until, "locked" if own.failures >= self.policy.attempts else "wait")

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._counts.pop(client, None)

    def failures(self, client: str) -> int:
        with self._lock:
            count = self._counts.get(client)
            return count.failures if count else 0


def clock() -> float:
    """Wall-clock seconds, shifted by ``STOCKOUT_RADAR_TEST_CLOCK_FILE``'s number when that is set."""
    now = time.time()
    path = os.environ.get("STOCKOUT_RADAR_TEST_CLOCK_FILE")
    if path:
        with contextlib.suppress(OSError, ValueError):  # a missing or empty file: no shift
            now += float(Path(path).read_text(encoding="utf-8").strip() or 0)
    return now
