from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cso.audit"
    label = "audit"
