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

/*
 * The same XXH3 of bytes handed over piece by piece, in order: for a
 * reader that fingerprints what it reads instead of reading the file a
 * second time (filehash_path read the 6 MB of a 10 000-session programme
 * again before the loader parsed it). _new aborts when memory is short;
 * _end gives filehash_bytes of all the pieces together and frees h.
 */
struct filehash_stream;
struct filehash_stream *filehash_stream_new(void);
void filehash_stream_add(struct filehash_stream *h, const void *data,
                         size_t len);
uint64_t filehash_stream_end(struct filehash_stream *h);

/* FNV-1a, the fingerprint before XXH3: for journals of format 1 to 3. */
uint64_t filehash_bytes_fnv(const void *data, size_t len);
bool filehash_path_fnv(const char *path, uint64_t *out);

#endif
