#!/usr/bin/env python3
"""icsedit.py: change one session of a dais .ics file as an organiser's
editor would, for the CalDAV tests.

    icsedit.py FILE UID set NAME VALUE   replace property NAME's line(s)
    icsedit.py FILE UID add LINE         add a property line
    icsedit.py FILE UID delete           remove the session's VEVENTs
The text is handled line by line (folded lines joined first) so the rest
of the file stays as it was.
"""
import sys

def main():
    path, uid, op = sys.argv[1:4]
    raw = open(path, newline="").read()
    nl = "\r\n" if "\r\n" in raw else "\n"
    lines = []
    for line in raw.split(nl):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    out, event, found = [], None, False
    for line in lines:
        if line == "BEGIN:VEVENT":
            event = [line]
            continue
        if event is not None:
            event.append(line)
            if line == "END:VEVENT":
                if ("UID:" + uid) in event:
                    found = True
                    if op == "delete":
                        event = None
                        continue
                    if op == "set":
                        name, value = sys.argv[4], sys.argv[5]
                        event = [l for l in event if not (
                            l.split(":")[0].split(";")[0] == name)]
                        event.insert(-1, name + value if value[:1] in (";", ":") else name + ":" + value)
                    elif op == "add":
                        event.insert(-1, sys.argv[4])
                out.extend(event)
                event = None
            continue
        out.append(line)
    if not found:
        sys.exit("icsedit: no session " + uid + " in " + path)
    open(path, "w", newline="").write(nl.join(out))

main()
