"""GS1 EPCIS 2.0 traceability repository: capture, query, trace, cold chain, tamper evidence.

Modules: :mod:`.identifiers` (EPC URN ↔ GS1 Digital Link), :mod:`.models` (validation),
:mod:`.hashing` (CBV 2.0 event hash), :mod:`.repository` (capture), :mod:`.query` (EPCIS
query parameters), :mod:`.lineage` (trace back/forward, recall scope, custody),
:mod:`.coldchain` (excursions, MKT, verdicts), :mod:`.chain` (hash chain, ``verify``),
:mod:`.demo` (the bundled demonstration chain).
"""

__all__: list[str] = []
