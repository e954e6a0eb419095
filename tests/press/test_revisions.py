"""The compare view of a release's history: every difference between two revisions, in
words an editor reads (press/revisions.py)."""

import html
import logging
import re

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from press.models import Contact, ReleaseImage
from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def things():
    return {
        "kosovo": make_structure("Mission in Kosovo"),
        "odihr": make_structure("ODIHR"),
        "elections": make_term("Elections"),
        "youth": make_term("Youth"),
        "austria": make_country("Austria"),
        "serbia": make_country("Serbia"),
        "anna": User.objects.create_user("anna", first_name="Anna", last_name="Berg"),
        "boris": User.objects.create_user("boris"),
    }


def save_revision(release, user, **changes):
    """One save of the release in a revision of its own, as the admin makes them."""
    relations = {
        name: changes.pop(name)
        for name in ("fields_of_work", "countries", "tags")
        if name in changes
    }
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in changes.items():
            setattr(release, name, value)
        release.updated_by = user
        release.save()
        for name, values in relations.items():
            getattr(release, name).set(values)


@pytest.fixture
def two_revisions(things):
    """A release saved by Anna, then changed in every way by Boris."""
    release = make_release("Old title", source=things["kosovo"], status="draft")
    save_revision(
        release,
        things["anna"],
        fields_of_work=[things["elections"]],
        countries=[things["austria"]],
        tags=["elections", "observers"],
    )
    save_revision(
        release,
        things["boris"],
        title="New title",
        source=things["odihr"],
        fields_of_work=[things["youth"]],
        countries=[things["austria"], things["serbia"]],
        tags=["observers", "youth work"],
    )
    return release


def compare_page(client, release):
    newer, older = Version.objects.get_for_object(release)[:2]
    return client.get(
        reverse("admin:press_pressrelease_compare", args=[release.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )


def differences(response):
    """Heading of each changed field → the lines of its diff, as text."""
    page = response.content.decode()
    sections = re.findall(r"<h3>(.*?)</h3>.*?<div class=\"module\">(.*?)</div>", page, re.S)
    return {
        html.unescape(re.sub(r"<.*?>", "", heading)).strip(): [
            line.strip()
            for line in html.unescape(re.sub(r"<.*?>", "", body)).splitlines()
            if line.strip()
        ]
        for heading, body in sections
    }


def test_a_changed_title_shows_both_titles(admin_client, two_revisions):
    assert differences(compare_page(admin_client, two_revisions))["Title"] == [
        "- Old title",
        "+ New title",
    ]


def test_changed_tags_show_by_name(admin_client, two_revisions):
    assert differences(compare_page(admin_client, two_revisions))["Tags"] == [
        "- elections",
        "+ youth work",
        "observers",
    ]


def test_comparing_tags_logs_no_error(admin_client, two_revisions, caplog):
    with caplog.at_level(logging.INFO):
        assert compare_page(admin_client, two_revisions).status_code == 200
    assert [record.getMessage() for record in caplog.records] == []


def test_a_changed_source_shows_both_bodies(admin_client, two_revisions):
    assert differences(compare_page(admin_client, two_revisions))["Source"] == [
        "- Mission in Kosovo",
        "+ ODIHR",
    ]


def test_changed_fields_of_work_show_by_name(admin_client, two_revisions):
    assert differences(compare_page(admin_client, two_revisions))["Fields of work"] == [
        "- Elections",
        "+ Youth",
    ]


def test_changed_countries_show_what_was_added_and_what_stayed(admin_client, two_revisions):
    assert differences(compare_page(admin_client, two_revisions))["Countries"] == [
        "+ Serbia",
        "Austria",
    ]


def test_the_author_of_each_revision_shows_by_name_in_the_history(admin_client, two_revisions):
    history = admin_client.get(
        reverse("admin:press_pressrelease_history", args=[two_revisions.pk])
    ).content.decode()
    assert "<td>Anna Berg</td>" in history and "<td>boris</td>" in history
    # Who saved when is the history's; the comparison shows what changed in the release.
    assert not {"Updated by", "Updated at"} & set(
        differences(compare_page(admin_client, two_revisions))
    )


def test_nothing_is_marked_as_outside_revision_control(admin_client, two_revisions):
    page = compare_page(admin_client, two_revisions).content.decode()
    assert "not under reversion control" not in page
    assert '<sup class="follow">' not in page


def test_unchanged_relations_are_not_listed(admin_client, two_revisions):
    listed = differences(compare_page(admin_client, two_revisions))
    assert not {"created by", "translation of", "media contacts", "meetings and conferences"} & set(
        listed
    )


def test_an_image_added_between_revisions_is_listed(admin_client, things):
    release = make_release("Forum", source=things["kosovo"], status="draft")
    save_revision(release, things["anna"])
    ReleaseImage.objects.create(release=release, image="releases/forum.jpg", alt_text="The forum")
    save_revision(release, things["anna"])
    assert differences(compare_page(admin_client, release))["Images"] == ["+ The forum"]


def test_a_contact_deleted_since_shows_as_deleted(admin_client, things):
    release = make_release("Forum", source=things["kosovo"], status="draft")
    contact = Contact.objects.create(name="Press desk", email="press@example.org")
    save_revision(release, things["anna"])
    release.contacts.add(contact)
    save_revision(release, things["anna"])
    pk = contact.pk
    contact.delete()
    assert differences(compare_page(admin_client, release))["Media contacts"] == [
        f"+ (deleted, #{pk})"
    ]
