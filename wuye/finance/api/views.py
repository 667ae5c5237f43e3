from wuye.core.api.base import ScopedViewSet
from wuye.core.api.commands import command_actions

from .. import filtersets, forms
from ..commands import BOOK_COMMANDS
from ..models import NumberedBook, Seal, SealUse
from ..services import registers
from . import serializers


class SealViewSet(ScopedViewSet):
    """The seals (FIN-10); a seal out of use is marked so, never deleted."""

    queryset = Seal.objects.all()
    serializer_class = serializers.SealSerializer
    filterset_class = filtersets.SealFilterSet
    form_class = forms.SealForm
    perm_prefix = "finance.seal"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class SealUseViewSet(ScopedViewSet):
    """The seal use log: POST seal-uses/ logs one (document, purpose, applicant, approver —
    never the applicant himself); entries are not changed or deleted."""

    queryset = SealUse.objects.all()
    serializer_class = serializers.SealUseSerializer
    filterset_class = filtersets.SealUseFilterSet
    form_class = forms.SealUseForm
    perm_prefix = "finance.seal"
    http_method_names = ["get", "post", "head", "options"]
    create_service = registers.log_seal_use


@command_actions(BOOK_COMMANDS)
class NumberedBookViewSet(ScopedViewSet):
    """Receipt and cheque books (FIN-10): POST numbered-books/ receives one (its range may not
    overlap another's); …/{id}/issue/, …/record-number/ (each number once), …/return/."""

    queryset = NumberedBook.objects.all()
    serializer_class = serializers.NumberedBookSerializer
    filterset_class = filtersets.NumberedBookFilterSet
    form_class = forms.NumberedBookForm
    perm_prefix = "finance.book"
    prefetch = ("numbers",)
    http_method_names = ["get", "post", "head", "options"]
    create_service = registers.add_book
