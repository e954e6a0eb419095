"""Error pages render whatever made the request fail: a foreign Host header, a busy
database. They touch nothing that could fail again (the host, the menu's database)."""

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from osce_site.views import server_error
from press.models import PressRelease, PressReleaseQuerySet
from tests.factories import make_release

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "host", ["evil.example", "a..b", "[::1", "x" * 300, "тест.рф", "@", "testserver/x"]
)
def test_a_foreign_host_gets_the_sites_400_page(host):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_error_pages_have_no_canonical_link(client):
    assert 'rel="canonical"' not in client.get("/no/such/page/").content.decode()


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html"])
def test_error_pages_render_without_the_database(template, django_assert_num_queries):
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    with django_assert_num_queries(0):
        html = render_to_string(template, request=request)
    assert "<h1>" in html


def test_a_denied_page_gets_the_sites_403_page(client):
    draft = make_release("Draft", status=PressRelease.Status.DRAFT)
    client.force_login(User.objects.create_user("visitor"))  # signed in, edits nothing
    response = client.get(reverse("press:preview", args=[draft.pk]))
    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in response.content.decode()


def test_a_busy_database_is_a_503_to_try_again():
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_any_other_error_is_a_500():
    try:
        raise OperationalError("no such table: press_pressrelease")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_page_that_finds_the_database_busy_answers_503(monkeypatch):
    def busy(self):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PressReleaseQuerySet, "published", busy)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert "Retry-After" in response


def test_the_403_page_speaks_russian(client):
    draft = make_release("Draft", status=PressRelease.Status.DRAFT)
    client.force_login(User.objects.create_user("visitor"))
    response = client.get("/ru" + reverse("press:preview", args=[draft.pk]))
    assert "<h1>Доступ запрещён</h1>" in response.content.decode()
