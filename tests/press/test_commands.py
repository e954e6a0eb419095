import pytest
from django.core.management import CommandError, call_command

from press.models import PressRelease
from tests.factories import make_country, make_structure, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def trees():
    for n in range(4):
        make_term(f"Field {n}")
        make_country(f"Country {n}")
        make_structure(f"Mission {n}")


def generated():
    return list(
        PressRelease.objects.order_by("slug").values_list(
            "slug", "title", "published_at", "source__name", "status"
        )
    )


def test_generate_releases_is_deterministic_and_spread(trees):
    call_command("generate_releases", 300, seed=7, batch_size=64, verbosity=0)
    first = generated()
    assert len(first) == 300
    call_command("generate_releases", 300, seed=7, replace=True, verbosity=0)
    assert generated() == first

    assert PressRelease.objects.values("source").distinct().count() == 4
    assert PressRelease.objects.filter(fields_of_work__isnull=False).distinct().count() == 300
    assert PressRelease.objects.filter(tags__isnull=False).exists()
    assert PressRelease.objects.published().count() > 250


def test_generate_releases_refuses_to_duplicate(trees):
    call_command("generate_releases", 5, verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_releases", 5, verbosity=0)


def test_generate_releases_needs_the_trees(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_releases", 5, verbosity=0)
