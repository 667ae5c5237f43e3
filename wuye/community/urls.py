from django.urls import path

from .views import announcements, messaging

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
    path("sms/opt-outs/", messaging.OptOutListView.as_view(), name="optout_list"),
    path("sms/opt-outs/add/", messaging.OptOutEditView.as_view(), name="optout_add"),
    path("sms/opt-outs/<int:pk>/", messaging.OptOutDetailView.as_view(), name="optout_detail"),
    path(
        "sms/opt-outs/<int:pk>/delete/",
        messaging.OptOutDeleteView.as_view(),
        name="optout_delete",
    ),
]
