"""Facet counts maintained on write (press.facets) equal what the filters select, after
every kind of change, including a scheduled release's time passing without a save."""

import datetime
import itertools

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from press import facets, services
from press.filters import ReleaseFilters
from press.models import FacetCount, FacetKey, PressRelease
from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves: scheduled releases go live when it passes their time."""
    now = [NOW]
    monkeypatch.setattr(timezone, "now", lambda: now[0])
    return now


def small_world():
    elections = make_term("Elections")
    world = {
        "field": [elections, make_term("Observation", parent=elections), make_term("Youth")],
        "country": [make_country("Austria"), make_country("Kazakhstan")],
        "tag": ["water", "air"],
    }
    operations = make_structure("Operations", kind="information-page")
    world["source"] = [make_structure("Mission", parent=operations), make_structure("ODIHR")]
    return world


def filter_values(world):
    """Every filter value of the world, as ReleaseFilters keyword arguments."""
    from taggit.models import Tag

    values = [("field", term) for term in world["field"]]
    values += [("country", term) for term in world["country"]]
    values += [("source", body) for body in world["source"]]
    values += [("source", world["source"][0].parent)]
    values += [("tag", tag) for tag in Tag.objects.filter(name__in=world["tag"])]
    values += [("year", year) for year in (2025, 2026)]
    return values


def key_of(name, value):
    return (name, value if name == "year" else value.pk)


def assert_counts_are_what_filters_select(world):
    """Every stored count, alone and paired, equals the size of what those filters select."""
    values = filter_values(world)
    published = PressRelease.objects.published()
    everything = ("", 0)
    keys = [key_of(name, value) for name, value in values]
    counts, _ = facets.stored_counts([everything, *keys])
    for name, value in values:
        selected = ReleaseFilters(**{name: value}).apply(published).count()
        assert counts[everything][key_of(name, value)] == selected, (name, value)
    for (name, value), (other, other_value) in itertools.permutations(values, 2):
        if name == other:
            continue
        both = ReleaseFilters(**{name: value, other: other_value}).apply(published).count()
        got = counts[key_of(name, value)][key_of(other, other_value)]
        assert got == both, (name, value, other, other_value)


def assert_listings_are_what_filters_select(world):
    """The listing index gives the releases of one or two filters, newest first."""
    published = PressRelease.objects.published()
    for (name, value), (other, other_value) in itertools.combinations(filter_values(world), 2):
        for chosen in ({name: value}, {name: value, other: other_value}):
            if len(chosen) == 1 and other != "year":
                continue  # each single filter once
            filters = ReleaseFilters(**chosen)
            expected = list(filters.apply(published).values_list("pk", flat=True))
            assert filters.listing()[0:50] == expected[:50], chosen
            assert filters.listing()[2:5] == expected[2:5], chosen
            assert filters.listing().count() == len(expected), chosen
            assert filters.listing().all_upto(1000) == expected, chosen


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["create", "publish", "unpublish", "withdraw", "retag", "reclassify",
             "resource", "redate", "delete", "time passes"]
        ),
        st.integers(0, 1000),
    ),
    max_size=12,
)  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_maintained_counts_equal_a_fresh_count_after_any_changes(clock, operations):
    clock[0] = NOW
    PressRelease.objects.all().delete()
    world = small_world()
    for operation, seed in operations:
        apply(operation, seed, world, clock)
    assert_counts_are_what_filters_select(world)
    assert_listings_are_what_filters_select(world)
    # And the watermark's late releases, once moved in by a write, leave the same counts.
    facets.sync([])
    assert_counts_are_what_filters_select(world)


def apply(operation, seed, world, clock):
    releases = list(PressRelease.objects.order_by("pk"))
    release = releases[seed % len(releases)] if releases else None
    pick = seed // 7
    if operation == "create" or release is None:
        status = ["published", "draft", "withdrawn"][seed % 3]
        days = seed % 500 - 400  # mostly past, some scheduled
        release = make_release(
            source=world["source"][pick % 2],
            status=status,
            published_at=clock[0] + datetime.timedelta(days=days),
            withdrawal_reason="Wrong.",
        )
        release.fields_of_work.set(world["field"][: pick % 4])
        release.countries.set(world["country"][pick % 2 :])
        release.tags.set(world["tag"][: pick % 3])
    elif operation == "publish":
        services.publish(PressRelease.objects.filter(pk=release.pk))
    elif operation == "unpublish":
        services.unpublish(PressRelease.objects.filter(pk=release.pk))
    elif operation == "withdraw":
        release.status = PressRelease.Status.WITHDRAWN
        release.save()
    elif operation == "retag":
        release.tags.set(world["tag"][pick % 3 :])
    elif operation == "reclassify":
        release.fields_of_work.remove(*world["field"][: pick % 3])
        release.fields_of_work.add(world["field"][pick % 3])
        release.countries.clear()
    elif operation == "resource":
        release.source = world["source"][pick % 2]
        release.save()
    elif operation == "redate":
        release.published_at = clock[0] + datetime.timedelta(days=seed % 200 - 100)
        release.save()
    elif operation == "delete":
        release.delete()
    elif operation == "time passes":
        clock[0] += datetime.timedelta(days=seed % 120)


def test_recount_rebuilds_the_same_counts(clock):
    world = small_world()
    for number in range(6):
        release = make_release(source=world["source"][number % 2])
        release.fields_of_work.set(world["field"][number % 3 :])
        release.tags.set(world["tag"][: number % 3])
    maintained = set(FacetCount.objects.filter(count__gt=0).values_list())
    keys = set(FacetKey.objects.values_list("release_id", "facet", "key", "counted"))
    facets.recount()
    assert {row[1:] for row in FacetCount.objects.values_list()} == {row[1:] for row in maintained}
    assert set(FacetKey.objects.values_list("release_id", "facet", "key", "counted")) == keys


def test_a_scheduled_release_is_counted_when_its_time_comes_without_a_save(clock):
    world = small_world()
    make_release(source=world["source"][1], published_at=NOW + datetime.timedelta(hours=1))
    everything = ("", 0)
    odihr = ("source", world["source"][1].pk)
    assert facets.stored_counts([everything])[0][everything][odihr] == 0
    clock[0] = NOW + datetime.timedelta(hours=2)
    assert facets.stored_counts([everything])[0][everything][odihr] == 1


def test_a_term_moved_under_another_counts_for_its_new_ancestors(clock):
    world = small_world()
    youth = world["field"][2]
    release = make_release(source=world["source"][1])
    release.fields_of_work.set([youth])
    elections = world["field"][0]
    youth.move_to(elections, "last-child")
    counts, _ = facets.stored_counts([("", 0)])
    assert counts["", 0]["field", elections.pk] == 1
