"""Images for demo content, drawn with Pillow (no files shipped, no network).

Kinds, so that a demo school looks like a school and not like a colour test:
- "building": a school building under a sky (covers, the history page);
- "card": a branded card with the title written on it (news and events without a photo);
- "portrait": an initials avatar (staff);
- "emblem": a round emblem with initials and the school's name (logo, favicon).
Text is drawn with DejaVu Sans (Kazakh and Russian letters) when the system has it."""

import hashlib
import math
import textwrap
from functools import cache
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


@cache
def _font_path(bold):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return None


def _font(size, bold=False):
    path = _font_path(bold)
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(path, size)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size, top, bottom):
    width, height = size
    canvas = PillowImage.new("RGB", size, top)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / max(1, height - 1)))
    return canvas


def _initials(text):
    words = [w for w in text.replace("№", "").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:2]) or "M"


def _building(size, colour, text):
    width, height = size
    canvas = _gradient(size, (142, 196, 235), (226, 240, 250))
    draw = ImageDraw.Draw(canvas)
    ground = int(height * 0.78)
    draw.rectangle([0, ground, width, height], fill=(120, 160, 90))
    # The main block, two wings and rows of windows.
    left, right, top = int(width * 0.14), int(width * 0.86), int(height * 0.32)
    draw.rectangle([left, top, right, ground], fill=(236, 226, 206))
    draw.rectangle([left, top, right, top + height // 30], fill=colour)
    wing = int(width * 0.1)
    draw.rectangle([left - wing, top + height // 10, left, ground], fill=(222, 210, 188))
    draw.rectangle([right, top + height // 10, right + wing, ground], fill=(222, 210, 188))
    cols, rows = 9, 3
    cell_w = (right - left) / cols
    cell_h = (ground - top - height // 10) / (rows + 0.6)
    for row in range(rows):
        for col in range(cols):
            x = left + col * cell_w + cell_w * 0.22
            y = top + height // 18 + row * cell_h
            draw.rectangle(
                [x, y, x + cell_w * 0.56, y + cell_h * 0.6], fill=(86, 128, 170), outline="white"
            )
    door_w = cell_w * 1.2
    centre = width / 2
    draw.rectangle(
        [centre - door_w / 2, ground - cell_h * 1.1, centre + door_w / 2, ground], fill=colour
    )
    # A flag on the roof.
    pole = (right - int(cell_w), top)
    draw.line([pole, (pole[0], top - height // 6)], fill=(80, 80, 80), width=3)
    draw.rectangle(
        [pole[0], top - height // 6, pole[0] + width // 14, top - height // 9], fill=(0, 175, 202)
    )
    # Trees.
    for x in (0.05, 0.93):
        cx = int(width * x)
        draw.ellipse(
            [cx - width // 22, ground - height // 5, cx + width // 22, ground], fill=(60, 120, 70)
        )
    if text:
        font = _font(max(14, height // 16), bold=True)
        draw.text((width // 2, int(height * 0.9)), text, font=font, fill="white", anchor="mm")
    return canvas


def _pictogram(draw, icon, centre, radius):
    """A language-neutral sign for a news card: a ball, a medal or a star."""
    x, y = centre
    white = (255, 255, 255)
    if icon == "sport":
        # A football: a circle, a pentagon in the middle and seams to the rim.
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=white, width=8)
        draw.regular_polygon((x, y, radius * 0.38), 5, fill=white)
        for corner in range(5):
            angle = math.radians(90 + corner * 72)
            inner = (x + math.cos(angle) * radius * 0.38, y - math.sin(angle) * radius * 0.38)
            outer = (x + math.cos(angle) * radius, y - math.sin(angle) * radius)
            draw.line([inner, outer], fill=white, width=6)
    elif icon == "olympiads":
        draw.polygon(
            [
                (x - radius * 0.7, y - radius * 2),
                (x - radius * 0.1, y - radius * 0.6),
                (x + radius * 0.1, y - radius * 0.6),
                (x + radius * 0.7, y - radius * 2),
            ],
            fill=(255, 255, 255, 180),
        )
        draw.ellipse(
            [x - radius * 0.8, y - radius * 0.8, x + radius * 0.8, y + radius * 0.8],
            fill=(245, 190, 60),
            outline=white,
            width=6,
        )
        draw.regular_polygon((x, y, radius * 0.4), 5, fill=white)
    else:
        draw.regular_polygon((x, y, radius), 5, rotation=90, outline=white, width=8)
        draw.ellipse(
            [x - radius * 0.25, y - radius * 0.25, x + radius * 0.25, y + radius * 0.25], fill=white
        )


def _card(size, colour, text, label, icon=""):
    width, height = size
    dark = _mix(colour, (10, 20, 40), 0.55)
    canvas = _gradient(size, colour, dark)
    draw = ImageDraw.Draw(canvas)
    # A light ornament in the corner (a nod to Kazakh "qoshqar müiz" curls), then the text.
    light = _mix(colour, (255, 255, 255), 0.25)
    r = height // 2
    for step in range(4):
        draw.arc(
            [width - r - step * 22, -r // 2 - step * 22, width + r // 2 + step * 22, r + step * 22],
            90,
            270,
            fill=light,
            width=5,
        )
    if icon:
        _pictogram(draw, icon, (width * 0.5, height * 0.5), height // 4)
    if label:
        font = _font(max(12, height // 18), bold=True)
        box = draw.textbbox((0, 0), label, font=font)
        pad = height // 40
        x, y = width // 14, height // 10
        draw.rounded_rectangle(
            [x - pad, y - pad, x + box[2] + pad, y + box[3] + pad], radius=pad * 2, fill="white"
        )
        draw.text((x, y), label, font=font, fill=dark)
    if text:
        font = _font(max(16, height // 11), bold=True)
        chars = max(10, int(width / (height / 11) * 1.7))
        lines = textwrap.wrap(text, chars)[:3]
        y = height - height // 10 - len(lines) * int(height / 9.5)
        for line in lines:
            draw.text((width // 14, y), line, font=font, fill="white")
            y += int(height / 9.5)
    return canvas


def _portrait(size, colour, text):
    width, height = size
    canvas = _gradient(
        size, _mix(colour, (255, 255, 255), 0.55), _mix(colour, (255, 255, 255), 0.2)
    )
    draw = ImageDraw.Draw(canvas)
    # Head and shoulders, then the initials over them.
    draw.ellipse(
        [width * 0.3, height * 0.2, width * 0.7, height * 0.52], fill=_mix(colour, (0, 0, 0), 0.25)
    )
    draw.ellipse(
        [width * 0.1, height * 0.58, width * 0.9, height * 1.2], fill=_mix(colour, (0, 0, 0), 0.25)
    )
    font = _font(width // 5, bold=True)
    draw.text((width / 2, height * 0.78), _initials(text), font=font, fill="white", anchor="mm")
    return canvas


def _emblem(size, colour, text):
    width, height = size
    canvas = PillowImage.new("RGB", size, "white")
    draw = ImageDraw.Draw(canvas)
    side = min(width, height) - 8
    x0 = 4 if width == height else height // 10
    y0 = (height - side) // 2
    draw.ellipse([x0, y0, x0 + side, y0 + side], fill=colour)
    draw.ellipse(
        [x0 + side // 10, y0 + side // 10, x0 + side * 9 // 10, y0 + side * 9 // 10],
        outline="white",
        width=max(2, side // 40),
    )
    font = _font(side // 3, bold=True)
    draw.text((x0 + side / 2, y0 + side / 2), _initials(text), font=font, fill="white", anchor="mm")
    if width > height * 1.5 and text:
        font = _font(max(12, height // 6), bold=True)
        lines = textwrap.wrap(text, 18)[:2]
        y = height / 2 - (len(lines) - 1) * height / 10
        for line in lines:
            draw.text((x0 + side + height // 8, y), line, font=font, fill=colour, anchor="lm")
            y += height / 5
    return canvas


def demo_image(
    collection,
    title,
    size=(800, 600),
    colour=(11, 92, 173),
    text="",
    kind="card",
    label="",
    icon="",
):
    """The image titled `title` in `collection`, drawn once (get-or-create by title)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    if kind == "building":
        canvas = _building(size, colour, text)
    elif kind == "portrait":
        canvas = _portrait(size, colour, text or title)
    elif kind == "emblem":
        canvas = _emblem(size, colour, text or title)
    else:
        canvas = _card(size, colour, text, label, icon)
    buffer = BytesIO()
    canvas.save(buffer, format="JPEG" if kind in ("building", "card") else "PNG", quality=85)
    digest = hashlib.sha256(f"{collection.pk}:{title}".encode()).hexdigest()[:10]
    extension = "jpg" if kind in ("building", "card") else "png"
    return image_model.objects.create(
        title=title,
        collection=collection,
        file=ImageFile(BytesIO(buffer.getvalue()), name=f"demo-{digest}.{extension}"),
    )
