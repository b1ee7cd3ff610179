"""Perspective's routes, colon included (Google's custom-method style).

Mounted at /v1alpha1/ so that a client whose endpoint setting is
``https://comments.example.com/v1alpha1`` builds the same URLs it builds for
``https://commentanalyzer.googleapis.com/v1alpha1``.
"""

from django.urls import path

from . import views

app_name = "perspective"
urlpatterns = [
    path("comments:analyze", views.analyze, name="analyze"),
    path("comments:suggestscore", views.suggest_score, name="suggestscore"),
]
