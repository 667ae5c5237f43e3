from django.urls import path

from .views import ledger, registers

app_name = "finance"

urlpatterns = [
    path("ledger/", ledger.LedgerView.as_view(), name="ledger_current"),
    path("ledger/<int:year>/<int:month>/", ledger.LedgerView.as_view(), name="ledger"),
    path(
        "ledger/<int:year>/<int:month>/reconciliation/",
        ledger.ReconciliationView.as_view(),
        name="reconciliation",
    ),
    path("developer/", ledger.DeveloperAccountView.as_view(), name="developer_account"),
    path("month-closes/", ledger.MonthCloseListView.as_view(), name="monthclose_list"),
    path("seals/", registers.SealListView.as_view(), name="seal_list"),
    path("seals/add/", registers.SealEditView.as_view(), name="seal_add"),
    path("seals/<int:pk>/", registers.SealDetailView.as_view(), name="seal_detail"),
    path("seals/<int:pk>/edit/", registers.SealEditView.as_view(), name="seal_edit"),
    path("seal-uses/", registers.SealUseListView.as_view(), name="sealuse_list"),
    path("seal-uses/add/", registers.SealUseEditView.as_view(), name="sealuse_add"),
    path("seal-uses/<int:pk>/", registers.SealUseDetailView.as_view(), name="sealuse_detail"),
    path("books/", registers.NumberedBookListView.as_view(), name="numberedbook_list"),
    path("books/add/", registers.NumberedBookEditView.as_view(), name="numberedbook_add"),
    path(
        "books/<int:pk>/",
        registers.NumberedBookDetailView.as_view(),
        name="numberedbook_detail",
    ),
]
