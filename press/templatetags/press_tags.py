import html
import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from osce_site import dates
from press.renditions import rendition_url, widths_for
from press.search import MARK_END, MARK_START

register = template.Library()


@register.filter
def highlight(excerpt):
    """A search excerpt, escaped, with the matched words in <mark>."""
    text = escape(excerpt or "")
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@register.filter
def html_datetime(moment):
    """A time as HTML's `datetime` attribute takes it: to the second (a fraction of six
    digits is invalid), in the site's time zone, with its offset."""
    if not moment:
        return ""
    return dateformat.format(timezone.localtime(moment), r"Y-m-d\TH:i:sO")


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr)>|<br\s*/?>", re.I)


@register.filter
def plain_text(body):
    """Sanitised HTML as plain text: a paragraph a block, with a blank line between."""
    blocks = (html.unescape(strip_tags(block)) for block in _BLOCK_END.split(body or ""))
    blocks = (" ".join(block.split()) for block in blocks)
    return "\n\n".join(block for block in blocks if block)


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data for search engines, safe inside a <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", eager=False):
    """A release image as <picture>: WebP and JPEG renditions with srcset, so that each
    screen loads the smallest copy that is sharp enough."""
    context = {"image": image, "sizes": sizes, "eager": eager}
    if not image.width:  # renditions not made yet: the original
        return context
    widths = widths_for(image.width)
    name = image.image.name
    context.update(
        webp=", ".join(f"{rendition_url(name, w, 'webp')} {w}w" for w in widths),
        jpeg=", ".join(f"{rendition_url(name, w, 'jpg')} {w}w" for w in widths),
        fallback=rendition_url(name, widths[-1], "jpg"),
        width=widths[-1],
        height=round(image.height * widths[-1] / image.width),
    )
    return context


@register.simple_tag
def rendition(image, width, extension="jpg"):
    """The URL of one rendition (falls back to the original before renditions exist)."""
    if not image.width:
        return image.image.url
    return rendition_url(image.image.name, min(width, image.width), extension)


@register.filter
def time_and_day(moment):
    """14:00 CET, 4 December 2026, in the page's language (osce_site.dates)."""
    return dates.time_and_day(moment)


@register.filter
def day_and_time(moment):
    return dates.day_and_time(moment)
