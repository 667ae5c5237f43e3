from django.contrib.auth.models import AbstractBaseUser
from rest_framework import serializers

from ..models import Event


class EventSerializer(serializers.ModelSerializer):
    actor: serializers.StringRelatedField[AbstractBaseUser] = serializers.StringRelatedField()

    class Meta:
        model = Event
        fields = [
            "id",
            "occurred_at",
            "actor",
            "verb",
            "target_type",
            "target_id",
            "target_repr",
            "message",
            "acting_manager",
            "data",
        ]
