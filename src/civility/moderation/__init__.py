"""Moderation: the pre-publication pipeline, per-site settings, roles and the audit trail.

- `gate.review(Candidate) -> Verdict`: the one entry point (discussion.actions calls it).
- `pipeline.py`: runs the phases in `phases/` (a registry: one module and one line each) and
  applies the policy; `context.py` answers the phases' questions from the database or memory.
- `models.py`: ModerationSettings (one per site, defaults when absent), WordRule, SiteRole,
  ModerationEvent (the audit trail), CommentSignature (fingerprints for repeats and copies).
- `actions.py`: do_record_decision (automatic), do_approve / do_reject (moderators).
- `roles.py`: can_moderate / can_administer / moderated_site_ids.
- `batch.py` + `management/commands/moderate.py`: `civility moderate` over JSON Lines.
- `lexicon.py` + `data/coded_hate.json`: the coded-hate lexicon; `scoring.py`: the ML scorer.
"""
