from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("announcements", views.AnnouncementViewSet, basename="announcement")
router.register("sms-campaigns", views.CampaignViewSet, basename="campaign")
router.register("sms-deliveries", views.DeliveryViewSet, basename="delivery")
router.register("sms-templates", views.MessageTemplateViewSet, basename="messagetemplate")
router.register("sms-lists", views.RecipientListViewSet, basename="recipientlist")
router.register("staff-notices", views.StaffNoticeViewSet, basename="staffnotice")
router.register("forum-posts", views.ForumPostViewSet, basename="forumpost")
router.register("forum-replies", views.ForumReplyViewSet, basename="forumreply")
router.register("forum-keywords", views.ForumKeywordViewSet, basename="forumkeyword")
router.register("forum-digests", views.ForumDigestViewSet, basename="forumdigest")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("resident-groups", views.ResidentGroupViewSet, basename="residentgroup")
router.register("group-members", views.GroupMemberViewSet, basename="groupmember")
router.register("chronicle", views.ChronicleEntryViewSet, basename="chronicleentry")
router.register("visits", views.VisitViewSet, basename="visit")
router.register("bookable-facilities", views.BookableFacilityViewSet, basename="bookablefacility")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("facility-logs", views.FacilityLogViewSet, basename="facilitylog")
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("survey-responses", views.ResponseViewSet, basename="response")
router.register("outages", views.OutageViewSet, basename="outage")
router.register("sms-opt-outs", views.OptOutViewSet, basename="optout")

urlpatterns = router.urls
