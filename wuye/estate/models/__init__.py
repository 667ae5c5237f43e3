"""The registry (房产与住户档案): buildings, units, people and their relations to units,
parking, vehicles, meters, facilities, vendors and external contacts.

One module per topic; every model (and the helpers other apps use) is importable from here."""

from .contacts import ExternalContact, LiaisonLog
from .facilities import Facility, Vendor
from .meters import Meter, MeterReplacement
from .parking import ParkingArea, ParkingSpace, Vehicle
from .people import Person, RelationManager, RelationQuerySet, UnitRelation, current_owners
from .units import AREA, POSITIVE, UNIT_NATURAL_ORDER, Building, Unit, natural_unit_order

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
