import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wuye.core.tables import BaseTable

from .models import Community, Delegation, Department, Membership, Zone


class StaffTable(BaseTable):
    name = tables.Column(
        accessor="user__name", verbose_name=_("Full name"), linkify=True, order_by=("user__name",)
    )
    username = tables.Column(accessor="user__username", verbose_name=_("Username"))
    staff_number = tables.Column(accessor="user__staff_number", verbose_name=_("Staff number"))
    phone = tables.Column(accessor="user__phone", verbose_name=_("Mobile phone"))
    post = tables.Column(verbose_name=_("Post"))
    department = tables.Column(verbose_name=_("Department"))
    zones = tables.ManyToManyColumn(verbose_name=_("Zones"), separator="、")
    is_active = tables.BooleanColumn(verbose_name=_("In post"), yesno="是,否")

    class Meta(BaseTable.Meta):
        model = Membership
        fields = [
            "name",
            "username",
            "phone",
            "staff_number",
            "post",
            "department",
            "zones",
            "is_active",
        ]

    def render_name(self, record):
        return record.user.display_name

    def value_name(self, record):
        return record.user.display_name

    def value_zones(self, record):
        return "、".join(z.name for z in record.zones.all())

    def value_is_active(self, value):
        return "是" if value else "否"


class DepartmentTable(BaseTable):
    name = tables.Column(linkify=True)
    staff_count = tables.Column(verbose_name=_("Staff"), orderable=True)

    class Meta(BaseTable.Meta):
        model = Department
        fields = ["name", "kind", "phone", "head", "staff_count"]


class ZoneTable(BaseTable):
    code = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Zone
        fields = ["code", "name", "responsible", "note"]


class DelegationTable(BaseTable):
    delegate = tables.Column(linkify=lambda record: record.get_absolute_url())
    state = tables.Column(verbose_name=_("Status"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Delegation
        fields = ["delegate", "delegator", "start_date", "end_date", "reason", "state"]

    def render_state(self, record):
        return format_html(
            '<span class="badge {}">{}</span>', record.state_badge, record.get_state_display()
        )

    def value_state(self, record):
        return str(record.get_state_display())


class CommunityTable(BaseTable):
    name = tables.Column(linkify=True)
    company = tables.Column()

    class Meta(BaseTable.Meta):
        model = Community
        fields = ["code", "name", "company", "service_grade", "address", "phone"]
