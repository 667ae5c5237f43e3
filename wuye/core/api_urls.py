from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from .api import ScopedReadOnlyViewSet
from .filtersets import EventFilterSet
from .models import Event


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = Event
        fields = [
            "id",
            "occurred_at",
            "actor",
            "verb",
            "target_type",
            "target_id",
            "target_repr",
            "message",
            "acting_manager",
            "data",
        ]


class EventViewSet(ScopedReadOnlyViewSet):
    """Business events of the current service center (the audit trail)."""

    queryset = Event.objects.all()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    perm_prefix = "core.audit"
    related = ("actor",)


router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
urlpatterns = router.urls
