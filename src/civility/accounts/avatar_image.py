"""Turn an uploaded picture into a safe, small, square avatar, or say why not.

Only the decoded pixels survive: the result is re-encoded from scratch, so metadata (EXIF,
GPS), comments, trailing payloads and polyglot tricks are all dropped.
"""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from PIL import Image, ImageOps, features

ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
# Far above any camera, far below what would exhaust memory when decoded (~4 bytes a pixel).
MAX_PIXELS = 50_000_000


class AvatarRejected(Exception):
    """The upload is not an acceptable picture; the message is safe to show the reader."""


def too_large_error() -> AvatarRejected:
    limit = settings.AVATAR_MAX_BYTES // 1024
    return AvatarRejected(f"That file is too large; the limit is {limit:,} KB.")


def output_format() -> str:
    return "WEBP" if features.check("webp") else "PNG"


def normalise_avatar(upload) -> bytes:  # type: ignore[no-untyped-def]
    """Return the upload as a square settings.AVATAR_SIZE picture in output_format()."""
    if upload.size is not None and upload.size > settings.AVATAR_MAX_BYTES:
        raise too_large_error()
    upload.seek(0)
    try:
        # formats= keeps Pillow from trying any other decoder, whatever the file name says.
        with Image.open(upload, formats=ALLOWED_FORMATS) as image:
            # Checked before decoding: open() reads only the header. Pillow's own bomb check
            # uses a process-wide limit, so keep our tighter one here and catch its error too.
            if image.width * image.height > MAX_PIXELS:
                raise AvatarRejected("That picture has too many pixels.")
            image.seek(0)  # First frame only for animations.
            image.load()
            square = _square(image, settings.AVATAR_SIZE)
    except Image.DecompressionBombError as error:
        raise AvatarRejected("That picture has too many pixels.") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise AvatarRejected(
            "That file is not a picture we can use. Upload a PNG, JPEG, GIF or WebP image."
        ) from error
    buffer = BytesIO()
    if output_format() == "WEBP":
        square.save(buffer, "WEBP", quality=85, method=4)
    else:
        square.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _square(image: Image.Image, size: int) -> Image.Image:
    """Upright, centre-cropped and resized to size x size, in RGB or RGBA."""
    image = ImageOps.exif_transpose(image) or image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
