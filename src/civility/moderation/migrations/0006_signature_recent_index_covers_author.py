from django.db import migrations, models

from civility.core.migration_ops import AddIndexSafely, RemoveIndexSafely


class Migration(migrations.Migration):
    # PostgreSQL cannot build or drop an index concurrently inside a transaction.
    atomic = False

    dependencies = [
        ("moderation", "0005_signature_composite_indexes_only"),
    ]

    operations = [
        AddIndexSafely(
            model_name="commentsignature",
            index=models.Index(
                fields=["site", "created_at", "author"], name="modsig_site_recent_by"
            ),
        ),
        RemoveIndexSafely(model_name="commentsignature", name="modsig_site_recent"),
    ]
