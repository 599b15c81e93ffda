from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "cso.calls"
    label = "calls"
