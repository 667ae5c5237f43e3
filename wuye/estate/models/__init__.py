"""The registry (房产与住户档案): buildings, units, people and their relations to units,
parking, vehicles, meters, facilities, vendors and external contacts.

One module per topic; every model (and the helpers other apps use) is importable from here."""

# isort: off
# In the order of the former single module: Django registers the models in import order, and
# that order names them in content types, permissions and the app's model list.
from .units import AREA, POSITIVE, UNIT_NATURAL_ORDER, Building, Unit, natural_unit_order
from .people import Person, RelationManager, RelationQuerySet, UnitRelation, current_owners
from .parking import ParkingArea, ParkingSpace, Vehicle
from .meters import Meter, MeterReplacement
from .facilities import Facility, Vendor
from .contacts import ExternalContact, LiaisonLog
# isort: on

__all__ = [
    "AREA",
    "POSITIVE",
    "UNIT_NATURAL_ORDER",
    "Building",
    "ExternalContact",
    "Facility",
    "LiaisonLog",
    "Meter",
    "MeterReplacement",
    "ParkingArea",
    "ParkingSpace",
    "Person",
    "RelationManager",
    "RelationQuerySet",
    "Unit",
    "UnitRelation",
    "Vehicle",
    "Vendor",
    "current_owners",
    "natural_unit_order",
]
