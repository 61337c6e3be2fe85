import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from civility.core.migration_ops import AddIndexSafely, drop_column_indexes_safely


class Migration(migrations.Migration):
    # PostgreSQL cannot build or drop an index concurrently inside a transaction.
    atomic = False

    dependencies = [
        ("discussion", "0004_comment_story_status"),
        ("stories", "0003_site_account_deletion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexSafely(
            model_name="comment",
            index=models.Index(fields=["author", "created_at"], name="comment_author_created"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="author",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="story",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="stories.story",
                    ),
                ),
            ],
            # The indexes Django made for the two keys; composite indexes lead with both.
            database_operations=[
                drop_column_indexes_safely(
                    "discussion_comment",
                    {
                        "discussion_comment_author_id_e6fa51d3": "author_id",
                        "discussion_comment_story_id_f4c8a496": "story_id",
                    },
                )
            ],
        ),
    ]
