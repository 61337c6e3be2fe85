"""The demo publication loaded by `civility demo`: a local paper, its stories and a busy thread.

Everything here is generated from fixed text and a seeded random generator, so two loads give the
same people, stories and conversation (only the timestamps follow the clock).
"""
