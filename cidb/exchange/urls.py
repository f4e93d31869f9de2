from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_file, name="exchange_import"),
]
