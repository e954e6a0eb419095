import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The full demo data set, as `make demo` loads it."""
    call_command("load_demo", verbosity=0)
