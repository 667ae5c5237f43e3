"""Registry imports from Excel (REG-07): units with owners, parking spaces, vehicles, meters.

The unit sheet is the big one (a whole community, 20,000 rows); it validates each row with the
unit and person fields of the pages' forms and the same shared rules, against look-ups loaded
once per pass, and saves with bulk inserts. The smaller sheets use the pages' forms directly.
Importing this package registers every importer (`core.importing.register`).
"""

from .records import MeterImporter, ParkingSpaceImporter, VehicleImporter
from .unit_rows import UnitRowForm
from .units import UnitImporter

__all__ = [
    "MeterImporter",
    "ParkingSpaceImporter",
    "UnitImporter",
    "UnitRowForm",
    "VehicleImporter",
]
