from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    UNIT = "unit", pgettext_lazy("meter scope", "Unit")
    BUILDING = "building", pgettext_lazy("meter scope", "Building (public)")
    COMMUNITY = "community", pgettext_lazy("meter scope", "Community (public)")


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
    DEVELOPER = "developer", _("Developer (warranty)")
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


# The words an Excel sheet uses (and the templates show), independent of the UI language.
UNIT_USE_WORDS = {
    "住宅": UnitUse.RESIDENTIAL,
    "商铺": UnitUse.SHOP,
    "办公": UnitUse.OFFICE,
    "车库": UnitUse.GARAGE,
    "储藏": UnitUse.STORAGE,
    "储藏室": UnitUse.STORAGE,
}
UNIT_STATUS_WORDS = {
    "未售": UnitStatus.UNSOLD,
    "空置": UnitStatus.VACANT,
    "已交付": UnitStatus.HANDED_OVER,
    "装修中": UnitStatus.DECORATING,
    "已入住": UnitStatus.OCCUPIED,
    "入住": UnitStatus.OCCUPIED,
    "出租": UnitStatus.RENTED,
    "已出租": UnitStatus.RENTED,
}
ROLE_WORDS = {
    "业主": RelationRole.OWNER,
    "产权人": RelationRole.OWNER,
    "家庭成员": RelationRole.FAMILY,
    "家属": RelationRole.FAMILY,
    "租户": RelationRole.TENANT,
}
ID_TYPE_WORDS = {
    "身份证": IdType.RESIDENT_ID,
    "居民身份证": IdType.RESIDENT_ID,
    "护照": IdType.PASSPORT,
    "港澳通行证": IdType.HK_MACAO,
    "台胞证": IdType.TAIWAN,
    "其他": IdType.OTHER,
}
SPACE_KIND_WORDS = {
    "产权": SpaceKind.OWNED,
    "租赁": SpaceKind.LEASED,
    "公共": SpaceKind.PUBLIC,
    "人防": SpaceKind.CIVIL_DEFENCE,
}
METER_KIND_WORDS = {
    "水表": MeterKind.WATER,
    "电表": MeterKind.ELECTRICITY,
    "燃气表": MeterKind.GAS,
    "气表": MeterKind.GAS,
}
METER_SCOPE_WORDS = {
    "户表": MeterScope.UNIT,
    "楼栋公共表": MeterScope.BUILDING,
    "公共表": MeterScope.BUILDING,
    "小区公共表": MeterScope.COMMUNITY,
    "总表": MeterScope.COMMUNITY,
}
