from django.urls import path

from civility.discussion.views import comments, feedback, story
from civility.stories import converters as _converters  # noqa: F401  (registers site_slug)

app_name = "discussion"
urlpatterns = [
    path("comments/<int:comment_id>/", comments.permalink, name="comment"),
    path("comments/<int:comment_id>/reply/", comments.reply, name="reply"),
    path("comments/<int:comment_id>/edit/", comments.edit, name="edit"),
    path("comments/<int:comment_id>/delete/", comments.delete, name="delete"),
    path("comments/<int:comment_id>/react/", feedback.react, name="react"),
    path("comments/<int:comment_id>/report/", feedback.report, name="report"),
    path("<site_slug:site_slug>/<slug:story_slug>/", story.story_page, name="story"),
    path("<site_slug:site_slug>/<slug:story_slug>/comment/", story.post_comment, name="post"),
    path(
        "<site_slug:site_slug>/<slug:story_slug>/viewing-options/",
        story.save_viewing_options,
        name="viewing_options",
    ),
]
