"""Static file names: hashed once `collectstatic` has run, plain before.

Whitenoise serves app static folders directly (WHITENOISE_USE_FINDERS), so a fresh checkout works
without `collectstatic`; the strict manifest storage would instead fail every page that uses
``{% static %}``. `civility serve` collects first, so served pages get hashed, cache-forever names.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedOrFoundStaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        """Return the hashed name from the manifest, or the plain name when it has none."""
        try:
            return super().stored_name(name)
        except ValueError:
            # Not collected (yet): the finders serve the file under its own name.
            return name
