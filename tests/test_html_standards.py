"""Every kind of public page, in each of the six languages, is valid HTML, as the Nu HTML
Checker (W3C's validator, from npm's vnu-jar; `make test` installs it) judges it. It needs
Java; without Java or the checker the test skips, except in CI (CI set), where it fails."""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from sesame.utils import get_query_string
from taggit.models import Tag

from events.models import Event
from press import services
from press.models import Journalist, PressRelease
from structures.models import Structure
from taxonomy.models import Term

CHECKER = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"


def java_and_checker():
    java = shutil.which("java")
    if java and CHECKER.exists():
        return java
    message = "the HTML checker needs Java and node_modules/vnu-jar (make test, with npm)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def public_pages():
    release = PressRelease.objects.published().filter(images__isnull=False).first()
    field = Term.objects.filter(kind=Term.Kind.TOPIC, level__gt=0).first()
    country = Term.objects.get(slug="kazakhstan")
    mission = Structure.objects.get(slug="mission-in-kosovo")
    closed = Structure.objects.filter(closed__isnull=False).first()
    noted = PressRelease.objects.published().exclude(pk=release.pk).first()
    services.note_change(noted, "Corrected the date of the visit.")
    return {
        "home": "/",
        "list": "/press-releases/",
        "filtered-list": f"/press-releases/?field={field.slug}&country=kazakhstan&page=1",
        "release": release.get_absolute_url(),
        "field": field.get_absolute_url(),
        "vocabulary": field.get_root().get_absolute_url(),
        "country": country.get_absolute_url(),
        "structures": "/structures/",
        "structure": mission.get_absolute_url(),
        "closed-structure": closed.get_absolute_url(),
        "chairpersonship": "/structures/chairpersonship/",
        "meeting-series": "/meetings/ministerial-council-meetings/",
        "meeting": Event.objects.upcoming().first().get_absolute_url(),
        "release-with-change-notes": noted.get_absolute_url(),
        "tag": f"/tags/{Tag.objects.first().slug}/",
        "search": "/search/?q=elections",
        "search-nothing": "/search/?q=zzzzzz",
        "search-empty": "/search/",
        "not-found": "/press-releases/no-such-release/",
    }


def press_room_pages(client):
    """The journalists' pages: the door, the mail sent, the link's confirmation, the press
    room and a release under embargo."""
    until = timezone.now() + datetime.timedelta(days=1)
    journalist = Journalist.objects.create(
        name="Ana Reporter",
        outlet="Daily Example",
        email="ana@example.com",
        accredited_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    release = PressRelease.objects.published().filter(images__isnull=False).last()
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=until, embargo_shared_at=timezone.now()
    )
    link = reverse("press:journalist-link") + get_query_string(journalist.user, "press-room")
    pages = {
        "press-room-door": client.get("/press-room/"),
        "press-room-link-sent": client.post("/press-room/sign-in/", {"email": "x@example.com"}),
        "press-room-link": client.get(link),
    }
    client.force_login(journalist.user, backend="sesame.backends.ModelBackend")
    pages["press-room"] = client.get("/press-room/")
    pages["under-embargo"] = client.get(reverse("press:embargoed", args=[release.slug]))
    client.logout()
    return pages


def test_public_pages_are_valid_html(client, demo, tmp_path):
    java = java_and_checker()
    files = []
    responses = {}
    for name, url in public_pages().items():
        responses[name] = client.get(url)
        for language in ("fr", "de", "it", "ru", "es"):  # the same pages in every language
            if name.startswith("release"):  # a release has its own language's address
                release = PressRelease.objects.published().filter(language=language).first()
                if release is None:
                    continue
                translated = release.get_absolute_url()
            else:
                translated = f"/{language}{url}"
            responses[f"{name}-{language}"] = client.get(translated)
    for name, response in {**responses, **press_room_pages(client)}.items():
        assert response.status_code == (404 if name.startswith("not-found") else 200), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)

    checked = subprocess.run(
        [java, "-jar", str(CHECKER), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
