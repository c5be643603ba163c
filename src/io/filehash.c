/*
 * filehash.c: FNV-1a over a file's bytes. Not a defence against anyone
 * forging a file, only a cheap, stable fingerprint of "the same bytes".
 */
#include "dais/filehash.h"

#include <stdio.h>

#include "dais/fileread.h"
#include "dais/strmap.h"

uint64_t
filehash_bytes(const void *data, size_t len)
{
	return fnv1a(data, len);
}

bool
filehash_path(const char *path, uint64_t *out)
{
	unsigned char buf[65536];
	uint64_t h = FNV1A_OFFSET_BASIS;
	FILE *f = fileread_fopen(path, NULL);
	size_t n;

	*out = 0;
	if (f == NULL)
		return false;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = fnv1a_add(h, buf, n);
	if (ferror(f)) {
		fclose(f);
		return false;
	}
	fclose(f);
	*out = h;
	return true;
}
