"""Images for demo content, drawn with Pillow (no files shipped, no network)."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image as PillowImage
from PIL import ImageDraw


def demo_image(collection, title, size=(800, 600), colour=(11, 92, 173), text=""):
    """The image titled `title` in `collection`, drawn once (get-or-create by title).
    `text` must be ASCII: Pillow's built-in font has no Kazakh letters."""
    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    # A few soft shapes so that thumbnails look like photos rather than flat swatches.
    for step in range(6):
        inset = step * min(width, height) // 14
        shade = tuple(min(255, c + 18 * step) for c in colour)
        draw.ellipse(
            [inset, inset * 2 // 3, width - inset, height - inset // 2], outline=shade, width=6
        )
    if text:
        draw.text((width // 12, height // 2 - 10), text, fill=(255, 255, 255))
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    digest = hashlib.sha256(f"{collection.pk}:{title}".encode()).hexdigest()[:10]
    name = f"demo-{digest}.png"
    return image_model.objects.create(
        title=title,
        collection=collection,
        file=ImageFile(BytesIO(buffer.getvalue()), name=name),
    )
