from django.urls import path

from .views import imports, pages, system

app_name = "core"

urlpatterns = [
    path("roles/", system.RolesView.as_view(), name="roles"),
    path("notifications/", pages.NotificationsView.as_view(), name="notifications"),
    path("calendar/", system.CalendarView.as_view(), name="calendar"),
    path(
        "notifications/<int:pk>/",
        pages.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("audit/", system.AuditView.as_view(), name="audit"),
    path("status/", system.StatusView.as_view(), name="status"),
    path("imports/<str:key>/", imports.ImportUploadView.as_view(), name="import_upload"),
    path(
        "imports/<str:key>/template.xlsx",
        imports.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path("imports/<str:key>/<int:pk>/", imports.ImportPreviewView.as_view(), name="import_preview"),
]
