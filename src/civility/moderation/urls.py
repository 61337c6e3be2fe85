from django.urls import path

from civility.moderation.queue import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.csv", views.export_csv, name="export"),
    path("bulk/", views.bulk, name="bulk"),
    path("comments/<int:comment_id>/approve/", views.approve, name="approve"),
    path("comments/<int:comment_id>/reject/", views.reject, name="reject"),
    path("comments/<int:comment_id>/feature/", views.feature, name="feature"),
    path("comments/<int:comment_id>/sanction/", views.sanction, name="sanction"),
    path("sanctions/<int:sanction_id>/revoke/", views.revoke_sanction, name="revoke_sanction"),
]
