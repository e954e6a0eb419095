"""The dateline that opens a release's body, checked against its place and date: a warning
in the admin, a filter of the changelist, a note of the importer."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from press import datelines
from press.models import PressRelease
from tests.factories import make_release
from tests.press.test_editorial import admin_url, form_data

VIENNA = ZoneInfo("Europe/Vienna")
DAY = datetime.datetime(2005, 12, 5, 10, 0, tzinfo=VIENNA)


@pytest.mark.parametrize(
    "body, place, expected",
    [
        ("<p>LJUBLJANA, 5 December 2005 – The Chairman...</p>", "Ljubljana", []),
        ("<p>TIRANA / BRUSSELS – 5 December 2005. Talks</p>", "Brussels", []),
        ("<p>The Chairman said today...</p>", "", []),  # no dateline, nothing to check
        (
            "<p>VIENNA, 5 December 2005 – The...</p>",
            "Ljubljana",
            ["The body opens with “VIENNA”, but the place is “Ljubljana”."],
        ),
        (
            "<p>VIENNA, 5 December 2005 – The...</p>",
            "",
            ["The place is empty, but the body opens with “VIENNA”."],
        ),
        (
            "<p><strong>LJUBLJANA, 6 December 2005</strong> – The...</p>",
            "Ljubljana",
            [
                "The body's dateline says 6 December 2005, but the publication date is "
                "5 December 2005."
            ],
        ),
    ],
)
def test_the_dateline_is_checked_against_place_and_date(body, place, expected):
    assert datelines.problems(body, place, DAY) == expected


@pytest.mark.django_db
def test_saving_keeps_the_mismatch_for_the_changelist_filter(admin_client):
    agrees = make_release(
        "Agrees", place="Vienna", published_at=DAY, body="<p>VIENNA, 5 December 2005 – A</p>"
    )
    wrong = make_release(
        "Wrong place",
        place="Ljubljana",
        published_at=DAY,
        body="<p>VIENNA, 5 December 2005 – B</p>",
    )
    assert (agrees.dateline_mismatch, wrong.dateline_mismatch) == (False, True)
    listed = admin_client.get(admin_url("changelist"), {"dateline": "mismatch"})
    assert [r.title for r in listed.context["cl"].result_list] == ["Wrong place"]
    wrong.place = "Vienna"
    wrong.save(update_fields=["place"])
    wrong.refresh_from_db()
    assert not wrong.dateline_mismatch


@pytest.mark.django_db
def test_the_admin_warns_on_save_and_saves_all_the_same(admin_client, bodies):
    data = form_data(
        bodies["kosovo"],
        body="<p>VIENNA, 1 May 2025 – The mission opens an office.</p>",
        place="PRISTINA",
    )
    page = admin_client.post(admin_url("add"), data, follow=True)
    release = PressRelease.objects.get()
    assert release.dateline_mismatch
    warnings = [str(m) for m in page.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Check the dateline: The body opens with “VIENNA”, but the place is “PRISTINA”."
    ]
    assert (
        reverse("admin:press_pressrelease_change", args=[release.pk]) == page.redirect_chain[-1][0]
    )
