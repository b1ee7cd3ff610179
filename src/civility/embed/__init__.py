"""The embeddable widget: one script tag on a publisher's page.

``static/civility/embed.js`` renders the thread and the comment form inside
a shadow root on the host page and talks to the JSON routes in ``api.py``
(``/api/embed/...``). Which pages may use it is configured per site
(``models.EmbedSite``, edited in the admin); ``cors.py`` answers the
browser's cross-origin checks for those sites only. docs/embedding.md.
"""
