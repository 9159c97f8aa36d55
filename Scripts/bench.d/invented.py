"""Invented people and words shared by the bench generators (generate-statements.py, generate-transcripts.py):
nobody real, nothing anyone said."""

FIRST = ["Ayaan", "Zoya", "Hamza", "Mehr", "Rafay", "Iqra", "Danish", "Noor", "Saad", "Hira", "Taha", "Laiba"]
LAST = ["Qadri", "Baig", "Jatoi", "Lodhi", "Warraich", "Niazi", "Paracha", "Soomro", "Kazmi", "Mirza"]
WORDS = ("relations between the two countries have rarely been this strained and the region expects a "
         "clearer policy on trade transit security cooperation with china russia and afghanistan while "
         "parliament debates the economic dependence that limits strategic choices for the next decade").split()


def people(rng, count=60, extra=None):
    """`count` people with distinct invented names, drawn from `rng`: (staff-NNN, name) tuples, each followed by
    what `extra(number, name)` returns (drawn from the same rng right after the name, so the sequence of draws is
    the generators' own)."""
    chosen, seen = [], set()
    while len(chosen) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        number = len(chosen) + 1
        chosen.append((f"staff-{number:03d}", name) + (tuple(extra(number, name)) if extra else ()))
    return chosen
