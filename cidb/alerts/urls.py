from django.urls import path

from . import views

urlpatterns = [
    path("feed/", views.public_feed, name="feed"),
    path("feed/<str:token>/", views.personal_feed, name="personal_feed"),
    path("alerts/feed-token/", views.feed_token_issue, name="feed_token_issue"),
    path("alerts/feed-token/revoke/", views.feed_token_revoke, name="feed_token_revoke"),
    path("alerts/searches/", views.search_create, name="saved_search_create"),
    path("alerts/searches/<int:pk>/", views.search_update, name="saved_search_update"),
    path("alerts/searches/<int:pk>/delete/", views.search_delete, name="saved_search_delete"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alert_unsubscribe"),
    # Citation files beside the permanent URL /incidents/<uuid>/.
    path("incidents/<str:uuid>/cite.json", views.cite_json, name="incident_cite_json"),
    path("incidents/<str:uuid>/cite.bib", views.cite_bibtex, name="incident_cite_bibtex"),
]
