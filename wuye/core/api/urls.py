from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import EventViewSet, TokenView

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api_token"),
    *router.urls,
]
