/*
 * test_filehash.c: a fingerprint taken piece by piece while a file is read
 * (filehash_stream) is the one filehash_bytes and filehash_path give for
 * the same bytes, however the pieces fall, so a reader that hashes what it
 * reads agrees with the saver that hashes the file on disk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dais/filehash.h"

/* Bytes that are not all alike, over XXH3's 240-byte and stripe edges. */
static unsigned char *
some_bytes(size_t n)
{
	unsigned char *b = malloc(n + 1);
	uint32_t x = 12345;
	size_t i;

	assert_non_null(b);
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (unsigned char)(x >> 24);
	}
	return b;
}

static void
test_pieces_give_the_whole_hash(void **state)
{
	static const size_t sizes[] = {0,   1,   16,   17,    128,   129,
	                               240, 241, 1024, 65536, 100003};
	static const size_t steps[] = {1, 3, 64, 255, 4096, 65536};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *b = some_bytes(sizes[i]);
		uint64_t whole = filehash_bytes(b, sizes[i]);

		for (j = 0; j < sizeof steps / sizeof *steps; j++) {
			struct filehash_stream *h = filehash_stream_new();
			size_t at = 0;

			while (at < sizes[i]) {
				size_t n = sizes[i] - at < steps[j]
				               ? sizes[i] - at
				               : steps[j];

				filehash_stream_add(h, b + at, n);
				at += n;
			}
			assert_int_equal(filehash_stream_end(h), whole);
		}
		free(b);
	}
}

static void
test_stream_agrees_with_the_file(void **state)
{
	char path[] = "/tmp/dais-filehash-XXXXXX";
	unsigned char *b = some_bytes(200000);
	struct filehash_stream *h = filehash_stream_new();
	uint64_t on_disk;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b, 200000), 200000);
	close(fd);
	assert_true(filehash_path(path, &on_disk));
	filehash_stream_add(h, b, 70000);
	filehash_stream_add(h, b + 70000, 130000);
	assert_int_equal(filehash_stream_end(h), on_disk);
	/* One byte changed is another fingerprint. */
	b[199999] ^= 1;
	assert_int_not_equal(filehash_bytes(b, 200000), on_disk);
	unlink(path);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pieces_give_the_whole_hash),
	    cmocka_unit_test(test_stream_agrees_with_the_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
