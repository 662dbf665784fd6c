"""Public pages about the Conference."""

from django.urls import path

from conference import views

app_name = "conference"
urlpatterns = [
    path("", views.home, name="home"),
]
