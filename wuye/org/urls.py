from django.urls import path

from wuye.core.routing import crud

from . import views

app_name = "org"


urlpatterns = [
    path("switch-community/", views.SwitchCommunityView.as_view(), name="switch_community"),
    *crud(
        "staff",
        "staff",
        views.StaffListView,
        views.StaffDetailView,
        views.StaffEditView,
        views.StaffDeleteView,
    ),
    path("staff/<int:pk>/password/", views.StaffPasswordView.as_view(), name="staff_password"),
    *crud(
        "departments",
        "department",
        views.DepartmentListView,
        views.DepartmentDetailView,
        views.DepartmentEditView,
        views.DepartmentDeleteView,
    ),
    *crud(
        "zones",
        "zone",
        views.ZoneListView,
        views.ZoneDetailView,
        views.ZoneEditView,
        views.ZoneDeleteView,
    ),
    path("delegations/", views.DelegationListView.as_view(), name="delegation_list"),
    path("delegations/add/", views.DelegationEditView.as_view(), name="delegation_add"),
    path("delegations/<int:pk>/", views.DelegationDetailView.as_view(), name="delegation_detail"),
    path(
        "delegations/<int:pk>/revoke/",
        views.DelegationRevokeView.as_view(),
        name="delegation_revoke",
    ),
    path("communities/", views.CommunityListView.as_view(), name="community_list"),
    path("communities/<int:pk>/", views.CommunityDetailView.as_view(), name="community_detail"),
    path("communities/<int:pk>/edit/", views.CommunityEditView.as_view(), name="community_edit"),
]
