"""Demo registry (房产与住户档案) of the three demo service centers.

阳光花园 gets about 2,000 units, 翠湖苑 about 800 and 金桂苑 about 100, with their owners,
families and tenants, parking, vehicles, meters, facilities, vendors and outside contacts.

Everything is derived from running indexes through a small stable hash, so every install gets
the same data. The large tables go through bulk_create, so the fields that save() would compute
(Building.sort_key, Unit.code, Person.pinyin and initials) are set here. A community that
already has units is left alone.
"""

from wuye.org.models import Community

from ..models import Facility, Meter, ParkingSpace, Person, Unit, Vehicle
from .assets import Seeder
from .data import CODES


def seed(*, out, password):
    for key in ("A", "B", "C"):
        community = Community.objects.filter(code=CODES[key]).first()
        if community is None or Unit.objects.filter(community=community).exists():
            continue
        Seeder(key, community).run()
    communities = {c.code: c for c in Community.objects.filter(code__in=CODES.values())}
    counts = [
        (communities[code].name, Unit.objects.filter(community=communities[code]).count())
        for code in CODES.values()
        if code in communities
    ]
    units = ", ".join(
        f"{n:,} {'units ' if i == 0 else ''}in {name}" for i, (name, n) in enumerate(counts)
    )
    out.write(
        f"  estate: {units}; {Person.objects.count():,} residents, "
        f"{ParkingSpace.objects.count():,} parking spaces, {Vehicle.objects.count():,} vehicles, "
        f"{Meter.objects.count():,} meters, {Facility.objects.count():,} facilities"
    )
