"""Hand-written synthetic training examples that teach identity-based hate versus identity mentions.

Written for Civility (not taken from any dataset), and public domain like the rest of the model's
training recipe. The labelled datasets teach that identity words co-occur with abuse, so a model
trained on them alone flags "I am a gay man". These templates show the same identity words in plain
mentions, in negated and quoted hate that rejects it (counter-speech), and in dehumanising or
exclusionary statements without profanity. The evaluation suite in `suites/identity.jsonl` uses
other wording and partly other groups, so its pass rate is not a training score.
"""

from __future__ import annotations

from civility.classifier.labels import LABELS

# (adjective, plural noun)
GROUPS: tuple[tuple[str, str], ...] = (
    ("gay", "gay people"),
    ("lesbian", "lesbians"),
    ("bisexual", "bisexual people"),
    ("transgender", "transgender people"),
    ("trans", "trans people"),
    ("queer", "queer people"),
    ("homosexual", "homosexuals"),
    ("Jewish", "Jews"),
    ("Muslim", "Muslims"),
    ("Christian", "Christians"),
    ("Catholic", "Catholics"),
    ("Protestant", "Protestants"),
    ("Sikh", "Sikhs"),
    ("Hindu", "Hindus"),
    ("Buddhist", "Buddhists"),
    ("atheist", "atheists"),
    ("Mormon", "Mormons"),
    ("black", "black people"),
    ("white", "white people"),
    ("Asian", "Asians"),
    ("Mexican", "Mexicans"),
    ("Arab", "Arabs"),
    ("African", "Africans"),
    ("Chinese", "Chinese people"),
    ("Latino", "Latinos"),
    ("immigrant", "immigrants"),
    ("refugee", "refugees"),
    ("disabled", "disabled people"),
    ("female", "women"),
    ("deaf", "deaf people"),
)

DEHUMANISING = (
    "vermin",
    "animals",
    "parasites",
    "a disease",
    "subhuman",
    "rats",
    "a plague on this country",
    "less than human",
    "inferior",
    "all criminals",
    "a cancer on society",
    "filth",
    "insects",
    "lice",
    "maggots",
    "locusts",
    "an infestation",
    "swine",
    "scum",
    "savages",
    "a blight on this country",
    "mongrels",
    "beasts",
    "a contagion",
    "pests",
    "invaders",
    "garbage",
)

HATE_TEMPLATES = (
    "{P} are just {X}",
    "{P} breed like {X}",
    "{P} are {X}, every last one of them",
    "Let's be honest, {P} are {X}",
    "{P} are no better than {X}",
    "{P} should be thrown out of the country",
    "{P} have no right to live here",
    "Ban {P} from voting",
    "{P} are {X}",
    "{P} are {X}.",
    "All {P} are {X}",
    "Honestly, {P} are {X} and everyone knows it",
    "{P} should not be allowed to vote",
    "{P} should not be allowed to vote or hold office",
    "{P} do not belong in this country",
    "Deport all the {P}",
    "Get rid of the {P} before they take over",
    "I hate {P}",
    "I can't stand {P}, they ruin every neighbourhood",
    "{P} should go back where they came from",
    "Never trust a {A} person",
    "{P} should be kept away from our children",
    "We need to clean our town of {P}",
    "{P} should be locked up, all of them",
    "No {A} person deserves to be treated as an equal",
    "The world would be better without {P}",
)

NEUTRAL_TEMPLATES = (
    "I am a {A} man",
    "I am a {A} woman",
    "As a {A} person, I think the council got this right",
    "My {A} neighbour helped us move house",
    "{A} history is taught at the local school",
    "The museum has a new exhibition on {A} history",
    "Our {A} colleagues organised the charity run",
    "{P} have lived in this city for generations",
    "I met many {P} at the town hall meeting",
    "{P} deserve the same rights as everyone else",
    "{P} should be allowed to vote like every other citizen",
    "The article interviews three {A} students about rent prices",
    "My best friend is {A} and we go hiking every summer",
    "The {A} community centre is hosting a food drive",
    "Is the {A} vote going to decide the election?",
)

COUNTER_TEMPLATES = (
    "It is a lie that {P} are {X}",
    "Shame on whoever posted that {P} are {X}",
    "Those who say {P} are {X} should be ashamed",
    "Quoting it so everyone sees how vile it is: '{P} are {X}'",
    "The idea that {P} are {X} is how every persecution started",
    "There is nothing wrong with {P}",
    "{P} are human beings and deserve respect",
    "I can't believe someone here wrote '{P} should not vote'. Disgraceful",
    "Claiming {P} should not be allowed to vote is racist nonsense",
    "My grandmother was told {P} are {X}. She never believed it, and neither do I",
    "Never accept anyone telling you that {P} are {X}",
    "Hate like '{P} do not belong here' has no place in this paper's comments",
    "Saying that {P} are {X} is hateful and wrong",
    "It is not true that {P} are {X}",
    "{P} are not {X}",
    "No, {P} are not {X}. They are our neighbours",
    "Someone above wrote that {P} are {X}. That is disgusting and I reported it",
    "I reject the idea that {P} should not be allowed to vote",
    "Nobody should say {P} are {X}, ever",
    "People who claim {P} are {X} are spreading hate",
    "Calling {P} {X} is dehumanising and has no place here",
    "The commenter says {P} do not belong here. That is bigotry, plain and simple",
)


THREAT_TEMPLATES = (
    "I will kill you",
    "I know where you live and I am coming for you",
    "Someone should shoot {T}",
    "{T} deserves a bullet",
    "I'm going to beat you until you can't stand",
    "Keep talking and you'll end up in a ditch",
    "{T} should be hanged for this",
    "Watch your back, {T}, we will find you",
    "I hope someone burns down {T}'s house",
    "You will pay for this with your life",
    "I'll break your neck if I see you",
    "Somebody needs to put {T} in the ground",
)
THREAT_TARGETS = ("him", "her", "the mayor", "that reporter", "the judge", "the senator")
NOT_THREAT_TEMPLATES = (
    "The storm threatens the harvest this year",
    "{T} said the plan would kill the bill in committee",
    "The shooting at the range was part of a training exercise",
    "We will find out the results next week, said {T}",
    "I would kill for a good cup of coffee right now",
    "The play ends with the hero hanged, which the critic found too bleak",
)


SWEARS = (
    "fuck",
    "fucking",
    "shit",
    "bullshit",
    "damn",
    "goddamn",
    "bitch",
    "asshole",
    "crap",
    "piss",
    "bastard",
    "dick",
    "cunt",
    "motherfucker",
    "wtf",
    "fucked",
    "shitty",
    "pissed",
)
SWEAR_TEMPLATES = (
    "{S}",
    "oh {S}, the bus is late again",
    "what the {S} is this article about",
    "this is {S} and everyone knows it",
    "holy {S}, that is great news",
    "the council really {S} this one up",
)


def _labels(hateful: bool) -> dict[str, int]:
    if hateful:
        return {"toxicity": 1, "insult": -1, "profanity": 0, "identity_attack": 1, "threat": -1}
    return dict.fromkeys(LABELS, 0)


def examples() -> list[tuple[str, dict[str, int], float]]:
    """Return (text, labels, weight) triples; -1 marks a label the example does not teach.

    Within each group, hateful and non-hateful examples carry equal total weight, so the group's
    name is no evidence either way; the dehumanising words appear mostly in hate, so they are.
    """
    out: list[tuple[str, dict[str, int], float]] = []
    for a, p in GROUPS:
        cap = p[0].upper() + p[1:]
        hate = [
            t.format(A=a, P=cap, X=DEHUMANISING[(i + len(p)) % len(DEHUMANISING)])
            for i, t in enumerate(HATE_TEMPLATES)
        ]
        hate += [f"{cap} are {x}" for x in DEHUMANISING]
        calm = [t.format(A=a, P=cap) for t in NEUTRAL_TEMPLATES]
        calm += [
            t.format(A=a, P=p, X=DEHUMANISING[(i * 5 + len(a)) % len(DEHUMANISING)])
            for i, t in enumerate(COUNTER_TEMPLATES)
        ]
        out.extend((text, _labels(True), 1.0) for text in hate)
        out.extend((text, _labels(False), len(hate) / len(calm)) for text in calm)
    swearing = {"toxicity": -1, "insult": -1, "profanity": 1, "identity_attack": -1, "threat": -1}
    out.extend((t.format(S=w), swearing, 1.0) for w in SWEARS for t in SWEAR_TEMPLATES)
    threat = {"toxicity": 1, "insult": -1, "profanity": 0, "identity_attack": 0, "threat": 1}
    for target in THREAT_TARGETS:
        out.extend((t.format(T=target), threat, 1.0) for t in THREAT_TEMPLATES)
        out.extend(
            (t.format(T=target), dict.fromkeys(LABELS, 0), 1.0) for t in NOT_THREAT_TEMPLATES
        )
    return out
