#!/usr/bin/python3
"""check_frab.py: checks a frab schedule.xml written by `dais export --format
frab` against the programme it came from, read independently of dais by
check_export.py's Programme (python3-icalendar). The XML is read with
xml.etree, the guids recomputed with Python's own uuid.uuid5.

  check_frab.py PROGRAMME SCHEDULE.xml [--day DATE]

Checks: every public, not cancelled session (of the day) is there once and
nothing else, an all-day item once on each day it covers, from that day's
start to its end (frab has no all-day event; the first day's event has the
item's guid, a later day's that of urn:dais:event:UID/DATE); every event
starts within its day's start and end, where c3voc's schedule tools look
for it (get_day_from_time); its start (in UTC, through the offset written), duration,
local start, title, room, type and persons (chair and speakers in protocol
order) are right; each event sits in the day of its local start and in the
room element of its room; guids are the documented UUIDs; numeric ids are
distinct; no e-mail, telephone number or internal note is anywhere.
Exits 1 listing every failure.
"""
import argparse
import datetime
import os
import sys
import uuid
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_export as ce  # noqa: E402

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def text(el, name):
    child = el.find(name)
    return None if child is None else (child.text or "")


def speakers(prog, s):
    """Chair, then speakers, each in protocol order, as display names."""
    out = []
    for role in ("chair", "speaker"):
        entries = []
        for pid, r, cn in s["people"]:
            if r != role:
                continue
            who = prog.person(pid) or {}
            name = who.get("name") or cn or pid
            prec = int(who.get("precedence", "0") or 0)
            entries.append(((prec == 0, prec, name, pid), name))
        out += [e[1] for e in sorted(entries)]
    return out


def room_name(prog, s):
    room = prog.rooms.get(s["room"]) if s["room"] else None
    if room is not None:
        return room.get("name") or s["room"]
    return s["location"] or "To be announced"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("programme")
    ap.add_argument("file")
    ap.add_argument("--day", type=datetime.date.fromisoformat)
    args = ap.parse_args()
    prog = ce.Programme(args.programme)
    where = args.file
    with open(args.file, "rb") as f:
        raw = f.read()
    root = ET.fromstring(raw)
    if root.tag != "schedule":
        fail(where, f"root is <{root.tag}>, not <schedule>")
    conf = root.find("conference")
    if conf is None:
        fail(where, "no <conference>")
    else:
        if text(conf, "title") != prog.name:
            fail(where, f"conference title {text(conf, 'title')!r}")
        if text(conf, "time_zone_name") != prog.tzname:
            fail(where, "time_zone_name is not the conference's zone")
    acronym = text(conf, "acronym") if conf is not None else ""

    all_days = sorted(set(prog.days) | {
        s["start"].astimezone(prog.tz).date() for s in prog.select()})
    want = {s["export_uid"]: s for s in prog.select(args.day)
            if s["status"] != "CANCELLED"}
    # An all-day item's later days: "UID/DATE" for each exported day whose
    # midnight is before its end.
    for s in prog.select():
        if not s["all_day"] or s["status"] == "CANCELLED":
            continue
        for d in all_days:
            midnight = datetime.datetime.combine(d, datetime.time(), prog.tz)
            if d > s["start"].astimezone(prog.tz).date() and \
                    midnight < s["end"] and args.day in (None, d):
                want[f"{s['export_uid']}/{d.isoformat()}"] = s
    seen, ids = set(), set()
    for day in root.findall("day"):
        date = datetime.date.fromisoformat(day.get("date"))
        if int(day.get("index")) != all_days.index(date) + 1:
            fail(where, f"day {date} has index {day.get('index')}")
        day_start = datetime.datetime.fromisoformat(day.get("start"))
        day_end = datetime.datetime.fromisoformat(day.get("end"))
        for room in day.findall("room"):
            for ev in room.findall("event"):
                guid = ev.get("guid")
                match = [u for u in want
                         if str(uuid.uuid5(uuid.NAMESPACE_URL,
                                           "urn:dais:event:" + u)) == guid]
                if not match:
                    fail(where, f"event {guid} ({text(ev, 'title')!r}) "
                         "is no public session of the programme")
                    continue
                uid = match[0]
                s = want[uid]
                at = f"{where}: {uid}"
                if uid in seen:
                    fail(at, "appears twice")
                seen.add(uid)
                if ev.get("id") in ids:
                    fail(at, f"id {ev.get('id')} is not unique")
                ids.add(ev.get("id"))
                start = datetime.datetime.fromisoformat(text(ev, "date"))
                # An all-day item's event is its day's hours.
                s_start, s_end = (day_start, day_end) if s["all_day"] \
                    else (s["start"], s["end"])
                if start.utcoffset() is None or \
                        start.astimezone(ce.UTC) != s_start:
                    fail(at, f"date is {text(ev, 'date')}, want "
                         f"{s_start.astimezone(prog.tz).isoformat()}")
                if start.utcoffset() is not None and \
                        not day_start <= start < day_end:
                    fail(at, f"starts at {text(ev, 'date')}, outside its "
                         f"day's {day.get('start')} .. {day.get('end')}")
                local = s_start.astimezone(prog.tz)
                if local.date() != date:
                    fail(at, f"in day {date}, starts on {local.date()}")
                if text(ev, "start") != local.strftime("%H:%M"):
                    fail(at, f"start is {text(ev, 'start')}")
                minutes = int((s_end - s_start).total_seconds() // 60)
                if text(ev, "duration") != f"{minutes // 60:02d}:" \
                                           f"{minutes % 60:02d}":
                    fail(at, f"duration is {text(ev, 'duration')}")
                if text(ev, "title") != s["summary"]:
                    fail(at, f"title is {text(ev, 'title')!r}")
                rn = room_name(prog, s)
                if text(ev, "room") != rn or room.get("name") != rn:
                    fail(at, f"room is {text(ev, 'room')!r} in "
                         f"<room name={room.get('name')!r}>, want {rn!r}")
                if s["kind"] and text(ev, "type") != s["kind"][0].lower():
                    fail(at, f"type is {text(ev, 'type')!r}")
                if text(ev, "abstract") != s["description"]:
                    fail(at, "abstract is not the session's description")
                names = [p.text for p in ev.findall("persons/person")]
                if names != speakers(prog, s):
                    fail(at, f"persons {names}, want {speakers(prog, s)}")
                for p in ev.findall("persons/person"):
                    pid = next((i for i, _, cn in s["people"]
                                if (prog.person(i) or {}).get("name", cn)
                                == p.text), None)
                    key = pid if pid else "cn:" + p.text
                    g = str(uuid.uuid5(uuid.NAMESPACE_URL,
                                       f"urn:dais:person:{acronym}:{key}"))
                    if p.get("guid") != g:
                        fail(at, f"person {p.text!r} has guid "
                             f"{p.get('guid')}, want {g}")
    for uid in sorted(set(want) - seen):
        fail(where, f"{uid} ({want[uid]['summary']!r}) is missing")

    body = raw.decode("utf-8")
    for label, value in prog.private_strings():
        if value in body:
            fail(where, f"leaks {label} {value!r}")
    for s in prog.sessions:
        if s["notes"] and s["notes"] in body:
            fail(where, f"leaks the internal note of {s['uid']}")
        if s["closed"] and s["summary"] in body:
            fail(where, f"shows the closed meeting {s['uid']}")
    print(f"{where}: {len(seen)} events in {len(root.findall('day'))} days")
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
