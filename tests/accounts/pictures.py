"""Small pictures made in memory for upload tests."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def picture_bytes(fmt: str = "PNG", size: tuple[int, int] = (300, 200), **save_args) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    # A distinct right half, so a centre crop can be told from a squash.
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    buffer = BytesIO()
    image.save(buffer, fmt, **save_args)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
