"""The moderator queue, under /moderate/. Included at the site root."""

from django.urls import path

from . import views

app_name = "moderators"

urlpatterns = [
    path("moderate/", views.queue, name="queue"),
    path("moderate/approved/", views.approved, name="approved"),
    path("moderate/rejected/", views.rejected, name="rejected"),
    path("moderate/comments/<int:pk>/decide/", views.decide, name="decide"),
]
