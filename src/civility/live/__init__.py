"""Live updates on the story page: "N new comments" without reloading, inserted on a click."""
