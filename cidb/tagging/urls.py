from django.urls import path

from . import views

urlpatterns = [
    path(
        "incidents/<str:uuid>/suggest-techniques/",
        views.suggest_techniques,
        name="suggest_techniques",
    ),
]
