from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("work-orders", views.WorkOrderViewSet, basename="workorder")
router.register("return-visits", views.ReturnVisitViewSet, basename="returnvisit")
router.register("escalations", views.EscalationViewSet, basename="escalation")
router.register("work-order-categories", views.CategoryViewSet, basename="category")
router.register("time-limits", views.TimeLimitViewSet, basename="timelimit")
router.register("reception-log", views.ReceptionLogViewSet, basename="receptionlog")
router.register("faq-articles", views.KnowledgeArticleViewSet, basename="knowledgearticle")
router.register("duty-logs", views.DutyLogViewSet, basename="dutylog")
router.register("warranty-claims", views.WarrantyClaimViewSet, basename="warrantyclaim")

urlpatterns = [
    path(
        "faq-suggestions/",
        views.FaqSuggestionViewSet.as_view({"get": "suggest"}),
        name="faqsuggestions",
    ),
    *router.urls,
]
