"""What the API shows of the finance office's records (reads; writes go through the forms)."""

from rest_framework import serializers

from ..models import BookNumber, NumberedBook, Seal, SealUse


class SealSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seal
        fields = ["id", "name", "kind", "keeper", "is_active"]
        read_only_fields = fields


class SealUseSerializer(serializers.ModelSerializer):
    class Meta:
        model = SealUse
        fields = [
            "id",
            "seal",
            "used_at",
            "document",
            "purpose",
            "copies",
            "applicant",
            "approver",
            "created_by",
        ]
        read_only_fields = fields


class BookNumberSerializer(serializers.ModelSerializer):
    class Meta:
        model = BookNumber
        fields = ["number", "status", "used_on", "amount", "party", "note"]
        read_only_fields = fields


class NumberedBookSerializer(serializers.ModelSerializer):
    """A receipt or cheque book with its numbers (the gaps are those between)."""

    numbers = BookNumberSerializer(many=True, read_only=True)

    class Meta:
        model = NumberedBook
        fields = [
            "id",
            "kind",
            "series",
            "first_number",
            "last_number",
            "account",
            "status",
            "holder",
            "issued_on",
            "returned_on",
            "numbers",
        ]
        read_only_fields = fields
