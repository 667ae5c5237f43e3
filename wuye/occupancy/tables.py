import django_tables2 as tables

from wuye.core.tables import BadgeColumn, BaseTable

from .models import ReleasePass


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
