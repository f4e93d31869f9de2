from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import taxii, views

router = SimpleRouter()
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("actors", views.ThreatActorViewSet, basename="actor")
router.register("techniques", views.TechniqueViewSet, basename="technique")
router.register("sources", views.SourceViewSet, basename="source")

api_patterns = [
    path("v1/exports/<str:fmt>/", views.ExportView.as_view(), name="export"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("api/", include((api_patterns, "api"))),
    # The browse page's export links: the same view, with the page's query string.
    path("incidents/export/<str:fmt>/", views.ExportView.as_view(), name="incident_export"),
    path("taxii2/", include((taxii.urlpatterns, "taxii"))),
]
