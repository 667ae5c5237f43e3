from rest_framework import serializers

from ..forms import DelegationForm
from ..models import Community, Delegation, Department, Membership, Zone


class CommunitySerializer(serializers.ModelSerializer):
    company: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = Community
        fields = ["id", "code", "name", "company", "address", "service_grade", "phone", "is_active"]
        read_only_fields = ["id", "code", "company", "is_active"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "kind", "name", "phone", "head", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class ZoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Zone
        fields = ["id", "code", "name", "responsible", "note", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class StaffSerializer(serializers.ModelSerializer):
    """A staff member's post. Writes go through the same form and services as the page."""

    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.name")
    phone = serializers.CharField(source="user.phone", required=False, allow_blank=True)
    email = serializers.EmailField(source="user.email", required=False, allow_blank=True)
    department = serializers.SlugRelatedField(
        slug_field="name", queryset=Department.objects.all(), required=False, allow_null=True
    )
    zones = serializers.SlugRelatedField(
        slug_field="name", queryset=Zone.objects.all(), many=True, required=False
    )
    password = serializers.CharField(
        write_only=True, required=False, allow_blank=True, style={"input_type": "password"}
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "username",
            "name",
            "phone",
            "email",
            "post",
            "department",
            "zones",
            "joined_on",
            "is_active",
            "password",
        ]
        read_only_fields = ["id"]


class DelegationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            *DelegationForm.Meta.fields,
            "state",
            "revoked_at",
            "revoked_by",
            "created_at",
        ]
        read_only_fields = ["id", "state", "revoked_at", "revoked_by", "created_at"]
