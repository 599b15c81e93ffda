from django.apps import AppConfig


class AnalysesConfig(AppConfig):
    name = "cso.analyses"
    label = "analyses"
