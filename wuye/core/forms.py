from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .text import normalize
from .validators import validate_mobile


class LookupInput(forms.TextInput):
    """A search box with suggestions instead of a list of every record: typing asks
    `url` (htmx, GET ?field=<name>&<name>=<text>) for up to twenty <option>s, shown by the
    browser under the box (a <datalist>, so phones get their own suggestion list too)."""

    template_name = "core/widgets/lookup.html"

    def __init__(self, url_name: str, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.url_name = url_name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = f"{widget_attrs.get('id') or name}-options"
        widget_attrs.update(
            {
                "list": options,
                "hx-get": f"{reverse(self.url_name)}?field={name}",
                "hx-trigger": "input changed delay:250ms, focus once",
                "hx-target": f"#{options}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return context


def one_match(field, matches, text):
    """The one record a typed text names, or the field's message: several ("ambiguous"), or
    none ("invalid_choice")."""
    if len(matches) > 1:
        raise forms.ValidationError(
            field.error_messages["ambiguous"], code="ambiguous", params={"value": text}
        )
    if not matches:
        raise forms.ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
        )
    return matches[0]


def record_changed(field, initial, data) -> bool:
    """Whether a picker that shows text (a code, a name) but holds a record now names another
    record: compared by the record, not by the text (an import sends the id, the page the
    text; the same record either way is no change)."""
    if field.disabled:
        return False
    try:
        chosen = field.to_python(data)
    except forms.ValidationError:
        return True
    before = getattr(initial, "pk", initial)
    return (chosen.pk if chosen is not None else None) != (
        None if before in (None, "") else int(before)
    )


class LookupField(forms.ModelChoiceField):
    """A record picked by typing, with suggestions as one types (`LookupInput`), never a
    select of every record of a large community. A subclass says where its suggestions come
    from (`url_name`, served by `core.views.LookupView`) and how text finds records:

    - `find(queryset, text)`: the records the text may mean, best first (the suggestions);
    - `exact(queryset, text)`: the records the text names exactly (a suggestion as typed
      back, a code); tried first, then `find` — the field takes the one match, and says so
      when the text names none or several;
    - `text_of(obj)`: a suggestion's text, which the box shows and submits;
    - `hint(obj)`: what the suggestion shows beside it.

    Forms restrict the queryset to the community like every other picker."""

    url_name = ""
    placeholder: object = ""
    default_error_messages = {
        "invalid_choice": _("Nothing here matches “%(value)s”: type again and pick a suggestion."),
        "ambiguous": _("“%(value)s” matches several records: pick one of the suggestions."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", self.base_queryset())
        kwargs.setdefault(
            "widget", LookupInput(self.url_name, attrs={"placeholder": self.placeholder})
        )
        super().__init__(**kwargs)

    @classmethod
    def base_queryset(cls):
        raise NotImplementedError

    @staticmethod
    def find(queryset, text):
        raise NotImplementedError

    @staticmethod
    def exact(queryset, text):
        return queryset.none()

    @staticmethod
    def text_of(obj) -> str:
        return str(obj)

    @staticmethod
    def hint(obj) -> str:
        return ""

    def has_changed(self, initial, data):
        return record_changed(self, initial, data)

    def rows(self) -> QuerySet:
        """The records the field picks from (set from `base_queryset`, then restricted)."""
        queryset = self.queryset
        assert queryset is not None  # LookupField.__init__ always sets one
        return queryset

    def prepare_value(self, value):
        if isinstance(value, self.rows().model):
            return self.text_of(value)
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit()
        ):
            found = self.rows().filter(pk=int(value)).first()
            return self.text_of(found) if found else ""
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            # An id comes only from the API (a JSON number) or an import's own lookup; typed
            # text is never an id.
            text = str(value)
            matches = list(self.rows().filter(pk=value)[:1])
        else:
            text = normalize(str(value))
            matches = list(self.exact(self.queryset, text)[:2]) or list(
                self.find(self.queryset, text)[:2]
            )
        return one_match(self, matches, text)


def staff_users(community):
    """Users holding an active post in the community, for person pickers."""
    return (
        get_user_model()
        .objects.filter(memberships__community=community, memberships__is_active=True)
        .distinct()
        .order_by("username")
    )


def restrict_queryset(queryset, access):
    """The rows of `queryset` a picker may offer: this community's records, or its staff."""
    if queryset.model is get_user_model():
        return staff_users(access.community) if access and access.community else queryset.none()
    if hasattr(queryset, "for_access"):
        return queryset.for_access(access)
    return queryset


def restrict_choice_fields(fields, access):
    """Limit every related-record picker of a form to the current community."""
    for field in fields.values():
        if getattr(field, "queryset", None) is not None:
            field.queryset = restrict_queryset(field.queryset, access)


class ScopedModelForm(forms.ModelForm):
    """A model form whose pickers only offer records of the current community."""

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        restrict_choice_fields(self.fields, access)


class NormalizedCharField(forms.CharField):
    """Text with full-width characters and stray spaces cleaned before validation."""

    def to_python(self, value):
        return normalize(super().to_python(value))


class MobileField(NormalizedCharField):
    """A mainland mobile number; “138 1234-5678” and full-width digits are accepted and cleaned."""

    default_validators = [validate_mobile]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).replace(" ", "").replace("-", "")


class TolerantChoiceField(forms.ChoiceField):
    """A choice that accepts its code or its label (Excel cells hold “客服专员” as often as “CSR”),
    or one of the fixed words in `aliases` ({"住宅": "residential"})."""

    def __init__(self, *args, aliases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.aliases = aliases or {}

    def to_python(self, value):
        value = normalize(value)
        if not value:
            return ""
        if value in self.aliases:
            return self.aliases[value]
        for code, label in cast(Iterable[tuple[Any, Any]], self.choices):
            if value.upper() == str(code).upper() or value == str(label):
                return code
            # Excel files are written in Chinese whatever language the uploader's screen shows.
            with translation.override("zh-hans"):
                if value == str(label):
                    return code
        return value


class SplitModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several records by name, also given as one text “一区、二区”."""

    def clean(self, value):
        if isinstance(value, str):
            value = [part for part in (normalize(p) for p in _split(value)) if part]
        return super().clean(value)


def _split(text):
    for sep in "，、;；":
        text = text.replace(sep, ",")
    return text.split(",")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class CalendarForm(forms.Form):
    """A correction of the workday calendar: one day declared a holiday or a working day."""

    day = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label=_("the day is"),
        choices=[("0", _("a holiday (休)")), ("1", _("a working day (班)"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("note"), max_length=100, required=False)


class CameraPhotoField(forms.ImageField):
    """A photo taken in the field: on a phone the file picker opens the back camera. Optional
    unless said otherwise; the service checks the picture itself."""

    def __init__(self, *, label=None, required=False, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        )
        super().__init__(label=label or _("photo"), required=required, **kwargs)


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files under one name (the service checks each one's content)."""

    widget = PhotosInput()

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(FilesField, self).clean(one, initial) for one in files]


class PhotosField(FilesField):
    widget = PhotosInput(attrs={"accept": "image/*"})


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time of this world (1901–2999): a year typed as 623 is a slip, and before
    1901 the zone's offsets are not whole minutes, which no API client could read back."""

    FIRST, LAST = 1901, 2999

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.FIRST <= value.year <= self.LAST:
            raise forms.ValidationError(
                _("A time between %(first)d and %(last)d."),
                code="invalid",
                params={"first": self.FIRST, "last": self.LAST},
            )
