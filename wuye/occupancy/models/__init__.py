from .decoration import DecorationInspection, DecorationPermit, DecorationWorker
from .municipal import MunicipalRequest
from .parking import ParkingAgreement
from .passes import ReleasePass
from .vacant import KeyHolding, OccupancySettings, VacantInspection

__all__ = [
    "DecorationInspection",
    "DecorationPermit",
    "DecorationWorker",
    "KeyHolding",
    "MunicipalRequest",
    "OccupancySettings",
    "ParkingAgreement",
    "ReleasePass",
    "VacantInspection",
]
