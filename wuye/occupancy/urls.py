from django.urls import path

from .views import passes

app_name = "occupancy"

urlpatterns = [
    path("gate/", passes.GateView.as_view(), name="gate"),
    path("passes/", passes.ReleasePassListView.as_view(), name="releasepass_list"),
    path("passes/add/", passes.ReleasePassCreateView.as_view(), name="releasepass_add"),
    path("passes/<int:pk>/", passes.ReleasePassDetailView.as_view(), name="releasepass_detail"),
    path("passes/<int:pk>/pdf/", passes.ReleasePassPdfView.as_view(), name="releasepass_pdf"),
    path(
        "passes/<int:pk>/action/",
        passes.ReleasePassCommandView.as_view(),
        name="releasepass_action",
    ),
]
