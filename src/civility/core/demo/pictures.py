"""Pictures for the demo, drawn with Pillow: reader avatars and the story's illustration."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from civility.accounts.avatars import PALETTE, initials

SHAPES = ("circle", "diamond", "stripes", "ring", "triangle", "dots")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _tint(colour: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    r, g, b = colour
    return (
        int(r + (255 - r) * amount),
        int(g + (255 - g) * amount),
        int(b + (255 - b) * amount),
    )


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def avatar_png(name: str, index: int, size: int = 128) -> bytes:
    """A square picture: a colour and a shape picked by index, with the name's initials."""
    base = _rgb(PALETTE[index % len(PALETTE)])
    light = _tint(base, 0.25)
    image = Image.new("RGB", (size, size), base)
    draw = ImageDraw.Draw(image)
    shape = SHAPES[(index // len(PALETTE) + index) % len(SHAPES)]
    s = size
    if shape == "circle":
        draw.ellipse((s * 0.45, -s * 0.1, s * 1.25, s * 0.7), fill=light)
    elif shape == "diamond":
        draw.polygon(
            [(s / 2, -s * 0.1), (s * 1.1, s / 2), (s / 2, s * 1.1), (-s * 0.1, s / 2)], fill=light
        )
    elif shape == "stripes":
        for x in range(-s, s, s // 4):
            draw.polygon([(x, s), (x + s // 8, s), (x + s + s // 8, 0), (x + s, 0)], fill=light)
    elif shape == "ring":
        draw.ellipse((s * 0.1, s * 0.1, s * 0.9, s * 0.9), outline=light, width=s // 10)
    elif shape == "triangle":
        draw.polygon([(0, s), (s, s), (s, s * 0.35)], fill=light)
    else:
        for row in range(4):
            for col in range(4):
                cx, cy = s * (col + 0.5) / 4, s * (row + 0.5) / 4
                draw.ellipse((cx - s / 20, cy - s / 20, cx + s / 20, cy + s / 20), fill=light)
    # A dark disc behind the letters keeps them readable on every shape.
    draw.ellipse((s * 0.2, s * 0.2, s * 0.8, s * 0.8), fill=_tint(base, -0.0))
    font = ImageFont.load_default(size=int(s * 0.3))
    draw.text((s / 2, s / 2), initials(name), fill=(255, 255, 255), font=font, anchor="mm")
    return _png(image)


def bridge_png(width: int = 960, height: int = 480) -> bytes:
    """An illustration of a three-arch river bridge at dusk."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    sky_top, sky_bottom = (38, 60, 104), (240, 176, 120)
    horizon = int(height * 0.62)
    for y in range(horizon):
        t = y / horizon
        colour = tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    # Hills and the far bank.
    draw.polygon(
        [
            (0, horizon - 60),
            (220, horizon - 110),
            (430, horizon - 70),
            (640, horizon - 120),
            (width, horizon - 80),
            (width, horizon),
            (0, horizon),
        ],
        fill=(58, 82, 70),
    )
    # River with a few highlights.
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=(int(40 + 30 * t), int(70 + 20 * t), int(96 + 10 * t)))
    for i in range(18):
        x = (i * 173) % width
        y = horizon + 20 + (i * 37) % (height - horizon - 30)
        draw.line([(x, y), (x + 40, y)], fill=(200, 170, 140), width=2)
    # The bridge: a stone face with three arch openings, standing in the water.
    deck_top = horizon - 40
    water = int(height * 0.86)
    stone, dark_stone = (128, 116, 104), (96, 88, 80)
    draw.rectangle((0, deck_top, width, water), fill=stone)
    draw.rectangle((0, deck_top - 14, width, deck_top - 4), fill=dark_stone)
    for x in range(0, width, 24):
        draw.rectangle((x, deck_top - 22, x + 6, deck_top - 4), fill=dark_stone)
    draw.line([(0, deck_top + 26), (width, deck_top + 26)], fill=dark_stone, width=3)
    span = width // 3
    rise = deck_top + 44
    for i in range(3):
        left, right = i * span + 36, (i + 1) * span - 36
        box = (left, rise, right, water + (water - rise))
        draw.chord(box, 180, 360, fill=(34, 58, 82))
        draw.arc(box, 180, 360, fill=dark_stone, width=8)
    for y in range(water, height):
        draw.line([(0, y), (width, y)], fill=(52, 84, 108))
    for i in range(14):
        x = (i * 173) % width
        y = water + 6 + (i * 11) % (height - water - 8)
        draw.line([(x, y), (x + 50, y)], fill=(210, 180, 150), width=2)
    # Street lamps.
    for x in range(60, width, 180):
        draw.line([(x, deck_top - 14), (x, deck_top - 70)], fill=(60, 56, 52), width=4)
        draw.ellipse((x - 9, deck_top - 82, x + 9, deck_top - 64), fill=(255, 226, 150))
    return _png(image)
