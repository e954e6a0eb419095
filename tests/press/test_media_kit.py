"""The media kit: one ZIP per release version with its text, full-size images with credits
and licences, and its contacts as vCards; public while the release is, and for drafts to
their editors in the admin."""

import io
import re
import zipfile
from unittest import mock

import pytest
import vobject
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from press import media_kit
from press.models import Contact, PressRelease, ReleaseImage
from tests.factories import make_release
from tests.press.test_editorial import image_file, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(bodies):
    release = make_release(
        "Youth forum in Pristina",
        source=bodies["kosovo"],
        place="PRISTINA",
        body="<p>PRISTINA, 5 May 2025 – Young people met.</p>"
        "<p>They spoke of <strong>safety</strong>.</p>",
    )
    ReleaseImage.objects.create(
        release=release,
        image=image_file(size=(1600, 900), name="forum.jpg"),
        alt_text="The forum",
        caption="Participants of the forum",
        credit="OSCE/Jane Doe",
        licence=ReleaseImage.Licence.CC_BY,
    )
    release.contacts.add(
        Contact.objects.create(
            name="Lukas Steiner", role="Spokesperson", email="press@example.org", phone="+43 1"
        )
    )
    return release


def kit_url(client, release):
    page = client.get(release.get_absolute_url()).content.decode()
    return re.search(r'href="(/press-releases/[^"]+/media-kit/[0-9a-f]+\.zip)"', page).group(1)


def open_kit(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_kit_holds_the_text_the_images_with_credits_and_the_contacts(client, release):
    response = client.get(kit_url(client, release))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'attachment; filename="' in response["Content-Disposition"]
    kit = open_kit(response)
    names = kit.namelist()
    assert names[:3] == ["release.html", "release.txt", "images/CREDITS.txt"]
    assert re.fullmatch(r"images/01-forum\w*\.jpg", names[3])
    assert names[4:] == ["contacts/lukas-steiner.vcf"]
    text = kit.read("release.txt").decode()
    assert "Youth forum in Pristina" in text
    assert "PRISTINA, 5 May 2025 – Young people met.\n\nThey spoke of safety." in text
    assert "- Lukas Steiner, Spokesperson, press@example.org, +43 1" in text
    assert "<strong>safety</strong>" in kit.read("release.html").decode()
    credits = kit.read("images/CREDITS.txt").decode()
    assert "Credit: OSCE/Jane Doe" in credits
    assert "Licence: Creative Commons Attribution 4.0 (CC BY 4.0)" in credits
    with release.images.get().image.open("rb") as original:
        assert kit.read(names[3]) == original.read()  # full resolution, as uploaded
    card = vobject.readOne(kit.read("contacts/lukas-steiner.vcf").decode())
    assert (card.fn.value, card.email.value, card.title.value) == (
        "Lukas Steiner",
        "press@example.org",
        "Spokesperson",
    )


def test_the_kit_is_built_once_per_version_and_shared_caches_may_keep_it(client, release):
    url = kit_url(client, release)
    with mock.patch("press.media_kit.build", wraps=media_kit.build) as build:
        first, second = client.get(url), client.get(url)
    assert build.call_count == 1
    assert b"".join(first.streaming_content) == b"".join(second.streaming_content)
    assert "s-maxage" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert f"pressrelease-{release.pk}" in second["xkey"].split()


def test_a_changed_release_gets_a_new_kit_and_the_old_address_leads_to_it(client, release):
    old = kit_url(client, release)
    client.get(old)
    release.summary = "A new summary."
    release.save()
    new = kit_url(client, release)
    assert new != old
    assert client.get(old).url == new
    client.get(new)
    folder = f"kits/{release.pk}"
    assert storages["media_kits"].listdir(folder)[1] == [new.rsplit("/", 1)[1]]


def test_the_release_page_offers_the_kit_and_the_images_licence(client, release):
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Download the media kit</a>" in page
    assert "1 image at full size with its credit and licence" in page
    assert "Photo: OSCE/Jane Doe · Creative Commons Attribution 4.0 (CC BY 4.0)" in page


@pytest.mark.parametrize("status", [PressRelease.Status.DRAFT, PressRelease.Status.WITHDRAWN])
def test_no_kit_for_what_is_not_public(client, release, status):
    url = kit_url(client, release)
    PressRelease.objects.filter(pk=release.pk).update(status=status, withdrawal_reason="x")
    assert client.get(url).status_code == 404


def test_editors_download_the_kit_of_a_draft_from_the_admin(client, release, bodies):
    PressRelease.objects.filter(pk=release.pk).update(status=PressRelease.Status.DRAFT)
    admin_kit = reverse("admin:press_pressrelease_media_kit", args=[release.pk])
    client.force_login(user_in("Press officer", bodies["kosovo"], username="kosovo"))
    response = client.get(admin_kit)
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert "release.txt" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    client.force_login(user_in("Press officer", bodies["serbia"], username="serbia"))
    assert client.get(admin_kit).status_code == 404


def test_the_kit_runs_a_fixed_number_of_queries(client, release, no_cache):
    url = kit_url(client, release)
    client.get(url)  # built and stored
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        ReleaseImage.objects.create(release=release, image=image_file(), alt_text=f"Image {number}")
    url = kit_url(client, release)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
