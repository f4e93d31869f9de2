from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from cidb.accounts import urls as account_urls
from cidb.accounts.forms import AdminLoginForm
from cidb.api import urls as api_urls
from cidb.core import views as core_views
from cidb.exchange import urls as exchange_urls
from cidb.incidents import urls as incident_urls

admin.site.site_header = "cidb administration"
admin.site.site_title = "cidb"
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include(api_urls)),
    path("exchange/", include(exchange_urls)),
    path("stats/", include("cidb.stats.urls")),
    path("", include("cidb.alerts.urls")),
    path("", include(incident_urls)),
    path("accounts/", include(account_urls)),
    path("admin/", admin.site.urls),
]
if "cidb.tagging" in settings.INSTALLED_APPS:
    urlpatterns.insert(0, path("", include("cidb.tagging.urls")))
if "cidb.ingest" in settings.INSTALLED_APPS:
    urlpatterns.insert(0, path("review/", include("cidb.ingest.urls")))
if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", core_views.media))

handler404 = "cidb.core.views.not_found"
handler500 = "cidb.core.views.server_error"
handler403 = "cidb.core.views.forbidden"
handler400 = "cidb.core.views.bad_request"
