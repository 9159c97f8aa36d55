#!/usr/bin/env python3
"""Deterministic synthetic transcripts for `Scripts/bench transcripts`: N one-to-one interviews of about W words
each (.txt, .md, .vtt, .srt in turn), the participants file, a speaker map, and the same statements as a CSV
(id, participant, question, source, text), so both imports store the same rows. Invented people, invented text."""
import os
import random
import sys

import invented

n, words_each, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(2018)
vocabulary = invented.WORDS
people = invented.people(rng)
os.makedirs(os.path.join(folder, "transcripts"), exist_ok=True)
with open(os.path.join(folder, "participants.csv"), "w") as out:
    out.write("participant,name\n")
    for pid, name in people:
        out.write(f"{pid},{name}\n")


def sentence_words(count):
    return " ".join(rng.choice(vocabulary) for _ in range(count)).capitalize() + "."


def stamp(seconds, comma=False):
    ms = "," if comma else "."
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{ms}000"


def csv_field(s):
    return '"' + s.replace('"', '""') + '"'


formats = ["txt", "md", "vtt", "srt"]
with open(os.path.join(folder, "statements.csv"), "w") as statements:
    statements.write("id,participant,question,source,text\n")
    for t in range(1, n + 1):
        pid, name = people[rng.randrange(len(people))]
        fmt = formats[t % len(formats)]
        base = f"t{t:04d}"
        lines = ["WEBVTT", ""] if fmt == "vtt" else []
        written = 0
        number = 0
        seconds = 0
        cue = 0
        line = len(lines) + 1
        while written < words_each:
            question = sentence_words(rng.randrange(8, 20))[:-1] + "?"
            answer = " ".join(sentence_words(rng.randrange(10, 25)) for _ in range(rng.randrange(4, 12)))
            written += len(question.split()) + len(answer.split())
            number += 1
            for speaker, text in (("Interviewer", question), (name, answer)):
                if fmt in ("txt", "md"):
                    label = f"**{speaker}:**" if fmt == "md" else f"{speaker}:"
                    lines += [f"{label} {text}", ""]
                    where = line
                    line += 2
                else:
                    cue += 1
                    comma = fmt == "srt"
                    if comma:
                        lines.append(str(cue))
                    lines.append(f"{stamp(seconds, comma)} --> {stamp(seconds + 5, comma)}")
                    lines.append(f"<v {speaker}>{text}" if fmt == "vtt" else f"{speaker}: {text}")
                    lines.append("")
                    where = stamp(seconds)[:8]
                    line += 4 if comma else 3
                    seconds += 7
            source = f"{base}.{fmt}:{where}" if fmt in ("txt", "md") else f"{base}.{fmt} {where}"
            statements.write(f"{base}-{number:03d},{pid},{csv_field(question)},{csv_field(source)},{csv_field(answer)}\n")
        with open(os.path.join(folder, "transcripts", f"{base}.{fmt}"), "w") as out:
            out.write("\n".join(lines) + "\n")
