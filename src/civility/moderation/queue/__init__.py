"""The moderators' queue at /moderate/: tabs, filters and search (`selectors.py`), the cards
(`cards.py`, `highlight.py`), the forms and the views; the changes it makes live in
`moderation/queue_actions.py` and `sanctions/actions.py`."""
