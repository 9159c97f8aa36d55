#!/usr/bin/env python3
"""Deterministic synthetic statements for the import benchmark: invented people, invented text."""
import random
import sys

import invented

n, participants_path, statements_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(2018)
words = invented.WORDS


def contacts(i, name):
    email = f"{name.lower().replace(' ', '.')}{i}@example.org"
    return email, f"+92 3{rng.randrange(10)}{rng.randrange(10)} {rng.randrange(1000000, 9999999)}"


people = invented.people(rng, extra=contacts)
with open(participants_path, "w", newline="") as out:
    out.write("participant,name,email,phone,constituency\n")
    for pid, name, email, phone in people:
        out.write(f"{pid},{name},{email},{phone},academic\n")
seqs = [0] * len(people)
with open(statements_path + ".tmp", "w", newline="") as out:
    out.write("participant,text,question,source,seq\n")
    buffer = []
    for _ in range(n):
        p = rng.randrange(len(people))
        seqs[p] += 1
        target = rng.randrange(200, 601)
        parts = []
        length = 0
        while length < target:
            r = rng.random()
            if r < 0.01:
                w = people[rng.randrange(len(people))][1]
            elif r < 0.013:
                w = people[rng.randrange(len(people))][2]
            elif r < 0.015:
                w = "0300-" + str(rng.randrange(1000000, 9999999))
            else:
                w = rng.choice(words)
            parts.append(w)
            length += len(w) + 1
        text = " ".join(parts)[:target].rstrip() + "."
        buffer.append(f'{people[p][0]},"{text}",Q{rng.randrange(1, 9)},interview 2017,{seqs[p]}\n')
        if len(buffer) >= 100000:
            out.write("".join(buffer))
            buffer = []
    out.write("".join(buffer))
import os
os.replace(statements_path + ".tmp", statements_path)
