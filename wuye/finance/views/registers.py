"""The finance office's registers (FIN-10): seals and their use log; receipt and cheque books
with their numbers, gaps and the actions on them. Nothing is deleted here."""

from __future__ import annotations

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import BookAction, BookStatus
from ..commands import BOOK_COMMANDS
from ..models import NumberedBook, Seal, SealUse
from ..services import registers

(SealListView, SealDetailView, SealEditView, _delete) = crud_views(
    Seal,
    "finance.seal",
    filterset=filtersets.SealFilterSet,
    table=tables.SealTable,
    form=forms.SealForm,
    related=("keeper",),
)


class SealUseMixin(ScopedObjectMixin):
    model = SealUse
    perm_prefix = "finance.seal"
    url_base = "finance:sealuse"
    related = ("seal", "applicant", "approver")


class SealUseListView(SealUseMixin, ObjectListView):
    filterset_class = filtersets.SealUseFilterSet
    table_class = tables.SealUseTable


class SealUseEditView(SealUseMixin, ObjectEditView):
    """A use is logged, never changed: a mistake is explained by the next entry."""

    form_class = forms.SealUseForm
    create_service = registers.log_seal_use


class SealUseDetailView(SealUseMixin, ObjectDetailView):
    detail_fields = [
        "seal",
        "used_at",
        "document",
        "purpose",
        "copies",
        "applicant",
        "approver",
        "created_by",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = context["can_delete"] = False
        return context


class NumberedBookMixin(ScopedObjectMixin):
    model = NumberedBook
    perm_prefix = "finance.book"
    url_base = "finance:numberedbook"
    related = ("holder",)


class NumberedBookListView(NumberedBookMixin, ObjectListView):
    filterset_class = filtersets.NumberedBookFilterSet
    table_class = tables.NumberedBookTable


class NumberedBookEditView(NumberedBookMixin, ObjectEditView):
    form_class = forms.NumberedBookForm
    create_service = registers.add_book


class NumberedBookDetailView(CommandPageMixin, NumberedBookMixin, ObjectDetailView):
    commands = BOOK_COMMANDS
    template_name = "finance/numberedbook_detail.html"
    page_forms = {
        BookAction.ISSUE: "issue_form",
        BookAction.RECORD: "record_form",
        BookAction.RETURN: "return_form",
    }
    detail_fields = [
        "kind",
        "series",
        "first_number",
        "last_number",
        "account",
        "status",
        "holder",
        "issued_on",
        "returned_on",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = self.object
        keeps = self.access.has("finance.book.change")
        context["can_change"] = context["can_delete"] = False
        context["numbers"] = list(book.numbers.order_by("number"))
        context["gaps"] = registers.gaps(book)
        context["unused"] = book.size - len(context["numbers"])
        if keeps and book.status == BookStatus.IN_STOCK:
            context.setdefault("issue_form", forms.IssueBookForm(target=book, access=self.access))
        if keeps and book.status == BookStatus.ISSUED:
            context.setdefault(
                "record_form", forms.RecordNumberForm(target=book, access=self.access)
            )
            context.setdefault("return_form", forms.ReturnBookForm(target=book, access=self.access))
        return context
