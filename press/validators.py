"""Checks on uploaded files: each refusal is a form error that says what to do."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

# extension: (label, the first bytes any such file starts with)
ATTACHMENT_TYPES = {
    "pdf": ("PDF", b"%PDF-"),
    "docx": ("Word", b"PK\x03\x04"),
    "xlsx": ("Excel", b"PK\x03\x04"),
    "pptx": ("PowerPoint", b"PK\x03\x04"),
    "odt": ("OpenDocument text", b"PK\x03\x04"),
    "ods": ("OpenDocument spreadsheet", b"PK\x03\x04"),
    "doc": ("Word", b"\xd0\xcf\x11\xe0"),
    "xls": ("Excel", b"\xd0\xcf\x11\xe0"),
    "ppt": ("PowerPoint", b"\xd0\xcf\x11\xe0"),
}


def _check_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )


def validate_image(file):
    """A real image within the size and pixel limits. (ImageField itself refuses files that
    Pillow cannot read; this adds the limits, before anything is stored.)"""
    _check_size(file, settings.IMAGE_MAX_BYTES)
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
    except Image.DecompressionBombError as error:
        message = _("The image has far too many pixels; please scale it down.")
        raise ValidationError(message) from error
    except OSError as error:
        raise ValidationError(_("This is not an image that can be read.")) from error
    finally:
        file.seek(position)
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            _(
                "The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels. "
                "Please scale it down."
            )
            % {"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS // 1_000_000}
        )


def validate_attachment(file):
    """A PDF or office document, of an allowed type whose content matches its name."""
    _check_size(file, settings.ATTACHMENT_MAX_BYTES)
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension not in ATTACHMENT_TYPES:
        allowed = ", ".join(sorted(ATTACHMENT_TYPES))
        raise ValidationError(
            _("Attach a PDF or office document (%(allowed)s).") % {"allowed": allowed}
        )
    position = file.tell()
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    if not head.startswith(ATTACHMENT_TYPES[extension][1]):
        message = _("The file's content is not a %(type)s document.")
        raise ValidationError(message % {"type": extension.upper()})
