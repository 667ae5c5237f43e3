"""The suggestions of a typed picker (`core.forms.LookupField`)."""

from django.core.exceptions import ImproperlyConfigured
from django.views.generic import TemplateView

from ..forms import LookupField, restrict_queryset
from ..text import normalize
from .mixins import AccessMixin


class LookupView(AccessMixin, TemplateView):
    """The suggestions of a `core.forms.LookupField` search box: up to twenty <option>s for
    the text typed (GET ?field=<name>&<name>=<text>), of the current community only."""

    template_name = "core/lookup_options.html"
    field_class: type[LookupField] | None = None  # the LookupField subclass

    def get_context_data(self, **kwargs):
        if self.field_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a field_class")
        context = super().get_context_data(**kwargs)
        field = self.field_class()
        text = normalize(self.request.GET.get(self.request.GET.get("field", ""), "")[:50])
        found = (
            field.find(restrict_queryset(field.queryset, self.access), text)[:20] if text else []
        )
        context["options"] = [(field.text_of(obj), field.hint(obj)) for obj in found]
        return context
