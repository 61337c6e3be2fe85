"""The demo paper and its stories. Every word is invented for the demo, as are the people."""

from __future__ import annotations

from dataclasses import dataclass

SITE_SLUG = "gazette"
SITE_NAME = "The Riverside Gazette"
SITE_URL = "https://gazette.example.org/"

BRIDGE_IMAGE_NAME = "demo/mill-street-bridge.png"


@dataclass(frozen=True)
class StorySpec:
    slug: str
    title: str
    standfirst: str
    # Markdown with {image_url} and {library_url} filled in when loaded; empty: not hosted.
    body: str = ""
    url: str = ""
    author_name: str = ""
    by_reporter: bool = False
    is_open: bool = True
    days_ago: float = 1.0
    # How many comments a small thread gets (the main story's thread is planned separately).
    small_thread: int = 0


MAIN = StorySpec(
    slug="mill-street-bridge-rebuild",
    title="Council backs $14.2m Mill Street Bridge rebuild, trims library hours to help pay",
    standfirst=(
        "The 1958 crossing will close for about 22 months from June. Two library branches lose "
        "their Monday hours to cover the city's share of the loan."
    ),
    by_reporter=True,
    days_ago=3.2,
    body="""\
Riverside's city council voted 6–3 on Tuesday night to rebuild the Mill Street Bridge, ending
two years of debate over a crossing that engineers have rated "poor" at its last two inspections.

To cover the city's share of the cost, the council also approved shorter hours at the public
library: the Eastside and Harbor branches will close on Mondays from April, and the main library
will close at 6 p.m. instead of 8 p.m. on weekdays.

![The Mill Street Bridge at dusk, seen from the east bank](/media/{image_name} "The Mill Street Bridge opened in 1958. Its load limit was cut to 10 tonnes last year. Illustration: Riverside Gazette")

## What the council approved

The rebuild replaces the three-arch deck and both piers and widens the crossing to carry a
protected bike lane in each direction. City engineer Dev Sharma told the council that patching
the existing deck would cost about $5 million and "buy us perhaps eight years".

> "We can pay for this bridge once, now, or we can pay for it twice and still lose it. I would
> rather explain shorter library hours than a closed bridge with no plan."
>
> — Council member Alicia Fernández, who voted in favour

## Who pays

The project is budgeted at **$14.2 million**:

- $6.8 million from a state bridge grant, which lapses if work has not started by next autumn;
- $3.1 million from the city's capital reserve;
- $4.3 million borrowed over 20 years, costing about $310,000 a year to repay.

The library cuts save roughly $290,000 a year. The remaining gap comes from a parking fee
increase downtown. The full amendment is on the [city's budget page](https://example.org/riverside/budget-amendment).

## What changes for the library

Library director Naomi Patel said no jobs would be lost: staff will move to weekend shifts, and
the council separately funded [Sunday opening at the main library](/{site_slug}/{library_slug}/)
from a private gift.

> "Monday is when our after-school crowd is biggest at Harbor. We will find another way to reach
> those kids, but I won't pretend this costs nothing."

Council member Rob Greer, who voted against, said the city was "balancing a bridge on the backs
of library users" and asked staff to look again at the contingency budget.

## Getting across during construction

The bridge closes to all traffic in **June** for about 22 months. Drivers will be sent over the
Canal Street bridge, which the city estimates adds 12 minutes at rush hour. A temporary footbridge
for people walking and cycling is planned, but only "if bids come in under budget".

### What happens next

1. Bids open in February; the council must approve the winning contract in March.
2. New library hours start on April 1.
3. The bridge closes on June 2, if the contract is signed on time.

*Do you cross the Mill Street Bridge every day? Tell us how the closure will change your
routine in the comments below.*
""",
)

LIBRARY = StorySpec(
    slug="main-library-sunday-opening",
    title="Main library to open on Sundays again, thanks to a retired teacher's gift",
    standfirst="A $1.2 million bequest pays for Sunday hours for the next ten years.",
    by_reporter=True,
    days_ago=4.5,
    small_thread=14,
    body="""\
The main library on Court Square will open from noon to 5 p.m. on Sundays from March, for the
first time since 2011.

The hours are paid for by a bequest from **Eleanor Marsh**, who taught English at Riverside High
for 34 years and left $1.2 million to the library "for the hours when working people are free".

## Why Sundays

Library surveys found Sunday was the day most requested by people who work weekdays. The gift
covers staff and heating for ten years; after that, the council would have to decide whether to
keep the hours.

> "She used to say a library that closes when people are off work is a library for someone else."
>
> — Naomi Patel, library director
""",
)

LETTERS = StorySpec(
    slug="letters-the-bridge-vote-was-rushed",
    title="Letters: The bridge vote was rushed",
    standfirst="Readers write about the Mill Street Bridge and the library hours.",
    author_name="Letters to the editor",
    is_open=False,
    days_ago=1.4,
    small_thread=9,
    body="""\
**The council had months to find another way.** Forty people spoke at the hearing and most of
them asked for the library to be left alone. The vote came at 11:40 p.m., after most of them had
gone home. — *R. Delgado, Eastside*

**Finally, a decision.** I have driven a school bus over that bridge for nine years with my heart
in my mouth. Shorter library hours are a price; a collapse would be a catastrophe.
— *P. Nakamura, Harbor*

*Comments on letters close after 24 hours.*
""",
)

TRANSIT = StorySpec(
    slug="regional-bus-network-draft",
    title="Regional transit authority publishes draft bus network",
    standfirst=(
        "Route 14 would run every 10 minutes and detour over the Canal Street bridge while Mill "
        "Street is closed."
    ),
    url="https://example.org/transit/draft-network-2026",
    author_name="Valley Transit Authority",
    days_ago=0.8,
    small_thread=11,
)

STORIES = (MAIN, LIBRARY, LETTERS, TRANSIT)
