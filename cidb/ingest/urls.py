from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="review_queue"),
    path("suggestions/", views.suggestions, name="review_suggestions"),
    path("<str:uuid>/", views.review, name="review_incident"),
    path("<str:uuid>/publish/", views.publish, name="review_publish"),
    path("<str:uuid>/merge/", views.merge, name="review_merge"),
    path("<str:uuid>/split/", views.split, name="review_split"),
    path("<str:uuid>/suggestions/", views.decide, name="review_decide"),
    path("<str:uuid>/field/<str:name>/", views.review_field, name="review_field"),
]
