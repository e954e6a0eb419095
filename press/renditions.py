"""Smaller copies of release images for lists, cards and the lead picture, in WebP and JPEG.
Made once when an image is saved (or by `manage.py make_renditions`), then reused: a page
only links to them."""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

# Steps close enough that a phone (360-430 CSS px wide at 2-3 device pixels per px) loads
# a copy near its need rather than the 1,200 one.
WIDTHS = {"thumbnail": 320, "small": 480, "card": 640, "medium": 800, "large": 960, "hero": 1200}
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}


def widths_for(original_width):
    """The rendition widths of an image: never wider than the original."""
    return sorted({min(width, original_width) for width in WIDTHS.values()})


def rendition_name(image_name, width, extension):
    path = PurePosixPath(image_name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{width}.{extension}")


def rendition_url(image_name, width, extension):
    return default_storage.url(rendition_name(image_name, width, extension))


def make_renditions(release_image):
    """Write the missing renditions of one image; returns how many were written."""
    written = 0
    try:
        with default_storage.open(release_image.image.name) as file, Image.open(file) as original:
            original = ImageOps.exif_transpose(original)
            _store_dimensions(release_image, original.size)
            for width in widths_for(original.width):
                for extension, (pil_format, options) in FORMATS.items():
                    name = rendition_name(release_image.image.name, width, extension)
                    if default_storage.exists(name):
                        continue
                    copy = original.convert("RGB")
                    copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
                    buffer = io.BytesIO()
                    copy.save(buffer, pil_format, **options)
                    default_storage.save(name, ContentFile(buffer.getvalue()))
                    written += 1
    except (OSError, ValueError):
        logger.exception("Could not make renditions of %s", release_image.image.name)
    return written


def _store_dimensions(release_image, size):
    width, height = size
    if (release_image.width, release_image.height) != (width, height):
        type(release_image).objects.filter(pk=release_image.pk).update(width=width, height=height)
        release_image.width, release_image.height = width, height
