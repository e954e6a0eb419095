"""The visitor's address behind the proxies on this host (the front cache, a TLS proxy)."""

import ipaddress


def client_ip(request):
    """For django-axes' lockouts (AXES_CLIENT_IP_CALLABLE). Behind Varnish every request
    comes from 127.0.0.1, so five wrong passwords from anyone would lock a user out for
    everyone. Varnish appends the address it saw to X-Forwarded-For: the right-most address
    that is not this host's is the visitor's. Without a proxy on this host REMOTE_ADDR is the
    visitor, and X-Forwarded-For, which anyone can send, is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_local(remote):
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        entry = entry.strip()
        if not entry or _is_local(entry):
            continue
        try:
            return str(ipaddress.ip_address(entry))
        except ValueError:
            return remote  # not written by a proxy of ours
    return remote


def _is_local(address):
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
