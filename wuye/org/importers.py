from django.utils.translation import gettext_lazy as _

from wuye.core.importing import Column, Importer, register

from . import services
from .forms import StaffForm


@register
class StaffImporter(Importer):
    """Staff from Excel: 用户名, 姓名, 手机号, 岗位, 部门, 片区, 入职日期, 在岗, 邮箱, 工号.

    No password column on purpose: an uploaded file waits for confirmation in the database, and
    passwords must not sit there in clear. A manager sets each new account's password.
    """

    key = "org.staff"
    title = _("Staff")
    permission = "org.staff.import"
    form_class = StaffForm
    success_url_name = "org:staff_list"
    columns = [
        Column(
            "用户名",
            "username",
            required=True,
            example="zhangsan",
            help=_("Letters and digits; used to sign in"),
        ),
        Column("姓名", "name", required=True, example="张三"),
        Column("手机号", "phone", example="13812345678"),
        Column(
            "岗位",
            "post",
            required=True,
            example="客服专员",
            help=_("Post name or code, e.g. 客服专员 or CSR"),
        ),
        Column("部门", "department", example="客服部", help=_("An existing department name")),
        Column(
            "片区",
            "zones",
            example="一区、二区",
            help=_("Existing zone names, separated by 、 or ,"),
        ),
        Column("入职日期", "joined_on", example="2026-03-01"),
        Column("在岗", "is_active", example="是", help=_("是/否; empty means 是")),
        Column("邮箱", "email", example="zhangsan@example.com"),
        Column("工号", "staff_number", example="WY0012", help=_("As payroll knows it")),
    ]

    def row_key(self, form):
        return (form.cleaned_data["username"].lower(), form.cleaned_data["post"])

    def save(self, form, *, access, actor):
        services.create_staff(community=access.community, data=form.cleaned_data, actor=actor)
