/*
 * filehash.h: a file's content as one number (FNV-1a, 64 bits), so that a
 * save can tell that somebody else changed a file since dais read it, even
 * when the change kept its size and modification time.
 */
#ifndef DAIS_FILEHASH_H
#define DAIS_FILEHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

uint64_t filehash_bytes(const void *data, size_t len);
/* False when the file cannot be read (then *out is 0). */
bool filehash_path(const char *path, uint64_t *out);

#endif
