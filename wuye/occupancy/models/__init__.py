from .municipal import MunicipalRequest
from .parking import ParkingAgreement
from .passes import ReleasePass
from .vacant import KeyHolding, OccupancySettings, VacantInspection

__all__ = [
    "KeyHolding",
    "MunicipalRequest",
    "OccupancySettings",
    "ParkingAgreement",
    "ReleasePass",
    "VacantInspection",
]
