from django.urls import path

from .views import (
    activities,
    announcements,
    bookings,
    chronicle,
    greetings,
    messaging,
    notices,
    surveys,
)

app_name = "community"

urlpatterns = [
    path("announcements/", announcements.AnnouncementListView.as_view(), name="announcement_list"),
    path(
        "announcements/add/",
        announcements.AnnouncementEditView.as_view(),
        name="announcement_add",
    ),
    path(
        "announcements/<int:pk>/",
        announcements.AnnouncementDetailView.as_view(),
        name="announcement_detail",
    ),
    path(
        "announcements/<int:pk>/edit/",
        announcements.AnnouncementEditView.as_view(),
        name="announcement_edit",
    ),
    path(
        "announcements/<int:pk>/delete/",
        announcements.AnnouncementDeleteView.as_view(),
        name="announcement_delete",
    ),
    path(
        "announcements/<int:pk>/notice.pdf",
        announcements.AnnouncementNoticeView.as_view(),
        name="announcement_notice",
    ),
    path(
        "announcement-pictures/<int:pk>/",
        announcements.AnnouncementImageView.as_view(),
        name="announcement_image",
    ),
    path("notices/", notices.StaffNoticeListView.as_view(), name="staffnotice_list"),
    path("notices/add/", notices.StaffNoticeEditView.as_view(), name="staffnotice_add"),
    path("notices/<int:pk>/", notices.StaffNoticeDetailView.as_view(), name="staffnotice_detail"),
    path("notices/<int:pk>/edit/", notices.StaffNoticeEditView.as_view(), name="staffnotice_edit"),
    path(
        "notices/<int:pk>/delete/",
        notices.StaffNoticeDeleteView.as_view(),
        name="staffnotice_delete",
    ),
    path(
        "notices/<int:pk>/attachment/",
        notices.StaffNoticeAttachmentView.as_view(),
        name="staffnotice_attachment",
    ),
    path("activities/", activities.ActivityListView.as_view(), name="activity_list"),
    path("activities/add/", activities.ActivityEditView.as_view(), name="activity_add"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.ActivityEditView.as_view(), name="activity_edit"),
    path(
        "activities/<int:pk>/delete/",
        activities.ActivityDeleteView.as_view(),
        name="activity_delete",
    ),
    path(
        "activity-photos/<int:pk>/", activities.ActivityPhotoView.as_view(), name="activity_photo"
    ),
    path("groups/", activities.ResidentGroupListView.as_view(), name="residentgroup_list"),
    path("groups/add/", activities.ResidentGroupEditView.as_view(), name="residentgroup_add"),
    path(
        "groups/<int:pk>/",
        activities.ResidentGroupDetailView.as_view(),
        name="residentgroup_detail",
    ),
    path(
        "groups/<int:pk>/edit/",
        activities.ResidentGroupEditView.as_view(),
        name="residentgroup_edit",
    ),
    path(
        "groups/<int:pk>/delete/",
        activities.ResidentGroupDeleteView.as_view(),
        name="residentgroup_delete",
    ),
    path("group-members/", activities.GroupMemberListView.as_view(), name="groupmember_list"),
    path("group-members/add/", activities.GroupMemberEditView.as_view(), name="groupmember_add"),
    path(
        "group-members/<int:pk>/",
        activities.GroupMemberDetailView.as_view(),
        name="groupmember_detail",
    ),
    path(
        "group-members/<int:pk>/edit/",
        activities.GroupMemberEditView.as_view(),
        name="groupmember_edit",
    ),
    path(
        "group-members/<int:pk>/delete/",
        activities.GroupMemberDeleteView.as_view(),
        name="groupmember_delete",
    ),
    path("chronicle/", chronicle.ChronicleEntryListView.as_view(), name="chronicleentry_list"),
    path("chronicle/add/", chronicle.ChronicleEntryEditView.as_view(), name="chronicleentry_add"),
    path("chronicle/pdf/", chronicle.ChroniclePdfView.as_view(), name="chronicle_pdf"),
    path(
        "chronicle/<int:pk>/",
        chronicle.ChronicleEntryDetailView.as_view(),
        name="chronicleentry_detail",
    ),
    path(
        "chronicle/<int:pk>/edit/",
        chronicle.ChronicleEntryEditView.as_view(),
        name="chronicleentry_edit",
    ),
    path(
        "chronicle/<int:pk>/delete/",
        chronicle.ChronicleEntryDeleteView.as_view(),
        name="chronicleentry_delete",
    ),
    path(
        "chronicle/<int:pk>/photo/", chronicle.ChroniclePhotoView.as_view(), name="chronicle_photo"
    ),
    path("visits/", chronicle.VisitListView.as_view(), name="visit_list"),
    path("visits/calendar/", chronicle.VisitCalendarView.as_view(), name="visit_calendar"),
    path("visits/add/", chronicle.VisitEditView.as_view(), name="visit_add"),
    path("visits/<int:pk>/", chronicle.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/edit/", chronicle.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/delete/", chronicle.VisitDeleteView.as_view(), name="visit_delete"),
    path("facilities/", bookings.BookableFacilityListView.as_view(), name="bookablefacility_list"),
    path(
        "facilities/add/",
        bookings.BookableFacilityEditView.as_view(),
        name="bookablefacility_add",
    ),
    path(
        "facilities/<int:pk>/",
        bookings.BookableFacilityDetailView.as_view(),
        name="bookablefacility_detail",
    ),
    path(
        "facilities/<int:pk>/edit/",
        bookings.BookableFacilityEditView.as_view(),
        name="bookablefacility_edit",
    ),
    path(
        "facilities/<int:pk>/delete/",
        bookings.BookableFacilityDeleteView.as_view(),
        name="bookablefacility_delete",
    ),
    path("bookings/", bookings.BookingListView.as_view(), name="booking_list"),
    path("bookings/<int:pk>/", bookings.BookingDetailView.as_view(), name="booking_detail"),
    path("facility-logs/", bookings.FacilityLogListView.as_view(), name="facilitylog_list"),
    path(
        "facility-logs/<int:pk>/",
        bookings.FacilityLogDetailView.as_view(),
        name="facilitylog_detail",
    ),
    path("surveys/", surveys.SurveyListView.as_view(), name="survey_list"),
    path("surveys/add/", surveys.SurveyEditView.as_view(), name="survey_add"),
    path("surveys/<int:pk>/", surveys.SurveyDetailView.as_view(), name="survey_detail"),
    path("surveys/<int:pk>/edit/", surveys.SurveyEditView.as_view(), name="survey_edit"),
    path("surveys/<int:pk>/delete/", surveys.SurveyDeleteView.as_view(), name="survey_delete"),
    path("surveys/<int:pk>/answer/", surveys.SurveyAnswerView.as_view(), name="survey_answer"),
    path(
        "surveys/<int:pk>/statistics/",
        surveys.SurveyStatisticsView.as_view(),
        name="survey_statistics",
    ),
    path("sms/campaigns/", messaging.CampaignListView.as_view(), name="campaign_list"),
    path("sms/campaigns/add/", messaging.CampaignEditView.as_view(), name="campaign_add"),
    path("sms/campaigns/<int:pk>/", messaging.CampaignDetailView.as_view(), name="campaign_detail"),
    path(
        "sms/campaigns/<int:pk>/edit/",
        messaging.CampaignEditView.as_view(),
        name="campaign_edit",
    ),
    path("sms/campaigns/<int:pk>/log/", messaging.DeliveryListView.as_view(), name="campaign_log"),
    path(
        "sms/templates/",
        messaging.MessageTemplateListView.as_view(),
        name="messagetemplate_list",
    ),
    path(
        "sms/templates/add/",
        messaging.MessageTemplateEditView.as_view(),
        name="messagetemplate_add",
    ),
    path(
        "sms/templates/<int:pk>/",
        messaging.MessageTemplateDetailView.as_view(),
        name="messagetemplate_detail",
    ),
    path(
        "sms/templates/<int:pk>/edit/",
        messaging.MessageTemplateEditView.as_view(),
        name="messagetemplate_edit",
    ),
    path(
        "sms/templates/<int:pk>/delete/",
        messaging.MessageTemplateDeleteView.as_view(),
        name="messagetemplate_delete",
    ),
    path("sms/lists/", messaging.RecipientListListView.as_view(), name="recipientlist_list"),
    path("sms/lists/add/", messaging.RecipientListEditView.as_view(), name="recipientlist_add"),
    path(
        "sms/lists/<int:pk>/",
        messaging.RecipientListDetailView.as_view(),
        name="recipientlist_detail",
    ),
    path(
        "sms/lists/<int:pk>/delete/",
        messaging.RecipientListDeleteView.as_view(),
        name="recipientlist_delete",
    ),
    path("outages/", messaging.OutageListView.as_view(), name="outage_list"),
    path("outages/add/", messaging.OutageEditView.as_view(), name="outage_add"),
    path("outages/<int:pk>/", messaging.OutageDetailView.as_view(), name="outage_detail"),
    path("greetings/", greetings.GreetingsView.as_view(), name="greetings"),
    path("sms/opt-outs/", messaging.OptOutListView.as_view(), name="optout_list"),
    path("sms/opt-outs/add/", messaging.OptOutEditView.as_view(), name="optout_add"),
    path("sms/opt-outs/<int:pk>/", messaging.OptOutDetailView.as_view(), name="optout_detail"),
    path(
        "sms/opt-outs/<int:pk>/delete/",
        messaging.OptOutDeleteView.as_view(),
        name="optout_delete",
    ),
]
