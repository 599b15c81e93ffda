from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cso.accounts"
    label = "accounts"
