import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BadgeColumn, BaseTable

from .models import ParkingAgreement, ReleasePass


class ReleasePassTable(BaseTable):
    number = tables.Column(linkify=True)
    unit = tables.Column()
    status = BadgeColumn()

    class Meta(BaseTable.Meta):
        model = ReleasePass
        fields = [
            "number",
            "unit",
            "applicant_name",
            "applicant_role",
            "reason",
            "item_count",
            "vehicle_plate",
            "valid_from",
            "valid_until",
            "status",
            "used_at",
        ]


class ParkingAgreementTable(BaseTable):
    number = tables.Column(linkify=True)
    space = tables.Column()
    unit = tables.Column()
    state = tables.Column(verbose_name=_("status"), accessor="state", orderable=False)

    class Meta(BaseTable.Meta):
        model = ParkingAgreement
        fields = [
            "number",
            "kind",
            "space",
            "unit",
            "party_name",
            "plates",
            "start_date",
            "end_date",
            "monthly_price",
            "billing",
            "state",
        ]
