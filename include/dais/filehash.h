/*
 * filehash.h: a file's content as one number (XXH3, 64 bits), so that a
 * save can tell that somebody else changed a file since dais read it, even
 * when the change kept its size and modification time. The recovery
 * journal writes these; a journal of format 3 or older holds FNV-1a
 * fingerprints, which the _fnv variants compute (journal_format.h).
 */
#ifndef DAIS_FILEHASH_H
#define DAIS_FILEHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

uint64_t filehash_bytes(const void *data, size_t len);
/* False when the file cannot be read (then *out is 0). */
bool filehash_path(const char *path, uint64_t *out);

/* FNV-1a, the fingerprint before XXH3: for journals of format 1 to 3. */
uint64_t filehash_bytes_fnv(const void *data, size_t len);
bool filehash_path_fnv(const char *path, uint64_t *out);

#endif
