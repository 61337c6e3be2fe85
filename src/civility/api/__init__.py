"""The REST API (`/api/v1/`): django-ninja endpoints over the discussion's access and actions."""
