"""A release's media kit: one ZIP with the release as HTML and as plain text, its images at
full resolution with a file of credits and licences, and its media contacts as vCards.

A public release's kit is built once per version (its text, images and contacts as they
are) and kept in the `media_kits` storage; its address carries the version, so a changed
release gets a new address and caches never serve an old kit under a new one. Drafts are
built on demand for their editors and kept nowhere."""

import hashlib
import io
import posixpath
import zipfile

import vobject
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils.text import slugify

FOLDER = "kits"


def version(release):
    """A short fingerprint of everything the kit holds. Reads the release's images and
    contacts (prefetch them)."""
    parts = [release.pk, release.updated_at, release.publicly_updated_at]
    parts += [
        (image.pk, image.image.name, image.caption, image.credit, image.licence)
        for image in release.images.all()
    ]
    parts += [
        (c.pk, c.name, c.role, c.organisation, c.email, c.phone) for c in release.contacts.all()
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def filename(release):
    return f"{release.slug}-media-kit.zip"


def stored(release):
    """The kit of a public release, from the storage, built first if this version has none;
    earlier versions of it are removed. Returns an open file."""
    storage = storages["media_kits"]
    folder = posixpath.join(FOLDER, str(release.pk))
    name = posixpath.join(folder, f"{version(release)}.zip")
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(build(release)))
        if saved != name:  # another request built the same version at the same time
            storage.delete(saved)
        for old in storage.listdir(folder)[1]:
            if posixpath.join(folder, old) != name:
                storage.delete(posixpath.join(folder, old))
    return storage.open(name)


def build(release):
    """The ZIP's bytes. Images are stored as they are (already compressed); text is deflated."""
    images = list(release.images.all())
    entries = list(zip(images, image_names(images), strict=True))
    context = {"release": release, "images": entries}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as kit:
        kit.writestr("release.html", render_to_string("press/media_kit/release.html", context))
        kit.writestr("release.txt", render_to_string("press/media_kit/release.txt", context))
        if entries:
            credits = render_to_string("press/media_kit/credits.txt", context)
            kit.writestr("images/CREDITS.txt", credits)
        for image, name in entries:
            with image.image.open("rb") as original:
                kit.writestr(f"images/{name}", original.read(), zipfile.ZIP_STORED)
        for contact in release.contacts.all():
            kit.writestr(f"contacts/{slugify(contact.name) or contact.pk}.vcf", vcard(contact))
    return buffer.getvalue()


def image_names(images):
    """Names for the images in the kit: in their order, each with its own extension."""
    return [
        f"{number:02d}-{posixpath.basename(image.image.name)}"
        for number, image in enumerate(images, 1)
    ]


def vcard(contact):
    """A media contact as a vCard 3.0, which address books and phones read."""
    card = vobject.vCard()
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    email = card.add("email")
    email.value = contact.email
    email.type_param = "WORK"
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "WORK"
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.role:
        card.add("title").value = contact.role
    return card.serialize()
