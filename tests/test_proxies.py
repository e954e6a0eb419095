import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from osce_site.proxies import client_ip


def request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_behind_a_local_proxy_the_visitor_is_the_address_it_appended():
    assert client_ip(request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_an_address_the_visitor_sent_is_not_believed():
    assert client_ip(request("127.0.0.1", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_proxies_on_this_host_are_skipped():
    assert client_ip(request("::1", "203.0.113.9, 127.0.0.1")) == "203.0.113.9"


def test_without_a_local_proxy_forwarded_for_is_ignored():
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", [None, "", "127.0.0.1", "not an address"])
def test_without_a_usable_forwarded_address_the_proxy_is_the_client(forwarded):
    assert client_ip(request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_axes_counts_failures_by_the_visitors_address():
    assert get_client_ip_address(request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
