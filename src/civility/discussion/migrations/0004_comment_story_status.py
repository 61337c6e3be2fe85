from django.db import migrations, models

from civility.core.migration_ops import AddIndexSafely


class Migration(migrations.Migration):
    # PostgreSQL cannot build an index concurrently inside a transaction.
    atomic = False

    dependencies = [
        ("discussion", "0003_comment_featured_at"),
    ]

    operations = [
        AddIndexSafely(
            model_name="comment",
            index=models.Index(fields=["story", "status", "path"], name="comment_story_status"),
        ),
    ]
