from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("announcements", views.AnnouncementViewSet, basename="announcement")
router.register("sms-campaigns", views.CampaignViewSet, basename="campaign")
router.register("sms-deliveries", views.DeliveryViewSet, basename="delivery")
router.register("sms-templates", views.MessageTemplateViewSet, basename="messagetemplate")
router.register("sms-lists", views.RecipientListViewSet, basename="recipientlist")
router.register("sms-opt-outs", views.OptOutViewSet, basename="optout")

urlpatterns = router.urls
