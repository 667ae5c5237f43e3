from django.urls import path

from wuye.core.routing import crud

from . import views

app_name = "service"

urlpatterns = [
    path("orders/", views.WorkOrderListView.as_view(), name="workorder_list"),
    path("orders/add/", views.WorkOrderIntakeView.as_view(), name="workorder_add"),
    path("intake/", views.WorkOrderIntakeView.as_view(), name="workorder_intake"),
    path("orders/<int:pk>/", views.WorkOrderDetailView.as_view(), name="workorder_detail"),
    path("orders/<int:pk>/act/", views.WorkOrderActionView.as_view(), name="workorder_action"),
    path("photos/<int:pk>/", views.WorkOrderPhotoView.as_view(), name="workorder_photo"),
    path("files/<int:pk>/", views.WorkOrderAttachmentView.as_view(), name="workorder_attachment"),
    path("orders/<int:pk>/attach/", views.WorkOrderAttachView.as_view(), name="workorder_attach"),
    path("my-tasks/", views.MyTasksView.as_view(), name="my_tasks"),
    path("board/", views.DispatchBoardView.as_view(), name="board"),
    path("visits/", views.ReturnVisitListView.as_view(), name="returnvisit_list"),
    path("visits/<int:pk>/", views.ReturnVisitDetailView.as_view(), name="returnvisit_detail"),
    path("escalations/", views.EscalationListView.as_view(), name="escalation_list"),
    path("settings/", views.ServicePolicyView.as_view(), name="policy"),
    path("weekly-report/", views.WeeklyReportView.as_view(), name="weekly_report"),
    path("duty/", views.DutyLogListView.as_view(), name="dutylog_list"),
    path("duty/take/", views.DutyLogOpenView.as_view(), name="dutylog_open"),
    path("duty/<int:pk>/", views.DutyLogDetailView.as_view(), name="dutylog_detail"),
    path("warranty/", views.WarrantyClaimListView.as_view(), name="warrantyclaim_list"),
    path(
        "warranty/<int:pk>/", views.WarrantyClaimDetailView.as_view(), name="warrantyclaim_detail"
    ),
    path(
        "orders/<int:pk>/warranty/",
        views.WarrantyForwardView.as_view(),
        name="workorder_warranty",
    ),
    *crud(
        "reception",
        "receptionlog",
        views.ReceptionLogListView,
        views.ReceptionLogDetailView,
        views.ReceptionLogEditView,
        views.ReceptionLogDeleteView,
    ),
    *crud(
        "categories",
        "category",
        views.CategoryListView,
        views.CategoryDetailView,
        views.CategoryEditView,
        views.CategoryDeleteView,
    ),
    *crud(
        "faq",
        "knowledgearticle",
        views.KnowledgeArticleListView,
        views.KnowledgeArticleDetailView,
        views.KnowledgeArticleEditView,
        views.KnowledgeArticleDeleteView,
    ),
    *crud(
        "time-limits",
        "timelimit",
        views.TimeLimitListView,
        views.TimeLimitDetailView,
        views.TimeLimitEditView,
        views.TimeLimitDeleteView,
    ),
]
