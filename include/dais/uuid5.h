/*
 * uuid5.h: name-based UUIDs (RFC 9562, version 5: SHA-1 of a namespace and
 * a name), so that an exported event, room or person keeps the same guid in
 * every export without dais having to remember one: the same name always
 * gives the same UUID, and anyone can recompute it (Python's uuid.uuid5).
 */
#ifndef DAIS_UUID5_H
#define DAIS_UUID5_H

#include <stddef.h>
#include <stdint.h>

#define UUID5_TEXT_LEN 37 /* 36 characters and the NUL */

/* RFC 9562's URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
extern const uint8_t uuid5_namespace_url[16];

/*
 * The version-5 UUID of `name` in `ns`, as lowercase text
 * ("xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx") into out, which it returns; the
 * 16 bytes are also stored in bytes when it is not NULL.
 */
char *uuid5_text(char out[UUID5_TEXT_LEN], const uint8_t ns[16],
                 const char *name, uint8_t bytes[16]);

/* SHA-1 (FIPS 180-4) of len bytes into digest. */
void uuid5_sha1(const void *data, size_t len, uint8_t digest[20]);

#endif
