from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "cso.dispatch"
    label = "dispatch"
