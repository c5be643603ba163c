/*
 * fileread.h: opening and reading the files dais loads, regular files only.
 * A FIFO, a device (/dev/zero, a terminal), a directory or a socket named
 * where a programme file should be would hang a read or never end, so the
 * open never blocks and anything but a regular file is refused with a
 * sentence that says what it is. Every programme file (conference.ini,
 * the registries, the .ics files) and every file dais reads back (journal,
 * saved files) is opened here.
 */
#ifndef DAIS_FILEREAD_H
#define DAIS_FILEREAD_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Opens path for reading (blocking, close-on-exec) if it is a regular
 * file. On failure returns -1 with errno set (ENOENT, EACCES...; EINVAL
 * for a file that is not regular, EISDIR for a directory) and, when why
 * is not NULL, *why an owned clause such as "No such file or directory" or
 * "it is a FIFO (named pipe), not a regular file".
 */
int fileread_open(const char *path, char **why);
/* The same, as a stdio stream ("rb"). */
FILE *fileread_fopen(const char *path, char **why);
/*
 * The whole file, NUL-terminated, in an owned buffer; *len gets its length
 * without the NUL. A file over max bytes (max 0: no limit) is refused
 * (errno EFBIG). NULL on failure, as fileread_open.
 */
char *fileread_all(const char *path, size_t max, size_t *len, char **why);
/* What a file of this st_mode is, for a message: "a FIFO (named pipe)". */
const char *fileread_kind(mode_t mode);

#endif
