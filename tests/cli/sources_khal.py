#!/usr/bin/python3
"""sources_khal.py EXPORT.ics KHAL.txt: every event of dais's export has the
times khal shows for the same vdir, in UTC.

KHAL.txt is `khal list --format "{uid} {start} {end} {title}"` run with UTC
as khal's zone: timed events as "UID YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM
TITLE", all-day ones as "UID YYYY-MM-DD YYYY-MM-DD TITLE" (last day
inclusive), an event listed once per day it covers. Exits 1 naming each
difference."""
import datetime
import re
import sys

import icalendar

UTC = datetime.timezone.utc


def from_khal(path):
    timed = re.compile(r"^(\S+) (\d{4}-\d\d-\d\d \d\d:\d\d) "
                       r"(\d{4}-\d\d-\d\d \d\d:\d\d) ")
    dated = re.compile(r"^(\S+) (\d{4}-\d\d-\d\d) (\d{4}-\d\d-\d\d) ")
    seen = {}
    for line in open(path, encoding="utf-8"):
        m = timed.match(line) or dated.match(line)
        if m:
            seen[m.group(1)] = (m.group(2), m.group(3))
    return seen


def from_dais(path):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    seen = {}
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        if isinstance(start, datetime.datetime):
            fmt = "%Y-%m-%d %H:%M"
            seen[str(ev["UID"])] = (start.astimezone(UTC).strftime(fmt),
                                    end.astimezone(UTC).strftime(fmt))
        else:  # khal shows an all-day item's last day, not the day after
            last = end - datetime.timedelta(days=1)
            seen[str(ev["UID"])] = (start.isoformat(), last.isoformat())
    return seen


def main():
    khal, dais = from_khal(sys.argv[2]), from_dais(sys.argv[1])
    bad = 0
    for uid in sorted(set(khal) | set(dais)):
        if khal.get(uid) != dais.get(uid):
            print(f"{uid}: khal {khal.get(uid)}, dais {dais.get(uid)}")
            bad = 1
    print(f"{len(khal)} events in khal, {len(dais)} in dais's export")
    return bad


sys.exit(main())
