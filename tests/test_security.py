"""Security with the production settings: headers, cookies, CSP, login throttling, errors."""

import importlib
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.auth.models import User

from tests.factories import make_release

pytestmark = pytest.mark.django_db
PROD_ONLY = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DEBUG",
]


@pytest.fixture
def production(settings):
    """The security settings of osce_site.settings.prod, applied to this test."""
    with mock.patch.dict(os.environ, {"SECRET_KEY": "x" * 60}):
        prod = importlib.reload(importlib.import_module("osce_site.settings.prod"))
    for name in PROD_ONLY:
        setattr(settings, name, getattr(prod, name))
    return settings


def csp(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


@pytest.mark.parametrize("url", ["/", "/press-releases/", "/admin/login/"])
def test_security_headers_on_public_pages_and_the_admin(client, production, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    policy = csp(response)
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get("/press-releases/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_https_only(client, production):
    User.objects.create_superuser("editor", password="a-long-password-1")
    login_page = client.get("/admin/login/", secure=True)
    assert login_page.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-password-1"},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


def test_the_editor_import_map_carries_the_csp_nonce(admin_client, production):
    response = admin_client.get("/admin/press/pressrelease/add/", secure=True)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the prose editor's import map"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)


def test_admin_login_is_throttled_after_five_failures(client):
    User.objects.create_superuser("editor", password="a-long-password-1")
    for attempt in range(1, 6):
        failed = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert failed.status_code == (429 if attempt == 5 else 200)
    locked = client.post("/admin/login/", {"username": "editor", "password": "a-long-password-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_no_stack_trace_or_secret_reaches_a_visitor(client, production):
    make_release(slug="boom")
    client.raise_request_exception = False
    with mock.patch(
        "press.views.related_releases", side_effect=RuntimeError("db-password=hunter2")
    ):
        response = client.get("/press-releases/boom/", secure=True)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "hunter2" not in html and "Traceback" not in html and "RuntimeError" not in html


def test_check_deploy_passes_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "osce_site.settings.prod",
        "SECRET_KEY": "k" * 64 + "-unique-enough-!@#",
        "ALLOWED_HOSTS": "www.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "osce_site.settings.prod"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_login_with_an_unsafe_next_lands_on_the_admin(client, next_url):
    User.objects.create_superuser("editor", password="a-long-password-1")
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": "editor", "password": "a-long-password-1", "next": next_url},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_admin_login_page_has_one_h1(client):
    html = client.get("/admin/login/").content.decode()
    assert html.count("<h1") == 1
    assert "<h1>Log in</h1>" in html
