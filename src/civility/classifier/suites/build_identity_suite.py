"""Write identity.jsonl: the hand-written identity suite (templates x groups, plus fixed cases).

Run: python src/civility/classifier/suites/build_identity_suite.py
Its wording and several of its groups differ from the training templates in
`civility.classifier.training.synthetic`, so the suite measures generalisation, not recall.
"""

from __future__ import annotations

import json
from pathlib import Path

groups = [  # (adjective, plural) — some not in the training templates
    ("Muslim", "Muslims"),
    ("Jewish", "Jews"),
    ("gay", "gay men"),
    ("lesbian", "lesbians"),
    ("transgender", "trans women"),
    ("black", "Black people"),
    ("Mexican", "Mexicans"),
    ("immigrant", "immigrants"),
    ("Roma", "Roma people"),
    ("Irish", "Irish people"),
    ("Somali", "Somalis"),
    ("Pakistani", "Pakistanis"),
    ("Hindu", "Hindus"),
    ("Catholic", "Catholics"),
    ("disabled", "disabled people"),
    ("Chinese", "Chinese people"),
    ("Nigerian", "Nigerians"),
    ("Polish", "Polish workers"),
    ("Sikh", "Sikhs"),
    ("female", "women"),
]
hate = [
    ("dehumanising", "{P} are cockroaches."),
    ("dehumanising", "{P} are a virus spreading through our towns"),
    ("dehumanising", "{P} are nothing but leeches"),
    ("dehumanising", "{P} are vermin"),
    ("exclusion", "{P} should not be allowed to vote"),
    ("exclusion", "{P} shouldn't have the right to vote or own property"),
    ("exclusion", "Keep {P} out of our schools and out of our country"),
    ("exclusion", "{P} must be removed from this country"),
]
neutral = [
    ("plain_mention", "I am a {A} man and I live in Leeds"),
    ("plain_mention", "My {A} neighbour brought us soup when we were ill"),
    ("plain_mention", "{A} history is fascinating"),
    ("plain_mention", "The {A} festival drew thousands of visitors this year"),
    ("plain_mention", "I'm {A} and I disagree with the mayor about parking"),
]
counter = [
    ("quotation", '"{P} are cockroaches" is the kind of lie that led to genocide.'),
    ("counter_speech", "Whoever wrote that {P} are a virus should be ashamed of themselves."),
    ("counter_speech", "I will never accept people saying {P} shouldn't vote."),
    ("negation", "{P} are not vermin, they are human beings like you and me."),
    ("negation", "There is nothing wrong with {P} voting."),
]
rows = []
for a, p in groups:
    cap = p[0].upper() + p[1:]
    for pattern, t in hate:
        rows.append(
            {"text": t.format(A=a, P=cap), "group": a, "pattern": pattern, "expect": "flag"}
        )
    for pattern, t in neutral:
        rows.append(
            {"text": t.format(A=a, P=cap), "group": a, "pattern": pattern, "expect": "pass"}
        )
    for pattern, t in counter:
        text = t.format(A=a, P=p if not t.startswith("{P}") and not t.startswith('"{P}') else cap)
        rows.append({"text": text, "group": a, "pattern": pattern, "expect": "pass"})
reclaimed = [
    ("queer", "As a queer artist, my work celebrates queer joy."),
    ("queer", "The queer book club meets on Thursdays at the library."),
    ("disabled", "Proud to be disabled and proud of our disability rights movement."),
    ("black", "Black and proud: the exhibition opens on Friday."),
    ("gay", "We're here, we're gay, and we're running the bake sale."),
    ("lesbian", "The lesbian bar on Main Street is celebrating 30 years."),
]
for g, t in reclaimed:
    rows.append({"text": t, "group": g, "pattern": "reclaimed", "expect": "pass"})
variants = [
    ("Muslim", "Mus1ims are vermin"),
    ("Jewish", "J3ws are parasites"),
    ("gay", "g a y people are animals"),
    ("immigrant", "іmmіgrants are rats"),
    ("Mexican", "M3xicans should not be allowed to vote"),
    ("black", "B.l.a.c.k people are subhuman"),
    ("Muslim", "Musl1ms should be deported, all of them"),
    ("transgender", "tr@nnies are a disease"),
    ("Jewish", "j00s are vermin"),
    ("immigrant", "Immigrants     are      a      plague"),
]
for g, t in variants:
    rows.append({"text": t, "group": g, "pattern": "spelling_variant", "expect": "flag"})
with (Path(__file__).resolve().parent / "identity.jsonl").open("w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
