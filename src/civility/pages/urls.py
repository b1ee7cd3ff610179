"""Reader pages, mounted at the site root by web/urls.py.

The URL names keep the namespaces templates and links have always used:
``articles:home``, ``articles:detail``, ``articles:tag``, ``comments:post``
and ``comments:guidelines``.
"""

from django.urls import path

from civility.guidelines import page as guidelines_page

from . import articles, comment_form, law, thread_actions

article_urls = (
    [
        path("", articles.home, name="home"),
        path("articles/<str:slug>/", articles.article_detail, name="detail"),
        path("tags/<str:slug>/", articles.tag_detail, name="tag"),
    ],
    "articles",
)
comment_urls = (
    [
        path("articles/<str:slug>/comments/", comment_form.post, name="post"),
        # A reader's reaction to, or report of, a published comment (pages/thread_actions.py).
        path("comments/<int:pk>/react/", thread_actions.react, name="react"),
        path("comments/<int:pk>/report/", thread_actions.report, name="report"),
        path("guidelines/", guidelines_page.guidelines, name="guidelines"),
        # The law's side, with CIVILITY_DSA (pages/law.py, docs/law.md).
        path("comments/statement/<str:token>/", law.statement, name="statement"),
        path("comments/<int:pk>/notice/", law.notice, name="notice"),
        path("notices/confirm/<str:token>/", law.notice_confirm, name="notice_confirm"),
        # The link in the first e-mail of a reader who asked to be told the decision.
        path("notify/confirm/<str:token>/", comment_form.notify_confirm, name="notify_confirm"),
    ],
    "comments",
)
