"""The moderators' desk, under /moderate/. Included at the site root."""

from django.urls import path

from . import dashboard, decisions, reported, views

app_name = "moderators"

urlpatterns = [
    path("moderate/", views.queue, name="queue"),
    path("moderate/reported/", reported.reported, name="reported"),
    path("moderate/approved/", views.approved, name="approved"),
    path("moderate/rejected/", views.rejected, name="rejected"),
    path("moderate/counts/", views.counts_fragment, name="counts"),
    path("moderate/comments/<int:pk>/decide/", decisions.decide, name="decide"),
    path("moderate/comments/<int:pk>/sanction/", decisions.sanction, name="sanction"),
    path("moderate/bulk/", decisions.bulk, name="bulk"),
    path("moderate/undo/", decisions.undo, name="undo"),
    path("moderate/settings/", decisions.settings_view, name="settings"),
    path("moderate/dashboard/", dashboard.dashboard, name="dashboard"),
    path("moderate/dashboard/<str:chart>.csv", dashboard.chart_csv, name="dashboard_csv"),
]
