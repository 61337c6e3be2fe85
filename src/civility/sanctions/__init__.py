"""Sanctions on readers: warn, suspend, ban, always hold; each row is also its own audit record.

- `models.py`: UserSanction (site empty = every site).
- `actions.py`: do_warn / do_suspend / do_ban / do_always_hold / do_revoke (moderators only).
- `enforcement.py`: check_can_post (banned and suspended readers cannot post) and
  is_always_held (the `sanctions` moderation phase holds their new comments).
"""
