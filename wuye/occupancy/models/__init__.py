from .parking import ParkingAgreement
from .passes import ReleasePass

__all__ = ["ParkingAgreement", "ReleasePass"]
