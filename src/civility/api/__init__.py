"""The JSON API (django-ninja): one router module per resource."""
