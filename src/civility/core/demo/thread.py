"""Plan a demo conversation: who replies to whom, what they say and when, from a fixed seed."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from civility.core.demo import phrases
from civility.core.demo.people import READERS, REPORTER, Person


@dataclass
class PlannedComment:
    key: int
    parent: int | None
    author: Person
    text: str
    # Minutes after the story was published.
    minute: float
    depth: int = 0
    replies: int = 0
    kind: str = "argument"
    edit_to: str = ""
    children: list[int] = field(default_factory=list)


def first_name(person: Person) -> str:
    return person.display_name.split()[0]


class Writer:
    """Draws sentences so that no two comments read alike."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: Counter[str] = Counter()
        self.pairs: set[frozenset[str]] = set()
        self.once: set[str] = set()
        # Every comment written so far: nobody says exactly the same thing twice.
        self.said: set[str] = set()

    def least_used(self, pool: tuple[str, ...] | list[str]) -> str:
        low = min(self.used[s] for s in pool)
        choice = self.rng.choice([s for s in pool if self.used[s] == low])
        self.used[choice] += 1
        return choice

    def take_once(self, pool: tuple[str, ...]) -> str | None:
        fresh = [s for s in pool if s not in self.once]
        if not fresh:
            return None
        choice = self.rng.choice(fresh)
        self.once.add(choice)
        return choice

    def pair(self, stance: str, avoid: str = "") -> str:
        """Two sentences of the stance, a combination not used before and none found in avoid."""
        pool = [s for s in (*phrases.SUPPORTS[stance], *phrases.CLAIMS[stance]) if s not in avoid]
        for _ in range(20):
            first = self.least_used(pool)
            second = self.least_used([s for s in pool if s != first])
            if frozenset((first, second)) not in self.pairs:
                break
        self.pairs.add(frozenset((first, second)))
        return f"{first} {second}"

    def maybe_closer(self, chance: float) -> str:
        return f" {self.least_used(phrases.CLOSERS)}" if self.rng.random() < chance else ""


def _top_level(writer: Writer, author: Person) -> tuple[str, str]:
    rng = writer.rng
    roll = rng.random()
    if roll < 0.16:
        question = writer.take_once(phrases.QUESTIONS)
        if question:
            return f"{question} {writer.least_used(phrases.SUPPORTS[author.stance])}", "question"
    if roll < 0.3:
        quote = writer.take_once(phrases.QUOTES)
        if quote:
            reaction = writer.least_used(phrases.QUOTE_REACTIONS)
            return f"> {quote}\n\n{reaction} {writer.pair(author.stance)}", "argument"
    claim = writer.take_once(phrases.CLAIMS[author.stance]) or writer.least_used(
        phrases.CLAIMS[author.stance]
    )
    support = writer.least_used(phrases.SUPPORTS[author.stance])
    text = f"{claim} {support}{writer.maybe_closer(0.3)}"
    if rng.random() < 0.25:
        # A second paragraph now and then, with emphasis, as people write.
        text += f"\n\n*{writer.least_used(phrases.SUPPORTS[author.stance])}*"
    return text, "argument"


def _reply(writer: Writer, author: Person, parent: PlannedComment) -> tuple[str, str]:
    rng = writer.rng
    name = first_name(parent.author)
    if author is REPORTER:
        template = writer.least_used(phrases.REPORTER_REPLIES)
        support = writer.least_used(phrases.SUPPORTS["reporter"])
        return template.format(name=name, support=support), "reporter"
    if parent.kind == "question" and rng.random() < 0.7:
        answer = writer.take_once(phrases.ANSWERS)
        if answer:
            return writer.least_used(phrases.ANSWER_FORMS).format(
                name=name, answer=answer
            ), "answer"
    if rng.random() < 0.15:
        return writer.least_used(phrases.SHORT_REPLIES), "short"
    agree = parent.author.stance == author.stance or rng.random() < 0.35
    opener = writer.least_used(phrases.AGREE_OPENERS if agree else phrases.DISAGREE_OPENERS)
    # Answering with the very sentence being answered reads like a bot.
    body = writer.pair(author.stance, avoid=parent.text)
    if opener.endswith("but"):
        body = body[0].lower() + body[1:]
    return f"{opener.format(name=name)} {body}{writer.maybe_closer(0.15)}", "argument"


def plan_thread(
    *,
    seed: int,
    total: int,
    top_level: int,
    span_minutes: float,
    max_depth: int = 9,
    readers: tuple[Person, ...] = READERS,
    reporter_replies: int = 3,
    edits: int = 3,
    writer: Writer | None = None,
) -> list[PlannedComment]:
    """Return total comments in posting order (every parent before its replies).

    Pass one writer to plan several threads that share a vocabulary without repeating it.
    """
    rng = random.Random(seed)
    writer = writer or Writer(random.Random(seed))
    # Readers with more to say (a larger pool of sentences) talk more.
    weights = [len(phrases.SUPPORTS[r.stance]) + len(phrases.CLAIMS[r.stance]) for r in readers]
    plan: list[PlannedComment] = []
    said = writer.said
    latest = span_minutes - 5

    def add(parent: PlannedComment | None, author: Person, minute: float) -> PlannedComment:
        for _ in range(10):
            # Nobody says exactly the same thing twice (moderation would call it a repeat).
            if parent is None:
                text, kind = _top_level(writer, author)
            else:
                text, kind = _reply(writer, author, parent)
            if text not in said:
                break
        said.add(text)
        if parent is None:
            depth = 0
        else:
            depth = parent.depth + 1
            parent.replies += 1
            minute = max(minute, parent.minute + 1)
        comment = PlannedComment(
            key=len(plan),
            parent=None if parent is None else parent.key,
            author=author,
            text=text,
            minute=minute,
            depth=depth,
            kind=kind,
        )
        if parent is not None:
            parent.children.append(comment.key)
        plan.append(comment)
        return comment

    # Most top-level comments come in the first day, as they do after a story is published.
    for _ in range(top_level):
        minute = min(rng.expovariate(1 / (span_minutes / 5)) + 3, latest)
        add(None, rng.choices(readers, weights)[0], minute)

    while len(plan) < total:
        if rng.random() < 0.3:
            # Keep an argument going: the parent's author answers back, so threads get deep.
            candidates = [
                c
                for c in plan
                if c.depth >= 1
                and c.depth < max_depth
                and c.replies == 0
                and plan[c.parent].author is not c.author  # type: ignore[index]
            ]
            if candidates:
                parent = rng.choice(candidates)
                author = plan[parent.parent].author  # type: ignore[index]
                add(parent, author, parent.minute + rng.expovariate(1 / 40) + 2)
                continue
        open_parents = [c for c in plan if c.depth < max_depth]
        parent = rng.choices(
            open_parents, [(1 + c.replies) / (1 + c.depth) ** 1.3 for c in open_parents]
        )[0]
        author = rng.choices(readers, weights)[0]
        while author is parent.author:
            author = rng.choices(readers, weights)[0]
        add(parent, author, parent.minute + rng.expovariate(1 / 120) + 2)

    questions = [c for c in plan if c.kind == "question"][:reporter_replies]
    for question in questions:
        add(question, REPORTER, question.minute + rng.uniform(30, 240))

    for comment in rng.sample([c for c in plan if c.kind == "argument"], edits):
        comment.edit_to = comment.text + "\n\n*Edit: fixed a typo.*"

    # Squeeze late replies into the story's lifetime; scaling keeps every reply after its parent.
    last = max(c.minute for c in plan)
    if last > latest:
        for comment in plan:
            comment.minute *= latest / last
    return sorted(plan, key=lambda c: (c.minute, c.depth, c.key))
