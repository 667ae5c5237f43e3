from django.urls import path

from .views import plans

app_name = "quality"

urlpatterns = [
    path("checkpoints/", plans.CheckpointListView.as_view(), name="checkpoint_list"),
    path("checkpoints/add/", plans.CheckpointEditView.as_view(), name="checkpoint_add"),
    path("checkpoints/labels/", plans.CheckpointLabelsView.as_view(), name="checkpoint_labels"),
    path("checkpoints/<int:pk>/", plans.CheckpointDetailView.as_view(), name="checkpoint_detail"),
    path("checkpoints/<int:pk>/edit/", plans.CheckpointEditView.as_view(), name="checkpoint_edit"),
    path(
        "checkpoints/<int:pk>/delete/",
        plans.CheckpointDeleteView.as_view(),
        name="checkpoint_delete",
    ),
    path("items/", plans.ChecklistItemListView.as_view(), name="checklistitem_list"),
    path("items/add/", plans.ChecklistItemEditView.as_view(), name="checklistitem_add"),
    path("items/<int:pk>/", plans.ChecklistItemDetailView.as_view(), name="checklistitem_detail"),
    path("items/<int:pk>/edit/", plans.ChecklistItemEditView.as_view(), name="checklistitem_edit"),
    path(
        "items/<int:pk>/delete/",
        plans.ChecklistItemDeleteView.as_view(),
        name="checklistitem_delete",
    ),
    path("plans/", plans.InspectionPlanListView.as_view(), name="inspectionplan_list"),
    path("plans/add/", plans.InspectionPlanEditView.as_view(), name="inspectionplan_add"),
    path("plans/<int:pk>/", plans.InspectionPlanDetailView.as_view(), name="inspectionplan_detail"),
    path(
        "plans/<int:pk>/edit/", plans.InspectionPlanEditView.as_view(), name="inspectionplan_edit"
    ),
    path("tasks/", plans.InspectionTaskListView.as_view(), name="inspectiontask_list"),
    path("findings/", plans.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/", plans.FindingDetailView.as_view(), name="finding_detail"),
    path("tasks/<int:pk>/", plans.InspectionTaskDetailView.as_view(), name="inspectiontask_detail"),
]
