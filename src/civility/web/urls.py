"""The site's URLs. Each app owns its own urls.py; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

from civility.pages.urls import article_urls, comment_urls

from .api import api

urlpatterns = [
    path("", include(article_urls)),
    path("", include(comment_urls)),
    path("", include("civility.moderators.urls")),  # /moderate/...
    path("accounts/", include("django.contrib.auth.urls")),
    # POST /i18n/setlang/: the moderator's interface language (a cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Perspective's URL layout, for clients built for it (docs/perspective.md).
    path("v1alpha1/", include("civility.perspective.urls")),
]

# A body too large or malformed for Django to read: JSON under /api/ (web/security.py).
handler400 = "civility.web.security.bad_request"
# An unknown address: JSON in the one error shape under /api/, the page elsewhere.
handler404 = "civility.web.security.not_found"
