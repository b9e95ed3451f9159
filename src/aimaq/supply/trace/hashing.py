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


# Leaf fields that never carry CBV/GS1 vocabulary (identifiers, times, numbers): replaced by a
# placeholder in the skeleton whose JSON-LD expansion yields the vocabulary of a document.
_PLAIN = {
    "epcList",
    "childEPCs",
    "inputEPCList",
    "outputEPCList",
    "epcClass",
    "parentID",
    "id",
    "source",
    "destination",
    "bizTransaction",
    "eventID",
    "eventTime",
    "recordTime",
    "time",
    "startTime",
    "endTime",
    "declarationTime",
    "deviceID",
    "quantity",
    "value",
    "minValue",
    "maxValue",
    "meanValue",
    "sDev",
    "percRank",
    "percValue",
    "rawData",
    "transformationID",
    "correctiveEventIDs",
    "stringValue",
    "hexBinaryValue",
}
_VOCAB_CACHE: dict[str, frozenset] = {}


def _skeleton(v, key=None):
    if key in _PLAIN:
        return [] if isinstance(v, list) else "urn:x"
    if isinstance(v, dict):
        return {k: _skeleton(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [_skeleton(x, key) for x in v]
    return v


def _vocabulary(doc: dict) -> frozenset:
    """The CBV/GS1 web-vocabulary IRIs of the document's JSON-LD expansion (cached by shape):
    the set the generator's bare-string step matches values against."""
    from pyld import jsonld

    evs = doc["epcisBody"]["eventList"]
    shapes = sorted({json.dumps(_skeleton(e), sort_keys=True) for e in evs})
    key = json.dumps([doc.get("@context"), shapes], sort_keys=True)
    if key not in _VOCAB_CACHE:
        mini = {**doc, "epcisBody": {"eventList": [json.loads(x) for x in shapes]}}
        vals: list[str] = []
        from epcis_event_hash_generator import json_to_py

        json_to_py._find_expanded_values(jsonld.expand(mini), vals)
        _VOCAB_CACHE[key] = frozenset(
            x for x in vals if x.startswith(("https://ref.gs1.org/cbv", "https://gs1.org/voc"))
        )
    return _VOCAB_CACHE[key]


def _replace_bare(v, cand):
    """``json_to_py._replace_bare_string_values`` with the suffix search as a dict lookup."""
    if isinstance(v, str):
        m = cand.get(v)
        return m[0] if m is not None and len(m) == 1 else v
    if isinstance(v, list):
        return [_replace_bare(x, cand) for x in v]
    if isinstance(v, dict):
        return {k: _replace_bare(x, cand) for k, x in v.items()}
    return v


def _fast_py(doc: dict):
    """``json_to_py.event_list_from_epcis_document_json`` with the document-wide JSON-LD
    expansion replaced by the cached expansion of its distinct event shapes."""
    from epcis_event_hash_generator import json_to_py, json_xml_model_mismatch_correction

    cand: dict[str, list] = {}
    for u in _vocabulary(doc):
        for i, ch in enumerate(u):
            if ch in "-/":
                cand.setdefault(u[i + 1 :], []).append(u)
    doc = _replace_bare(doc, cand)
    json_to_py._collect_namespaces_from_jsonld_context(doc["@context"])
    fix = json_xml_model_mismatch_correction.deep_structure_correction
    return (
        "EventList",
        "",
        [fix(json_to_py._json_to_py(e)) for e in doc["epcisBody"]["eventList"]],
    )


def _prehashes(py) -> list[str]:
    """``hash_generator.derive_prehashes_from_events`` without its defensive deep copy (the
    events here are fresh); an event it cannot parse is left out, as there."""
    from epcis_event_hash_generator import PROP_ORDER
    from epcis_event_hash_generator import hash_generator as g

    g.JOIN_BY = ""
    out = []
    for ev in py[2]:
        try:
            out.append(
                "eventType="
                + ev[0]
                + g._recurse_through_children_in_order(ev[2], PROP_ORDER)
                + g._gather_elements_not_in_order(ev[2], PROP_ORDER)
            )
        except Exception:
            pass
    return out


def _generator_hashes(events: list[dict], context: list, fast: bool = True) -> list[str] | None:
    from epcis_event_hash_generator import hash_generator, json_to_py

    doc = {
        "@context": context,
        "type": "EPCISDocument",
        "epcisBody": {"eventList": copy.deepcopy(events)},
    }
    with _LOCK:
        json_to_py._namespaces.clear()
        try:
            if fast:
                pre = _prehashes(_fast_py(doc))
            else:
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


def event_hashes(events: list[dict], context: Any = None, fast: bool = True) -> list[str]:
    """The CBV 2.0 event hash of each event (in order), ``context`` the document's ``@context``.

    ``fast`` (default) expands only the distinct event shapes of the document with JSON-LD
    (cached) instead of the whole document; ``fast=False`` runs the generator unchanged. The
    two give identical hashes (tested on the examples, the demo and generated events).
    """
    if not events:
        return []
    ctx = _offline_context(context)
    out = _generator_hashes(events, ctx, fast)
    if out is not None:
        return out
    res = []
    for ev in events:  # one at a time, to find the events the generator cannot hash
        h = _generator_hashes([ev], ctx, fast)
        res.append(h[0] if h else fallback_hash(ev))
    return res
