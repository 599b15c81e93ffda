from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "cso.units"
    label = "units"
