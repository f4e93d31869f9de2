from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/<str:uuid>/", views.incident_detail, name="incident"),
    path("incidents/<str:uuid>/card.<str:fmt>", views.incident_card, name="incident_card"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_bare"),
    path("organizations/<int:pk>/<slug:slug>/", views.organization_detail, name="organization"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("actors/", views.actor_list, name="actor_list"),
    # No name in the address: actor names are member-only.
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
    path("techniques/", views.technique_list, name="technique_list"),
    path("techniques/<str:attack_id>/", views.technique_detail, name="technique"),
]
