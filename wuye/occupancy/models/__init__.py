from .decoration import (
    DecorationDrawing,
    DecorationInspection,
    DecorationPermit,
    DecorationWorker,
)
from .handover import Handover, HandoverCheck, HandoverDefect, HandoverRound
from .movein import MoveIn
from .municipal import MunicipalRequest
from .parking import ParkingAgreement
from .passes import ReleasePass
from .services import (
    Listing,
    ListingPhoto,
    ListingViewing,
    PaidService,
    ServiceOrder,
)
from .vacant import KeyHolding, OccupancySettings, VacantInspection

__all__ = [
    "DecorationDrawing",
    "DecorationInspection",
    "DecorationPermit",
    "DecorationWorker",
    "Handover",
    "HandoverCheck",
    "HandoverDefect",
    "HandoverRound",
    "KeyHolding",
    "Listing",
    "ListingPhoto",
    "ListingViewing",
    "MoveIn",
    "MunicipalRequest",
    "OccupancySettings",
    "PaidService",
    "ParkingAgreement",
    "ReleasePass",
    "ServiceOrder",
    "VacantInspection",
]
