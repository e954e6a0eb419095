import datetime

import pytest
from django.utils import timezone

from press.models import PressRelease
from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_and_future_releases():
    visible = make_release("Visible")
    make_release("Draft", status=PressRelease.Status.DRAFT)
    make_release("Scheduled", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(PressRelease.objects.published()) == [visible]


def test_scheduled_release_appears_when_its_time_comes():
    release = make_release(published_at=timezone.now() + datetime.timedelta(seconds=1))
    assert not release.is_public
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert list(PressRelease.objects.published()) == [release]


def test_releases_are_newest_first():
    older = make_release(published_at=timezone.now() - datetime.timedelta(days=3))
    newer = make_release(published_at=timezone.now() - datetime.timedelta(days=1))
    assert list(PressRelease.objects.all()) == [newer, older]


def test_for_listing_never_loads_the_body():
    make_release()
    release = PressRelease.objects.for_listing().get()
    assert "body" in release.get_deferred_fields()


@pytest.mark.parametrize("count", [5, 50])
def test_for_listing_runs_a_fixed_number_of_queries(count, django_assert_num_queries):
    field = make_term("Elections")
    source = make_structure("Mission")
    for _ in range(count):
        make_release(source=source).fields_of_work.add(field)
    with django_assert_num_queries(3):  # releases with sources, fields, images
        for release in PressRelease.objects.published().for_listing():
            assert release.source.name == "Mission"
            assert [term.name for term in release.fields_of_work.all()] == ["Elections"]
            assert release.lead_image is None


def test_body_is_sanitised_on_save():
    release = make_release(
        body='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">a</a>'
        '<img src=x onerror="alert(1)"><strong>kept</strong></p>'
    )
    release.refresh_from_db()
    assert release.body == "<p>Hi <a>a</a><strong>kept</strong></p>"


def test_filters_by_field_country_and_structure_subtree():
    parent = make_term("Democratization")
    child = make_term("Elections", parent=parent)
    austria = make_country("Austria", "AT")
    operations = make_structure("Field operations")
    mission = make_structure("Mission", parent=operations)
    in_field = make_release()
    in_field.fields_of_work.add(child)
    in_country = make_release(source=mission)
    in_country.countries.add(austria)
    concerning = make_release()
    concerning.structures.add(mission)

    subtree = parent.get_descendants(include_self=True)
    assert list(PressRelease.objects.in_fields(subtree)) == [in_field]
    assert list(PressRelease.objects.in_countries([austria])) == [in_country]
    assert set(
        PressRelease.objects.using_structures(operations.get_descendants(include_self=True))
    ) == {
        in_country,
        concerning,
    }
    assert list(PressRelease.objects.using_terms([austria, child]).order_by("pk")) == [
        in_field,
        in_country,
    ]


def test_tags_are_stored_through_a_real_foreign_key():
    release = make_release()
    release.tags.add("elections", "Media freedom")
    assert sorted(release.tags.names()) == ["Media freedom", "elections"]
    assert release.tagged_items.count() == 2
