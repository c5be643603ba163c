/*
 * uid.h: UIDs for sessions made in dais: "dais-<32 random hex digits>@D",
 * where D is the programme's own UID domain, so that a new session looks
 * like the sessions beside it in the file (and in the calendars that
 * receive it) rather than naming the machine it was made on.
 */
#ifndef DAIS_UID_H
#define DAIS_UID_H

#include "dais/edit.h"
#include "dais/model.h"

/*
 * The domain most of p's sessions' UIDs use (the text after their last
 * '@': letters, digits, dots and dashes), the first in byte order on a
 * tie; this machine's name when no session has one; "dais" when the
 * machine has none either. The caller frees it.
 */
char *uid_domain_of(const struct programme *p);

/*
 * Gives the editor a UID maker (editor_set_uid_maker) with p's domain as
 * it is now, and random bytes from the system (getrandom, or the clock
 * when there is no entropy source). The editor frees it.
 */
void uid_maker_attach(struct editor *ed, const struct programme *p);

#endif
