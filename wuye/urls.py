from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wuye.core.api import views as core_api_views
from wuye.core.views import pages as core_pages

# Swagger UI sets inline styles at run time; only this page relaxes style-src for it.
swagger_ui = csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api_schema")
)

api_v1 = [
    path("", include("wuye.core.api.urls")),
    path("", include("wuye.org.api.urls")),
    path("", include("wuye.estate.api.urls")),
    path("", include("wuye.billing.api.urls")),
    path("", include("wuye.service.api.urls")),
    path("", include("wuye.occupancy.api.urls")),
    path("", include("wuye.quality.api.urls")),
    path("", include("wuye.community.api.urls")),
    path("", include("wuye.finance.api.urls")),
    re_path(r"^.*/$", core_api_views.not_found),  # last: a JSON 404 for any other API address
]

urlpatterns = [
    path("", core_pages.HomeView.as_view(), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("core/", include("wuye.core.urls")),
    path("org/", include("wuye.org.urls")),
    path("estate/", include("wuye.estate.urls")),
    path("billing/", include("wuye.billing.urls")),
    path("service/", include("wuye.service.urls")),
    path("occupancy/", include("wuye.occupancy.urls")),
    path("quality/", include("wuye.quality.urls")),
    path("community/", include("wuye.community.urls")),
    path("finance/", include("wuye.finance.urls")),
    path("search/", core_pages.SearchView.as_view(), name="search"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", swagger_ui, name="api_docs"),
]

handler403 = "wuye.core.views.pages.error_403"
handler404 = "wuye.core.views.pages.error_404"
handler500 = "wuye.core.views.pages.error_500"
