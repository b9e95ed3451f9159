"""Participant management (the regulator) and the caller's own record."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from aimaq.api.problems import Problem
from aimaq.api.security import registry, require_participant, require_regulator
from aimaq.supply.participants import Participant, ParticipantError

__all__ = ["router"]

router = APIRouter(tags=["participants"])


class ParticipantIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: str
    region: str | None = None
    gs1_prefix: str | None = None
    glns: list[str] = Field(default_factory=list, max_length=1000)


def _out(p: Participant) -> dict:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role.value,
        "region": p.region,
        "gs1_prefix": p.gs1_prefix,
        "glns": list(p.glns),
        "created_at": p.created_at.isoformat(),
    }


def _get(request: Request, pid: int) -> Participant:
    try:
        return registry(request).get(pid)
    except ParticipantError as e:
        raise Problem(404, str(e), "unknown-participant", param="id") from None


@router.get("/participants/me")
def me(who: Participant = Depends(require_participant)) -> dict:
    """The calling participant."""
    return _out(who)


@router.get("/participants")
def list_participants(request: Request, _: Participant = Depends(require_regulator)) -> dict:
    """Every participant (regulator only)."""
    return {"items": [_out(p) for p in registry(request).list()]}


@router.post("/participants", status_code=201)
def add(request: Request, body: ParticipantIn, who: Participant = Depends(require_regulator)):
    """Register a participant; the response holds its key, shown this once (regulator only)."""
    try:
        issued = registry(request).add(
            body.name, body.role, body.region, body.glns, body.gs1_prefix, by=who.id
        )
    except ParticipantError as e:
        field = str(e).split(":", 1)[0]
        raise Problem(422, str(e), "invalid-participant", pointer=f"/{field}") from None
    return {**_out(issued.participant), "key": issued.key}


@router.post("/participants/{pid}/revoke")
def revoke(request: Request, pid: int, _: Participant = Depends(require_regulator)) -> dict:
    """Revoke every key of a participant (regulator only)."""
    p = _get(request, pid)
    return {"id": p.id, "revoked": registry(request).revoke(p.id)}


@router.post("/participants/{pid}/rotate")
def rotate(request: Request, pid: int, _: Participant = Depends(require_regulator)) -> dict:
    """Replace a participant's keys by a new one, shown this once (regulator only)."""
    p = _get(request, pid)
    issued = registry(request).rotate(p.id)
    return {**_out(issued.participant), "key": issued.key}


@router.get("/audit")
def audit(request: Request, limit: int = 100, _: Participant = Depends(require_regulator)):
    """The latest denied requests (regulator only)."""
    rows = registry(request).audit_log(min(max(limit, 1), 1000))
    return {"items": [{**r, "at": r["at"].isoformat()} for r in rows]}
