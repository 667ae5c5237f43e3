import pytest

from wuye.core.sms import MemoryTransport
from wuye.estate.tests.factories import BuildingFactory, UnitFactory


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemoryTransport.outbox.clear()
    yield
    MemoryTransport.outbox.clear()


@pytest.fixture
def css_a(community_a, make_staff):
    return make_staff(community_a, "CSS")


@pytest.fixture
def csr_a(community_a, make_staff):
    return make_staff(community_a, "CSR")


@pytest.fixture
def tech_b_of_a(community_a, make_staff):
    """A second technician of community A."""
    return make_staff(community_a, "TECH", username="tech2_a")


@pytest.fixture
def unit_3_2_1501(community_a):
    building = BuildingFactory(community=community_a, number="3")
    return UnitFactory(community=community_a, building=building, entrance=2, number="1501")


def sent_to(user):
    return [m.text for m in MemoryTransport.outbox if m.phone == user.phone]
