from django.urls import path

from wuye.core.routing import crud

from .views import configuration, desk, followups, orders, statistics

app_name = "service"

urlpatterns = [
    path("orders/", orders.WorkOrderListView.as_view(), name="workorder_list"),
    path("orders/add/", orders.WorkOrderIntakeView.as_view(), name="workorder_add"),
    path("intake/", orders.WorkOrderIntakeView.as_view(), name="workorder_intake"),
    path("orders/<int:pk>/", orders.WorkOrderDetailView.as_view(), name="workorder_detail"),
    path("orders/<int:pk>/act/", orders.WorkOrderActionView.as_view(), name="workorder_action"),
    path("photos/<int:pk>/", orders.WorkOrderPhotoView.as_view(), name="workorder_photo"),
    path("files/<int:pk>/", orders.WorkOrderAttachmentView.as_view(), name="workorder_attachment"),
    path("orders/<int:pk>/attach/", orders.WorkOrderAttachView.as_view(), name="workorder_attach"),
    path("my-tasks/", orders.MyTasksView.as_view(), name="my_tasks"),
    path("board/", orders.DispatchBoardView.as_view(), name="board"),
    path("visits/", followups.ReturnVisitListView.as_view(), name="returnvisit_list"),
    path("visits/<int:pk>/", followups.ReturnVisitDetailView.as_view(), name="returnvisit_detail"),
    path("escalations/", followups.EscalationListView.as_view(), name="escalation_list"),
    path("settings/", configuration.ServicePolicyView.as_view(), name="policy"),
    path("weekly-report/", statistics.WeeklyReportView.as_view(), name="weekly_report"),
    path("duty/", desk.DutyLogListView.as_view(), name="dutylog_list"),
    path("duty/take/", desk.DutyLogOpenView.as_view(), name="dutylog_open"),
    path("duty/<int:pk>/", desk.DutyLogDetailView.as_view(), name="dutylog_detail"),
    path("warranty/", desk.WarrantyClaimListView.as_view(), name="warrantyclaim_list"),
    path("warranty/<int:pk>/", desk.WarrantyClaimDetailView.as_view(), name="warrantyclaim_detail"),
    path(
        "orders/<int:pk>/warranty/",
        desk.WarrantyForwardView.as_view(),
        name="workorder_warranty",
    ),
    *crud(
        "reception",
        "receptionlog",
        desk.ReceptionLogListView,
        desk.ReceptionLogDetailView,
        desk.ReceptionLogEditView,
        desk.ReceptionLogDeleteView,
    ),
    *crud(
        "categories",
        "category",
        configuration.CategoryListView,
        configuration.CategoryDetailView,
        configuration.CategoryEditView,
        configuration.CategoryDeleteView,
    ),
    *crud(
        "faq",
        "knowledgearticle",
        desk.KnowledgeArticleListView,
        desk.KnowledgeArticleDetailView,
        desk.KnowledgeArticleEditView,
        desk.KnowledgeArticleDeleteView,
    ),
    *crud(
        "time-limits",
        "timelimit",
        configuration.TimeLimitListView,
        configuration.TimeLimitDetailView,
        configuration.TimeLimitEditView,
        configuration.TimeLimitDeleteView,
    ),
]
