"""Demo release passes of 阳光花园 and 翠湖苑: one waiting for approval, one approved for
today (for the guard's gate page), one already let out, all made through the services. A
community with passes is left alone."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.estate.models import Unit, UnitRelation
from wuye.org.models import Community

from .models import ReleasePass
from .services import passes

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
APPLICATIONS = [
    # reason, items, pieces, plate, where it ends
    ("move_out", "双人床一张\n衣柜一个\n纸箱十二个", 14, "粤B3M726", "requested"),
    ("furniture", "旧沙发一套\n冰箱一台", 2, "粤B8K215", "approved"),
    ("renovation", "电钻、切割机各一台", 2, "", "used"),
]


def seed(*, out, password):
    User = get_user_model()
    made = 0
    today = timezone.localdate()
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        if community is None or ReleasePass.objects.filter(community=community).exists():
            continue
        csr = User.objects.filter(username=f"csr_{suffix}").first()
        guard = User.objects.filter(username=f"sec_{suffix}").first()
        owners = (
            UnitRelation.objects.filter(community=community, role="owner")
            .current()
            .select_related("person", "unit")
            .order_by("unit__code")[: len(APPLICATIONS)]
        )
        if csr is None or guard is None:
            continue
        for owner, (reason, items, pieces, plate, end) in zip(owners, APPLICATIONS, strict=False):
            unit: Unit = owner.unit
            release_pass = passes.request_pass(
                community=community,
                unit=unit,
                applicant_name=owner.person.name,
                applicant_phone=owner.person.phone,
                applicant_role="owner",
                reason=reason,
                items=items,
                item_count=pieces,
                vehicle_plate=plate,
                valid_from=today,
                valid_until=today,
                actor=csr,
            )
            if end != "requested":
                passes.approve_pass(release_pass, actor=csr)
            if end == "used":
                passes.verify_pass(release_pass, actor=guard, gate="北门")
            made += 1
    if made:
        out.write(f"occupancy: {made} release passes")
