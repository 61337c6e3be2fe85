"""Who takes part in the demo: the reporter and a dozen regular readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str
    bio: str
    # Which arguments this reader tends to make; keys of phrases.STANCES.
    stance: str


REPORTER = Person(
    "maya.okafor",
    "Maya Okafor",
    "Covers City Hall and the council for the Riverside Gazette.",
    "reporter",
)

READERS = (
    Person("dwhitaker", "Dolores Whitaker", "Retired librarian. Eastside since 1979.", "library"),
    Person("samokonjo", "Sam Okonjo", "Bikes to work across Mill Street every day.", "cyclist"),
    Person("priya_r", "Priya Raman", "Structural engineer. Opinions my own.", "engineer"),
    Person("tombell", "Tom Bell", "Runs the Bell & Kettle café on Mill Street.", "business"),
    Person("gretal", "Greta Lindqvist", "Parent of two story-time regulars.", "parent"),
    Person("mhale", "Marcus Hale", "Treasurer, Riverside Taxpayers' Association.", "fiscal"),
    Person("ines.c", "Ines Carvalho", "Teaches fifth grade at Harbor Elementary.", "library"),
    Person("wpruitt", "Walter Pruitt", "Lived by the river through the '87 flood.", "oldtimer"),
    Person("jenaoki", "Jen Aoki", "Student at Riverside College, no car.", "cyclist"),
    Person("rortiz", "Rafael Ortiz", "Drives the 14 bus. The detour is my commute too.", "transit"),
    Person("hcole", "Hannah Cole", "Former council aide. I read the agenda packets.", "process"),
    Person("dbyrne", "Declan Byrne", "Small contractor. I have bid on city work.", "sceptic"),
)

DEMO_LOGIN = Person("demo", "Demo Reader", "The account anyone can use to try Civility.", "visitor")
DEMO_PASSWORD = "demo-password-123"  # noqa: S105 - printed on purpose: a public demo login.
