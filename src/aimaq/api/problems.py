"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the service returns has ``type``, ``title``, ``status`` and ``detail``; bad input
adds ``param`` (a query or path parameter) or ``pointer`` (a JSON pointer into the body), and
where it helps ``suggestions``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = ["PROBLEM_BASE", "Problem", "install_handlers", "problem_response"]

PROBLEM_BASE = "https://aimaq.kz/problems/"
MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid parameter",
    429: "Too many requests",
    500: "Internal error",
    503: "Not ready",
}


class Problem(Exception):
    """An error to return as problem details.

    Parameters
    ----------
    status : int
        HTTP status.
    detail : str
        What went wrong and how to fix it, for a person.
    kind : str
        Short slug appended to :data:`PROBLEM_BASE` for ``type``.
    **extra
        Extension members (``param``, ``pointer``, ``suggestions`` …).
    """

    def __init__(self, status: int, detail: str, kind: str | None = None, **extra: Any):
        self.status = status
        self.detail = detail
        self.kind = kind or _TITLES.get(status, "error").lower().replace(" ", "-")
        self.extra = {k: v for k, v in extra.items() if v is not None}
        self.headers: dict[str, str] = {}
        super().__init__(detail)


def problem_response(
    status: int,
    detail: str,
    kind: str | None = None,
    headers: dict | None = None,
    instance: str | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem-details response."""
    body = {
        "type": PROBLEM_BASE + (kind or _TITLES.get(status, "error").lower().replace(" ", "-")),
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _where(loc: tuple) -> dict:
    """``param`` for query/path/header errors, ``pointer`` for body errors."""
    if not loc:
        return {}
    head, rest = loc[0], [str(x) for x in loc[1:]]
    if head == "body":
        return {"pointer": "/" + "/".join(rest)}
    return {"param": rest[0] if rest else str(head), "in": head}


def install_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` a problem-details response."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem):
        return problem_response(
            exc.status, exc.detail, exc.kind, exc.headers or None, request.url.path, **exc.extra
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path} (see /docs)"
        return problem_response(
            exc.status_code,
            detail,
            headers=getattr(exc, "headers", None),
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = [
            {"msg": e.get("msg", ""), **_where(tuple(e.get("loc", ())))} for e in exc.errors()
        ]
        first = errors[0] if errors else {}
        where = first.get("param") or first.get("pointer") or "request"
        return problem_response(
            422,
            f"{where}: {first.get('msg', 'invalid')}",
            "invalid-parameter",
            instance=request.url.path,
            param=first.get("param"),
            pointer=first.get("pointer"),
            errors=errors,
        )

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):  # pragma: no cover - last resort
        return problem_response(
            500, f"{type(exc).__name__}: {exc}", "internal", instance=request.url.path
        )
