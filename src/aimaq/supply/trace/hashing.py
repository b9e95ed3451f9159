"""CBV 2.0 event hashes (``ni:///sha-256;…?ver=CBV2.0``) of EPCIS events.

The hash is the event ID of GS1 CBV 2.0 §8.9: a pre-hash string of the event's fields in a
fixed order, identifiers in canonical GS1 Digital Link form (so the URN and Digital Link
spellings of an event hash alike), ``eventID``, ``recordTime`` and ``errorDeclaration``
excluded, hashed with SHA-256. It is computed by the MIT-licensed reference implementation
``epcis-event-hash-generator`` (checked against
``../shared/reference/epcis/event-hash/example-event-hashes.tsv`` in the tests).

The generator keeps module-level state (the JSON-LD namespaces of the last document), so calls
are serialised by a lock and the state is reset per document. It skips events it cannot parse;
for those a documented fallback hash is used: SHA-256 over the canonical JSON of the event with
identifiers canonicalised and the same excluded fields, marked ``?ver=aimaq-fallback-1``.

Examples
--------
>>> ev = {"type": "ObjectEvent", "eventTime": "2005-04-03T20:33:31.116-06:00",
...       "eventTimeZoneOffset": "-06:00", "action": "OBSERVE",
...       "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]}
>>> dl = {**ev, "epcList": ["https://example.com/01/10614141073464/21/2017"]}
>>> event_hashes([ev]) == event_hashes([dl])
True
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from typing import Any

__all__ = ["DEFAULT_CONTEXT", "event_hashes", "fallback_hash"]

DEFAULT_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# The contexts bundled with the generator (others are not fetched: the repository is offline).
_BUNDLED = {DEFAULT_CONTEXT, "https://gs1.github.io/EPCIS/epcis-context.jsonld"}
_LOCK = threading.Lock()
_EXCLUDED = {"eventID", "recordTime", "errorDeclaration", "comment", "rdfs:comment"}


def _offline_context(ctx: Any) -> list:
    items = ctx if isinstance(ctx, list) else [ctx] if ctx else []
    out = [c for c in items if isinstance(c, dict) or c in _BUNDLED]
    if not any(c in _BUNDLED for c in out):
        out.insert(0, DEFAULT_CONTEXT)
    return out


def _generator_hashes(events: list[dict], context: list) -> list[str] | None:
    from epcis_event_hash_generator import hash_generator, json_to_py

    doc = {"@context": context, "type": "EPCISDocument",
           "epcisBody": {"eventList": copy.deepcopy(events)}}
    with _LOCK:
        json_to_py._namespaces.clear()
        try:
            py = json_to_py.event_list_from_epcis_document_json(doc)
            pre = hash_generator.derive_prehashes_from_events(py)
        except Exception:
            return None
        finally:
            json_to_py._namespaces.clear()
    if len(pre) != len(events):
        return None
    return hash_generator.calculate_hashes_from_pre_hashes(pre)


def fallback_hash(event: dict) -> str:
    """SHA-256 of the event's canonical JSON (identifiers canonical, ID fields excluded)."""
    from aimaq.supply.trace.identifiers import IdentifierError, canonical

    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items() if k not in _EXCLUDED}
        if isinstance(v, list):
            return sorted((norm(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
        if isinstance(v, str):
            try:
                return canonical(v)
            except IdentifierError:
                return v
        return v

    text = json.dumps(norm(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"ni:///sha-256;{hashlib.sha256(text.encode()).hexdigest()}?ver=aimaq-fallback-1"


def event_hashes(events: list[dict], context: Any = None) -> list[str]:
    """The CBV 2.0 event hash of each event (in order), ``context`` the document's ``@context``."""
    if not events:
        return []
    ctx = _offline_context(context)
    out = _generator_hashes(events, ctx)
    if out is not None:
        return out
    res = []
    for ev in events:  # one at a time, to find the events the generator cannot hash
        h = _generator_hashes([ev], ctx)
        res.append(h[0] if h else fallback_hash(ev))
    return res
