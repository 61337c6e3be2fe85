from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "civility.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib import admin

        from civility.accounts.forms import ThrottledAdminAuthenticationForm

        # The admin log-in checks passwords too; without this it would dodge the throttle.
        admin.site.login_form = ThrottledAdminAuthenticationForm
