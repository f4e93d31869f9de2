from django.urls import path

from . import views

urlpatterns = [
    path("", views.stats_page, name="stats"),
    path("<slug:chart>.csv", views.chart_csv, name="stats_csv"),
]
