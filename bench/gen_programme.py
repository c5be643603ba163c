#!/usr/bin/env python3
"""Deterministic generator of large dais programmes for benchmarks.

    gen_programme.py OUTDIR --sessions N [--rooms R] [--people P]
                     [--buildings B] [--overlaps K] [--seed S]

Writes OUTDIR/conference.ini, venues.ini, participants.ini and
programme/sessions.ics: N sessions over the two conference days (and as
many more days as needed so rooms are not over-full), R rooms in B
buildings (default 1), P participants (ministers in delegations), and K planted room double
bookings. The same arguments always give the same bytes.
"""
import argparse
import os
import random
import datetime

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--sessions", type=int, required=True)
    ap.add_argument("--rooms", type=int, default=0)
    ap.add_argument("--people", type=int, default=0)
    ap.add_argument("--buildings", type=int, default=1)
    ap.add_argument("--overlaps", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    n = a.sessions
    # 8 one-hour slots a day; enough rooms that two days hold everything.
    # Registries stay conference-sized (iniparser looks keys up linearly,
    # so its load time grows with the square of the keys); the days grow.
    rooms = a.rooms or min(200, max(4, (n + 15) // 16))
    slots_per_day = 8
    days_needed = max(2, -(-n // (rooms * slots_per_day)))
    people = a.people or min(600, max(20, n // 4))
    first = datetime.date(2026, 11, 4)
    days = [first + datetime.timedelta(d) for d in range(days_needed)]
    os.makedirs(os.path.join(a.outdir, "programme"), exist_ok=True)

    with open(os.path.join(a.outdir, "conference.ini"), "w") as f:
        f.write('[conference]\nname = "Benchmark %d sessions"\n' % n)
        f.write('timezone = "Asia/Kuwait"\n')
        f.write('days = "%s"\n' % ", ".join(d.isoformat() for d in days))
        f.write('day-start = "08:00"\nday-end = "22:00"\nchangeover = 0\n')
        f.write('files = "programme/sessions.ics"\n')

    with open(os.path.join(a.outdir, "venues.ini"), "w") as f:
        # One building keeps the ids of the first generator ("main").
        bids = (["main"] if a.buildings <= 1 else
                ["b%d" % b for b in range(a.buildings)])
        for i, b in enumerate(bids):
            f.write('[building.%s]\nname = "%s"\n'
                    % (b, "Main" if b == "main" else "Building " + b))
            # A walk to each later building, 2 to 8 minutes: under the
            # 10 minutes between sessions, so walks plant no conflict.
            for j in range(i + 1, len(bids)):
                f.write('walk.%s = %d\n' % (bids[j], 1 + (j - i)))
            f.write('\n')
        for r in range(rooms):
            f.write('[room.r%d]\nname = "Room %d"\nbuilding = "%s"\n'
                    'capacity = 500\nlanguages = "ar, en, ru"\n\n'
                    % (r, r, bids[r % len(bids)]))

    delegations = max(1, people // 10)
    with open(os.path.join(a.outdir, "participants.ini"), "w") as f:
        for d in range(delegations):
            f.write('[d%d]\nname = "Delegation %d"\nkind = "delegation"\n\n'
                    % (d, d))
        for p in range(people):
            f.write('[p%d]\nname = "Minister %d"\nkind = "minister"\n'
                    'delegation = "d%d"\nprecedence = %d\n\n'
                    % (p, p, p % delegations, p + 1))

    # Each (day, slot, room) cell holds one session; a person is placed at
    # most once per slot so the only conflicts are the planted ones.
    cells = [(d, s, r) for d in range(len(days))
             for s in range(slots_per_day) for r in range(rooms)]
    cells = cells[:n]
    planted = set(rng.sample(range(1, len(cells)), min(a.overlaps, len(cells) - 1)))
    busy = {}
    out = ["BEGIN:VCALENDAR", "VERSION:2.0",
           "PRODID:-//dais//bench generator//EN"]
    for i, (d, s, r) in enumerate(cells):
        start = datetime.datetime.combine(days[d], datetime.time(9 + s, 0))
        if i in planted:
            # Same room as the previous session, half an hour later.
            d, s, r = cells[i - 1]
            start = datetime.datetime.combine(days[d], datetime.time(9 + s, 30))
        end = start + datetime.timedelta(minutes=50)
        out += ["BEGIN:VEVENT",
                "UID:bench-%d@dais" % i,
                "DTSTAMP:20261001T000000Z",
                "SUMMARY:Session %d on border security cooperation" % i,
                "DESCRIPTION:Generated session %d." % i,
                "DTSTART;TZID=Asia/Kuwait:" + start.strftime("%Y%m%dT%H%M%S"),
                "DTEND;TZID=Asia/Kuwait:" + end.strftime("%Y%m%dT%H%M%S"),
                "LOCATION:Room %d" % r,
                "X-DAIS-ROOM:r%d" % r,
                "CATEGORIES:SIDE-SESSION",
                "STATUS:CONFIRMED",
                "SEQUENCE:0",
                "X-DAIS-EXPECTED:%d" % rng.randint(20, 400)]
        key = (d, s)
        taken = busy.setdefault(key, set())
        for k in range(3):
            p = rng.randrange(people)
            if p in taken or i in planted:
                continue
            taken.add(p)
            role = "CHAIR" if k == 0 else "REQ-PARTICIPANT"
            out.append("ATTENDEE;CN=Minister %d;ROLE=%s;CUTYPE=INDIVIDUAL;"
                       "X-DAIS-ID=p%d:urn:x-dais:p%d" % (p, role, p, p))
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    with open(os.path.join(a.outdir, "programme", "sessions.ics"), "w",
              newline="") as f:
        f.write("\r\n".join(out) + "\r\n")

if __name__ == "__main__":
    main()
