"""The comment form's target. Included at the site root: ``path("", include(...))``."""

from django.urls import path

from . import guidelines, views

app_name = "comments"

urlpatterns = [
    path("articles/<str:slug>/comments/", views.post, name="post"),
    path("guidelines/", guidelines.guidelines, name="guidelines"),
]
