"""Sub-commands of the ``aimaq`` CLI; each module exposes ``register(app)``."""

__all__: list[str] = []
