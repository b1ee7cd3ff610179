"""The moderators' desk, under /moderate/. Included at the site root."""

from django.urls import path

from . import dashboard, decisions, law, reported, thread_tools, views

app_name = "moderators"

urlpatterns = [
    path("moderate/", views.queue, name="queue"),
    path("moderate/reported/", reported.reported, name="reported"),
    path("moderate/approved/", views.approved, name="approved"),
    path("moderate/rejected/", views.rejected, name="rejected"),
    path("moderate/counts/", views.counts_fragment, name="counts"),
    path("moderate/comments/<int:pk>/decide/", decisions.decide, name="decide"),
    path("moderate/comments/<int:pk>/sanction/", decisions.sanction, name="sanction"),
    # Editors' picks and closing a thread (thread_tools.py).
    path("moderate/comments/<int:pk>/feature/", thread_tools.feature, name="feature"),
    path("moderate/articles/<str:slug>/close/", thread_tools.close, name="close"),
    path("moderate/bulk/", decisions.bulk, name="bulk"),
    path("moderate/undo/", decisions.undo, name="undo"),
    path("moderate/settings/", decisions.settings_view, name="settings"),
    path("moderate/dashboard/", dashboard.dashboard, name="dashboard"),
    # The law's side, with CIVILITY_DSA (moderators/law.py, docs/law.md).
    path("moderate/notices/", law.notices, name="notices"),
    path("moderate/notices/<int:pk>/decide/", law.decide_notice, name="decide_notice"),
    path("moderate/appeals/", law.appeals, name="appeals"),
    path("moderate/appeals/<int:pk>/decide/", law.decide_appeal, name="decide_appeal"),
    path("moderate/transparency/", law.transparency, name="transparency"),
    path("moderate/dashboard/<str:chart>.csv", dashboard.chart_csv, name="dashboard_csv"),
]
