"""The SSO secret is generated on request, shown once, and never again on any admin page."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from civility.embed.models import EmbedSettings


def test_the_admin_action_makes_a_new_secret_and_shows_it_once(client, embed_site, make_user):
    admin = make_user("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    row = EmbedSettings.objects.get(site=embed_site)
    old = row.sso_secret

    response = client.post(
        reverse("admin:embed_embedsettings_changelist"),
        {"action": "rotate_sso_secret", "_selected_action": [row.pk]},
        follow=True,
    )

    row.refresh_from_db()
    assert row.sso_secret != old
    assert len(row.sso_secret) >= 48
    assert row.sso_secret in response.content.decode()
    change = client.get(reverse("admin:embed_embedsettings_change", args=[row.pk]))
    assert row.sso_secret not in change.content.decode()
    assert "On (secret set)" in change.content.decode()


def test_the_admin_refuses_an_origin_with_a_path(client, embed_site, make_user):
    admin = make_user("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    row = EmbedSettings.objects.get(site=embed_site)

    response = client.post(
        reverse("admin:embed_embedsettings_change", args=[row.pk]),
        {
            "site": embed_site.pk,
            "allowed_origins": '["https://news.example.org/news/"]',
            "theme_default": "auto",
        },
    )

    assert response.status_code == 200
    assert "is not an origin" in response.content.decode()
    row.refresh_from_db()
    assert row.allowed_origins == ["https://news.example.org"]


def test_the_command_prints_a_new_secret(site, capsys):
    call_command("embed_sso_secret", site.slug)

    printed = capsys.readouterr().out.strip()
    assert EmbedSettings.objects.get(site=site).sso_secret == printed
