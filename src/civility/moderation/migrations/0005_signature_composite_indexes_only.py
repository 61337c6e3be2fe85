import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from civility.core.migration_ops import drop_column_indexes_safely


class Migration(migrations.Migration):
    # PostgreSQL cannot drop an index concurrently inside a transaction.
    atomic = False

    dependencies = [
        ("moderation", "0004_import_moderation_unpublishes"),
        ("stories", "0003_site_account_deletion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="commentsignature",
                    name="author",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="commentsignature",
                    name="site",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="stories.site",
                    ),
                ),
            ],
            # modsig_author_hash and modsig_site_recent lead with these columns.
            database_operations=[
                drop_column_indexes_safely(
                    "moderation_commentsignature",
                    {
                        "moderation_commentsignature_author_id_a162d239": "author_id",
                        "moderation_commentsignature_site_id_d3971bd6": "site_id",
                    },
                )
            ],
        ),
    ]
