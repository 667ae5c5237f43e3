"""Demo registers of the finance office of 阳光花园 and 翠湖苑, made through the services: the
seals with a logged use, and a receipt book issued to the cashier with a few numbers used, one
voided and one skipped (a gap to find). A community that has seals is left alone."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.org.models import Community

from .models import Seal
from .services import registers

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
SEALS = [("公章", "official"), ("财务专用章", "finance"), ("合同专用章", "contract")]


def seed(*, out, password):
    User = get_user_model()
    made = []
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        found = {
            post: User.objects.filter(username=f"{post}_{suffix}").first()
            for post in ("fin", "mgr", "csh", "css")
        }
        users = {post: user for post, user in found.items() if user is not None}
        if community is None or len(users) < len(found):
            continue
        if Seal.objects.filter(community=community).exists():
            continue
        fin = users["fin"]
        seals = [
            Seal.objects.create(
                community=community, name=name, kind=kind, keeper=fin, created_by=fin
            )
            for name, kind in SEALS
        ]
        registers.log_seal_use(
            community=community,
            actor=fin,
            seal=seals[2],
            document="电梯维保合同（续签）",
            purpose="与维保单位续签一年",
            applicant=users["css"],
            approver=users["mgr"],
        )
        today = timezone.localdate()
        book = registers.add_book(
            community=community,
            actor=fin,
            kind="receipt",
            series="SJ",
            first_number=1001,
            last_number=1050,
        )
        book = registers.issue_book(
            book, actor=fin, holder=users["csh"], issued_on=today - dt.timedelta(days=7)
        )
        for number, amount in ((1001, "300.00"), (1002, "1200.00"), (1004, "80.00")):
            registers.record_number(
                book,
                actor=fin,
                number=number,
                status="used",
                used_on=today - dt.timedelta(days=3),
                amount=Decimal(amount),
                party="装修押金" if number == 1002 else "车位临停",
            )
        registers.record_number(
            book, actor=fin, number=1005, status="voided", used_on=today, note="金额写错"
        )
        made.append(community.name)
    if made:
        out.write(
            f"finance registers of {'、'.join(made)}: three seals with a logged use, a receipt "
            "book issued to the cashier (number 1003 missing)"
        )
