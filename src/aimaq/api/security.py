"""Who is calling: API keys, roles, rate limits and request size limits.

``Authorization: Bearer <key>`` identifies a participant (:mod:`aimaq.supply.participants`).
Statistics, prices and published diagnosis results are public; writes and the food-chain
reads need a key; managing participants needs the regulator's. A denied request is answered
with problem details and written to the audit log.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from aimaq.api.problems import Problem, problem_response
from aimaq.supply.participants import AuthError, Participant, Participants, key_id_of

__all__ = [
    "BodyLimit",
    "RateLimit",
    "Settings",
    "deny",
    "optional_participant",
    "registry",
    "require_participant",
    "require_regulator",
]


@dataclass(frozen=True)
class Settings:
    """Service settings, from the environment (``AIMAQ_*``)."""

    max_body: int = 16 * 1024 * 1024  # bytes
    rate: float = 50.0  # requests per second per key (or per client address)
    burst: int = 200
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            max_body=int(env.get("AIMAQ_MAX_BODY", cls.max_body)),
            rate=float(env.get("AIMAQ_RATE_LIMIT", cls.rate)),
            burst=int(env.get("AIMAQ_RATE_BURST", cls.burst)),
            cors_origins=tuple(
                o.strip() for o in env.get("AIMAQ_CORS_ORIGINS", "").split(",") if o.strip()
            ),
        )


def registry(request: Request) -> Participants:
    """The participant registry of the app's store."""
    reg = getattr(request.app.state, "participants", None)
    if reg is None:
        reg = request.app.state.participants = Participants(request.app.state.store)
    return reg


def deny(request: Request, status: int, detail: str, reason: str, who: Participant | None = None):
    """Audit a denied request and raise the problem to return."""
    key = _bearer(request)
    registry(request).audit(
        request.method,
        request.url.path,
        status,
        reason,
        participant_id=who.id if who else None,
        key_id=key_id_of(key) if key else None,
    )
    p = Problem(status, detail, reason.replace(" ", "-"))
    if status == 401:
        p.headers["WWW-Authenticate"] = 'Bearer realm="aimaq"'
    raise p


def _bearer(request: Request) -> str | None:
    h = request.headers.get("authorization")
    if not h:
        return None
    scheme, _, token = h.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else h


async def optional_participant(request: Request) -> Participant | None:
    """The caller, or None for an anonymous request; 401 for a bad key."""
    key = _bearer(request)
    if key is None:
        return None
    try:
        who = await run_in_threadpool(registry(request).authenticate, key)
    except AuthError as e:
        await run_in_threadpool(
            deny,
            request,
            401,
            f"the API key is not valid ({e.reason}); ask the regulator for a key",
            e.reason,
        )
    request.state.participant = who
    return who


def require_participant(who: Participant | None = Depends(optional_participant)) -> Participant:
    """A signed-in participant (401 otherwise)."""
    if who is None:
        p = Problem(
            401, "this endpoint needs an API key: Authorization: Bearer <key>", "not-authenticated"
        )
        p.headers["WWW-Authenticate"] = 'Bearer realm="aimaq"'
        raise p
    return who


def require_regulator(request: Request, who: Participant = Depends(require_participant)):
    """The regulator (403 for anyone else)."""
    if not who.is_regulator:
        deny(
            request,
            403,
            f"only the regulator may do this; {who.name} is a {who.role.value}",
            "not regulator",
            who,
        )
    return who


class RateLimit:
    """Token bucket per API key (or client address): ``rate`` per second, ``burst`` deep."""

    def __init__(self, app: ASGIApp, rate: float, burst: int):
        self.app, self.rate, self.burst = app, rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _take(self, who: str) -> float:
        """0 if allowed, else seconds until a token is free."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(who, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[who] = (tokens - 1, now)
                return 0.0
            self._buckets[who] = (tokens, now)
            return (1 - tokens) / self.rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send):
        if scope["type"] != "http" or self.rate <= 0:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"").decode("latin-1")
        who = key_id_of(auth.partition(" ")[2].strip()) or (scope.get("client") or ("?",))[0]
        wait = self._take(who)
        if wait:
            resp = problem_response(
                429,
                f"more than {self.rate:g} requests per second; retry in {wait:.1f} s",
                "rate-limited",
                headers={"Retry-After": str(max(1, round(wait)))},
            )
            return await resp(scope, receive, send)
        return await self.app(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (declared or streamed) with a 413 problem."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        too_big = problem_response(
            413,
            f"the request body is over {self.limit:,} bytes; split it into smaller documents",
            "too-large",
        )
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await too_big(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise Problem(
                        413, f"the request body is over {self.limit:,} bytes", "too-large"
                    )
            return msg

        return await self.app(scope, counted, send)
