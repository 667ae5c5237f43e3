from typing import cast

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wuye.core.forms import (
    MobileField,
    NormalizedCharField,
    ScopedModelForm,
    SplitModelMultipleChoiceField,
    TolerantChoiceField,
    restrict_choice_fields,
    staff_users,
)
from wuye.core.roles import AST, MGR, CompanyRole
from wuye.core.text import normalize

from . import services
from .choices import Post
from .models import Community, Delegation, Department, Membership, Zone

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, to the minute."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class StaffForm(forms.Form):
    """A staff member's post in this service center. The same form serves the page and Excel import."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[
            RegexValidator(r"^[A-Za-z0-9_.@+-]+$", _("Use letters, digits and _ . @ + - only."))
        ],
        help_text=_("Used to sign in, e.g. zhangsan."),
    )
    name = NormalizedCharField(label=_("Full name"), max_length=50)
    staff_number = NormalizedCharField(label=_("Staff number"), max_length=20, required=False)
    phone = MobileField(label=_("Mobile phone"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    post = TolerantChoiceField(label=_("Post"), choices=Post.choices)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        to_field_name="name",
        required=False,
    )
    zones = SplitModelMultipleChoiceField(
        label=_("Zones"), queryset=Zone.objects.all(), to_field_name="name", required=False
    )
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=DateInput())
    is_active = forms.BooleanField(label=_("In post"), required=False, initial=True)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Leave empty to let a manager set it later; the account cannot sign in until then."
        ),
    )

    def __init__(
        self, data=None, files=None, *, instance=None, access=None, importing=False, **kwargs
    ):
        if importing and data is not None:
            data = {**data}
            # An Excel row has no tick box: an empty 在岗 cell means “in post”.
            data["is_active"] = normalize(data.get("is_active", "")) not in {
                "否",
                "0",
                "false",
                "False",
                "离岗",
            }
        initial = kwargs.pop("initial", {})
        if instance is not None:
            initial = {
                "username": instance.user.username,
                "name": instance.user.name,
                "staff_number": instance.user.staff_number,
                "phone": instance.user.phone,
                "email": instance.user.email,
                "post": instance.post,
                "department": instance.department.name if instance.department else None,
                "zones": [z.name for z in instance.zones.all()],
                "joined_on": instance.joined_on,
                "is_active": instance.is_active,
                **initial,
            }
        super().__init__(data, files, initial=initial, **kwargs)
        self.instance = instance
        self.access = access
        community = access.community if access else None
        self.community = community
        restrict_choice_fields(self.fields, access)
        actor = access.user if access else None
        if community is not None and actor is not None:
            # Offer only the posts this person may appoint (services enforce the same rule).
            cast(forms.ChoiceField, self.fields["post"]).choices = [
                (code, label)
                for code, label in Post.choices
                if services.may_grant(actor, community, code)
            ]
        if instance is not None:
            self.fields["username"].disabled = True
            del self.fields["password"]
            if actor is not None and not services.can_manage_account(actor, instance.user):
                for name in services.ACCOUNT_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "This person also works elsewhere or holds a senior post: only the company "
                        "administrator can change it."
                    )

    def clean_username(self):
        username = normalize(self.cleaned_data["username"])
        if self.instance is not None:
            return self.instance.user.username
        existing = User.objects.filter(username=username).first()
        if (
            existing is not None
            and self.community is not None
            and existing.company_id not in (None, self.community.company_id)
        ):
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if password:
            password_validation.validate_password(password)
        return password

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        username, post = cleaned.get("username"), cleaned.get("post")
        if username and post and self.community is not None:
            duplicate = Membership.objects.filter(
                community=self.community, user__username=username, post=post
            )
            if self.instance is not None:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "post", _("This person already holds this post in this service center.")
                )
        return cleaned


class DepartmentForm(ScopedModelForm):
    class Meta:
        model = Department
        fields = ["kind", "name", "phone", "head"]

    def clean_name(self):
        name = normalize(self.cleaned_data["name"])
        if (
            self.access
            and Department.objects.for_access(self.access)
            .filter(name=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("A department with this name already exists."))
        return name


class ZoneForm(ScopedModelForm):
    class Meta:
        model = Zone
        fields = ["code", "name", "responsible", "note"]

    def _unique(self, field, message):
        value = normalize(self.cleaned_data[field])
        if (
            self.access
            and Zone.objects.for_access(self.access)
            .filter(**{field: value})
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(message)
        return value

    def clean_code(self):
        return self._unique("code", _("A zone with this code already exists."))

    def clean_name(self):
        return self._unique("name", _("A zone with this name already exists."))


class CommunityForm(forms.ModelForm):
    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access

    class Meta:
        model = Community
        fields = ["name", "address", "service_grade", "phone"]


class DelegationForm(forms.ModelForm):
    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        staff = staff_users(access.community)
        managers = staff.filter(memberships__community=access.community, memberships__post=MGR)
        if not (access.user.is_superuser or access.company_role == CompanyRole.ADMIN):
            # A manager delegates his own rights; only the company records it for someone else.
            managers = managers.filter(pk=access.user.pk)
        only = managers.first() if managers.count() == 1 else None
        cast(forms.ModelChoiceField, self.fields["delegator"]).queryset = managers
        self.fields["delegator"].initial = only.pk if only is not None else None
        cast(forms.ModelChoiceField, self.fields["delegate"]).queryset = staff.filter(
            memberships__community=access.community, memberships__post=AST
        ).exclude(pk=access.user.pk)

    class Meta:
        model = Delegation
        fields = ["delegator", "delegate", "start_date", "end_date", "reason"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        return cleaned
