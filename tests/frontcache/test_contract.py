"""The names deploy/varnish.vcl relies on are the app's: a change on one side without the
other would cache editors' pages or drop parameters the pages read."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from press.filters import ReleaseFilters

VCL = (Path(__file__).resolve().parents[2] / "deploy" / "varnish.vcl").read_text()


def vcl_pattern(contains):
    """The first regular expression in the VCL that contains `contains`."""
    return next(p for p in re.findall(r'"([^"\n]*)"', VCL) if contains in p)


def test_the_session_cookie_is_the_one_the_vcl_passes():
    assert f"{settings.SESSION_COOKIE_NAME}=" in vcl_pattern("sessionid")


def test_the_admin_and_preview_addresses_are_passed():
    passed = re.compile(vcl_pattern("admin|"))
    addresses = [
        reverse("admin:index"),
        reverse("press:preview", args=[1]),
        reverse("press:shared-preview", args=["token"]),
    ]
    assert [a for a in addresses if not passed.match(a)] == []


def test_every_parameter_the_lists_read_reaches_the_app():
    kept = re.search(r"\(\?:([a-z|]+)\)=", vcl_pattern("(?!(?:")).group(1).split("|")
    assert set(ReleaseFilters.PARAMS) | {"page", "p"} <= set(kept)


def test_the_front_cache_knows_no_language():
    """The language is in the address: the VCL needs no list of the site's languages."""
    assert "Accept-Language" in VCL and not any(
        f"|{code})" in VCL or f"({code}|" in VCL for code, _ in settings.LANGUAGES
    )
