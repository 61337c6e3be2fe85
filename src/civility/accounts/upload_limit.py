"""Stop reading an upload once it passes the avatar size limit, instead of spooling it to disk."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE_FLAG = "_civility_upload_too_large"


class SizeLimitUploadHandler(FileUploadHandler):
    """Skip any file larger than settings.AVATAR_MAX_BYTES and flag the request.

    Must come first in request.upload_handlers: it sees each chunk before the handlers that
    store it, and the skipped file never reaches memory or a temporary file.
    """

    def new_file(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.AVATAR_MAX_BYTES:
            setattr(self.request, TOO_LARGE_FLAG, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def install(request) -> None:  # type: ignore[no-untyped-def]
    """Put the limit in front of the request's upload handlers (before its body is read)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))


def upload_was_too_large(request) -> bool:  # type: ignore[no-untyped-def]
    return bool(getattr(request, TOO_LARGE_FLAG, False))
