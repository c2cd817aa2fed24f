"""Static files under ``kuzet serve``: whitenoise, reading from the finders only."""

from __future__ import annotations

import os

from whitenoise.middleware import WhiteNoiseMiddleware

__all__ = ["StaticFiles"]


class StaticFiles(WhiteNoiseMiddleware):
    """Whitenoise without the collectstatic directory: the files come from the installed
    packages (our apps, XStatic-Leaflet, ninja) through the finders, so a missing
    ``STATIC_ROOT`` is normal and not worth a warning on every start."""

    def add_files(self, root: str, prefix: str | None = None) -> None:
        if not os.path.isdir(root):
            return
        super().add_files(root, prefix)
