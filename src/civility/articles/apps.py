from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "civility.articles"
    label = "articles"
    verbose_name = "Articles"
