"""Login throttling, with django-axes: a user name tried from one address is locked after
AXES_FAILURE_LIMIT failures, and an address as a whole, whatever names it tries, after
LOGIN_ADDRESS_FAILURE_LIMIT (higher: colleagues behind one office address mistype too).

Axes compares a single failure limit with the largest count among its lockout parameters,
so a static [["username", "ip_address"], "ip_address"] would lock an address after as few
failures as a name. Instead the parameters depend on the address's own count: by name and
address until the address reaches its limit, then by address alone, which locks it."""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt, AccessBase
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

BY_NAME_AND_ADDRESS = [["username", "ip_address"]]
BY_ADDRESS = ["ip_address"]


def lockout_parameters(request_or_attempt, credentials=None):
    """AXES_LOCKOUT_PARAMETERS, as a callable."""
    if isinstance(request_or_attempt, AccessBase):
        address = request_or_attempt.ip_address
    else:
        address = getattr(request_or_attempt, "axes_ip_address", None)
        address = address or get_client_ip_address(request_or_attempt)
    if failures_from(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return BY_ADDRESS
    return BY_NAME_AND_ADDRESS


def failures_from(address):
    """Failed logins from this address within the cool-off time, for any user name."""
    recent = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off()
    if cool_off is not None:
        recent = recent.filter(attempt_time__gte=timezone.now() - cool_off)
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
