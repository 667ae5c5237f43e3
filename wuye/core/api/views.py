from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from ..filtersets import EventFilterSet
from ..models import Event
from .base import ScopedReadOnlyViewSet
from .fields import StrictSerializer
from .schema import ERROR
from .serializers import EventSerializer


class EventViewSet(ScopedReadOnlyViewSet):
    """Business events of the current service center (the audit trail)."""

    queryset = Event.objects.all()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    perm_prefix = "core.audit"
    related = ("actor",)


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in the API's error shape, not the HTML page."""
    error = exceptions.NotFound()
    return JsonResponse(
        {"error": {"code": error.default_code, "message": str(error.detail), "fields": {}}},
        status=error.status_code,
    )


class TokenRequestSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class TokenView(APIView):
    """POST auth/token/ with username and password: the caller's API token. The sign-in
    lockout of the pages (django-axes) applies: while it lasts the answer is 429 `locked`,
    whatever the password."""

    permission_classes = ()
    parser_classes = (parsers.JSONParser, parsers.FormParser, parsers.MultiPartParser)

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            429: OpenApiResponse(ERROR, description="Too many failed attempts: locked for a while"),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                description="Seconds until the lockout ends",
                response=[429],
            )
        ],
        auth=[],
    )
    def post(self, request):
        body = TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        username = body.validated_data["username"]
        password = body.validated_data["password"]
        # axes watches the Django request (its middleware and handlers read it), not DRF's.
        http_request = request._request
        user = authenticate(request=http_request, username=username, password=password)
        if user is None:
            credentials = get_credentials(username=username)
            if getattr(http_request, "axes_locked_out", False) or AxesProxyHandler.is_locked(
                http_request, credentials
            ):
                # Answered here in the API's shape; the middleware would render the page.
                http_request.axes_locked_out = False
                return self.locked()
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        if not user.is_active:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    def locked(self):
        cool_off = get_cool_off()
        response = Response(
            {
                "error": {
                    "code": "locked",
                    "message": _(
                        "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask the project manager to unlock the account."
                    ),
                    "fields": {},
                }
            },
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
        if cool_off is not None:
            response["Retry-After"] = str(int(cool_off.total_seconds()))
        return response
