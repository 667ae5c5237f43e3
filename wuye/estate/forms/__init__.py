"""The registry's forms, one module per topic; every form and picker is importable from here
(`from wuye.estate.forms import UnitField`, `forms.UnitForm`)."""

from .fields import FacilityField, PersonField, PlateField, SpaceField, UnitField
from .registers import (
    ExternalContactForm,
    FacilityForm,
    LiaisonLogForm,
    MeterForm,
    MeterReplaceForm,
    ParkingAreaForm,
    ParkingSpaceForm,
    VehicleForm,
    VendorForm,
)
from .rules import UniqueInCommunityForm, check_areas, check_id_number, normalize_id_number
from .units import (
    UNIT_DATA_FIELDS,
    BuildingForm,
    EndRelationForm,
    PersonForm,
    RelationForm,
    ResidentLinkForm,
    TransferForm,
    UnitForm,
)

__all__ = [
    "UNIT_DATA_FIELDS",
    "BuildingForm",
    "EndRelationForm",
    "ExternalContactForm",
    "FacilityField",
    "FacilityForm",
    "LiaisonLogForm",
    "MeterForm",
    "MeterReplaceForm",
    "ParkingAreaForm",
    "ParkingSpaceForm",
    "PersonField",
    "PersonForm",
    "PlateField",
    "RelationForm",
    "ResidentLinkForm",
    "SpaceField",
    "TransferForm",
    "UniqueInCommunityForm",
    "UnitField",
    "UnitForm",
    "VehicleForm",
    "VendorForm",
    "check_areas",
    "check_id_number",
    "normalize_id_number",
]
