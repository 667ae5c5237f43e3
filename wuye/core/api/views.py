from ..filtersets import EventFilterSet
from ..models import Event
from .base import ScopedReadOnlyViewSet
from .serializers import EventSerializer


class EventViewSet(ScopedReadOnlyViewSet):
    """Business events of the current service center (the audit trail)."""

    queryset = Event.objects.all()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    perm_prefix = "core.audit"
    related = ("actor",)
