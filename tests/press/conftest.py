import pytest

from structures.models import Structure
from tests.factories import make_structure


@pytest.fixture
def bodies():
    """Two field operations under one parent, and an institution elsewhere."""
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    return {
        "operations": operations,
        "kosovo": make_structure("Mission in Kosovo", parent=operations),
        "serbia": make_structure("Mission to Serbia", parent=operations),
        "odihr": make_structure("ODIHR", kind=Structure.Kind.INSTITUTION),
    }
