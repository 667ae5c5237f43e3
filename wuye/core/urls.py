from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("roles/", views.RolesView.as_view(), name="roles"),
    path("notifications/", views.NotificationsView.as_view(), name="notifications"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path(
        "notifications/<int:pk>/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("audit/", views.AuditView.as_view(), name="audit"),
    path("status/", views.StatusView.as_view(), name="status"),
    path("imports/<str:key>/", views.ImportUploadView.as_view(), name="import_upload"),
    path(
        "imports/<str:key>/template.xlsx",
        views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path("imports/<str:key>/<int:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
]
