"""The words of the demo thread: what each kind of reader says about the bridge and the library.

Comments are put together from these pieces by `thread.py`; with a dozen readers and a few
hundred comments the mix keeps any two comments from reading alike.
"""

from __future__ import annotations

# Opening claims for a top-level comment, by stance.
CLAIMS: dict[str, tuple[str, ...]] = {
    "library": (
        "Cutting library hours to pay for a bridge is a false choice, and the council knows it.",
        "The Harbor branch on a Monday afternoon is the only quiet, warm place some of these kids have.",
        "Nobody asked the people who actually use the Eastside branch what Mondays mean to them.",
        "I worked the Monday desk for years. It is the busiest day of the week, not the quietest.",
        "A library that closes at 6 p.m. is a library for people who don't work until 5.",
        "If the library is always the first thing cut, it will never be anything but the first thing cut.",
    ),
    "cyclist": (
        "Two protected bike lanes on the new deck is the best news this city has had in years.",
        "The footbridge cannot be an afterthought 'if bids come in under budget'.",
        "Without a temporary crossing, the Canal Street detour is 3 km with no bike lane at all.",
        "I cross this bridge twice a day on a bike and the deck joints are genuinely frightening.",
        "Twenty-two months is a long time to tell people without cars to just go around.",
    ),
    "engineer": (
        "A 'poor' rating two inspections in a row is not a formality; it is the last warning you get.",
        "The $5 million patch option was never really cheaper, once you count what it buys.",
        "For what it's worth, $14.2m for a full deck and pier replacement of that span is not unusual.",
        "People keep asking why the bridge can't be repaired. The piers are the problem, not the deck.",
        "The 10-tonne load limit already means fire engines from Station 3 take the long way round.",
    ),
    "business": (
        "Twenty-two months of closure will finish off at least two shops on Mill Street. Maybe mine.",
        "Half my morning trade walks over that bridge. Nobody from the city has asked me a single question.",
        "If the city wants Mill Street to survive the closure, it needs signs, parking and a footbridge on day one.",
        "I support the rebuild. I just want someone to explain how the street gets through the construction.",
        "The parking fee increase downtown lands on exactly the businesses already losing the bridge traffic.",
    ),
    "parent": (
        "Story time at Eastside is on Monday mornings. Where are those families supposed to go now?",
        "My kids learned to read at the Harbor branch. Trading their Mondays for concrete feels wrong.",
        "School drop-off over the Canal Street bridge is already gridlock at 8 a.m.",
        "I want a safe bridge and an open library. Is that really too much to ask of a city this size?",
        "The after-school crowd at Harbor will just end up on the street on Mondays.",
    ),
    "fiscal": (
        "Borrowing $4.3 million over 20 years for a bridge that should have been maintained is the real scandal.",
        "At least this council put the cost on the table instead of hiding it in a bond nobody reads.",
        "The capital reserve exists for exactly this. I'd rather spend it than raise taxes.",
        "$310,000 a year for 20 years is more than $6 million in repayments. Say that number out loud.",
        "Every year this was put off, the price went up. That is what deferred maintenance costs.",
    ),
    "oldtimer": (
        "I remember when this bridge opened. It was supposed to last a hundred years.",
        "In the '87 flood the water came within a foot of the deck. That bridge has been through a lot.",
        "We have had this same argument about that bridge at least three times since the seventies.",
        "My father helped pour those piers. It's time, but it's still sad to see it go.",
        "The old ferry landing is still there. Somebody should look at a shuttle boat during the closure.",
    ),
    "transit": (
        "The 14 bus will add 12 minutes each way on the detour, and that's the city's own optimistic number.",
        "Nobody has said whether the buses get priority on the Canal Street bridge during the closure.",
        "If you want people out of their cars during the rebuild, the 14 needs to run more often, not less.",
        "Rush hour on Canal Street is already a parking lot. Add every Mill Street car and it stops.",
    ),
    "process": (
        "The amendment was published on Friday evening and voted on Tuesday. That is not enough time to read it.",
        "The contingency line in this budget is thinner than anything I saw in eight years at City Hall.",
        "Forty speakers at the hearing and the vote came at 11:40 p.m. That's how you lose public trust.",
        "The grant deadline is real, but it was known for a year. The rush was a choice.",
        "Read page 14 of the amendment: the library cut is 'permanent unless restored by resolution'.",
    ),
    "sceptic": (
        "Bids on projects like this come in high. Watch this $14.2m become $18m by the second change order.",
        "I'll believe 22 months when I see it. The Route 9 overpass was promised in 14 and took 31.",
        "A footbridge that depends on bids coming in under budget is a footbridge that won't happen.",
        "The design contract alone went to the same firm as the last three. Did anyone else even bid?",
    ),
    "reporter": (),
    "visitor": (),
}

# Sentences that back a claim or carry an argument on, by stance.
SUPPORTS: dict[str, tuple[str, ...]] = {
    "library": (
        "The savings are about $290,000 a year, which is a rounding error in a budget this size.",
        "The Sunday hours are a gift from a private donor; they don't make up for losing Mondays.",
        "Job seekers use those computers on Monday mornings because that's when the agencies open.",
        "Once hours are cut, they are almost never restored. I have watched it happen twice.",
        "The evening hours are when students and shift workers come in. Closing at 6 kills that.",
        "There are other lines in that budget. The library just has the weakest lobby.",
        "Ask the branch staff how many people come in on a Monday. The numbers are public.",
    ),
    "cyclist": (
        "The Canal Street bridge has no shoulder and a steel grate deck that is lethal in the rain.",
        "A temporary footbridge was built for the Oak Avenue works in six weeks. It can be done.",
        "The protected lanes only matter if people are still riding by the time the bridge reopens.",
        "Put the footbridge in the base contract, not in a maybe-later clause.",
        "Most of the people who walk that bridge don't have another option.",
        "Adding 3 km each way on a bike in February is not a detail.",
    ),
    "engineer": (
        "Scour around old piers is invisible from the deck and it is usually what finishes these bridges.",
        "A patch would still leave the original reinforcement, which is where the cracking starts.",
        "The state grant only covers replacement, not repair, so the patch would be 100% local money.",
        "Building the new deck wider is cheap now and nearly impossible later.",
        "The inspection reports are online. Look at the photos of the east pier before deciding.",
        "Construction prices have gone up about 30% in four years, so waiting never saves money.",
    ),
    "business": (
        "We lost about a fifth of our trade during the water main works, and that was three months.",
        "Free parking on Mill Street during the closure would cost the city very little.",
        "The city could waive the sidewalk café permit fee for the street while it's closed.",
        "Signs at both ends saying 'Mill Street shops open' would be a start.",
        "We employ eleven people on this block. That should count for something in the plan.",
    ),
    "parent": (
        "Monday story time is the only one that fits around a working parent's week.",
        "The branch is the one place my kids can walk to on their own.",
        "If the Monday programmes move to Saturday, the families who work weekends lose out instead.",
        "The homework club at Harbor needs that Monday slot; the school library closes at 3:30.",
        "A safe bridge matters to my kids too. I just don't see why it has to be this trade.",
    ),
    "fiscal": (
        "The bridge was rated 'fair' ten years ago. Routine maintenance then would have cost a fraction.",
        "Using reserves now means the next emergency goes straight onto the tax bill.",
        "Interest on the borrowing alone is more than the library saving in most years.",
        "I'd have preferred a smaller deck without the extra width, and kept the library hours.",
        "This is what happens when maintenance is the first thing cut every budget year.",
        "Nobody on the council has explained why the parking fees couldn't cover the whole gap.",
    ),
    "oldtimer": (
        "Back then the whole town turned out for the ribbon cutting. It was a big deal.",
        "The river moves more than people think. It has eaten the east bank a metre in my lifetime.",
        "We managed without the bridge for four months in '87. Twenty-two is a different story.",
        "People forget the bridge was already rebuilt once, after the ice jam in '71.",
        "There used to be a footpath under the east arch. Kids would fish off it all summer.",
    ),
    "transit": (
        "A bus-only lane on Canal Street during the closure would keep the 14 close to on time.",
        "The draft network moves the 14 to every 10 minutes, which only helps if it's not stuck in traffic.",
        "Drivers were not consulted on the detour route, and some of those corners are tight for a bus.",
        "The detour skips two stops that serve the senior housing on River Road.",
    ),
    "process": (
        "The staff report even says the library cut was chosen 'for ease of implementation'.",
        "Council could have split the votes: the bridge one night, the library the next month.",
        "A public meeting on the construction plan should come before the contract, not after.",
        "There's a provision for a mid-project review. Ask your council member to make sure it happens.",
        "The minutes will be posted in two weeks. Check how each member explained their vote.",
    ),
    "sceptic": (
        "The contract should carry penalties for every week over schedule, and they should be real.",
        "The city never publishes the bid tabulations until after the award. It should.",
        "Contingency at 8% on a river job is optimistic. Everyone in the trade knows that.",
        "Ask who pays when they find something unexpected in the riverbed. It's always us.",
        "I'm not against the bridge. I'm against believing the first number.",
    ),
    "reporter": (
        "City staff say the detour estimate comes from traffic counts taken in October.",
        "The footbridge bids will be opened separately, so we will know its cost in February.",
        "The library board meets next Thursday and will discuss how the Monday programmes move.",
        "We've asked the city for the full inspection reports and will publish them when we get them.",
    ),
    "visitor": (),
}

AGREE_OPENERS = (
    "{name} is right about this.",
    "Agree with {name}.",
    "This is the point, {name}.",
    "Well put, {name}.",
    "Exactly what I was going to say, {name}.",
    "{name}, yes.",
    "Thank you for saying this, {name}.",
    "Seconding {name} here.",
)

DISAGREE_OPENERS = (
    "I see it differently, {name}.",
    "With respect, {name}, I don't think that's the whole picture.",
    "{name}, I hear you, but",
    "Not sure about that, {name}.",
    "That's one way to see it, {name}. Here's another:",
    "{name}, I'd push back a little.",
    "I understand the frustration, {name}, but",
    "Fair point, {name}, but",
)

QUESTIONS = (
    "Does anyone know whether the footbridge would be open at night?",
    "Has the city said what happens to the 14 bus stops on Mill Street?",
    "Where does the $310,000 a year figure come from? I can't find it in the amendment.",
    "Is there any chance the library hours come back once the loan is repaid?",
    "Did anyone at the hearing ask about emergency vehicles during the closure?",
    "Which council members voted no? The article names only one.",
    "Can someone explain why the state grant can't be extended?",
    "Will the Monday story time move to another day, or just stop?",
)

ANSWERS = (
    "It's in the staff report, section 4: the repayment schedule is in the appendix.",
    "According to the staff report, yes, but only until 10 p.m.",
    "The minutes say the fire department will station an engine on the east side for the closure.",
    "Greer, Osei and Lundgren voted no. It's on the council's video at about 3:10:00.",
    "The grant is tied to a federal programme year, so the state can't move the deadline.",
    "The library board meets Thursday to decide. Worth going if you care about it.",
    "I asked at the Eastside desk: they're hoping to move it to Tuesday mornings.",
    "Short answer: no. The amendment makes the new hours permanent unless the council votes again.",
)

ANSWER_FORMS = ("{name}: {answer}", "To answer {name}'s question: {answer}", "{answer}")

SHORT_REPLIES = (
    "This.",
    "Couldn't agree more.",
    "Good question. I'd like to know too.",
    "Thanks, that's useful.",
    "Same experience here.",
    "I hadn't thought of that.",
    "Fair enough.",
    "We'll see.",
    "Ha, we'll find out in June.",
    "Source?",
    "Thanks for the link, reading it now.",
    "Both can be true.",
)

CLOSERS = (
    "I'll be at the library board meeting on Thursday.",
    "Write to your council member; they do read it.",
    "Just my two cents.",
    "Happy to be proven wrong.",
    "We'll see in June.",
    "Rant over.",
    "I hope I'm wrong.",
    "Let's at least get the footbridge.",
    "Someone should ask this at the next meeting.",
)

# Lines from the story a reader quotes before answering.
QUOTES = (
    "balancing a bridge on the backs of library users",
    "buy us perhaps eight years",
    "if bids come in under budget",
    "adds 12 minutes at rush hour",
    "I would rather explain shorter library hours than a closed bridge with no plan.",
    "no jobs would be lost",
)

QUOTE_REACTIONS = (
    "That line says everything about how this was decided.",
    "This is the part I keep coming back to.",
    "I'd like to see the working behind that number.",
    "Honestly, this is the most reasonable thing anyone said that night.",
    "That is doing a lot of work in this article.",
)

# The reporter answers a few questions in the thread.
REPORTER_REPLIES = (
    "Thanks for reading, {name}. {support}",
    "Good question, {name}. {support}",
    "{name}, we're following this. {support}",
)
