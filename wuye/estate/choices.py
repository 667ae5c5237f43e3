from django.db import models
from django.utils.translation import gettext_lazy as _


class BuildingKind(models.TextChoices):
    HIGH_RISE = "high", _("High-rise")
    MULTI_STOREY = "multi", _("Multi-storey")
    VILLA = "villa", _("Villa / townhouse")
    SHOPS = "shops", _("Shops")
    CAR_PARK = "carpark", _("Car park")
    OTHER = "other", _("Other")


class UnitUse(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential")
    SHOP = "shop", _("Shop")
    OFFICE = "office", _("Office")
    GARAGE = "garage", _("Garage")
    STORAGE = "storage", _("Storage")


class UnitStatus(models.TextChoices):
    UNSOLD = "unsold", _("Unsold")
    VACANT = "vacant", _("Vacant")
    HANDED_OVER = "handed_over", _("Handed over")
    DECORATING = "decorating", _("Decorating")
    OCCUPIED = "occupied", _("Occupied")
    RENTED = "rented", _("Rented out")


# Colour of each status on the 楼盘表 grid and in badges (Tabler colour names).
UNIT_STATUS_COLOURS = {
    UnitStatus.UNSOLD: "secondary",
    UnitStatus.VACANT: "yellow",
    UnitStatus.HANDED_OVER: "cyan",
    UnitStatus.DECORATING: "orange",
    UnitStatus.OCCUPIED: "green",
    UnitStatus.RENTED: "purple",
}


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class IdType(models.TextChoices):
    RESIDENT_ID = "ric", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO = "hkm", _("Mainland travel permit (HK/Macao)")
    TAIWAN = "tw", _("Mainland travel permit (Taiwan)")
    OTHER = "other", _("Other")


class RelationRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    FAMILY = "family", _("Family member")
    TENANT = "tenant", _("Tenant")


class SpaceKind(models.TextChoices):
    OWNED = "owned", _("Owned (产权)")
    LEASED = "leased", _("Leased")
    PUBLIC = "public", _("Public")
    CIVIL_DEFENCE = "civil", _("Civil air defence (人防)")


class MeterKind(models.TextChoices):
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    GAS = "gas", _("Gas")


class MeterScope(models.TextChoices):
    UNIT = "unit", _("Unit")
    BUILDING = "building", _("Building (public)")
    COMMUNITY = "community", _("Community (public)")


class FacilityKind(models.TextChoices):
    ELEVATOR = "elevator", _("Elevator")
    PUMP = "pump", _("Water pump")
    FIRE = "fire", _("Fire system")
    STREET_LIGHT = "light", _("Street light")
    MANHOLE = "manhole", _("Manhole")
    RECREATION = "recreation", _("Recreation facility")
    POOL = "pool", _("Swimming pool")
    SIGNAGE = "signage", _("Signage")
    BULLETIN = "bulletin", _("Bulletin board")
    OTHER = "other", _("Other")


class FacilityStatus(models.TextChoices):
    NORMAL = "normal", _("In service")
    REPAIR = "repair", _("Under repair")
    STOPPED = "stopped", _("Out of service")


class VendorCategory(models.TextChoices):
    ELEVATOR = "elevator", _("Elevator maintenance")
    GARBAGE = "garbage", _("Garbage removal")
    GREENING = "greening", _("Greening outsourcing")
    CLEANING = "cleaning", _("Cleaning outsourcing")
    SECURITY = "security", _("Security outsourcing")
    FIRE = "fire", _("Fire system maintenance")
    WATER = "water", _("Secondary water supply")
    PEST = "pest", _("Pest control")
    OTHER = "other", _("Other")


class ContactKind(models.TextChoices):
    HOUSING_BUREAU = "housing", _("Housing authority")
    RESIDENTS_COMMITTEE = "committee", _("Residents' committee")
    POLICE = "police", _("Police station")
    STREET_OFFICE = "street", _("Street office")
    WATER = "water", _("Water company")
    POWER = "power", _("Power company")
    GAS = "gas", _("Gas company")
    TELECOM = "telecom", _("Telecom / broadband")
    OWNERS_COMMITTEE = "owners", _("Owners' committee")
    DEVELOPER = "developer", _("Developer")
    OTHER = "other", _("Other")


class LiaisonChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other")
