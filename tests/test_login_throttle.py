"""Login throttling: by user name and address, by address alone at a higher count, and the
client's address read from the proxy header only when the deployment trusts its proxies."""

import importlib
import os
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"  # the reverse proxy, as the app's socket sees it
ALICE, BOB = "81.2.69.10", "81.2.69.20"  # two clients on the internet


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", password="a-long-password-1")


@pytest.fixture
def behind_one_proxy(settings):
    """TRUSTED_PROXY_COUNT=1, as the settings derive it."""
    base = reload_base({"TRUSTED_PROXY_COUNT": "1"})
    settings.AXES_IPWARE_PROXY_COUNT = base.AXES_IPWARE_PROXY_COUNT
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = base.AXES_IPWARE_META_PRECEDENCE_ORDER
    return settings


def reload_base(environ):
    """The proxy settings that osce_site.settings.base derives from this environment."""
    base = importlib.import_module("osce_site.settings.base")
    environ = {**{k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}, **environ}
    try:
        with mock.patch.dict(os.environ, environ, clear=True):
            importlib.reload(base)
            return SimpleNamespace(
                AXES_IPWARE_PROXY_COUNT=base.AXES_IPWARE_PROXY_COUNT,
                AXES_IPWARE_META_PRECEDENCE_ORDER=base.AXES_IPWARE_META_PRECEDENCE_ORDER,
            )
    finally:
        importlib.reload(base)  # as the environment of this run has it


def log_in(client, username, password="wrong", **meta):
    client.logout()
    response = client.post("/admin/login/", {"username": username, "password": password}, **meta)
    return response.status_code


def signed_in(client):
    return "_auth_user_id" in client.session


def test_many_user_names_from_one_address_lock_the_address(client, editor, settings):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    answers = [log_in(client, f"guess-{n}", REMOTE_ADDR=ALICE) for n in range(limit)]
    assert answers == [200] * (limit - 1) + [429]
    assert log_in(client, "editor", "a-long-password-1", REMOTE_ADDR=ALICE) == 429
    assert not signed_in(client)


def test_a_locked_address_does_not_lock_the_editor_elsewhere(client, editor, settings):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", REMOTE_ADDR=ALICE)
    assert log_in(client, "editor", "a-long-password-1", REMOTE_ADDR=BOB) == 302
    assert signed_in(client)


def test_one_name_is_locked_sooner_than_its_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", REMOTE_ADDR=ALICE)
    assert log_in(client, "editor", "a-long-password-1", REMOTE_ADDR=ALICE) == 429
    assert log_in(client, "someone-else", REMOTE_ADDR=ALICE) == 200  # the address is not locked


def test_behind_a_trusted_proxy_two_clients_are_told_apart(client, editor, behind_one_proxy):
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE)
    alice = log_in(
        client, "editor", "a-long-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE
    )
    assert alice == 429
    bob = log_in(client, "editor", "a-long-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=BOB)
    assert bob == 302 and signed_in(client)


def test_behind_a_trusted_proxy_a_forged_header_does_not_escape_the_lock(
    client, editor, behind_one_proxy
):
    """The proxy appends the address it saw; what the client wrote before it is ignored."""
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "editor", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE)
    for forged in (BOB, "garbage", "127.0.0.1"):
        chain = f"{forged}, {ALICE}"
        right = log_in(
            client, "editor", "a-long-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain
        )
        assert right == 429, forged


def test_behind_a_trusted_proxy_a_forged_header_locks_no_one_else(client, editor, behind_one_proxy):
    """Bob's failures, however he writes the header, count against Bob, not the proxy."""
    for n in range(behind_one_proxy.LOGIN_ADDRESS_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"garbage-{n}, {BOB}")
    alice = log_in(
        client, "editor", "a-long-password-1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ALICE
    )
    assert alice == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, editor, settings):
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR=f"81.2.69.{100 + n}")
    other = log_in(
        client, "editor", "a-long-password-1", REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR=BOB
    )
    assert other == 429


def test_trusted_proxy_count_comes_from_the_environment():
    two = reload_base({"TRUSTED_PROXY_COUNT": "2"})
    assert two.AXES_IPWARE_PROXY_COUNT == 1  # ipware counts the proxies in the header
    assert two.AXES_IPWARE_META_PRECEDENCE_ORDER[0] == "HTTP_X_FORWARDED_FOR"
    none = reload_base({})
    assert none.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_trusted_proxy_count_stops_the_settings(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        reload_base({"TRUSTED_PROXY_COUNT": value})
