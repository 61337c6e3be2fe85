"""Admin for webhook endpoints (site admins see their sites' only) and the delivery log."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from civility.core import tasks
from civility.moderation.admin import SiteScopedAdmin
from civility.webhooks import actions
from civility.webhooks.addresses import validate_webhook_url
from civility.webhooks.delivery import retry_now
from civility.webhooks.models import (
    WEBHOOK_EVENTS,
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from civility.webhooks.tasks import deliver

ATTEMPT_FIELDS = (
    "number",
    "started_at",
    "duration_ms",
    "status_code",
    "succeeded",
    "error",
    "response_excerpt",
)
DELIVERY_FIELDS = (
    "endpoint",
    "event",
    "event_id",
    "delivery_id",
    "state",
    "attempt_count",
    "next_attempt_at",
    "delivered_at",
    "last_status_code",
    "created_at",
    "pretty_payload",
)


def _form_field(db_field, **kwargs):  # type: ignore[no-untyped-def]
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Held and rejected comments' text is sent only to endpoints that subscribe "
        "to comment.held, comment.rejected or report.created.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["site", "url", "description", "events", "is_active"]
        formfield_callback = _form_field

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        validate_webhook_url(url)
        return url


def _send_pings(request, endpoints) -> None:  # type: ignore[no-untyped-def]
    for endpoint in endpoints:
        ping = actions.do_send_ping(endpoint)
        # Inline mode has already made the attempt by now (after the commit above).
        ping.refresh_from_db()
        if ping.state == DeliveryState.SUCCEEDED:
            messages.success(
                request, f"Test ping to {endpoint.url} answered {ping.last_status_code}."
            )
        elif ping.state == DeliveryState.FAILED:
            attempt = ping.attempts.last()
            why = (attempt.error or f"status {attempt.status_code}") if attempt else "no answer"
            messages.error(request, f"Test ping to {endpoint.url} failed: {why}.")
        else:
            messages.info(request, f"Test ping to {endpoint.url} queued.")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(SiteScopedAdmin):
    form = WebhookEndpointForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["url", "site", "event_list", "is_active", "deliveries_link"]
    list_filter = ["site", "is_active"]
    search_fields = ["url", "description"]
    readonly_fields = ["secret", "created_at"]
    actions = ["send_ping", "rotate_secret"]

    @admin.display(description="Events")
    def event_list(self, obj: WebhookEndpoint) -> str:
        return ", ".join(obj.events or [])

    @admin.display(description="Deliveries")
    def deliveries_link(self, obj: WebhookEndpoint) -> str:
        url = (
            reverse("admin:webhooks_webhookdelivery_changelist") + f"?endpoint__id__exact={obj.pk}"
        )
        return format_html('<a href="{}">View log</a>', url)

    @admin.action(description="Send a test ping")
    def send_ping(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        _send_pings(request, queryset.select_related("site"))

    @admin.action(description="Rotate the signing secret")
    def rotate_secret(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        for endpoint in queryset:
            actions.do_rotate_secret(endpoint)
        messages.success(request, "New secrets made; update your receivers.")

    def get_urls(self):  # type: ignore[no-untyped-def]
        ping = self.admin_site.admin_view(require_POST(self.ping_view))
        return [
            path("<int:object_id>/ping/", ping, name="webhooks_webhookendpoint_ping"),
            *super().get_urls(),
        ]

    def ping_view(self, request, object_id: int):  # type: ignore[no-untyped-def]
        endpoint = get_object_or_404(
            self.get_queryset(request).select_related("site"), pk=object_id
        )
        if not self.has_change_permission(request, endpoint):
            return HttpResponseRedirect(reverse("admin:index"))
        _send_pings(request, [endpoint])
        return HttpResponseRedirect(
            reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk])
        )


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ATTEMPT_FIELDS
    readonly_fields = ATTEMPT_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        # Whoever may see the delivery (checked by its admin) sees its attempts.
        return True

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only, with "retry now"."""

    list_display = [
        "event",
        "endpoint",
        "state",
        "attempt_count",
        "last_status_code",
        "created_at",
        "next_attempt_at",
    ]
    list_filter = ["state", "event", "endpoint__site"]
    list_select_related = ["endpoint"]
    search_fields = ["event_id", "delivery_id"]
    inlines = [WebhookAttemptInline]
    actions = ["retry"]
    fields = DELIVERY_FIELDS
    readonly_fields = DELIVERY_FIELDS

    @admin.display(description="Payload")
    def pretty_payload(self, obj: WebhookDelivery) -> str:
        try:
            text = json.dumps(json.loads(obj.payload), indent=2, ensure_ascii=False)
        except ValueError:
            text = obj.payload
        return format_html("<pre>{}</pre>", text)

    @admin.action(description="Retry now")
    def retry(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        for row in queryset.exclude(state=DeliveryState.SUCCEEDED):
            retry_now(row)
            tasks.dispatch(deliver, row.pk)
        messages.success(request, "Retried; see each delivery's attempts.")

    def _site_ids(self, request) -> list[int] | None:  # type: ignore[no-untyped-def]
        return SiteScopedAdmin._site_ids(self, request)  # type: ignore[arg-type]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)
        ids = self._site_ids(request)
        return qs if ids is None else qs.filter(endpoint__site_id__in=ids)

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        # Checked first: the admin asks this of anonymous visitors on its login page too.
        if not (request.user.is_active and request.user.is_staff):
            return False
        ids = self._site_ids(request)
        return ids is None or bool(ids)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        if not self.has_module_permission(request):
            return False
        ids = self._site_ids(request)
        return obj is None or ids is None or obj.endpoint.site_id in ids

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        # Needed for the "retry now" action; every field is read-only.
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
