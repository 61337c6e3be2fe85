"""Text handling shared by the classifier and the moderation pipeline."""
