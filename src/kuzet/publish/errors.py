"""Errors of the publish package: one-line messages for ``kuzet: ...``."""

from __future__ import annotations

from ..chronicle.errors import KuzetError

__all__ = ["PublishError"]


class PublishError(KuzetError):
    """A publication cannot be made as asked (nothing selected, a bad file, a bad value)."""
